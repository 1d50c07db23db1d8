"use server";
// The weekly log audit: sign a week off.
import { revalidatePath } from "next/cache";
import { signOffWeeklyAuditSchema } from "@/lib/schemas/weekly-audit";
import { action } from "@/lib/server/action";
import { signOffWeeklyAudit } from "@/lib/server/weekly-audit/sign-off-weekly-audit";

export const signOffWeeklyAuditAction = action(signOffWeeklyAuditSchema, async (input) => {
  const signed = await signOffWeeklyAudit(input);
  revalidatePath(`/audit/weekly/${signed.week}`);
  revalidatePath("/audit/weekly");
  return signed;
});

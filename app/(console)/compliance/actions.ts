"use server";
// The compliance calendar: record a recurring task done with its evidence, or not applicable with why.
import { revalidatePath } from "next/cache";
import { completeComplianceTaskSchema, skipComplianceTaskSchema } from "@/lib/schemas/compliance";
import { action } from "@/lib/server/action";
import { completeComplianceTask, skipComplianceTask } from "@/lib/server/compliance/complete-compliance-task";

const refreshed = () => {
  revalidatePath("/compliance");
  revalidatePath("/");
};

export const completeComplianceTaskAction = action(completeComplianceTaskSchema, async (input) => {
  const result = await completeComplianceTask(input);
  refreshed();
  return result;
});

export const skipComplianceTaskAction = action(skipComplianceTaskSchema, async (input) => {
  const result = await skipComplianceTask(input);
  refreshed();
  return result;
});

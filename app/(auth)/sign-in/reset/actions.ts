"use server";
// Password reset: ask for a link by OCN ID, then set a new password through the link.
import { redirect } from "next/navigation";
import { requestPasswordResetSchema } from "@/lib/schemas/recovery";
import { formInput } from "@/lib/server/action";
import { clientWithCountry } from "@/lib/server/authorize";
import { requestPasswordReset } from "@/lib/server/recovery/request-password-reset";
import { resetPassword } from "@/lib/server/recovery/reset-password";
import { newPasswordSchema } from "@/lib/server/sign-in/change-expired-password";

export type RecoveryState = { sent?: boolean; error?: string; problems?: { code: string; min?: number; max?: number; depth?: number }[] } | null;

export async function requestPasswordResetAction(_previous: RecoveryState, input: FormData): Promise<RecoveryState> {
  const form = formInput(input);
  const parsed = requestPasswordResetSchema.safeParse({ loginId: form.get("loginId") ?? "" });
  if (!parsed.success) return { error: "required" };
  try {
    await requestPasswordReset(parsed.data, await clientWithCountry());
  } catch (e) {
    console.error("password reset request failed", e);
    return { error: "unavailable" };
  }
  return { sent: true };
}

export async function resetPasswordAction(_previous: RecoveryState, input: FormData): Promise<RecoveryState> {
  const form = formInput(input);
  const parsed = newPasswordSchema.safeParse({ password: form.get("password") ?? "", confirm: form.get("confirm") ?? "" });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message === "mismatch" ? "mismatch" : "required" };
  let result: Awaited<ReturnType<typeof resetPassword>>;
  try {
    result = await resetPassword(String(form.get("token") ?? ""), parsed.data, await clientWithCountry());
  } catch (e) {
    console.error("password reset failed", e);
    return { error: "unavailable" };
  }
  if (!result.ok && "expired" in result) return { error: "linkExpired" };
  if (!result.ok) return { error: "weakPassword", problems: result.problems };
  redirect("/sign-in?reset=1");
}

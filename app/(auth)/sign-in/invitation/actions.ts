"use server";
// An invited person sets their first password through the mailed link, then signs in and enrols the second factor.
import { redirect } from "next/navigation";
import { formInput } from "@/lib/server/action";
import { clientWithCountry } from "@/lib/server/authorize";
import { acceptInvitation } from "@/lib/server/accounts/accept-invitation";
import { newPasswordSchema } from "@/lib/server/sign-in/change-expired-password";
import type { RecoveryState } from "../reset/actions";

export async function acceptInvitationAction(_previous: RecoveryState, input: FormData): Promise<RecoveryState> {
  const form = formInput(input);
  const parsed = newPasswordSchema.safeParse({ password: form.get("password") ?? "", confirm: form.get("confirm") ?? "" });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message === "mismatch" ? "mismatch" : "required" };
  let result: Awaited<ReturnType<typeof acceptInvitation>>;
  try {
    result = await acceptInvitation(String(form.get("token") ?? ""), parsed.data, await clientWithCountry());
  } catch (e) {
    console.error("invitation acceptance failed", e);
    return { error: "unavailable" };
  }
  if (!result.ok && "expired" in result) return { error: "invitationExpired" };
  if (!result.ok) return { error: "weakPassword", problems: result.problems };
  redirect("/sign-in?invited=1");
}

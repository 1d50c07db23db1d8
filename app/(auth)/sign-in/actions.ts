"use server";
// POST of the sign-in form: the one sign-in pipeline, then the session cookie.
import { redirect } from "next/navigation";
import { safeCallbackUrl, signInSchema } from "@/lib/schemas/auth";
import { clientContext } from "@/lib/server/authorize";
import { setSessionCookie } from "@/lib/server/session";
import { signIn } from "@/lib/server/sign-in/sign-in";

export type SignInState = { error: "failed" | "required" | "unavailable"; loginId: string } | null;

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse({
    loginId: form.get("loginId") ?? "",
    password: form.get("password") ?? "",
    callbackUrl: form.get("callbackUrl") ?? undefined,
  });
  const typed = String(form.get("loginId") ?? "").slice(0, 254);
  if (!parsed.success) return { error: "required", loginId: typed };
  let result;
  try {
    result = await signIn(parsed.data, await clientContext());
  } catch (e) {
    console.error("sign-in failed", e);
    return { error: "unavailable", loginId: typed };
  }
  if (!result.ok) return { error: "failed", loginId: typed };
  await setSessionCookie({ sid: result.sessionId, sub: result.accountId });
  redirect(safeCallbackUrl(parsed.data.callbackUrl));
}

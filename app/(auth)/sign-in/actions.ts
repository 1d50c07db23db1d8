"use server";
// The sign-in steps' form posts: password, second factor, first-time enrolment, forced password change.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { safeCallbackUrl, signInSchema } from "@/lib/schemas/auth";
import { formInput } from "@/lib/server/action";
import { clientWithCountry } from "@/lib/server/authorize";
import { setSessionCookie } from "@/lib/server/session";
import { CHALLENGE_COOKIE, CHALLENGE_COOKIE_OPTIONS, NEXT_COOKIE, SHOWING_BACKUP_CODES_COOKIE, STEP_PATH, challengeToken } from "@/lib/server/sign-in/challenge-cookie";
import { changeExpiredPassword, newPasswordSchema } from "@/lib/server/sign-in/change-expired-password";
import { enrollSecondFactor } from "@/lib/server/sign-in/enroll-second-factor";
import type { SignInOutcome } from "@/lib/server/sign-in/finish-sign-in";
import { signIn } from "@/lib/server/sign-in/sign-in";
import { secondFactorSchema, verifySecondFactor } from "@/lib/server/sign-in/verify-second-factor";


export type SignInState = { error: string; loginId?: string; problems?: { code: string; min?: number; max?: number; depth?: number }[] } | null;

/** A failure of ours (database unreachable, …) becomes a calm message on the form, never an error page. */
async function attempt<T>(step: () => Promise<T>): Promise<T | null> {
  try {
    return await step();
  } catch (e) {
    console.error("sign-in step failed", e);
    return null;
  }
}

/** Moves the browser on after a step: the next step's page, the console, or back to the start. */
async function follow(outcome: SignInOutcome, callbackUrl?: string): Promise<SignInState> {
  const jar = await cookies();
  if (outcome.kind === "challenge") {
    jar.set(CHALLENGE_COOKIE, outcome.token, CHALLENGE_COOKIE_OPTIONS);
    if (callbackUrl !== undefined) jar.set(NEXT_COOKIE, safeCallbackUrl(callbackUrl), CHALLENGE_COOKIE_OPTIONS);
    redirect(STEP_PATH[outcome.step]);
  }
  if (outcome.kind === "session") {
    const next = safeCallbackUrl(callbackUrl ?? jar.get(NEXT_COOKIE)?.value);
    jar.delete({ name: CHALLENGE_COOKIE, path: "/sign-in" });
    jar.delete({ name: NEXT_COOKIE, path: "/sign-in" });
    await setSessionCookie({ sid: outcome.sessionId, sub: outcome.accountId }, outcome.expiresAt);
    redirect(next);
  }
  if (outcome.reason === "challenge_expired") redirect("/sign-in?expired=1");
  return { error: outcome.reason === "mfa_failed" ? "mfaFailed" : "failed" };
}

export async function signInAction(_previous: SignInState, input: FormData): Promise<SignInState> {
  const form = formInput(input);
  const typed = String(form.get("loginId") ?? "").slice(0, 254);
  const parsed = signInSchema.safeParse({
    loginId: form.get("loginId") ?? "",
    password: form.get("password") ?? "",
    callbackUrl: form.get("callbackUrl") ?? undefined,
  });
  if (!parsed.success) return { error: parsed.error.issues.some((i) => i.message === "failed") ? "failed" : "required", loginId: typed };
  const outcome = await attempt(async () => signIn(parsed.data, await clientWithCountry()));
  if (!outcome) return { error: "unavailable", loginId: typed };
  const state = await follow(outcome, parsed.data.callbackUrl ?? "/");
  return state && { ...state, loginId: typed };
}

export async function verifySecondFactorAction(_previous: SignInState, input: FormData): Promise<SignInState> {
  const form = formInput(input);
  const parsed = secondFactorSchema.safeParse({ code: form.get("code") ?? "", method: form.get("method") ?? "totp" });
  if (!parsed.success) return { error: "codeRequired" };
  const outcome = await attempt(async () => verifySecondFactor(await challengeToken(), parsed.data, await clientWithCountry()));
  return outcome ? follow(outcome) : { error: "unavailable" };
}

export type EnrolState = (SignInState & { backupCodes?: undefined }) | { backupCodes: string[]; next: string; error?: undefined } | null;

export async function enrollSecondFactorAction(_previous: EnrolState, input: FormData): Promise<EnrolState> {
  const form = formInput(input);
  const code = String(form.get("code") ?? "").trim();
  if (!code || code.length > 64) return { error: "codeRequired" };
  const result = await attempt(async () => enrollSecondFactor(await challengeToken(), { code }, await clientWithCountry()));
  if (!result) return { error: "unavailable" };
  const { outcome, backupCodes } = result;
  if (backupCodes && outcome.kind !== "refused") {
    // Enrolled: the page shows the backup codes once, then the person continues to the next step or the console.
    const jar = await cookies();
    if (outcome.kind === "challenge") {
      jar.set(CHALLENGE_COOKIE, outcome.token, CHALLENGE_COOKIE_OPTIONS);
      return { backupCodes, next: STEP_PATH[outcome.step] };
    }
    const next = safeCallbackUrl(jar.get(NEXT_COOKIE)?.value);
    jar.delete({ name: CHALLENGE_COOKIE, path: "/sign-in" });
    jar.delete({ name: NEXT_COOKIE, path: "/sign-in" });
    // Setting the session re-renders this page; this marker tells it to keep showing the codes.
    jar.set(SHOWING_BACKUP_CODES_COOKIE, "1", { ...CHALLENGE_COOKIE_OPTIONS, maxAge: 300 });
    await setSessionCookie({ sid: outcome.sessionId, sub: outcome.accountId }, outcome.expiresAt);
    return { backupCodes, next };
  }
  return follow(outcome);
}

export async function changeExpiredPasswordAction(_previous: SignInState, input: FormData): Promise<SignInState> {
  const form = formInput(input);
  const parsed = newPasswordSchema.safeParse({ password: form.get("password") ?? "", confirm: form.get("confirm") ?? "" });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message === "mismatch" ? "mismatch" : "required" };
  const result = await attempt(async () => changeExpiredPassword(await challengeToken(), parsed.data, await clientWithCountry()));
  if (!result) return { error: "unavailable" };
  if ("problems" in result) return { error: "weakPassword", problems: result.problems };
  return follow(result.outcome);
}

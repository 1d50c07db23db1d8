import "server-only";
import { cookies } from "next/headers";

// The browser's half of a sign-in between steps, limited to the sign-in pages.
export const CHALLENGE_COOKIE = "ocn.sign-in-challenge";
export const NEXT_COOKIE = "ocn.sign-in-next";
export const SHOWING_BACKUP_CODES_COOKIE = "ocn.sign-in-backup-codes";
export const STEP_PATH = { mfa: "/sign-in/verify", enroll: "/sign-in/enroll", change_password: "/sign-in/change-password" } as const;
export const CHALLENGE_COOKIE_OPTIONS = { httpOnly: true, sameSite: "strict", path: "/sign-in", maxAge: 600 } as const;

export async function challengeToken(): Promise<string | undefined> {
  return (await cookies()).get(CHALLENGE_COOKIE)?.value;
}

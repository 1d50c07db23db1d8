"use server";
// Sign-out from any console page: ends the session row, then the cookie.
import { redirect } from "next/navigation";
import { clearSessionCookie } from "@/lib/server/session";
import { signOut } from "@/lib/server/sign-in/sign-out";

export async function signOutAction(): Promise<void> {
  await signOut();
  await clearSessionCookie();
  redirect("/sign-in?signedOut=1");
}

import "server-only";
import { cookies } from "next/headers";
import { z } from "zod";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n/locale";

export const setLocaleSchema = z.object({ locale: z.enum(LOCALES) });

/** The language choice is a preference of the browser, remembered for a year; it needs no session. */
export async function setLocale(input: z.infer<typeof setLocaleSchema>): Promise<void> {
  (await cookies()).set(LOCALE_COOKIE, input.locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
}

export const LOCALES = ["ja", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_COOKIE = "ocn.locale";

/** Japanese unless English was chosen. */
export function resolveLocale(value: string | undefined | null): Locale {
  return value === "en" ? "en" : "ja";
}

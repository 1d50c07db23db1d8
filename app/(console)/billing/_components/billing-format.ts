// How the billing screens write a month and an amount of data: 2026年10月 / Oct 2026, 3.25.

/** A billing month ("YYYY-MM") as people read it in the given locale. */
export function monthLabel(key: string, locale: string): string {
  const [year, month] = key.split("-").map(Number);
  const format = new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-US", { year: "numeric", month: locale === "ja" ? "long" : "short", timeZone: "UTC" });
  return format.format(new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, 1)));
}

/** Data used, to the hundredth of a GB as the statement holds it. */
export function gbText(value: number): string {
  return value.toLocaleString("ja-JP", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

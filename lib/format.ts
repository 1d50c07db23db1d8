// Display formats shared by pages: JST dates as 2026/11/24 09:30, numbers with thousands separators.
const dateTime = new Intl.DateTimeFormat("ja-JP", {
  timeZone: "Asia/Tokyo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

export function formatDateTime(date: Date | string | null | undefined): string {
  if (!date) return "—";
  return dateTime.format(new Date(date));
}

export function formatNumber(n: number): string {
  return n.toLocaleString("ja-JP");
}

/** A calendar day stored without a time (a DATE column, read as UTC midnight) as 2026/11/30. */
export function formatDay(date: Date | string | null | undefined): string {
  if (!date) return "—";
  const d = new Date(date);
  return `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, "0")}/${String(d.getUTCDate()).padStart(2, "0")}`;
}

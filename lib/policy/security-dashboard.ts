// The security dashboard's and the weekly log audit's arithmetic, all in JST: day and week boundaries, the
// weekday × hour heatmap, failure rates against a baseline, and the links into the audit explorer.

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const JST_MS = 9 * HOUR_MS;

export const DASHBOARD_RANGES = [7, 30, 90] as const;
export type DashboardRange = (typeof DASHBOARD_RANGES)[number];

/** The range in days from the URL; anything else is the default 90. */
export function parseDashboardRange(input: unknown): DashboardRange {
  const n = Number(typeof input === "string" ? input : NaN);
  return (DASHBOARD_RANGES as readonly number[]).includes(n) ? (n as DashboardRange) : 90;
}

/** The JST calendar day of an instant, as YYYY-MM-DD. */
export function jstDay(at: Date): string {
  return new Date(at.getTime() + JST_MS).toISOString().slice(0, 10);
}

/** Start of the JST day that contains `at`. */
export function jstMidnight(at: Date): Date {
  return new Date(Math.floor((at.getTime() + JST_MS) / DAY_MS) * DAY_MS - JST_MS);
}

/** The JST midnight that starts a YYYY-MM-DD day; null for text that is no real date. */
export function jstDayStart(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== day) return null;
  return new Date(ms - JST_MS);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) + days * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

/** JST weekday of an instant, Monday = 0 … Sunday = 6 (the heatmap's rows, Japanese weeks start on Monday here). */
export function jstWeekdayMon0(at: Date): number {
  return (new Date(at.getTime() + JST_MS).getUTCDay() + 6) % 7;
}

export function jstHour(at: Date): number {
  return new Date(at.getTime() + JST_MS).getUTCHours();
}

/** Monday (JST) of the week that holds `at`, as YYYY-MM-DD. */
export function weekStartOf(at: Date): string {
  return addDays(jstDay(at), -jstWeekdayMon0(at));
}

/** A week named by its Monday: the instants [from, to). Null when the text is no date or no Monday. */
export function weekBounds(weekStart: string): { from: Date; to: Date } | null {
  const from = jstDayStart(weekStart);
  if (!from || jstWeekdayMon0(from) !== 0) return null;
  return { from, to: new Date(from.getTime() + 7 * DAY_MS) };
}

/** Late-night access for the weekly audit: 22:00–05:00 JST. */
export function isLateNight(at: Date): boolean {
  const h = jstHour(at);
  return h >= 22 || h < 5;
}

export interface HourCount {
  hour: Date;
  success: number;
  failure: number;
}

/** Sign-ins (successes and failures) by JST weekday (rows, Monday first) × hour (columns). */
export function heatmap(rows: HourCount[]): number[][] {
  const grid = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
  for (const r of rows) grid[jstWeekdayMon0(r.hour)]![jstHour(r.hour)]! += r.success + r.failure;
  return grid;
}

/**
 * The latest hour at or before `now` that falls on this JST weekday and hour, as explorer bounds ("YYYY-MM-DDTHH:00"
 * JST, `to` exclusive), so a heatmap cell opens the newest such hour's events.
 */
export function latestHourOf(weekdayMon0: number, hour: number, now: Date): { from: string; to: string } {
  let start = jstMidnight(now).getTime() + hour * HOUR_MS;
  while (jstWeekdayMon0(new Date(start)) !== weekdayMon0 || start > now.getTime()) start -= DAY_MS;
  const fmt = (ms: number) => new Date(ms + JST_MS).toISOString().slice(0, 16);
  return { from: fmt(start), to: fmt(start + HOUR_MS) };
}

/** Failures as a share of all attempts; null when there were none. */
export function failureRate(success: number, failure: number): number | null {
  const total = success + failure;
  return total === 0 ? null : failure / total;
}

/** The average of earlier periods and how the current one compares: `ratio` is null when the baseline is zero. */
export function versusBaseline(current: number, earlier: number[]): { baseline: number | null; ratio: number | null } {
  if (earlier.length === 0) return { baseline: null, ratio: null };
  const baseline = earlier.reduce((a, b) => a + b, 0) / earlier.length;
  return { baseline, ratio: baseline === 0 ? null : current / baseline };
}

/** An audit explorer URL for sign-ins with these filters. */
export function auditHref(filter: Partial<Record<"from" | "to" | "outcome" | "actor" | "ip" | "country", string>>): string {
  const params = new URLSearchParams({ action: "auth.sign_in" });
  for (const [k, v] of Object.entries(filter)) if (v) params.set(k, v);
  return `/audit?${params.toString()}`;
}

// An organization's working calendar: its time zone, business days and hours, Japanese public holidays and its
// own closed days (年末年始 by default). "Off-hours" means outside all of that, in the organization's own zone.
import holidayJp from "@holiday-jp/holiday_jp";
import { z } from "zod";

const HOLIDAYS = holidayJp.holidays as Readonly<Record<string, { name: string } | undefined>>;

const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "MM-DD");

export const closedDaySchema = z.object({ from: monthDay, to: monthDay, label: z.string().trim().max(40).optional() });
export type ClosedDay = z.infer<typeof closedDaySchema>;

export interface OrgCalendar {
  timeZone: string;
  /** 0 = Sunday … 6 = Saturday. */
  businessDays: number[];
  /** First business hour, inclusive. */
  startHour: number;
  /** End of business hours, exclusive. */
  endHour: number;
  observeJpHolidays: boolean;
  closedDays: ClosedDay[];
}

export const DEFAULT_CALENDAR: OrgCalendar = {
  timeZone: "Asia/Tokyo",
  businessDays: [1, 2, 3, 4, 5],
  startHour: 8,
  endHour: 20,
  observeJpHolidays: true,
  closedDays: [{ from: "12-29", to: "01-03", label: "年末年始" }],
};

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

const JST_OFFSET_MS = 9 * 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** Wall-clock parts of an instant in a time zone (Asia/Tokyo by plain arithmetic: Japan has no DST). */
export function localParts(at: Date, timeZone: string): LocalParts {
  if (timeZone === "Asia/Tokyo") {
    const d = new Date(at.getTime() + JST_OFFSET_MS);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), weekday: d.getUTCDay() };
  }
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", weekday: "short" });
    formatters.set(timeZone, f);
  }
  const parts: Record<string, string> = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  const n = (type: string) => Number(parts[type] ?? 0);
  return { year: n("year"), month: n("month"), day: n("day"), hour: n("hour") % 24, minute: n("minute"), weekday: WEEKDAYS[parts.weekday ?? ""] ?? 0 };
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The closed-day entry covering a month-day, if any; a range may wrap the year end (12-29 → 01-03). */
export function closedDayOn(month: number, day: number, closedDays: ClosedDay[]): ClosedDay | null {
  const md = `${pad2(month)}-${pad2(day)}`;
  for (const c of closedDays) {
    const inside = c.from <= c.to ? md >= c.from && md <= c.to : md >= c.from || md <= c.to;
    if (inside) return c;
  }
  return null;
}

export type OffHoursReason =
  | { kind: "closed_day"; label: string }
  | { kind: "holiday"; name: string }
  | { kind: "weekend"; weekday: number }
  | { kind: "outside_hours"; hour: number };

/** Why an instant is off-hours for the calendar, or null within business hours. Closed days and holidays first. */
export function offHoursReason(at: Date, calendar: OrgCalendar): OffHoursReason | null {
  const p = localParts(at, calendar.timeZone);
  const closed = closedDayOn(p.month, p.day, calendar.closedDays);
  if (closed) return { kind: "closed_day", label: closed.label ?? `${closed.from}〜${closed.to}` };
  if (calendar.observeJpHolidays) {
    const holiday = HOLIDAYS[`${p.year}-${pad2(p.month)}-${pad2(p.day)}`];
    if (holiday) return { kind: "holiday", name: holiday.name };
  }
  if (!calendar.businessDays.includes(p.weekday)) return { kind: "weekend", weekday: p.weekday };
  if (p.hour < calendar.startHour || p.hour >= calendar.endHour) return { kind: "outside_hours", hour: p.hour };
  return null;
}

export function isOffHoursFor(at: Date, calendar: OrgCalendar): boolean {
  return offHoursReason(at, calendar) !== null;
}

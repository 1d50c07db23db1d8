// Asia/Tokyo business calendar: JST wall-clock parts, Japanese public holidays, company year-end break, business hours.
import holidayJp from "@holiday-jp/holiday_jp";

// Japan has had no daylight saving time since 1951, so JST is a fixed UTC+9 and plain arithmetic is exact.
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const HOLIDAYS = holidayJp.holidays as Readonly<Record<string, { name: string } | undefined>>;
const YEAR_END_BREAK_NAME = "年末年始休業";

export interface TokyoParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

export interface HolidayOptions {
  /** Treat 12/29–1/3 as company holidays (年末年始). Default true. */
  yearEndBreak?: boolean;
}

export interface BusinessHoursOptions extends HolidayOptions {
  /** First business hour, JST, inclusive. Default 8. */
  startHour?: number;
  /** End of business hours, JST, exclusive. Default 20. */
  endHour?: number;
}

function jstMillis(date: Date): number {
  const t = date.getTime();
  if (Number.isNaN(t)) throw new RangeError("Invalid Date");
  return t + JST_OFFSET_MS;
}

export function tokyoParts(date: Date): TokyoParts {
  const d = new Date(jstMillis(date));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    weekday: d.getUTCDay(),
  };
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The JST calendar date as "YYYY-MM-DD". */
export function tokyoDateString(date: Date): string {
  const { year, month, day } = tokyoParts(date);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** The instant JST midnight starts the JST day containing `date`. */
export function startOfTokyoDay(date: Date): Date {
  return new Date(Math.floor(jstMillis(date) / DAY_MS) * DAY_MS - JST_OFFSET_MS);
}

// Keyed by JST day number (days since 1970-01-01 JST): one entry per distinct date, so 100k events cost 100k map hits.
const nationalHolidayCache = new Map<number, string | null>();

function nationalHolidayName(jstDayNumber: number, date: Date): string | null {
  let name = nationalHolidayCache.get(jstDayNumber);
  if (name === undefined) {
    name = HOLIDAYS[tokyoDateString(date)]?.name ?? null;
    nationalHolidayCache.set(jstDayNumber, name);
  }
  return name;
}

function inYearEndBreak(month: number, day: number): boolean {
  return (month === 12 && day >= 29) || (month === 1 && day <= 3);
}

/** The holiday's name (national holiday first, then 年末年始休業), or null on an ordinary day. */
export function holidayName(date: Date, { yearEndBreak = true }: HolidayOptions = {}): string | null {
  const jst = jstMillis(date);
  const national = nationalHolidayName(Math.floor(jst / DAY_MS), date);
  if (national) return national;
  if (!yearEndBreak) return null;
  const d = new Date(jst);
  return inYearEndBreak(d.getUTCMonth() + 1, d.getUTCDate()) ? YEAR_END_BREAK_NAME : null;
}

export function isJapaneseHoliday(date: Date, options: HolidayOptions = {}): boolean {
  return holidayName(date, options) !== null;
}

/** Monday to Friday, JST, and not a holiday. */
export function isBusinessDay(date: Date, options: HolidayOptions = {}): boolean {
  const weekday = new Date(jstMillis(date)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isJapaneseHoliday(date, options);
}

/** True on weekends, holidays, or outside [startHour, endHour) JST. */
export function isOffHours(date: Date, { startHour = 8, endHour = 20, yearEndBreak = true }: BusinessHoursOptions = {}): boolean {
  const hour = new Date(jstMillis(date)).getUTCHours();
  if (hour < startHour || hour >= endHour) return true;
  return !isBusinessDay(date, { yearEndBreak });
}

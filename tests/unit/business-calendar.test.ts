import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  holidayName,
  isBusinessDay,
  isJapaneseHoliday,
  isOffHours,
  startOfTokyoDay,
  tokyoDateString,
  tokyoParts,
} from "@/lib/policy/business-calendar";

const jst = (local: string) => new Date(`${local}+09:00`);

describe("tokyoParts", () => {
  it("converts UTC to JST wall-clock time", () => {
    expect(tokyoParts(new Date("2026-11-24T23:30:00Z"))).toEqual({
      year: 2026, month: 11, day: 25, hour: 8, minute: 30, weekday: 3,
    });
  });

  it("rolls over the year at JST midnight, not UTC midnight", () => {
    expect(tokyoDateString(new Date("2026-12-31T15:00:00Z"))).toBe("2027-01-01");
    expect(tokyoDateString(new Date("2026-12-31T14:59:59Z"))).toBe("2026-12-31");
    expect(startOfTokyoDay(jst("2026-11-24T09:30:00")).toISOString()).toBe("2026-11-23T15:00:00.000Z");
  });

  it("refuses an invalid date", () => {
    expect(() => tokyoParts(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("holidays", () => {
  it("knows 勤労感謝の日", () => {
    expect(isJapaneseHoliday(jst("2026-11-23T12:00:00"))).toBe(true);
    expect(holidayName(jst("2026-11-23T12:00:00"))).toBe("勤労感謝の日");
    expect(isBusinessDay(jst("2026-11-23T12:00:00"))).toBe(false);
    expect(isOffHours(jst("2026-11-23T10:00:00"))).toBe(true);
  });

  it("treats 12/29–1/3 as the company year-end break unless disabled", () => {
    expect(isOffHours(jst("2027-01-02T10:00:00"))).toBe(true);
    expect(holidayName(jst("2026-12-29T10:00:00"))).toBe("年末年始休業");
    expect(isBusinessDay(jst("2026-12-29T10:00:00"))).toBe(false);
    expect(isBusinessDay(jst("2026-12-29T10:00:00"), { yearEndBreak: false })).toBe(true);
    expect(holidayName(jst("2027-01-01T10:00:00"), { yearEndBreak: false })).toBe("元日");
    expect(isBusinessDay(jst("2027-01-04T10:00:00"))).toBe(true);
  });

  it("uses the JST date, not the UTC date", () => {
    // 2026-11-22T15:00Z is 11-23 00:00 JST (holiday); 2026-11-23T15:00Z is 11-24 00:00 JST (not).
    expect(isJapaneseHoliday(new Date("2026-11-22T15:00:00Z"))).toBe(true);
    expect(isJapaneseHoliday(new Date("2026-11-22T14:59:59Z"))).toBe(false);
    expect(isJapaneseHoliday(new Date("2026-11-23T15:00:00Z"))).toBe(false);
  });
});

describe("isOffHours", () => {
  it("business hours are [08:00, 20:00) JST on a business day", () => {
    expect(isOffHours(jst("2026-11-24T09:30:00"))).toBe(false);
    expect(isOffHours(jst("2026-11-24T08:00:00"))).toBe(false);
    expect(isOffHours(jst("2026-11-24T19:59:59"))).toBe(false);
    expect(isOffHours(jst("2026-11-24T07:59:00"))).toBe(true);
    expect(isOffHours(jst("2026-11-24T20:00:00"))).toBe(true);
  });

  it("weekends are off-hours all day", () => {
    expect(isOffHours(jst("2026-11-28T11:00:00"))).toBe(true);
    expect(isOffHours(jst("2026-11-29T11:00:00"))).toBe(true);
  });

  it("respects the UTC/JST boundary", () => {
    expect(isOffHours(new Date("2026-11-24T23:30:00Z"))).toBe(false);
    expect(isOffHours(new Date("2026-11-24T22:59:00Z"))).toBe(true);
  });

  it("honours an organization's own hours", () => {
    expect(isOffHours(jst("2026-11-24T08:30:00"), { startHour: 9, endHour: 18 })).toBe(true);
    expect(isOffHours(jst("2026-11-24T17:59:00"), { startHour: 9, endHour: 18 })).toBe(false);
    expect(isOffHours(jst("2026-11-24T18:00:00"), { startHour: 9, endHour: 18 })).toBe(true);
  });

  it("is fast enough for a whole audit log", () => {
    const start = Date.UTC(2026, 0, 1);
    const began = performance.now();
    let off = 0;
    for (let i = 0; i < 100_000; i++) if (isOffHours(new Date(start + i * 317_000))) off++;
    expect(off).toBeGreaterThan(0);
    expect(performance.now() - began).toBeLessThan(1000);
  });
});

describe("properties", () => {
  it("a date that is not a business day is always off-hours", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2060-12-31T23:59:59Z"), noInvalidDate: true }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 12, max: 24 }),
        (date, startHour, endHour) => {
          if (!isBusinessDay(date)) expect(isOffHours(date, { startHour, endHour })).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

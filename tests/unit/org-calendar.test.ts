import { describe, expect, it } from "vitest";
import { DEFAULT_CALENDAR, closedDayOn, isOffHoursFor, localParts, offHoursReason, type OrgCalendar } from "@/lib/policy/org-calendar";

const jst = (local: string) => new Date(`${local}+09:00`);

describe("offHoursReason with the default calendar (Asia/Tokyo, Mon–Fri 8–20, holidays, 12/29–1/3)", () => {
  it("is null inside business hours on a working day, and names the hour just outside", () => {
    expect(offHoursReason(jst("2026-11-24T08:00:00"), DEFAULT_CALENDAR)).toBeNull();
    expect(offHoursReason(jst("2026-11-24T19:59:59"), DEFAULT_CALENDAR)).toBeNull();
    expect(offHoursReason(jst("2026-11-24T20:00:00"), DEFAULT_CALENDAR)).toEqual({ kind: "outside_hours", hour: 20 });
    expect(offHoursReason(jst("2026-11-24T07:59:59"), DEFAULT_CALENDAR)).toEqual({ kind: "outside_hours", hour: 7 });
  });

  it("names a Japanese public holiday and a weekend", () => {
    expect(offHoursReason(jst("2026-11-23T10:00:00"), DEFAULT_CALENDAR)).toEqual({ kind: "holiday", name: "勤労感謝の日" });
    expect(offHoursReason(jst("2026-11-28T10:00:00"), DEFAULT_CALENDAR)).toEqual({ kind: "weekend", weekday: 6 });
  });

  it("treats the year-end break as closed across the new year, and not the days either side", () => {
    expect(offHoursReason(jst("2026-12-28T10:00:00"), DEFAULT_CALENDAR)).toBeNull();
    expect(offHoursReason(jst("2026-12-29T10:00:00"), DEFAULT_CALENDAR)).toEqual({ kind: "closed_day", label: "年末年始" });
    expect(offHoursReason(jst("2027-01-01T10:00:00"), DEFAULT_CALENDAR)?.kind).toBe("closed_day");
    expect(offHoursReason(jst("2027-01-04T10:00:00"), DEFAULT_CALENDAR)).toBeNull();
  });

  it("reads the day in JST, not UTC", () => {
    // 2026-11-24 23:30 UTC is Wednesday 08:30 JST.
    expect(isOffHoursFor(new Date("2026-11-24T23:30:00Z"), DEFAULT_CALENDAR)).toBe(false);
    expect(isOffHoursFor(new Date("2026-11-24T22:59:00Z"), DEFAULT_CALENDAR)).toBe(true);
  });
});

describe("an organization's own calendar", () => {
  const saturdayShop: OrgCalendar = { ...DEFAULT_CALENDAR, businessDays: [1, 2, 3, 4, 5, 6], startHour: 9, endHour: 18, observeJpHolidays: false, closedDays: [{ from: "08-13", to: "08-16", label: "夏季休業" }] };

  it("works on Saturdays and holidays when told to, and closes on its own days", () => {
    expect(isOffHoursFor(jst("2026-11-28T10:00:00"), saturdayShop)).toBe(false);
    expect(isOffHoursFor(jst("2026-11-23T10:00:00"), saturdayShop)).toBe(false);
    expect(offHoursReason(jst("2026-08-14T10:00:00"), saturdayShop)).toEqual({ kind: "closed_day", label: "夏季休業" });
    expect(isOffHoursFor(jst("2026-11-24T18:00:00"), saturdayShop)).toBe(true);
  });

  it("reads wall-clock time in another zone through the IANA database, DST included", () => {
    // 2026-07-01 14:00 UTC is 10:00 in New York (EDT, UTC-4).
    expect(localParts(new Date("2026-07-01T14:00:00Z"), "America/New_York")).toMatchObject({ hour: 10, weekday: 3, day: 1 });
    // 2026-01-05 14:00 UTC is 09:00 in New York (EST, UTC-5).
    expect(localParts(new Date("2026-01-05T14:00:00Z"), "America/New_York")).toMatchObject({ hour: 9, weekday: 1 });
  });
});

describe("closedDayOn", () => {
  it("matches inclusive ranges, wrapping the year end", () => {
    const days = [{ from: "12-29", to: "01-03" }];
    expect(closedDayOn(12, 29, days)).not.toBeNull();
    expect(closedDayOn(1, 3, days)).not.toBeNull();
    expect(closedDayOn(1, 4, days)).toBeNull();
    expect(closedDayOn(12, 28, days)).toBeNull();
  });
});

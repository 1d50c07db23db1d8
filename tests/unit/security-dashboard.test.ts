import { describe, expect, it } from "vitest";
import {
  auditHref,
  failureRate,
  heatmap,
  isLateNight,
  jstDay,
  latestHourOf,
  parseDashboardRange,
  versusBaseline,
  weekBounds,
  weekStartOf,
} from "@/lib/policy/security-dashboard";

const at = (jst: string) => new Date(`${jst}+09:00`);

describe("weeks in JST", () => {
  it("a week starts on Monday 00:00 JST, also when UTC is still on Sunday", () => {
    // 2026-11-23 is a Monday. 00:30 JST Monday is 15:30 UTC Sunday.
    expect(weekStartOf(at("2026-11-23T00:30:00"))).toBe("2026-11-23");
    expect(weekStartOf(at("2026-11-22T23:59:59"))).toBe("2026-11-16");
    expect(weekStartOf(at("2026-11-29T23:59:59"))).toBe("2026-11-23");
    expect(weekStartOf(at("2027-01-01T12:00:00"))).toBe("2026-12-28");
  });

  it("bounds are [Monday 00:00 JST, next Monday 00:00 JST); a day that is no Monday or no date has none", () => {
    expect(weekBounds("2026-11-23")).toEqual({ from: at("2026-11-23T00:00:00"), to: at("2026-11-30T00:00:00") });
    expect(weekBounds("2026-11-24")).toBeNull();
    expect(weekBounds("2026-02-30")).toBeNull();
    expect(weekBounds("2026-11-23x")).toBeNull();
  });

  it("late night is 22:00 to 05:00 JST", () => {
    expect(isLateNight(at("2026-11-23T21:59:59"))).toBe(false);
    expect(isLateNight(at("2026-11-23T22:00:00"))).toBe(true);
    expect(isLateNight(at("2026-11-24T04:59:59"))).toBe(true);
    expect(isLateNight(at("2026-11-24T05:00:00"))).toBe(false);
  });
});

describe("heatmap", () => {
  it("buckets hours by JST weekday (Monday first) and JST hour", () => {
    const grid = heatmap([
      { hour: at("2026-11-23T00:00:00"), success: 2, failure: 1 }, // Monday 0時 JST = Sunday 15:00 UTC
      { hour: at("2026-11-29T23:00:00"), success: 4, failure: 0 }, // Sunday 23時
      { hour: at("2026-11-30T00:00:00"), success: 1, failure: 0 }, // the next Monday 0時: same cell as the first
    ]);
    expect(grid).toHaveLength(7);
    expect(grid[0]![0]).toBe(4);
    expect(grid[6]![23]).toBe(4);
    expect(grid.flat().reduce((a, b) => a + b, 0)).toBe(8);
  });

  it("a cell links to the latest such hour at or before now", () => {
    const now = at("2026-11-26T10:30:00"); // Thursday
    expect(latestHourOf(3, 10, now)).toEqual({ from: "2026-11-26T10:00", to: "2026-11-26T11:00" });
    expect(latestHourOf(3, 11, now)).toEqual({ from: "2026-11-19T11:00", to: "2026-11-19T12:00" });
    expect(latestHourOf(0, 23, now)).toEqual({ from: "2026-11-23T23:00", to: "2026-11-24T00:00" });
    expect(latestHourOf(6, 0, now)).toEqual({ from: "2026-11-22T00:00", to: "2026-11-22T01:00" });
  });
});

describe("rates and baselines", () => {
  it("failure rate is failures over all attempts, none without attempts", () => {
    expect(failureRate(3, 1)).toBe(0.25);
    expect(failureRate(0, 0)).toBeNull();
  });

  it("compares against the average of earlier periods", () => {
    expect(versusBaseline(8, [2, 4, 6, 4])).toEqual({ baseline: 4, ratio: 2 });
    expect(versusBaseline(3, [0, 0])).toEqual({ baseline: 0, ratio: null });
    expect(versusBaseline(3, [])).toEqual({ baseline: null, ratio: null });
  });
});

describe("URL helpers", () => {
  it("the range is 7, 30 or 90 days", () => {
    expect(parseDashboardRange("7")).toBe(7);
    expect(parseDashboardRange("30")).toBe(30);
    expect(parseDashboardRange("31")).toBe(90);
    expect(parseDashboardRange(undefined)).toBe(90);
  });

  it("drill-down links name sign-ins and the filters", () => {
    expect(auditHref({ outcome: "failure", from: "2026-11-20", to: "2026-11-20" })).toBe("/audit?action=auth.sign_in&outcome=failure&from=2026-11-20&to=2026-11-20");
    expect(auditHref({ ip: "198.51.100.7", actor: undefined })).toBe("/audit?action=auth.sign_in&ip=198.51.100.7");
  });

  it("JST day of an instant", () => {
    expect(jstDay(new Date("2026-11-22T15:00:00Z"))).toBe("2026-11-23");
  });
});

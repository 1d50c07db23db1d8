import { describe, expect, it } from "vitest";
import {
  appendEvidence,
  countryDistanceKm,
  DEFAULT_PARAMS,
  DETECTION_KINDS,
  DETECTION_PARAM_SCHEMAS,
  effectiveFailureThreshold,
  failureSpikeFires,
  foreignSignInFires,
  impossibleTravel,
  offHoursReasonJa,
  offHoursValues,
  passwordSprayFires,
  repeatedFailuresFires,
  ruleSettingOf,
  spikeThreshold,
  travelNoticeCovers,
  webhookUrlAllowed,
  withinDedupeWindow,
} from "@/lib/policy/detections";
import { DEFAULT_CALENDAR } from "@/lib/policy/org-calendar";
import ja from "@/lib/i18n/messages/ja/detections.json";
import en from "@/lib/i18n/messages/en/detections.json";

// JST instants written as such: 2026-11-23 is 勤労感謝の日 (a Monday).
const jst = (s: string) => new Date(`${s}+09:00`);

describe("rule settings", () => {
  it("a missing row is the defaults, switched on", () => {
    expect(ruleSettingOf("repeated_failures")).toEqual({ kind: "repeated_failures", enabled: true, severity: "medium", params: { failures: 5, windowMinutes: 10, dedupeHours: 24 } });
  });
  it("stored params override the defaults key by key; unreadable params fall back", () => {
    expect(ruleSettingOf("password_spray", { enabled: false, severity: "critical", params: { accounts: 4 } })).toMatchObject({ enabled: false, severity: "critical", params: { accounts: 4, windowMinutes: 15 } });
    expect(ruleSettingOf("password_spray", { enabled: true, severity: "high", params: { accounts: -1 } }).params).toEqual(DEFAULT_PARAMS.password_spray);
  });
  it("each kind's schema accepts its defaults and form strings, and refuses out-of-range numbers", () => {
    for (const kind of DETECTION_KINDS) expect(DETECTION_PARAM_SCHEMAS[kind].safeParse(DEFAULT_PARAMS[kind]).success).toBe(true);
    expect(DETECTION_PARAM_SCHEMAS.repeated_failures.parse({ failures: "７", windowMinutes: " 10 ", dedupeHours: "24" })).toEqual({ failures: 7, windowMinutes: 10, dedupeHours: 24 });
    const bad = DETECTION_PARAM_SCHEMAS.repeated_failures.safeParse({ failures: "1", windowMinutes: "x", dedupeHours: "" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["failures", "out_of_range"], ["windowMinutes", "not_a_number"], ["dedupeHours", "required"]]);
  });
});

describe("repeated failures", () => {
  const p = DEFAULT_PARAMS.repeated_failures;
  it("fires at the threshold, not one below", () => {
    expect(repeatedFailuresFires(4, p, 10)).toBe(false);
    expect(repeatedFailuresFires(5, p, 10)).toBe(true);
  });
  it("fires before the lockout even when set at or above it", () => {
    expect(effectiveFailureThreshold(12, 10)).toBe(9);
    expect(repeatedFailuresFires(8, { ...p, failures: 12 }, 10)).toBe(false);
    expect(repeatedFailuresFires(9, { ...p, failures: 12 }, 10)).toBe(true);
    expect(effectiveFailureThreshold(5, 3)).toBe(2);
  });
});

describe("password spray and failure spike", () => {
  it("spray: K-1 distinct accounts is quiet, K fires", () => {
    expect(passwordSprayFires(9, DEFAULT_PARAMS.password_spray)).toBe(false);
    expect(passwordSprayFires(10, DEFAULT_PARAMS.password_spray)).toBe(true);
  });
  it("spike: the larger of the minimum and factor × baseline mean", () => {
    const p = DEFAULT_PARAMS.failure_spike;
    expect(spikeThreshold(0, p)).toBe(20);
    expect(spikeThreshold(10, p)).toBe(30);
    expect(spikeThreshold(2.5, { ...p, minimum: 1 })).toBe(8);
    expect(failureSpikeFires(19, 0, p)).toBe(false);
    expect(failureSpikeFires(20, 0, p)).toBe(true);
    expect(failureSpikeFires(29, 10, p)).toBe(false);
    expect(failureSpikeFires(30, 10, p)).toBe(true);
  });
});

describe("off-hours sign-in", () => {
  it("says which: holiday, weekend, hour of day", () => {
    const holiday = offHoursValues(jst("2026-11-23T10:15:00"), DEFAULT_CALENDAR)!;
    expect(holiday).toMatchObject({ reasonKind: "holiday", label: "勤労感謝の日", localTime: "2026/11/23 10:15" });
    expect(offHoursReasonJa(holiday)).toBe("祝日（勤労感謝の日）");
    expect(offHoursReasonJa(offHoursValues(jst("2026-11-28T10:00:00"), DEFAULT_CALENDAR)!)).toBe("土曜日");
    expect(offHoursReasonJa(offHoursValues(jst("2026-11-24T22:30:00"), DEFAULT_CALENDAR)!)).toBe("22時台");
  });
  it("business hours: 08:00 is inside, 07:59 and 20:00 are outside", () => {
    expect(offHoursValues(jst("2026-11-24T08:00:00"), DEFAULT_CALENDAR)).toBeNull();
    expect(offHoursValues(jst("2026-11-24T19:59:59"), DEFAULT_CALENDAR)).toBeNull();
    expect(offHoursValues(jst("2026-11-24T07:59:59"), DEFAULT_CALENDAR)?.reasonKind).toBe("outside_hours");
    expect(offHoursValues(jst("2026-11-24T20:00:00"), DEFAULT_CALENDAR)?.hour).toBe(20);
  });
  it("a closed day across the year end (12-29 to 01-03), weekday or not; 12-28 and 01-04 are ordinary", () => {
    expect(offHoursReasonJa(offHoursValues(jst("2026-12-29T10:00:00"), DEFAULT_CALENDAR)!)).toBe("年末年始");
    expect(offHoursReasonJa(offHoursValues(jst("2027-01-02T10:00:00"), DEFAULT_CALENDAR)!)).toBe("年末年始");
    expect(offHoursValues(jst("2026-12-28T10:00:00"), DEFAULT_CALENDAR)).toBeNull();
    expect(offHoursValues(jst("2027-01-04T10:00:00"), DEFAULT_CALENDAR)).toBeNull();
  });
  it("holidays are working days when the organization does not observe them", () => {
    expect(offHoursValues(jst("2026-11-23T10:15:00"), { ...DEFAULT_CALENDAR, observeJpHolidays: false })).toBeNull();
  });
});

describe("foreign sign-in and travel notices", () => {
  const p = DEFAULT_PARAMS.foreign_sign_in;
  const at = jst("2026-11-24T10:00:00");
  const notice = { countries: ["US"], startsAt: jst("2026-11-20T00:00:00"), endsAt: jst("2026-11-24T10:00:00"), revokedAt: null };
  it("an allowed or unknown country is quiet; another fires", () => {
    expect(foreignSignInFires({ outcome: "success", country: "JP", occurredAt: at }, ["JP"], [], p)).toBe(false);
    expect(foreignSignInFires({ outcome: "success", country: null, occurredAt: at }, ["JP"], [], p)).toBe(false);
    expect(foreignSignInFires({ outcome: "success", country: "US", occurredAt: at }, ["JP"], [], p)).toBe(true);
  });
  it("failures only when configured", () => {
    expect(foreignSignInFires({ outcome: "failure", country: "US", occurredAt: at }, ["JP"], [], p)).toBe(false);
    expect(foreignSignInFires({ outcome: "failure", country: "US", occurredAt: at }, ["JP"], [], { ...p, includeFailures: true })).toBe(true);
  });
  it("a notice suppresses for its countries and its period (end inclusive), not after it ends or is revoked", () => {
    expect(foreignSignInFires({ outcome: "success", country: "US", occurredAt: at }, ["JP"], [notice], p)).toBe(false);
    expect(foreignSignInFires({ outcome: "success", country: "CN", occurredAt: at }, ["JP"], [notice], p)).toBe(true);
    expect(foreignSignInFires({ outcome: "success", country: "US", occurredAt: new Date(at.getTime() + 1000) }, ["JP"], [notice], p)).toBe(true);
    expect(travelNoticeCovers({ ...notice, revokedAt: jst("2026-11-22T00:00:00") }, "US", at)).toBe(false);
    expect(travelNoticeCovers({ ...notice, revokedAt: jst("2026-11-25T00:00:00") }, "US", at)).toBe(true);
  });
});

describe("impossible travel", () => {
  const p = DEFAULT_PARAMS.impossible_travel;
  const t0 = jst("2026-11-24T10:00:00");
  const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
  it("uses country centroids: Japan to the US is about 9,900 km", () => {
    expect(countryDistanceKm("JP", "US")).toBeGreaterThan(9_000);
    expect(countryDistanceKm("JP", "US")).toBeLessThan(11_000);
    expect(countryDistanceKm("JP", "XX")).toBeNull();
  });
  it("fires above the speed, not at or below it", () => {
    const km = countryDistanceKm("JP", "KR")!;
    const minutesAt900 = (km / 900) * 60;
    expect(impossibleTravel({ country: "JP", occurredAt: t0 }, { country: "KR", occurredAt: later(minutesAt900 - 1) }, p)).not.toBeNull();
    expect(impossibleTravel({ country: "JP", occurredAt: t0 }, { country: "KR", occurredAt: later(minutesAt900 + 1) }, p)).toBeNull();
    const f = impossibleTravel({ country: "JP", occurredAt: t0 }, { country: "US", occurredAt: later(60) }, p)!;
    expect(f).toMatchObject({ fromCountry: "JP", toCountry: "US", minutes: 60, threshold: 900 });
    expect(f.speedKmh).toBeGreaterThan(9_000);
  });
  it("ignores an unknown country and the same country", () => {
    expect(impossibleTravel({ country: null, occurredAt: t0 }, { country: "US", occurredAt: later(5) }, p)).toBeNull();
    expect(impossibleTravel({ country: "US", occurredAt: t0 }, { country: "US", occurredAt: later(5) }, p)).toBeNull();
  });
});

describe("alerts", () => {
  it("evidence keeps the newest ids without repeats, capped", () => {
    expect(appendEvidence([1n, 2n], [2n, 3n])).toEqual([1n, 2n, 3n]);
    expect(appendEvidence([1n, 2n, 3n], [4n], 3)).toEqual([2n, 3n, 4n]);
  });
  it("dedupe window: 24 h is inside, a second more is not", () => {
    const last = jst("2026-11-24T10:00:00");
    expect(withinDedupeWindow(last, new Date(last.getTime() + 24 * 3_600_000), 24)).toBe(true);
    expect(withinDedupeWindow(last, new Date(last.getTime() + 24 * 3_600_000 + 1000), 24)).toBe(false);
  });
  it("webhook URLs: https; http only to this machine outside production", () => {
    expect(webhookUrlAllowed("https://hooks.example.jp/ocn", true)).toBe(true);
    expect(webhookUrlAllowed("http://127.0.0.1:9999/x", false)).toBe(true);
    expect(webhookUrlAllowed("http://127.0.0.1:9999/x", true)).toBe(false);
    expect(webhookUrlAllowed("http://hooks.example.jp/ocn", false)).toBe(false);
    expect(webhookUrlAllowed("https://user:pw@hooks.example.jp/", true)).toBe(false);
    expect(webhookUrlAllowed("not a url", false)).toBe(false);
  });
  it("every kind has a name, a description and a why in both languages", () => {
    for (const kind of DETECTION_KINDS) {
      for (const m of [ja, en]) {
        const rule = (m.detections.rules as Record<string, { name?: string; description?: string; why?: string }>)[kind];
        expect(rule?.name && rule.description && rule.why, kind).toBeTruthy();
      }
    }
  });
});

import { describe, expect, it } from "vitest";
import {
  calendarMonth,
  COMPLIANCE_KINDS,
  COMPLIANCE_OWNERS,
  completesFromSource,
  disposalDueAt,
  endOfJstDay,
  firstBusinessDayFrom,
  incidentDueAt,
  isDueThisWeek,
  isOverdue,
  isoWeekKey,
  isoWeekMonday,
  lastBusinessDayOfMonth,
  monthlyTask,
  recurringTasksAt,
  weeklyLogAuditTask,
} from "@/lib/policy/compliance";

const jst = (local: string) => new Date(`${local}+09:00`);

describe("monthly tasks", () => {
  it("are due on the month's last business day, JST", () => {
    expect(lastBusinessDayOfMonth("2026-11")).toBe("2026-11-30"); // a Monday
    expect(lastBusinessDayOfMonth("2026-05")).toBe("2026-05-29"); // 31 May is a Sunday
    expect(lastBusinessDayOfMonth("2027-01")).toBe("2027-01-29"); // 30–31 January are a weekend
    expect(lastBusinessDayOfMonth("2026-02")).toBe("2026-02-27");
  });

  it("skip the year-end break: December's last business day is before 29 December", () => {
    expect(lastBusinessDayOfMonth("2026-12")).toBe("2026-12-28");
    expect(lastBusinessDayOfMonth("2025-12")).toBe("2025-12-26"); // 27–28 December 2025 are a weekend
  });

  it("are overdue from the next midnight in Japan, not in UTC", () => {
    const task = monthlyTask("ip_allowlist_monthly", "2026-11");
    expect(task).toMatchObject({ kind: "ip_allowlist_monthly", periodKey: "2026-11", relatedId: null });
    expect(task.dueAt.toISOString()).toBe("2026-11-30T14:59:59.999Z");
    expect(isOverdue({ status: "open", dueAt: task.dueAt }, jst("2026-11-30T23:59:00"))).toBe(false);
    expect(isOverdue({ status: "open", dueAt: task.dueAt }, jst("2026-12-01T00:00:00"))).toBe(true);
  });
});

describe("the weekly log audit", () => {
  it("names the week as the weekly audit does (its Monday) and as an ISO week", () => {
    expect(isoWeekKey("2026-11-23")).toBe("2026-W48");
    expect(isoWeekKey("2026-12-28")).toBe("2026-W53"); // 2026 starts on a Thursday: 53 weeks
    expect(isoWeekKey("2024-12-30")).toBe("2025-W01"); // the week's Thursday is in 2025
    expect(isoWeekKey("2027-01-04")).toBe("2027-W01");
    for (const monday of ["2026-11-23", "2026-12-28", "2024-12-30", "2027-01-04", "2020-12-28"]) expect(isoWeekMonday(isoWeekKey(monday))).toBe(monday);
    expect(isoWeekMonday("2026-W54")).toBeNull();
    expect(isoWeekMonday("2025-W53")).toBeNull(); // 2025 has 52 weeks
    expect(isoWeekMonday("2026-11")).toBeNull();
  });

  it("is due at the end of the first business day after the week", () => {
    const task = weeklyLogAuditTask("2026-11-23");
    expect(task).toMatchObject({ kind: "log_audit_weekly", periodKey: "2026-W48", relatedType: "week", relatedId: "2026-11-23" });
    expect(task.dueAt).toEqual(endOfJstDay("2026-11-30"));
    // 23 November 2026 (勤労感謝の日) is a Monday: the Tuesday.
    expect(weeklyLogAuditTask("2026-11-16").dueAt).toEqual(endOfJstDay("2026-11-24"));
    // Golden Week: 4, 5 and 6 May 2026 are holidays.
    expect(weeklyLogAuditTask("2026-04-27").dueAt).toEqual(endOfJstDay("2026-05-07"));
    // Silver Week: 21–23 September 2026.
    expect(weeklyLogAuditTask("2026-09-14").dueAt).toEqual(endOfJstDay("2026-09-24"));
    expect(firstBusinessDayFrom("2027-01-01")).toBe("2027-01-04");
  });

  it("refuses a day that is no Monday", () => {
    expect(() => weeklyLogAuditTask("2026-11-24")).toThrow(RangeError);
  });
});

describe("the periods of now", () => {
  it("hold this month's reviews and the log audits of last week and this week", () => {
    const tasks = recurringTasksAt(jst("2026-11-25T12:00:00"));
    expect(tasks.map((t) => `${t.kind} ${t.periodKey}`).sort()).toEqual([
      "ip_allowlist_monthly 2026-11",
      "log_audit_weekly 2026-W47",
      "log_audit_weekly 2026-W48",
      "permission_reconciliation_monthly 2026-11",
    ]);
  });

  it("take the month in Japan: 1 December 00:30 JST is December", () => {
    const tasks = recurringTasksAt(new Date("2026-11-30T15:30:00Z"));
    expect(tasks.find((t) => t.kind === "ip_allowlist_monthly")?.periodKey).toBe("2026-12");
  });

  it("the calendar's month is the JST month, as instants", () => {
    expect(calendarMonth(new Date("2026-11-30T15:30:00Z"))).toEqual({ month: "2026-12", start: new Date("2026-11-30T15:00:00Z"), end: new Date("2026-12-31T15:00:00Z") });
  });

  it("leave out last week's audit for an organization created this week", () => {
    const now = jst("2026-11-25T12:00:00");
    expect(recurringTasksAt(now, jst("2026-11-24T09:00:00")).filter((t) => t.kind === "log_audit_weekly").map((t) => t.periodKey)).toEqual(["2026-W48"]);
    expect(recurringTasksAt(now, jst("2026-11-20T09:00:00"))).toHaveLength(4);
  });
});

describe("per-event tasks", () => {
  it("a device disposal is due with the last of its case's tasks", () => {
    const effectiveAt = jst("2026-11-02T10:00:00");
    expect(disposalDueAt([jst("2026-11-03T10:00:00"), jst("2026-11-16T10:00:00")], effectiveAt)).toEqual(jst("2026-11-16T10:00:00"));
    expect(disposalDueAt([], effectiveAt)).toEqual(jst("2026-11-09T10:00:00"));
  });

  it("an incident is due when its SLA runs out", () => {
    expect(incidentDueAt(jst("2026-11-02T10:00:00"), 60)).toEqual(jst("2026-11-02T11:00:00"));
  });
});

describe("owners and states", () => {
  it("each kind has its owner and the manual kinds are the monthly reviews", () => {
    expect(COMPLIANCE_OWNERS.ip_allowlist_monthly.domain).toBe("security");
    expect(COMPLIANCE_OWNERS.log_audit_weekly.domain).toBe("audit");
    expect(COMPLIANCE_OWNERS.permission_reconciliation_monthly.domain).toBe("reviews");
    expect(COMPLIANCE_OWNERS.device_disposal.domain).toBe("lines");
    expect(COMPLIANCE_OWNERS.incident_response.domain).toBe("security");
    expect(COMPLIANCE_KINDS.filter((k) => !completesFromSource(k))).toEqual(["ip_allowlist_monthly", "permission_reconciliation_monthly"]);
  });

  it("overdue and due this week are for open tasks only", () => {
    const now = jst("2026-11-25T12:00:00"); // a Wednesday
    expect(isOverdue({ status: "done", dueAt: jst("2026-11-01T00:00:00") }, now)).toBe(false);
    expect(isOverdue({ status: "open", dueAt: jst("2026-11-25T11:59:00") }, now)).toBe(true);
    expect(isDueThisWeek({ status: "open", dueAt: jst("2026-11-29T23:59:00") }, now)).toBe(true);
    expect(isDueThisWeek({ status: "open", dueAt: jst("2026-11-30T00:00:00") }, now)).toBe(false);
    expect(isDueThisWeek({ status: "open", dueAt: jst("2026-11-24T00:00:00") }, now)).toBe(false);
    expect(isDueThisWeek({ status: "skipped", dueAt: jst("2026-11-27T00:00:00") }, now)).toBe(false);
  });
});

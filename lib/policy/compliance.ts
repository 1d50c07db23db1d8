// The compliance calendar's rules, from the audit checklist: which recurring tasks a period holds and when each is due
// (Asia/Tokyo days, Japanese holidays and the year-end break via business-calendar.ts), when a per-event task is due,
// who owns each kind, and what counts as overdue. Pure: the operations load the rows and call these.
import type { BuiltInRoleKey, Domain } from "@/lib/permissions";
import { addMonths, monthKeyOf, monthRange, type MonthKey } from "./billing";
import { isBusinessDay } from "./business-calendar";
import { addDays, jstDayStart, weekBounds, weekStartOf } from "./security-dashboard";

const DAY_MS = 86_400_000;

export const COMPLIANCE_KINDS = [
  "ip_allowlist_monthly",
  "log_audit_weekly",
  "permission_reconciliation_monthly",
  "device_disposal",
  "incident_response",
] as const;
export type ComplianceKind = (typeof COMPLIANCE_KINDS)[number];

/**
 * Who owns a kind: the permission domain whose manage level may record it, and the built-in role that holds it day to
 * day (the role word the calendar shows).
 */
export const COMPLIANCE_OWNERS: Record<ComplianceKind, { domain: Domain; roleKey: BuiltInRoleKey }> = {
  ip_allowlist_monthly: { domain: "security", roleKey: "security_auditor" },
  log_audit_weekly: { domain: "audit", roleKey: "security_auditor" },
  permission_reconciliation_monthly: { domain: "reviews", roleKey: "security_auditor" },
  device_disposal: { domain: "lines", roleKey: "line_operator" },
  incident_response: { domain: "security", roleKey: "security_auditor" },
};

/**
 * Kinds whose record is their source: the weekly log audit's sign-off, the disposal case's completion, the incident's
 * lock and notification. Nobody records these by hand; the calendar reads the source.
 */
const FROM_SOURCE: ReadonlySet<ComplianceKind> = new Set(["log_audit_weekly", "device_disposal", "incident_response"]);

export function completesFromSource(kind: ComplianceKind): boolean {
  return FROM_SOURCE.has(kind);
}

/** The last instant of a JST calendar day ("YYYY-MM-DD"): a task due that day is overdue from the next midnight. */
export function endOfJstDay(day: string): Date {
  const start = jstDayStart(day);
  if (!start) throw new RangeError(`Not a day: ${day}`);
  return new Date(start.getTime() + DAY_MS - 1);
}

const businessDay = (day: string) => isBusinessDay(jstDayStart(day)!);

/** The month's last business day (weekends, Japanese holidays and 12/29–1/3 skipped), as "YYYY-MM-DD". */
export function lastBusinessDayOfMonth(month: MonthKey): string {
  let day = addDays(addMonths(month, 1) + "-01", -1);
  while (!businessDay(day)) day = addDays(day, -1);
  return day;
}

/** The first business day on or after `day`. */
export function firstBusinessDayFrom(day: string): string {
  let d = day;
  while (!businessDay(d)) d = addDays(d, 1);
  return d;
}

/** The ISO 8601 week ("2026-W48") of a week named by its Monday: the year is that of the week's Thursday. */
export function isoWeekKey(monday: string): string {
  const thursday = addDays(monday, 3);
  const year = Number(thursday.slice(0, 4));
  const dayOfYear = (Date.parse(`${thursday}T00:00:00Z`) - Date.UTC(year, 0, 1)) / DAY_MS;
  return `${year}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, "0")}`;
}

/** The Monday ("YYYY-MM-DD") of an ISO week key; null for text that is no such week. */
export function isoWeekMonday(key: string): string | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (week < 1 || week > 53) return null;
  // 4 January is always in week 1.
  const jan4 = `${year}-01-04`;
  const weekday = (new Date(`${jan4}T00:00:00Z`).getUTCDay() + 6) % 7;
  const monday = addDays(jan4, -weekday + (week - 1) * 7);
  return isoWeekKey(monday) === key ? monday : null;
}

export interface ScheduledTask {
  kind: ComplianceKind;
  /** "2026-11" for a month, "2026-W48" for a week. */
  periodKey: string;
  dueAt: Date;
  /** The weekly log audit's week, by its Monday (the /audit/weekly/<week> page). */
  relatedType: "week" | null;
  relatedId: string | null;
}

/** A monthly task (IP allowlist review, permission reconciliation): due at the end of the month's last business day. */
export function monthlyTask(kind: "ip_allowlist_monthly" | "permission_reconciliation_monthly", month: MonthKey): ScheduledTask {
  return { kind, periodKey: month, dueAt: endOfJstDay(lastBusinessDayOfMonth(month)), relatedType: null, relatedId: null };
}

/**
 * A week's log audit (the week named by its Monday, as the weekly audit names it): signed off once the week is over,
 * by the end of the first business day of the next week.
 */
export function weeklyLogAuditTask(monday: string): ScheduledTask {
  if (!weekBounds(monday)) throw new RangeError(`Not a Monday: ${monday}`);
  return {
    kind: "log_audit_weekly",
    periodKey: isoWeekKey(monday),
    dueAt: endOfJstDay(firstBusinessDayFrom(addDays(monday, 7))),
    relatedType: "week",
    relatedId: monday,
  };
}

/**
 * The recurring tasks of the periods `now` is in: this month's IP allowlist review and permission reconciliation, and
 * the log audits of last week (due now) and of this week (due next week). Periods that ended before the organization
 * existed are left out.
 */
export function recurringTasksAt(now: Date, organizationCreatedAt?: Date): ScheduledTask[] {
  const month = monthKeyOf(now);
  const thisWeek = weekStartOf(now);
  const lastWeek = addDays(thisWeek, -7);
  const tasks = [monthlyTask("ip_allowlist_monthly", month), monthlyTask("permission_reconciliation_monthly", month), weeklyLogAuditTask(thisWeek)];
  if (!organizationCreatedAt || weekBounds(lastWeek)!.to > organizationCreatedAt) tasks.push(weeklyLogAuditTask(lastWeek));
  return tasks;
}

/** A device disposal is due when the last of its case's tasks is (or, with none, a week after the case took effect). */
export function disposalDueAt(taskDueAts: Date[], effectiveAt: Date): Date {
  if (taskDueAts.length === 0) return new Date(effectiveAt.getTime() + 7 * DAY_MS);
  return new Date(Math.max(...taskDueAts.map((d) => d.getTime())));
}

/** Incident response is due when the organization's SLA runs out: detection + SLA minutes, by when it must be locked and notified. */
export function incidentDueAt(detectedAt: Date, slaMinutes: number): Date {
  return new Date(detectedAt.getTime() + slaMinutes * 60_000);
}

/** Overdue: still open and past its due time. */
export function isOverdue(task: { status: string; dueAt: Date }, now: Date): boolean {
  return task.status === "open" && task.dueAt.getTime() < now.getTime();
}

/** Due this week: still open, not yet overdue, and due before this JST week (Monday to Sunday) ends. */
export function isDueThisWeek(task: { status: string; dueAt: Date }, now: Date): boolean {
  const { to } = weekBounds(weekStartOf(now))!;
  return task.status === "open" && task.dueAt.getTime() >= now.getTime() && task.dueAt.getTime() < to.getTime();
}

/** The JST month `now` is in, and the instants it covers: the calendar's month. */
export function calendarMonth(now: Date): { month: MonthKey; start: Date; end: Date } {
  const month = monthKeyOf(now);
  return { month, ...monthRange(month) };
}

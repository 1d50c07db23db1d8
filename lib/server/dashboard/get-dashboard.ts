import "server-only";
import { can } from "@/lib/permissions";
import {
  DASHBOARD_RANGES,
  failureRate,
  heatmap,
  jstDay,
  jstMidnight,
  parseDashboardRange,
  type DashboardRange,
} from "@/lib/policy/security-dashboard";
import { authorize } from "../authorize";
import { ensureComplianceTasks } from "../compliance/ensure-compliance-tasks";
import { summarizeComplianceTasks } from "../compliance/summarize-compliance-tasks";
import { replicaDb } from "../db";
import { pendingOffboardingSummary } from "../offboarding/list-pending-returns";
import { readSignInHours, readTopDims, type DimCount } from "./read-rollups";

const DAY_MS = 86_400_000;
const MAX_RANGE = Math.max(...DASHBOARD_RANGES);
export const SEVERITIES = ["critical", "high", "medium", "low"] as const;

export interface DailySignIns {
  day: string;
  success: number;
  failure: number;
  offHours: number;
  foreign: number;
}

export interface SecurityPanels {
  range: DashboardRange;
  fromDay: string;
  toDay: string;
  totals: { success: number; failure: number; failureRate: number | null };
  heatmap: number[][];
  countries: DimCount[];
  failingAccounts: DimCount[];
  failingIps: DimCount[];
  alertsBySeverity: Record<(typeof SEVERITIES)[number], number>;
}

/**
 * The dashboard's cards, charts and lists; each part only for those whose roles cover it. Sign-in figures read the
 * hourly and per-day rollups, never the log. `range` is the charts' span in days (7, 30 or 90). Everything but the
 * compliance card reads the replica when there is one.
 */
export async function getDashboard(input: { range?: string } = {}, now = new Date()) {
  const actor = await authorize();
  const prisma = await replicaDb();
  const org = actor.organizationId;
  const range = parseDashboardRange(input.range);
  const seesSignIns = can(actor.permissions, "security", "view") || can(actor.permissions, "audit", "view");

  const accounts = can(actor.permissions, "accounts", "view")
    ? await prisma.account
        .groupBy({ by: ["status"], where: { organizationId: org }, _count: { _all: true } })
        .then((rows) => ({
          active: rows.find((r) => r.status === "active")?._count._all ?? 0,
          total: rows.reduce((n, r) => n + r._count._all, 0),
        }))
    : null;

  const lines = can(actor.permissions, "lines", "view")
    ? {
        pendingReturn: await prisma.line.count({ where: { organizationId: org, status: "pending_return" } }),
        overdueReturn: await prisma.offboardingTask.count({
          where: { organizationId: org, kind: "return_sim", status: "open", dueAt: { lt: now } },
        }),
      }
    : null;

  // Shown only where offboarding is in use: an organization with no tasks at all gets no empty card.
  // Open tasks of cases in effect, overdue first, with the next few to do.
  let offboarding: Awaited<ReturnType<typeof pendingOffboardingSummary>> | null = null;
  if (can(actor.permissions, "offboarding", "view") && (await prisma.offboardingTask.findFirst({ where: { organizationId: org }, select: { id: true } }))) {
    offboarding = await pendingOffboardingSummary(org, now);
  }

  // The compliance calendar's overdue and this week's tasks, for those who can open the calendar; brought up to date
  // first, so the card and the calendar never disagree (both on the primary: the card reads what was just written).
  let compliance: Awaited<ReturnType<typeof summarizeComplianceTasks>> | null = null;
  if (can(actor.permissions, "security", "view")) {
    await ensureComplianceTasks(org, now);
    compliance = await summarizeComplianceTasks(org, now);
  }

  let signIns: {
    series: DailySignIns[];
    failedToday: number;
    usualFailures: number;
    offHours7d: number;
    foreign7d: number;
    openAlerts: number;
  } | null = null;
  let security: SecurityPanels | null = null;
  if (seesSignIns) {
    const today = jstMidnight(now);
    const from = new Date(today.getTime() - (MAX_RANGE - 1) * DAY_MS);
    const hours = await readSignInHours(prisma, org, from, now);
    const byDay = new Map<string, DailySignIns>();
    for (const h of hours) {
      const day = jstDay(h.hour);
      const d = byDay.get(day) ?? { day, success: 0, failure: 0, offHours: 0, foreign: 0 };
      d.success += h.success;
      d.failure += h.failure;
      d.offHours += h.offHours;
      d.foreign += h.foreign;
      byDay.set(day, d);
    }
    const all: DailySignIns[] = [];
    for (let t = from.getTime(); t <= today.getTime(); t += DAY_MS) {
      const day = jstDay(new Date(t));
      all.push(byDay.get(day) ?? { day, success: 0, failure: 0, offHours: 0, foreign: 0 });
    }
    const series = all.slice(-range);
    const fromDay = series[0]!.day;
    const toDay = series.at(-1)!.day;
    const rangeStart = new Date(today.getTime() - (range - 1) * DAY_MS);
    const previous28 = all.slice(-29, -1);
    const last7 = all.slice(-7);

    const [alertRows, countries, failingAccounts, failingIps] = await Promise.all([
      prisma.alert.groupBy({ by: ["severity"], where: { organizationId: org, status: { in: ["open", "acknowledged"] } }, _count: { _all: true } }),
      readTopDims(prisma, org, "country", fromDay, toDay, "total"),
      readTopDims(prisma, org, "account", fromDay, toDay, "failure"),
      readTopDims(prisma, org, "ip", fromDay, toDay, "failure"),
    ]);
    const alertsBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, alertRows.find((r) => r.severity === s)?._count._all ?? 0])) as SecurityPanels["alertsBySeverity"];
    const success = series.reduce((n, d) => n + d.success, 0);
    const failure = series.reduce((n, d) => n + d.failure, 0);

    signIns = {
      series,
      failedToday: all.at(-1)?.failure ?? 0,
      usualFailures: previous28.length ? Math.round(previous28.reduce((n, d) => n + d.failure, 0) / previous28.length) : 0,
      offHours7d: last7.reduce((n, d) => n + d.offHours, 0),
      foreign7d: last7.reduce((n, d) => n + d.foreign, 0),
      openAlerts: Object.values(alertsBySeverity).reduce((a, b) => a + b, 0),
    };
    security = {
      range,
      fromDay,
      toDay,
      totals: { success, failure, failureRate: failureRate(success, failure) },
      heatmap: heatmap(hours.filter((h) => h.hour >= rangeStart)),
      countries,
      failingAccounts,
      failingIps,
      alertsBySeverity,
    };
  }
  return { displayName: actor.displayName, accounts, lines, offboarding, compliance, signIns, security };
}

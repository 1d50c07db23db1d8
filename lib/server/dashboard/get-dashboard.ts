import "server-only";
import { can } from "@/lib/permissions";
import { authorize } from "../authorize";
import { db } from "../db";

const DAY_MS = 86_400_000;
const JST_MS = 9 * 3_600_000;

export interface DailySignIns {
  day: string;
  success: number;
  failure: number;
  offHours: number;
  foreign: number;
}

/** The JST calendar day of an instant, as YYYY-MM-DD. */
function jstDay(at: Date): string {
  return new Date(at.getTime() + JST_MS).toISOString().slice(0, 10);
}

/** Start of the JST day that contains `at`, as an instant. */
function jstMidnight(at: Date): Date {
  return new Date(Math.floor((at.getTime() + JST_MS) / DAY_MS) * DAY_MS - JST_MS);
}

/** The dashboard's cards and chart; each part only for those whose roles cover it. Reads rollups, never the log. */
export async function getDashboard(now = new Date()) {
  const actor = await authorize();
  const prisma = await db();
  const org = actor.organizationId;
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

  let signIns: { series: DailySignIns[]; failedToday: number; usualFailures: number; offHours7d: number; foreign7d: number; openAlerts: number } | null = null;
  if (seesSignIns) {
    const today = jstMidnight(now);
    const from = new Date(today.getTime() - 89 * DAY_MS);
    const rows = await prisma.$queryRaw<{ day: string; success: number; failure: number; off_hours: number; foreign: number }[]>`
      SELECT to_char(hour AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD') AS day,
             sum(success_count)::int AS success, sum(failure_count)::int AS failure,
             sum(off_hours_count)::int AS off_hours, sum(foreign_count)::int AS foreign
      FROM sign_in_rollups
      WHERE organization_id = ${org}::uuid AND hour >= ${from} AND hour <= ${now}
      GROUP BY 1 ORDER BY 1`;
    const byDay = new Map(rows.map((r) => [r.day, r]));
    const series: DailySignIns[] = [];
    for (let t = from.getTime(); t <= today.getTime(); t += DAY_MS) {
      const day = jstDay(new Date(t));
      const r = byDay.get(day);
      series.push({ day, success: r?.success ?? 0, failure: r?.failure ?? 0, offHours: r?.off_hours ?? 0, foreign: r?.foreign ?? 0 });
    }
    const last = series.at(-1);
    const previous28 = series.slice(-29, -1);
    const last7 = series.slice(-7);
    signIns = {
      series,
      failedToday: last?.failure ?? 0,
      usualFailures: previous28.length ? Math.round(previous28.reduce((n, d) => n + d.failure, 0) / previous28.length) : 0,
      offHours7d: last7.reduce((n, d) => n + d.offHours, 0),
      foreign7d: last7.reduce((n, d) => n + d.foreign, 0),
      openAlerts: await prisma.alert.count({ where: { organizationId: org, status: { not: "resolved" } } }),
    };
  }
  return { displayName: actor.displayName, accounts, lines, signIns };
}

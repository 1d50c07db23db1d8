import "server-only";
import { addDays, failureRate, versusBaseline, weekBounds } from "@/lib/policy/security-dashboard";
import type { Db, Tx } from "../db";
import { readDimKeys } from "../dashboard/read-rollups";

const WEEK_MS = 7 * 86_400_000;
export const LATE_NIGHT_PAGE_SIZE = 50;

export interface WeekCounts {
  weekStart: string;
  success: number;
  failure: number;
  offHours: number;
}

export interface WeeklyFigures {
  weekStart: string;
  signIns: number;
  failures: number;
  failureRate: number | null;
  offHours: number;
  lateNight: number;
  previous: { weekStart: string; signIns: number; failures: number; failureRate: number | null }[];
  failuresVsBaseline: { baseline: number | null; ratio: number | null };
  rateVsBaseline: { baseline: number | null; ratio: number | null };
  newCountries: string[];
  alerts: { kind: string; status: string; count: number }[];
}

/** Sign-in counts per week (JST, Monday first) for `weeks` weeks ending with the one starting `lastWeekStart`. */
export async function weekCounts(prisma: Db | Tx, organizationId: string, lastWeekStart: string, weeks: number): Promise<WeekCounts[]> {
  const last = weekBounds(lastWeekStart)!;
  const from = new Date(last.from.getTime() - (weeks - 1) * WEEK_MS);
  const rows = await prisma.$queryRaw<{ week: string; success: number; failure: number; off_hours: number }[]>`
    SELECT to_char(date_trunc('week', hour AT TIME ZONE 'Asia/Tokyo'), 'YYYY-MM-DD') AS week,
           sum(success_count)::int AS success, sum(failure_count)::int AS failure, sum(off_hours_count)::int AS off_hours
    FROM sign_in_rollups
    WHERE organization_id = ${organizationId}::uuid AND hour >= ${from} AND hour < ${last.to}
    GROUP BY 1`;
  const byWeek = new Map(rows.map((r) => [r.week, r]));
  return Array.from({ length: weeks }, (_, i) => {
    const weekStart = addDays(lastWeekStart, -7 * (weeks - 1 - i));
    const r = byWeek.get(weekStart);
    return { weekStart, success: r?.success ?? 0, failure: r?.failure ?? 0, offHours: r?.off_hours ?? 0 };
  });
}

/** WHERE for successful sign-ins between 22:00 and 05:00 JST in [from, to): read through (organization_id, action, occurred_at). */
export async function countLateNight(prisma: Db | Tx, organizationId: string, from: Date, to: Date): Promise<number> {
  const [row] = await prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM audit_events
    WHERE organization_id = ${organizationId}::uuid AND action = 'auth.sign_in' AND outcome = 'success'
      AND occurred_at >= ${from} AND occurred_at < ${to}
      AND (extract(hour FROM occurred_at AT TIME ZONE 'Asia/Tokyo') >= 22 OR extract(hour FROM occurred_at AT TIME ZONE 'Asia/Tokyo') < 5)`;
  return row?.n ?? 0;
}

export async function listLateNight(prisma: Db | Tx, organizationId: string, from: Date, to: Date, page: number) {
  const rows = await prisma.$queryRaw<{ id: bigint; occurredAt: Date; actorId: string | null; actorLabel: string | null; ip: string | null; country: string | null }[]>`
    SELECT id, occurred_at AS "occurredAt", actor_id::text AS "actorId", actor_label AS "actorLabel", host(ip) AS ip, country
    FROM audit_events
    WHERE organization_id = ${organizationId}::uuid AND action = 'auth.sign_in' AND outcome = 'success'
      AND occurred_at >= ${from} AND occurred_at < ${to}
      AND (extract(hour FROM occurred_at AT TIME ZONE 'Asia/Tokyo') >= 22 OR extract(hour FROM occurred_at AT TIME ZONE 'Asia/Tokyo') < 5)
    ORDER BY occurred_at, id
    LIMIT ${LATE_NIGHT_PAGE_SIZE} OFFSET ${(page - 1) * LATE_NIGHT_PAGE_SIZE}`;
  return rows.map((r) => ({ ...r, id: r.id.toString(), occurredAt: new Date(r.occurredAt) }));
}

/** The figures of one week as the weekly log audit shows them and a sign-off stores them. */
export async function weeklyFigures(prisma: Db | Tx, organizationId: string, weekStart: string): Promise<WeeklyFigures> {
  const { from, to } = weekBounds(weekStart)!;
  const weekEnd = addDays(weekStart, 6);
  const [counts, lateNight, thisWeekCountries, earlierCountries, alertRows] = await Promise.all([
    weekCounts(prisma, organizationId, weekStart, 5),
    countLateNight(prisma, organizationId, from, to),
    readDimKeys(prisma, organizationId, "country", weekStart, weekEnd),
    readDimKeys(prisma, organizationId, "country", addDays(weekStart, -90), addDays(weekStart, -1)),
    prisma.alert.groupBy({
      by: ["kind", "status"],
      where: { organizationId, createdAt: { gte: from, lt: to } },
      _count: { _all: true },
      orderBy: [{ kind: "asc" }, { status: "asc" }],
    }),
  ]);
  const current = counts.at(-1)!;
  const previous = counts.slice(0, -1).map((w) => ({
    weekStart: w.weekStart,
    signIns: w.success + w.failure,
    failures: w.failure,
    failureRate: failureRate(w.success, w.failure),
  }));
  const seen = new Set(earlierCountries);
  return {
    weekStart,
    signIns: current.success + current.failure,
    failures: current.failure,
    failureRate: failureRate(current.success, current.failure),
    offHours: current.offHours,
    lateNight,
    previous,
    failuresVsBaseline: versusBaseline(current.failure, previous.map((p) => p.failures)),
    rateVsBaseline: versusBaseline(
      failureRate(current.success, current.failure) ?? 0,
      previous.filter((p) => p.failureRate !== null).map((p) => p.failureRate!),
    ),
    newCountries: thisWeekCountries.filter((c) => !seen.has(c)),
    alerts: alertRows.map((r) => ({ kind: r.kind, status: r.status, count: r._count._all })),
  };
}

import "server-only";
import type { Db, Tx } from "../db";
import type { DimDimension } from "../audit/rollups";

export interface SignInHour {
  hour: Date;
  success: number;
  failure: number;
  offHours: number;
  foreign: number;
}

export interface DimCount {
  key: string;
  label: string | null;
  success: number;
  failure: number;
}

/** The organization's hourly sign-in rollups in [from, to]. Callers have authorized and scope by `organizationId`. */
export async function readSignInHours(prisma: Db | Tx, organizationId: string, from: Date, to: Date): Promise<SignInHour[]> {
  const rows = await prisma.$queryRaw<{ hour: Date; success: number; failure: number; off_hours: number; foreign: number }[]>`
    SELECT hour, success_count AS success, failure_count AS failure, off_hours_count AS off_hours, foreign_count AS foreign
    FROM sign_in_rollups
    WHERE organization_id = ${organizationId}::uuid AND hour >= ${from} AND hour <= ${to}
    ORDER BY hour`;
  return rows.map((r) => ({ hour: new Date(r.hour), success: r.success, failure: r.failure, offHours: r.off_hours, foreign: r.foreign }));
}

/**
 * The top keys of one dimension over JST days [fromDay, toDay]: by all sign-ins, or by failures (keys without a
 * failure left out).
 */
export async function readTopDims(
  prisma: Db | Tx,
  organizationId: string,
  dimension: DimDimension,
  fromDay: string,
  toDay: string,
  by: "total" | "failure",
  limit = 10,
): Promise<DimCount[]> {
  const rows =
    by === "total"
      ? await prisma.$queryRaw<{ key: string; label: string | null; success: number; failure: number }[]>`
          SELECT key, max(label) AS label, sum(success_count)::int AS success, sum(failure_count)::int AS failure
          FROM sign_in_dim_rollups
          WHERE organization_id = ${organizationId}::uuid AND dimension = ${dimension}
            AND day >= ${fromDay}::date AND day <= ${toDay}::date
          GROUP BY key ORDER BY sum(success_count + failure_count) DESC, key LIMIT ${limit}`
      : await prisma.$queryRaw<{ key: string; label: string | null; success: number; failure: number }[]>`
          SELECT key, max(label) AS label, sum(success_count)::int AS success, sum(failure_count)::int AS failure
          FROM sign_in_dim_rollups
          WHERE organization_id = ${organizationId}::uuid AND dimension = ${dimension}
            AND day >= ${fromDay}::date AND day <= ${toDay}::date AND failure_count > 0
          GROUP BY key ORDER BY sum(failure_count) DESC, key LIMIT ${limit}`;
  return rows;
}

/** Keys of a dimension seen in [fromDay, toDay] (JST days). */
export async function readDimKeys(prisma: Db | Tx, organizationId: string, dimension: DimDimension, fromDay: string, toDay: string): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ key: string }[]>`
    SELECT DISTINCT key FROM sign_in_dim_rollups
    WHERE organization_id = ${organizationId}::uuid AND dimension = ${dimension}
      AND day >= ${fromDay}::date AND day <= ${toDay}::date
    ORDER BY key`;
  return rows.map((r) => r.key);
}

import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { isOffHoursFor, localParts, type OrgCalendar } from "@/lib/policy/org-calendar";
import type { Tx } from "../db";
import type { RecordedSignIn } from "./sign-in-events";

/** The dimensions the dashboard ranks sign-ins by, per day in the organization's zone. */
export const DIM_DIMENSIONS = ["country", "ip", "account"] as const;
export type DimDimension = (typeof DIM_DIMENSIONS)[number];

interface HourRow {
  hour: string;
  success: number;
  failure: number;
  off_hours: number;
  foreign: number;
}
interface DimRow {
  day: string;
  dimension: DimDimension;
  key: string;
  label: string | null;
  success: number;
  failure: number;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The account key of a sign-in: its account id when known, else the ID that was typed (failures of unknown IDs). */
export function accountKey(e: Pick<RecordedSignIn, "actorId" | "actorLabel">): string | null {
  return e.actorId ?? e.actorLabel ?? null;
}

/**
 * Moves the organization's sign-in rollups for events just written, in the same transaction: the hourly counts and
 * the per-day counts by country, IP and account. One multi-row upsert per table, whatever the batch size.
 */
export async function bumpSignInRollups(tx: Tx, organizationId: string, events: RecordedSignIn[], calendar: OrgCalendar): Promise<void> {
  if (events.length === 0) return;
  const byHour = new Map<number, HourRow>();
  const byDim = new Map<string, DimRow>();
  const bumpDim = (day: string, dimension: DimDimension, key: string | null, label: string | null, success: boolean) => {
    if (!key) return;
    const id = `${dimension}|${day}|${key}`;
    let row = byDim.get(id);
    if (!row) {
      row = { day, dimension, key, label, success: 0, failure: 0 };
      byDim.set(id, row);
    }
    if (label) row.label = label;
    if (success) row.success++;
    else row.failure++;
  };
  for (const e of events) {
    const hour = Math.floor(e.occurredAt.getTime() / 3_600_000) * 3_600_000;
    let row = byHour.get(hour);
    if (!row) {
      row = { hour: new Date(hour).toISOString(), success: 0, failure: 0, off_hours: 0, foreign: 0 };
      byHour.set(hour, row);
    }
    const success = e.outcome === "success";
    if (success) row.success++;
    else row.failure++;
    if (success && isOffHoursFor(e.occurredAt, calendar)) row.off_hours++;
    if (e.country && e.country !== "JP") row.foreign++;

    const p = localParts(e.occurredAt, calendar.timeZone);
    const day = `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
    bumpDim(day, "country", e.country, null, success);
    bumpDim(day, "ip", e.ip, null, success);
    bumpDim(day, "account", accountKey(e), e.actorLabel, success);
  }
  await tx.$executeRaw`
    INSERT INTO sign_in_rollups (organization_id, hour, success_count, failure_count, off_hours_count, foreign_count)
    SELECT ${organizationId}::uuid, r.hour, r.success, r.failure, r.off_hours, r.foreign
    FROM jsonb_to_recordset(${JSON.stringify([...byHour.values()])}::jsonb)
      AS r(hour timestamptz, success int, failure int, off_hours int, "foreign" int)
    ON CONFLICT (organization_id, hour) DO UPDATE SET
      success_count = sign_in_rollups.success_count + EXCLUDED.success_count,
      failure_count = sign_in_rollups.failure_count + EXCLUDED.failure_count,
      off_hours_count = sign_in_rollups.off_hours_count + EXCLUDED.off_hours_count,
      foreign_count = sign_in_rollups.foreign_count + EXCLUDED.foreign_count`;
  if (byDim.size === 0) return;
  await tx.$executeRaw`
    INSERT INTO sign_in_dim_rollups (organization_id, day, dimension, key, label, success_count, failure_count)
    SELECT ${organizationId}::uuid, r.day, r.dimension, r.key, r.label, r.success, r.failure
    FROM jsonb_to_recordset(${JSON.stringify([...byDim.values()])}::jsonb)
      AS r(day date, dimension text, key text, label text, success int, failure int)
    ON CONFLICT (organization_id, dimension, day, key) DO UPDATE SET
      label = COALESCE(EXCLUDED.label, sign_in_dim_rollups.label),
      success_count = sign_in_dim_rollups.success_count + EXCLUDED.success_count,
      failure_count = sign_in_dim_rollups.failure_count + EXCLUDED.failure_count`;
}

/**
 * The dimension rollups of one organization rebuilt from its sign-in events in one statement: for rows written in
 * bulk without bumpSignInRollups (the demo seed, the bench). Days are in `timeZone`.
 */
export function rebuildSignInDimRollupsSql(organizationId: string, timeZone = "Asia/Tokyo"): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO sign_in_dim_rollups (organization_id, day, dimension, key, label, success_count, failure_count)
    SELECT ${organizationId}::uuid, day, dimension, key, max(label), count(*) FILTER (WHERE outcome = 'success'),
           count(*) FILTER (WHERE outcome = 'failure')
    FROM (
      SELECT (occurred_at AT TIME ZONE ${timeZone})::date AS day, outcome, country, host(ip) AS ip,
             COALESCE(actor_id::text, actor_label) AS account, actor_label
      FROM audit_events WHERE organization_id = ${organizationId}::uuid AND action = 'auth.sign_in'
    ) e
    CROSS JOIN LATERAL (VALUES ('country', e.country, NULL::text), ('ip', e.ip, NULL::text), ('account', e.account, e.actor_label))
      AS d(dimension, key, label)
    WHERE d.key IS NOT NULL
    GROUP BY day, dimension, key
    ON CONFLICT (organization_id, dimension, day, key) DO UPDATE SET
      label = COALESCE(EXCLUDED.label, sign_in_dim_rollups.label),
      success_count = EXCLUDED.success_count,
      failure_count = EXCLUDED.failure_count`;
}

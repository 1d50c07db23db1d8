import "server-only";
import {
  AUDIT_COUNT_CAP,
  auditFilterSchema,
  encodeAuditCursor,
  type AuditFilterInput,
} from "@/lib/schemas/audit";
import { authorize } from "../authorize";
import { db } from "../db";
import { AUDIT_EVENT_COLUMNS, auditEventsWhere, type AuditEventRow } from "./audit-event-query";

/** A row as pages see it: the bigint id as text, so it survives serialisation to the client. */
export type AuditEventView = Omit<AuditEventRow, "id"> & { id: string };

/**
 * One page of the organization's audit log, newest first, paged by keyset (occurred_at desc, id desc) so that page
 * 500 costs what page 1 does. The total is counted only up to AUDIT_COUNT_CAP (`capped` says there are more).
 * A malformed IP/CIDR answers no rows and `filter.ipError`, so the page can name the field.
 */
export async function listAuditEvents(input: AuditFilterInput) {
  const actor = await authorize("audit", "view");
  const filter = auditFilterSchema.parse(input);
  if (filter.ipError) return { filter, events: [] as AuditEventView[], total: 0, capped: false, nextCursor: null as string | null };
  const prisma = await db();
  const where = auditEventsWhere(actor.organizationId, filter, filter.cursor);
  const countWhere = auditEventsWhere(actor.organizationId, filter);
  const [rows, counted] = await Promise.all([
    // Newest first along the (organization, time) index of each month, stopping at the page. The planner cannot
    // estimate how many events a filter keeps under row-level security (for an address range it guesses a handful,
    // then reads and sorts every match: seconds for an office /24 with a million sign-ins), so it is told to walk.
    prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true), set_config('enable_sort', 'off', true)`;
      return tx.$queryRaw<AuditEventRow[]>`SELECT ${AUDIT_EVENT_COLUMNS} FROM audit_events WHERE ${where}
        ORDER BY occurred_at DESC, id DESC LIMIT ${filter.pageSize + 1}`;
    }, { timeout: 20_000, maxWait: 20_000 }),
    prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM (SELECT 1 FROM audit_events WHERE ${countWhere}
      LIMIT ${AUDIT_COUNT_CAP + 1}) capped`,
  ]);
  const page = rows.slice(0, filter.pageSize).map((r) => ({ ...r, id: BigInt(r.id) }));
  const last = page.at(-1);
  const n = Number(counted[0]?.n ?? 0);
  return {
    filter,
    events: page.map((e): AuditEventView => ({ ...e, id: e.id.toString() })),
    total: Math.min(n, AUDIT_COUNT_CAP),
    capped: n > AUDIT_COUNT_CAP,
    nextCursor: rows.length > filter.pageSize && last ? encodeAuditCursor(last) : (null as string | null),
  };
}


import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AuditCursor, AuditFilter } from "@/lib/schemas/audit";

/** Escapes LIKE wildcards so that typed text matches literally. */
const likeText = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The WHERE clause of the audit explorer and its export: always names the organization (queries that run after a
 * streamed response has started cannot rely on the request's bound tenant alone). A malformed IP never gets here.
 */
export function auditEventsWhere(organizationId: string, f: AuditFilter, after?: AuditCursor): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`organization_id = ${organizationId}::uuid`];
  if (f.from) parts.push(Prisma.sql`occurred_at >= ${f.from}`);
  if (f.to) parts.push(Prisma.sql`occurred_at < ${f.to}`);
  if (f.actor) {
    const like = `%${likeText(f.actor)}%`;
    parts.push(Prisma.sql`(actor_label ILIKE ${like} OR actor_id::text = ${f.actor})`);
  }
  if (f.target) {
    const like = `%${likeText(f.target)}%`;
    parts.push(Prisma.sql`(target_label ILIKE ${like} OR target_id = ${f.target})`);
  }
  if (f.action) {
    parts.push(f.actionPrefix ? Prisma.sql`action LIKE ${`${likeText(f.action)}%`}` : Prisma.sql`action = ${f.action}`);
  }
  if (f.outcome) parts.push(Prisma.sql`outcome = ${f.outcome}::"AuditOutcome"`);
  if (f.cidr) parts.push(Prisma.sql`ip <<= ${f.cidr}::inet`);
  if (f.country) parts.push(Prisma.sql`country = ${f.country}`);
  if (after) parts.push(Prisma.sql`(occurred_at, id) < (${after.occurredAt}, ${after.id})`);
  return Prisma.join(parts, " AND ");
}

export interface AuditEventRow {
  id: bigint;
  occurredAt: Date;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  outcome: "success" | "failure";
  reason: string | null;
  ip: string | null;
  country: string | null;
  userAgent: string | null;
  details: unknown;
}

export const AUDIT_EVENT_COLUMNS = Prisma.sql`id, occurred_at AS "occurredAt", actor_id::text AS "actorId",
  actor_label AS "actorLabel", action, target_type AS "targetType", target_id AS "targetId",
  target_label AS "targetLabel", outcome::text AS outcome, reason, host(ip) AS ip, country,
  user_agent AS "userAgent", details`;

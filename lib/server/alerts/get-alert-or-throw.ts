import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { can } from "@/lib/permissions";
import { alertIdSchema, type AlertSeverity, type AlertStatus } from "@/lib/schemas/alerts";
import { AUDIT_EVENT_COLUMNS, type AuditEventRow } from "../audit/audit-event-query";
import { authorize } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { listSecurityPeople, type AlertPerson } from "./security-people";
import { subjectAccounts } from "./subject-accounts";

/** The detail page shows the newest this many evidence events; the audit log link shows them all. */
export const ALERT_EVIDENCE_LIMIT = 50;
// Evidence ids grow with time: the newest events are among the highest ids, so only those are looked up.
const EVIDENCE_LOOKUP = 500;

export interface AlertEvidence {
  id: string;
  occurredAt: Date;
  action: string;
  outcome: "success" | "failure";
  reason: string | null;
  actorLabel: string | null;
  ip: string | null;
  country: string | null;
}

export interface AlertExplanation {
  values: Record<string, string | number | boolean | null>;
  params: Record<string, string | number | boolean | null>;
}

export const flat = (v: unknown): Record<string, string | number | boolean | null> => {
  if (!v || typeof v !== "object" || Array.isArray(v)) return {};
  const out: Record<string, string | number | boolean | null> = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === null || typeof x === "string" || typeof x === "number" || typeof x === "boolean") out[k] = x;
    else out[k] = JSON.stringify(x);
  }
  return out;
};

/** One alert of the caller's organization with its evidence, comments and people; another organization's is not found. */
export async function getAlertOrThrow(input: { id: string }) {
  const actor = await authorize("security", "view");
  const parsed = alertIdSchema.safeParse(input);
  if (!parsed.success) throw new AppError("not_found", "No such alert.", undefined, "not_found");
  const prisma = await db();
  const alert = await prisma.alert.findFirst({
    where: { id: parsed.data.id, organizationId: actor.organizationId },
    select: {
      id: true,
      kind: true,
      severity: true,
      subjectType: true,
      subjectKey: true,
      subjectLabel: true,
      firstSeenAt: true,
      lastSeenAt: true,
      count: true,
      evidenceEventIds: true,
      status: true,
      explanation: true,
      acknowledgedAt: true,
      acknowledgedById: true,
      resolvedAt: true,
      resolvedById: true,
      resolution: true,
      createdAt: true,
      updatedAt: true,
      assignee: { select: { id: true, loginId: true, displayName: true } },
      comments: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          authorId: true,
          authorLabel: true,
          body: true,
          createdAt: true,
        },
        take: 500,
      },
    },
  });
  if (!alert) throw new AppError("not_found", "No such alert.", undefined, "not_found");

  const ids = [...new Set(alert.evidenceEventIds.map((id) => id.toString()))]
    .map((id) => BigInt(id))
    .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))
    .slice(0, EVIDENCE_LOOKUP);
  const canManage = can(actor.permissions, "security", "manage");
  const [evidence, people, accounts, assignable] = await Promise.all([
    ids.length
      ? prisma.$queryRaw<AuditEventRow[]>`SELECT ${AUDIT_EVENT_COLUMNS} FROM audit_events
          WHERE organization_id = ${actor.organizationId}::uuid AND id IN (${Prisma.join(ids)})
          ORDER BY occurred_at DESC, id DESC LIMIT ${ALERT_EVIDENCE_LIMIT}`
      : Promise.resolve([] as AuditEventRow[]),
    prisma.account.findMany({
      where: {
        organizationId: actor.organizationId,
        id: {
          in: [alert.acknowledgedById, alert.resolvedById].filter((x): x is string => Boolean(x)),
        },
      },
      select: { id: true, loginId: true, displayName: true },
    }),
    alert.subjectType === "account"
      ? subjectAccounts(prisma, actor.organizationId, [alert.subjectKey])
      : Promise.resolve(new Map<string, { id: string; loginId: string }>()),
    canManage ? listSecurityPeople(prisma, actor.organizationId) : Promise.resolve([] as AlertPerson[]),
  ]);
  const person = (id: string | null): AlertPerson | null => (id ? (people.find((p) => p.id === id) ?? null) : null);
  const explanation = (alert.explanation ?? {}) as {
    values?: unknown;
    params?: unknown;
  };
  const subjectAccount = accounts.get(alert.subjectKey) ?? null;
  const { evidenceEventIds, acknowledgedById, resolvedById, explanation: _raw, ...rest } = alert;
  void _raw;
  return {
    alert: {
      ...rest,
      severity: rest.severity as AlertSeverity,
      status: rest.status as AlertStatus,
      explanation: {
        values: flat(explanation.values),
        params: flat(explanation.params),
      } satisfies AlertExplanation,
      evidenceCount: new Set(evidenceEventIds.map(String)).size,
      acknowledgedBy: person(acknowledgedById) ?? (acknowledgedById ? { id: acknowledgedById, loginId: "—", displayName: "—" } : null),
      resolvedBy: person(resolvedById) ?? (resolvedById ? { id: resolvedById, loginId: "—", displayName: "—" } : null),
      subjectAccount,
    },
    evidence: evidence.map((e): AlertEvidence => ({
      id: String(e.id),
      occurredAt: e.occurredAt,
      action: e.action,
      outcome: e.outcome,
      reason: e.reason,
      actorLabel: e.actorLabel,
      ip: e.ip,
      country: e.country,
    })),
    assignable,
    canManage,
    viewerId: actor.accountId,
  };
}

export type AlertDetail = Awaited<ReturnType<typeof getAlertOrThrow>>;

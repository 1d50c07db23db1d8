import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseJstBound } from "@/lib/schemas/audit";
import { listAlertsSchema, type AlertSeverity, type AlertStatus, type ListAlertsInput, type ListAlertsQuery } from "@/lib/schemas/alerts";
import { authorize } from "../authorize";
import { db } from "../db";
import { listSecurityPeople, type AlertPerson } from "./security-people";
import { flat } from "./get-alert-or-throw";
import { subjectAccounts } from "./subject-accounts";

export interface AlertRow {
  id: string;
  kind: string;
  severity: AlertSeverity;
  subjectType: string;
  subjectKey: string;
  subjectLabel: string | null;
  /** The account an account alert is about, when it is (still) in the organization: the list links to it. */
  subjectAccountId: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  count: number;
  status: AlertStatus;
  assignee: AlertPerson | null;
  /** The values the rule's "why" sentence is worded with. */
  why: Record<string, string | number | boolean | null>;
}

const likeText = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function alertsWhere(organizationId: string, accountId: string, q: ListAlertsQuery): Prisma.AlertWhereInput {
  const where: Prisma.AlertWhereInput = { organizationId };
  if (q.status === "active") where.status = { in: ["open", "acknowledged"] };
  else if (q.status !== "all") where.status = q.status;
  if (q.severity) where.severity = q.severity;
  if (q.kind) where.kind = q.kind;
  if (q.assignee === "me") where.assigneeId = accountId;
  else if (q.assignee === "unassigned") where.assigneeId = null;
  else if (q.assignee) where.assigneeId = q.assignee;
  if (q.q) {
    const text = likeText(q.q);
    where.OR = [{ subjectLabel: { contains: text, mode: "insensitive" } }, { subjectKey: { contains: text, mode: "insensitive" } }];
  }
  // Alerts active at any time within the range: last seen after its start and first seen before its end.
  const from = q.from ? parseJstBound(q.from, "from") : null;
  const to = q.to ? parseJstBound(q.to, "to") : null;
  if (from) where.lastSeenAt = { gte: from };
  if (to) where.firstSeenAt = { lt: to };
  return where;
}

/** One page of the organization's alerts, most recently seen first, filtered and counted on the server. */
export async function listAlerts(input: ListAlertsInput) {
  const actor = await authorize("security", "view");
  const query = listAlertsSchema.parse(input);
  const prisma = await db();
  const where = alertsWhere(actor.organizationId, actor.accountId, query);
  const [total, rows, people] = await Promise.all([
    prisma.alert.count({ where }),
    prisma.alert.findMany({
      where,
      orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
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
        status: true,
        assignee: { select: { id: true, loginId: true, displayName: true } },
        explanation: true,
      },
    }),
    listSecurityPeople(prisma, actor.organizationId),
  ]);
  const accounts = await subjectAccounts(
    prisma,
    actor.organizationId,
    rows.filter((r) => r.subjectType === "account").map((r) => r.subjectKey),
  );
  const alerts: AlertRow[] = rows.map(({ explanation, ...r }) => ({
    ...r,
    why: flat((explanation as { values?: unknown } | null)?.values),
    subjectAccountId: r.subjectType === "account" ? (accounts.get(r.subjectKey)?.id ?? null) : null,
  }));
  return {
    query,
    total,
    pages: Math.max(1, Math.ceil(total / query.pageSize)),
    alerts,
    assignees: people,
    viewerId: actor.accountId,
  };
}

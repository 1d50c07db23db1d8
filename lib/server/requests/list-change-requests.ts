import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { REQUEST_PAGE_SIZE, listChangeRequestsSchema, type ListChangeRequestsInput, type RequestStatus, type RequestView } from "@/lib/schemas/requests";
import { authorize } from "../authorize";
import { db } from "../db";
import { readDiff } from "./request-kind";
import { domainsWith } from "./visibility";

export interface ChangeRequestRow {
  id: string;
  createdAt: Date;
  kind: string;
  targetLabel: string;
  requester: string;
  status: RequestStatus;
  changedFields: number;
}

/**
 * One page of the requests the caller may see: those in domains they can view, and their own. "decide" is what waits
 * for them (pending, in a domain they manage, filed by someone else); "mine" what they filed; "all" everything visible.
 */
export async function listChangeRequests(input: ListChangeRequestsInput) {
  const actor = await authorize();
  const query = listChangeRequestsSchema.parse(input);
  const manageDomains = domainsWith(actor, "manage");
  const canDecide = manageDomains.length > 0;
  const view: RequestView = query.view ?? (canDecide ? "decide" : "mine");
  const organizationId = actor.organizationId;
  const toDecide: Prisma.ChangeRequestWhereInput = { organizationId, status: "pending", domain: { in: manageDomains }, requestedById: { not: actor.accountId } };
  const visible: Prisma.ChangeRequestWhereInput = {
    organizationId,
    OR: [{ domain: { in: domainsWith(actor, "view") } }, { requestedById: actor.accountId }],
  };
  const byView: Record<RequestView, Prisma.ChangeRequestWhereInput> = {
    decide: toDecide,
    mine: { organizationId, requestedById: actor.accountId },
    all: visible,
  };
  const where: Prisma.ChangeRequestWhereInput = { AND: [byView[view], ...(query.status && view !== "decide" ? [{ status: query.status }] : [])] };
  const prisma = await db();
  const [total, waiting, rows] = await Promise.all([
    prisma.changeRequest.count({ where }),
    prisma.changeRequest.count({ where: toDecide }),
    prisma.changeRequest.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (query.page - 1) * REQUEST_PAGE_SIZE,
      take: REQUEST_PAGE_SIZE,
      select: { id: true, createdAt: true, kind: true, status: true, diff: true, requestedBy: { select: { displayName: true } } },
    }),
  ]);
  const requests: ChangeRequestRow[] = rows.map((r) => {
    const diff = readDiff(r.diff);
    return { id: r.id, createdAt: r.createdAt, kind: r.kind, targetLabel: diff.targetLabel, requester: r.requestedBy.displayName, status: r.status, changedFields: diff.changes.length };
  });
  return {
    query: { ...query, view, status: view === "decide" ? undefined : query.status },
    canDecide,
    waiting,
    total,
    requests,
    pageSize: REQUEST_PAGE_SIZE,
    pages: Math.max(1, Math.ceil(total / REQUEST_PAGE_SIZE)),
  };
}

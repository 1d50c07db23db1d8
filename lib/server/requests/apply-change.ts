import "server-only";
// Applying a change, from an approved request or directly by someone with manage: the kind writes it, and the
// change's own audit event (before/after) is written in the same transaction.
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "../audit";
import type { Actor } from "../authorize";
import { clientContext } from "../authorize";
import { db, type Tx } from "../db";
import { AppError } from "../errors";
import { deliver } from "../mail/mailer";
import { changesBetween, lockTarget, proposedValues, validatedPayload, type Change, type RequestKind, type Target } from "./request-kind";

export interface AppliedChange {
  targetId: string;
  targetLabel: string;
  changes: Change[];
}

export async function applyChange(
  tx: Tx,
  kind: RequestKind,
  input: { actor: Actor; now: Date; targetId: string; target: Target; payload: unknown; changes: Change[]; reason: string | null; requestId?: string; userAgent?: string | null },
): Promise<string[]> {
  const { actor, now, targetId, target, changes } = input;
  const mailIds = await kind.apply(tx, { organizationId: actor.organizationId, targetId, payload: input.payload as Record<string, unknown>, changes }, { actor, now, reason: input.reason });
  const side = (s: "before" | "after") => Object.fromEntries(changes.map((c) => [c.field, c[s]])) as Prisma.InputJsonObject;
  await recordAudit(tx, {
    organizationId: actor.organizationId,
    actorId: actor.accountId,
    actorLabel: actor.loginId,
    action: kind.actionFor?.(changes) ?? kind.changedAction,
    targetType: kind.targetType,
    targetId,
    targetLabel: target.label,
    outcome: "success",
    reason: input.reason,
    ip: actor.ip,
    userAgent: input.userAgent ?? null,
    occurredAt: now,
    details: { before: side("before"), after: side("after"), ...(input.requestId ? { requestId: input.requestId } : {}) },
  });
  return mailIds ?? [];
}

/**
 * The direct path: the caller has authorized <domain>:manage and parsed the payload. Nothing is written when the
 * values are the ones the target already has.
 */
export async function changeDirectly(actor: Actor, kind: RequestKind, targetId: string, payload: unknown, reason: string | null): Promise<AppliedChange & { changed: boolean }> {
  const { userAgent } = await clientContext();
  const prisma = await db();
  const { mailIds, ...result } = await prisma.$transaction(async (tx) => {
    await lockTarget(tx, kind, actor.organizationId, targetId);
    const target = await kind.loadCurrent(tx, actor.organizationId, targetId);
    if (!target) throw new AppError("not_found", `No such ${kind.noun}.`);
    const now = new Date();
    const checked = await validatedPayload(tx, kind, { organizationId: actor.organizationId, targetId, payload, actor, now });
    const changes = changesBetween(target, proposedValues(kind, checked, target));
    if (changes.length === 0) return { changed: false, targetId, targetLabel: target.label, changes, mailIds: [] as string[] };
    const mailIds = await applyChange(tx, kind, { actor, now, targetId, target, payload: checked, changes, reason, userAgent });
    return { changed: true, targetId, targetLabel: target.label, changes, mailIds };
  });
  await deliver(mailIds);
  return result;
}

import "server-only";
import { can } from "@/lib/permissions";
import { decisionProblem } from "@/lib/policy/reviews";
import { bulkKeepSchema, decideItemSchema, type BulkKeepInput, type DecideItemInput } from "@/lib/schemas/reviews";
import { recordAudit } from "../audit";
import { authorize, clientContext, type Actor } from "../authorize";
import { db, type Tx } from "../db";
import { AppError } from "../errors";
import { parseOrThrow } from "../requests/request-kind";
import { snapshotOf } from "./build-items";

const PROBLEM_MESSAGES = {
  comment_required: "This account is flagged: write why it is kept.",
  grants_required: "Choose at least one role.",
  ends_at_required: "Give the chosen roles an end date in the future.",
} as const;
const PROBLEM_FIELDS = { comment_required: "comment", grants_required: "grantIds", ends_at_required: "endsAt" } as const;

/** Who may decide an item: its reviewer, or anyone with reviews:manage — never the person it is about. */
export function mayDecide(actor: Pick<Actor, "accountId" | "permissions">, item: { accountId: string; reviewerId: string | null }): boolean {
  if (item.accountId === actor.accountId) return false;
  return item.reviewerId === actor.accountId || can(actor.permissions, "reviews", "manage");
}

/**
 * The campaign row shared-locked before its status is read: closing takes it FOR UPDATE, so a decision either commits
 * before the close reads the decisions, or waits and then sees the campaign closed. Never a decision after the freeze.
 */
async function freezeGuard(tx: Tx, organizationId: string, reviewId: string) {
  await tx.$queryRaw`SELECT id FROM access_reviews WHERE id = ${reviewId}::uuid AND organization_id = ${organizationId}::uuid FOR SHARE`;
}

async function openItemOrThrow(tx: Tx, actor: Actor, itemId: string) {
  const [ref] = await tx.$queryRaw<{ review_id: string }[]>`SELECT review_id::text FROM access_review_items WHERE id = ${itemId}::uuid AND organization_id = ${actor.organizationId}::uuid`;
  if (ref) await freezeGuard(tx, actor.organizationId, ref.review_id);
  // The row locked: two reviewers deciding at once cannot both write.
  await tx.$queryRaw`SELECT id FROM access_review_items WHERE id = ${itemId}::uuid AND organization_id = ${actor.organizationId}::uuid FOR UPDATE`;
  const item = await tx.accessReviewItem.findFirst({
    where: { id: itemId, organizationId: actor.organizationId },
    select: { id: true, reviewId: true, accountId: true, reviewerId: true, flags: true, snapshot: true, decision: true, review: { select: { status: true, title: true } } },
  });
  // Reviewers see their own items; the rest only with reviews:view.
  if (!item || (item.reviewerId !== actor.accountId && !can(actor.permissions, "reviews", "view"))) throw new AppError("not_found", "No such review item.");
  if (item.accountId === actor.accountId) throw new AppError("forbidden", "Nobody decides on their own account: another reviewer must.", undefined, "own_account");
  if (!mayDecide(actor, item)) throw new AppError("forbidden", "Only the item's reviewer or someone with reviews:manage decides it.");
  if (item.review.status !== "open") throw new AppError("conflict", "The campaign is closed: its decisions can no longer change.", undefined, "campaign_closed");
  return item;
}

/** Keep, revoke (the whole account or some roles) or modify (give some roles an end); audited as review.item_decided. */
export async function decideReviewItem(input: DecideItemInput): Promise<void> {
  const actor = await authorize();
  const v = parseOrThrow(decideItemSchema, input);
  const { userAgent } = await clientContext();
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const item = await openItemOrThrow(tx, actor, v.itemId);
    const now = new Date();
    // Taking access from a privileged account is an accounts:manage decision, whoever reviews it.
    if (v.decision !== "keep" && item.flags.includes("privileged") && !can(actor.permissions, "accounts", "manage")) {
      throw new AppError("forbidden", "Revoking or limiting a privileged account's access needs the accounts:manage permission as well.", "decision", "privileged_needs_accounts");
    }
    const problem = decisionProblem(item.flags, { decision: v.decision, comment: v.comment, grantIds: v.grantIds, endsAt: v.endsAt ?? null }, now);
    if (problem) throw new AppError("invalid", PROBLEM_MESSAGES[problem], PROBLEM_FIELDS[problem], problem);
    const snapshot = snapshotOf(item.snapshot);
    const known = new Set(snapshot.grants.map((g) => g.grantId));
    const unknown = v.grantIds.find((id) => !known.has(id));
    if (unknown) throw new AppError("invalid", "A chosen role is not one this account held when the campaign started.", "grantIds", "grant_not_in_snapshot");
    const grantIds = v.decision === "keep" ? [] : v.grantIds;
    await tx.accessReviewItem.update({
      where: { id: item.id },
      data: {
        decision: v.decision,
        comment: v.comment,
        revokeGrantIds: grantIds,
        modifyEndsAt: v.decision === "modify" ? v.endsAt : null,
        decidedAt: now,
        decidedById: actor.accountId,
        decidedByLabel: actor.loginId,
        byDefault: false,
      },
    });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "review.item_decided",
      targetType: "account",
      targetId: item.accountId,
      targetLabel: snapshot.loginId,
      outcome: "success",
      reason: v.comment,
      ip: actor.ip,
      userAgent,
      occurredAt: now,
      details: {
        reviewId: item.reviewId,
        itemId: item.id,
        flags: item.flags,
        before: { decision: item.decision },
        after: { decision: v.decision, grantIds, endsAt: v.decision === "modify" ? v.endsAt!.toISOString() : null },
      },
    });
  });
}

/** Keeps many unflagged items at once (a flagged item needs its own decision with a comment); one audit event each. */
export async function bulkKeepItems(input: BulkKeepInput): Promise<{ kept: number }> {
  const actor = await authorize();
  const v = parseOrThrow(bulkKeepSchema, input);
  const { userAgent } = await clientContext();
  const prisma = await db();
  return prisma.$transaction(
    async (tx) => {
      await freezeGuard(tx, actor.organizationId, v.reviewId);
      const review = await tx.accessReview.findFirst({ where: { id: v.reviewId, organizationId: actor.organizationId }, select: { id: true, status: true } });
      if (!review) throw new AppError("not_found", "No such campaign.");
      if (review.status !== "open") throw new AppError("conflict", "The campaign is closed: its decisions can no longer change.", undefined, "campaign_closed");
      await tx.$queryRaw`SELECT id FROM access_review_items WHERE review_id = ${review.id}::uuid AND id = ANY(${v.itemIds}::uuid[]) FOR UPDATE`;
      const items = await tx.accessReviewItem.findMany({
        where: { reviewId: review.id, id: { in: v.itemIds } },
        select: { id: true, accountId: true, reviewerId: true, flags: true, decision: true, snapshot: true },
      });
      if (items.length !== new Set(v.itemIds).size) throw new AppError("invalid", "Some of the chosen items are not in this campaign.", "itemIds");
      // Who may decide first: someone who may not is told nothing about the items (not even that one is flagged).
      const refused = items.find((i) => !mayDecide(actor, i));
      if (refused) throw new AppError("forbidden", "You may not decide on some of the chosen items.", "itemIds");
      const flagged = items.find((i) => i.flags.length > 0);
      if (flagged) {
        throw new AppError("invalid", `${snapshotOf(flagged.snapshot).loginId} is flagged: decide it on its own, with a comment.`, "itemIds", "flagged_in_bulk");
      }
      const now = new Date();
      await tx.accessReviewItem.updateMany({
        where: { id: { in: items.map((i) => i.id) } },
        data: { decision: "keep", comment: null, revokeGrantIds: [], modifyEndsAt: null, decidedAt: now, decidedById: actor.accountId, decidedByLabel: actor.loginId, byDefault: false },
      });
      for (const i of items) {
        await recordAudit(tx, {
          organizationId: actor.organizationId,
          actorId: actor.accountId,
          actorLabel: actor.loginId,
          action: "review.item_decided",
          targetType: "account",
          targetId: i.accountId,
          targetLabel: snapshotOf(i.snapshot).loginId,
          outcome: "success",
          ip: actor.ip,
          userAgent,
          occurredAt: now,
          details: { reviewId: review.id, itemId: i.id, flags: [], bulk: true, before: { decision: i.decision }, after: { decision: "keep" } },
        });
      }
      return { kept: items.length };
    },
    { timeout: 120_000 },
  );
}

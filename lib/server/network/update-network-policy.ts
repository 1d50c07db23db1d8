import "server-only";
import { updateNetworkPolicySchema, type UpdateNetworkPolicyInput } from "@/lib/schemas/network";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db } from "../db";
import { guardSelfLockout, lockNetworkState, parseOrThrow } from "./allowlist-change";

/** Turns enforcement of the allowlist on or off and sets whom it covers; applies to the next request of every session. */
export async function updateNetworkPolicy(input: UpdateNetworkPolicyInput) {
  const actor = await authorize("security", "manage");
  const { enforced, scope, confirmLockout } = parseOrThrow(updateNetworkPolicySchema, input);
  const after = { enforced, scope };
  const { userAgent } = await clientContext();
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    const state = await lockNetworkState(tx, actor.organizationId);
    const before = state.policy;
    if (before.enforced === after.enforced && before.scope === after.scope) return { changed: false, policy: before };
    const overridden = guardSelfLockout(actor, { ...state, policy: after }, confirmLockout, now);
    await tx.networkPolicy.update({ where: { organizationId: actor.organizationId }, data: after });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "network.policy_updated",
      targetType: "organization",
      targetId: actor.organizationId,
      targetLabel: actor.organizationName,
      outcome: "success",
      ip: actor.ip,
      userAgent,
      details: { before, after, ...(overridden ? { lockoutConfirmed: true } : {}) },
    });
    return { changed: true, policy: after };
  });
}

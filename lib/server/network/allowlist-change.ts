import "server-only";
import type { z } from "zod";
import { compileAllowlist, matchAllowlist, type AllowlistEntry } from "@/lib/policy/ip-allowlist";
import type { Actor } from "../authorize";
import type { Tx } from "../db";
import { AppError } from "../errors";

// Shared by the allowlist's change operations: input checks, one change at a time per organization,
// and the self-lockout guard.

export type NetworkState = {
  policy: { enforced: boolean; scope: "everyone" | "admins" };
  entries: AllowlistEntry[];
};

/** The operation's own parse, for callers that do not come through the action wrapper. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("invalid", issue.message, issue.path.join(".") || undefined);
  }
  return parsed.data;
}

/**
 * Locks the organization's network policy row for the transaction and reads the policy and the live entries.
 * Two admins revoking different entries at once cannot then together lock one of them out unseen.
 */
export async function lockNetworkState(tx: Tx, organizationId: string): Promise<NetworkState> {
  await tx.$executeRaw`INSERT INTO network_policies (organization_id) VALUES (${organizationId}::uuid) ON CONFLICT DO NOTHING`;
  await tx.$queryRaw`SELECT organization_id FROM network_policies WHERE organization_id = ${organizationId}::uuid FOR UPDATE`;
  const policy = await tx.networkPolicy.findUniqueOrThrow({ where: { organizationId }, select: { enforced: true, scope: true } });
  const entries = await tx.ipAllowlistEntry.findMany({
    where: { organizationId, revokedAt: null },
    select: { id: true, cidr: true, validFrom: true, validUntil: true },
    orderBy: { id: "asc" },
  });
  return { policy, entries };
}

/** Whether this actor's address passes under a policy and entries, by the same rule checkAddress applies. */
export function actorAllowed(actor: Pick<Actor, "ip" | "permissions">, state: NetworkState, now: Date): boolean {
  const isAdmin = Object.keys(actor.permissions).length > 0;
  if (!state.policy.enforced || (state.policy.scope === "admins" && !isAdmin)) return true;
  return actor.ip !== null && matchAllowlist(compileAllowlist(state.entries), actor.ip, now).allowed;
}

/**
 * Refuses a change after which the acting admin's own address would no longer be allowed, unless they confirmed it.
 * Returns whether the change goes ahead over that warning, for the audit event.
 */
export function guardSelfLockout(actor: Actor, after: NetworkState, confirmLockout: boolean, now: Date): boolean {
  if (actorAllowed(actor, after, now)) return false;
  if (!confirmLockout) {
    throw new AppError(
      "conflict",
      `After this change your current address (${actor.ip ?? "unknown"}) would no longer be allowed to sign in. Send confirmLockout to save anyway.`,
      "confirmLockout",
    );
  }
  return true;
}

/** An entry as audit events record it, before and after a change: dates as ISO text. */
export function auditView(e: { label: string; cidr: string; kind: string; validFrom: Date | null; validUntil: Date | null; reason: string | null; revokedAt: Date | null }) {
  return {
    label: e.label,
    cidr: e.cidr,
    kind: e.kind,
    validFrom: e.validFrom?.toISOString() ?? null,
    validUntil: e.validUntil?.toISOString() ?? null,
    reason: e.reason,
    revokedAt: e.revokedAt?.toISOString() ?? null,
  };
}

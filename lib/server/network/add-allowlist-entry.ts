import "server-only";
import { addAllowlistEntrySchema, type AddAllowlistEntryInput } from "@/lib/schemas/network";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db } from "../db";
import { auditView, guardSelfLockout, lockNetworkState, parseOrThrow } from "./allowlist-change";

/** Adds an address range to the organization's allowlist; it counts from the next sign-in or request. */
export async function addAllowlistEntry(input: AddAllowlistEntryInput) {
  const actor = await authorize("security", "manage");
  const v = parseOrThrow(addAllowlistEntrySchema, input);
  const entry = {
    label: v.label,
    cidr: v.cidr,
    kind: v.kind,
    validFrom: v.validFrom ?? null,
    validUntil: v.validUntil ?? null,
    reason: v.reason ?? null,
  };
  const { userAgent } = await clientContext();
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    const state = await lockNetworkState(tx, actor.organizationId);
    // Adding only widens the list, but an organization that enforces with no entry for this admin yet stays guarded.
    const overridden = guardSelfLockout(actor, { ...state, entries: [...state.entries, { id: "proposed", ...entry }] }, v.confirmLockout, now);
    const row = await tx.ipAllowlistEntry.create({
      data: { organizationId: actor.organizationId, createdById: actor.accountId, ...entry },
      select: { id: true, label: true, cidr: true },
    });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "network.allowlist_entry_added",
      targetType: "ip_allowlist_entry",
      targetId: row.id,
      targetLabel: `${row.label} (${row.cidr})`,
      outcome: "success",
      ip: actor.ip,
      userAgent,
      details: { before: null, after: auditView({ ...entry, revokedAt: null }), ...(overridden ? { lockoutConfirmed: true } : {}) },
    });
    return row;
  });
}

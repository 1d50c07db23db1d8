import "server-only";
import { revokeAllowlistEntrySchema, type RevokeAllowlistEntryInput } from "@/lib/schemas/network";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { auditView, guardSelfLockout, lockNetworkState, parseOrThrow } from "./allowlist-change";

/** Ends an allowlist entry now; the row stays (revoked_at set) so the list's history can be read back. */
export async function revokeAllowlistEntry(input: RevokeAllowlistEntryInput) {
  const actor = await authorize("security", "manage");
  const parsed = revokeAllowlistEntrySchema.safeParse(input);
  if (!parsed.success && parsed.error.issues.some((i) => i.path[0] === "id")) throw new AppError("not_found", "No such allowlist entry.");
  const { id, confirmLockout } = parseOrThrow(revokeAllowlistEntrySchema, input);
  const { userAgent } = await clientContext();
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    const state = await lockNetworkState(tx, actor.organizationId);
    const entry = await tx.ipAllowlistEntry.findFirst({
      where: { id, organizationId: actor.organizationId },
      select: { id: true, label: true, cidr: true, kind: true, validFrom: true, validUntil: true, reason: true, revokedAt: true },
    });
    if (!entry) throw new AppError("not_found", "No such allowlist entry.");
    if (entry.revokedAt) throw new AppError("conflict", `"${entry.label}" has already been revoked.`);
    const overridden = guardSelfLockout(actor, { ...state, entries: state.entries.filter((e) => e.id !== id) }, confirmLockout, now);
    await tx.ipAllowlistEntry.update({ where: { id }, data: { revokedAt: now } });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "network.allowlist_entry_revoked",
      targetType: "ip_allowlist_entry",
      targetId: entry.id,
      targetLabel: `${entry.label} (${entry.cidr})`,
      outcome: "success",
      ip: actor.ip,
      userAgent,
      details: { before: auditView(entry), after: auditView({ ...entry, revokedAt: now }), ...(overridden ? { lockoutConfirmed: true } : {}) },
    });
    return { id: entry.id, label: entry.label };
  });
}

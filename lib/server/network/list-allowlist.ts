import "server-only";
import { can } from "@/lib/permissions";
import type { AllowlistKind, AllowlistScope } from "@/lib/schemas/network";
import { authorize } from "../authorize";
import { db } from "../db";
import { actorAllowed } from "./allowlist-change";

export type AllowlistEntryStatus = "active" | "scheduled" | "expired" | "revoked";

export interface AllowlistEntryRow {
  id: string;
  label: string;
  cidr: string;
  kind: AllowlistKind;
  validFrom: Date | null;
  validUntil: Date | null;
  reason: string | null;
  createdBy: string | null;
  createdAt: Date;
  revokedAt: Date | null;
  status: AllowlistEntryStatus;
}

const STATUS_ORDER: Record<AllowlistEntryStatus, number> = { active: 0, scheduled: 1, expired: 2, revoked: 3 };

export function entryStatus(entry: { validFrom: Date | null; validUntil: Date | null; revokedAt: Date | null }, now: Date): AllowlistEntryStatus {
  if (entry.revokedAt) return "revoked";
  if (entry.validUntil && entry.validUntil <= now) return "expired";
  if (entry.validFrom && entry.validFrom > now) return "scheduled";
  return "active";
}

/**
 * The organization's allowlist (entries in effect first), its policy, and the caller's own address: allowed now,
 * and whether it would be once enforcement is on with the entries as they stand.
 */
export async function listAllowlist() {
  const actor = await authorize("security", "view");
  const prisma = await db();
  const now = new Date();
  const organizationId = actor.organizationId;
  const [policyRow, rows] = await Promise.all([
    prisma.networkPolicy.findUnique({ where: { organizationId }, select: { enforced: true, scope: true, updatedAt: true } }),
    prisma.ipAllowlistEntry.findMany({
      where: { organizationId },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      select: { id: true, label: true, cidr: true, kind: true, validFrom: true, validUntil: true, reason: true, createdById: true, createdAt: true, revokedAt: true },
    }),
  ]);
  const creatorIds = [...new Set(rows.flatMap((r) => (r.createdById ? [r.createdById] : [])))];
  const creators = new Map(
    (await prisma.account.findMany({ where: { organizationId, id: { in: creatorIds } }, select: { id: true, displayName: true } })).map((a) => [a.id, a.displayName]),
  );
  const entries: AllowlistEntryRow[] = rows
    .map(({ createdById, ...r }) => ({ ...r, createdBy: createdById ? (creators.get(createdById) ?? null) : null, status: entryStatus(r, now) }))
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);

  const policy: { enforced: boolean; scope: AllowlistScope; updatedAt: Date | null } = policyRow ?? { enforced: false, scope: "everyone", updatedAt: null };
  const live = rows.filter((r) => !r.revokedAt);
  return {
    now,
    policy,
    entries,
    currentAddress: {
      ip: actor.ip,
      allowedNow: actorAllowed(actor, { policy, entries: live }, now),
      allowedIfEnforced: actorAllowed(actor, { policy: { ...policy, enforced: true }, entries: live }, now),
    },
    canManage: can(actor.permissions, "security", "manage"),
  };
}

import "server-only";
import { compileAllowlist, matchAllowlist, type CompiledAllowlist } from "@/lib/policy/ip-allowlist";
import type { Db, Tx } from "../db";

// The organization's allowlist compiled once per set of entries; every sign-in and request asks it.
const compiled = new Map<string, { fingerprint: string; list: CompiledAllowlist }>();

export interface AddressDecision {
  allowed: boolean;
  enforced: boolean;
  entryId?: string;
}

/**
 * Is `ip` allowed for this account now? Only when the organization enforces its allowlist and the
 * account is in scope (everyone, or admins = anyone holding a permission).
 */
export async function checkAddress(
  db: Db | Tx,
  input: { organizationId: string; ip: string | null; isAdmin: boolean; now: Date },
): Promise<AddressDecision> {
  const policy = await db.networkPolicy.findUnique({
    where: { organizationId: input.organizationId },
    select: { enforced: true, scope: true },
  });
  if (!policy?.enforced || (policy.scope === "admins" && !input.isAdmin)) return { allowed: true, enforced: false };
  if (!input.ip) return { allowed: false, enforced: true };
  const entries = await db.ipAllowlistEntry.findMany({
    where: { organizationId: input.organizationId, revokedAt: null },
    select: { id: true, cidr: true, validFrom: true, validUntil: true },
    orderBy: { id: "asc" },
  });
  const fingerprint = entries.map((e) => `${e.id}|${e.cidr}|${e.validFrom?.getTime() ?? ""}|${e.validUntil?.getTime() ?? ""}`).join(";");
  let cached = compiled.get(input.organizationId);
  if (!cached || cached.fingerprint !== fingerprint) {
    cached = { fingerprint, list: compileAllowlist(entries) };
    compiled.set(input.organizationId, cached);
  }
  const match = matchAllowlist(cached.list, input.ip, input.now);
  return { allowed: match.allowed, enforced: true, ...(match.entryId ? { entryId: match.entryId } : {}) };
}

import "server-only";
import { compileAllowlist, matchAllowlist, type CompiledAllowlist } from "@/lib/policy/ip-allowlist";
import type { Db, Tx } from "../db";

// The organization's allowlist compiled once per version (a trigger moves the version on every entry change),
// so a sign-in or request costs one small query and a lookup, however long the list.
const compiled = new Map<string, { version: number; list: CompiledAllowlist }>();

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
    select: { enforced: true, scope: true, allowlistVersion: true },
  });
  if (!policy?.enforced || (policy.scope === "admins" && !input.isAdmin)) return { allowed: true, enforced: false };
  if (!input.ip) return { allowed: false, enforced: true };
  let cached = compiled.get(input.organizationId);
  if (!cached || cached.version !== policy.allowlistVersion) {
    const entries = await db.ipAllowlistEntry.findMany({
      where: { organizationId: input.organizationId, revokedAt: null },
      select: { id: true, cidr: true, validFrom: true, validUntil: true },
    });
    cached = { version: policy.allowlistVersion, list: compileAllowlist(entries) };
    // Changes to the entries compile their own proposed list (allowlist-change.ts) and never come through here
    // inside their transaction, so what is cached here was committed.
    compiled.set(input.organizationId, cached);
  }
  const match = matchAllowlist(cached.list, input.ip, input.now);
  return { allowed: match.allowed, enforced: true, ...(match.entryId ? { entryId: match.entryId } : {}) };
}

import "server-only";
import type { Db, Tx } from "../db";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The accounts that alerts about an account name (by id or by OCN ID), within the organization: subject key → account. */
export async function subjectAccounts(prisma: Db | Tx, organizationId: string, keys: string[]) {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return new Map<string, { id: string; loginId: string }>();
  const ids = unique.filter((k) => UUID.test(k));
  const rows = await prisma.account.findMany({
    where: {
      organizationId,
      OR: [...(ids.length ? [{ id: { in: ids } }] : []), { loginId: { in: unique } }],
    },
    select: { id: true, loginId: true },
  });
  const out = new Map<string, { id: string; loginId: string }>();
  for (const r of rows) {
    out.set(r.id, r);
    out.set(r.loginId, r);
  }
  return out;
}

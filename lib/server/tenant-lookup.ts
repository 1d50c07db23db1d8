import "server-only";
import { db, type Db } from "./db";
import { withOrganization } from "./tenant-context";

// Before a request knows its organization it holds one key. Each lookup maps that key to its organization's id
// through a SECURITY DEFINER function that returns nothing else (migration 20261126060000_row_level_security);
// the caller then works inside withOrganization(id, …).

type Row = { id: string | null };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const lookups = {
  loginId: (p: Db, v: string) => p.$queryRaw<Row[]>`SELECT ocn_organization_of_login_id(${v}) AS id`,
  session: (p: Db, v: string) => p.$queryRaw<Row[]>`SELECT ocn_organization_of_session(${v}::uuid) AS id`,
  signInChallenge: (p: Db, v: string) => p.$queryRaw<Row[]>`SELECT ocn_organization_of_sign_in_challenge(${v}) AS id`,
  passwordReset: (p: Db, v: string) => p.$queryRaw<Row[]>`SELECT ocn_organization_of_password_reset(${v}) AS id`,
  invitation: (p: Db, v: string) => p.$queryRaw<Row[]>`SELECT ocn_organization_of_invitation(${v}) AS id`,
  customerNumber: (p: Db, v: string) => p.$queryRaw<Row[]>`SELECT ocn_organization_of_customer_number(${v}) AS id`,
};

/**
 * The organization a key belongs to, or null. Keys: a normalized OCN ID, a session id, the sha256 hash of a
 * sign-in challenge, reset or invitation token (hashToken), a customer number.
 */
export async function organizationOf(key: keyof typeof lookups, value: string): Promise<string | null> {
  if (key === "session" && !UUID.test(value)) return null;
  const [row] = await lookups[key](await db(), value);
  return row?.id ?? null;
}

/**
 * For sweepers: runs fn for one organization after another, each time confined to that organization. With
 * `isolate`, one organization's failure is logged under that name and the others still run.
 */
export async function forEachOrganization(fn: (organizationId: string) => Promise<void>, { isolate }: { isolate?: string } = {}): Promise<void> {
  const prisma = await db();
  const rows = await prisma.$queryRaw<{ id: string }[]>`SELECT ocn_organization_ids() AS id`;
  for (const { id } of rows) {
    if (!isolate) {
      await withOrganization(id, () => fn(id));
      continue;
    }
    try {
      await withOrganization(id, () => fn(id));
    } catch (e) {
      console.error(`${isolate} failed for organization ${id}`, e);
    }
  }
}

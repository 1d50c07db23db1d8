import "server-only";
import type { SqlRunner } from "./migrations";

// The role the running console connects as on PostgreSQL: it may log in, read and write rows, use sequences and call
// functions, and nothing more. Not a superuser, no BYPASSRLS, owns nothing: row-level security always applies to it.

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

export class AppRoleError extends Error {}

/**
 * Creates the role, or brings an existing one back to exactly these rights, in the current database. Run as the
 * owner of the tables (the role migrations run as), after `npm run db:migrate`; default privileges cover the
 * tables and functions later migrations add.
 */
export async function ensureAppRole(sql: SqlRunner, role: string, password?: string): Promise<void> {
  if (!ROLE_NAME.test(role)) throw new AppRoleError(`"${role}" is not a plain role name (lower-case letters, digits, _).`);
  const [me] = await sql.rows<{ owner: string; bypasses: boolean }>(
    "SELECT current_user::text AS owner, (rolsuper OR rolbypassrls) AS bypasses FROM pg_roles WHERE rolname = current_user",
  );
  if (!me || me.owner === role) throw new AppRoleError(`Run this as the owner of the tables, not as ${role}.`);
  if (!me.bypasses) {
    // The lookup functions (SECURITY DEFINER) run as their owner, and FORCE applies the policies to a plain owner.
    throw new AppRoleError(
      `${me.owner} is subject to row-level security, so the organization lookups it owns would find nothing. ` +
        `Run migrations and this command as a superuser or a role with BYPASSRLS (ALTER ROLE ${me.owner} BYPASSRLS).`,
    );
  }
  const r = `"${role}"`;
  await sql.exec(`DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${literal(role)}) THEN CREATE ROLE ${r} LOGIN; END IF;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created by a concurrent run
  END $$`);
  const [owned] = await sql.rows<{ count: number }>(
    `SELECT count(*)::int AS count FROM pg_class c JOIN pg_roles o ON o.oid = c.relowner WHERE o.rolname = ${literal(role)}`,
  );
  if (owned && owned.count > 0) {
    throw new AppRoleError(`${role} owns ${owned.count} table(s) or other relations here; an owner can switch row-level security off. Give them to ${me.owner} first.`);
  }
  await sql.exec(`ALTER ROLE ${r} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION${password ? ` PASSWORD ${literal(password)}` : ""}`);
  await sql.exec(`DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO ${r}', current_database()); END $$`);
  await sql.exec(`GRANT USAGE ON SCHEMA public TO ${r}`);
  await sql.exec(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`);
  await sql.exec(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "_prisma_migrations" FROM ${r}`);
  await sql.exec(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
  await sql.exec(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${r}`);
  // The audit log is appended to and read through audit_events only (migration 20261127010000_audit_integrity):
  // no changes to it, no direct access to its partitions, its chain heads or its anchors.
  await sql.exec(`REVOKE UPDATE, DELETE, TRUNCATE ON "audit_events" FROM ${r}`);
  await sql.exec(`DO $$ DECLARE p regclass; BEGIN
    FOR p IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = '"audit_events"'::regclass LOOP
      EXECUTE format('REVOKE ALL ON %s FROM ${r}', p);
    END LOOP;
  END $$`);
  await sql.exec(`REVOKE ALL ON "audit_chain_heads" FROM ${r}`);
  await sql.exec(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "audit_chain_anchors" FROM ${r}`);
  await sql.exec(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`);
  await sql.exec(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${r}`);
  await sql.exec(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO ${r}`);
}

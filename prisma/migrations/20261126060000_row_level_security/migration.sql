-- Row-level security: the second wall behind the application's own organization filter.
-- A role that is neither superuser nor BYPASSRLS (the application's role, see `npm run db:app-role`) sees and
-- writes only the rows of the organization set for the current transaction:
--   SET LOCAL ocn.organization_id = '<uuid>'   (lib/server/db.ts does this; unset or empty → no rows at all).
-- FORCE applies the policies to the tables' owner too, unless it is a superuser or has BYPASSRLS.
-- PGlite runs as a superuser, so there the application's own filter is the wall.

-- The organization of the current transaction, or null.
CREATE FUNCTION "ocn_current_organization"() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT NULLIF(current_setting('ocn.organization_id', true), '')::uuid
$$;

-- The deliberate system scope (SET LOCAL ocn.scope = 'system'): the only place rows of no organization
-- (sign-in attempts with unknown IDs) can be read. It shows nothing else.
CREATE FUNCTION "ocn_system_scope"() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT COALESCE(current_setting('ocn.scope', true), '') = 'system'
$$;

-- Tables that carry organization_id NOT NULL: one policy for every command.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'departments', 'accounts', 'roles', 'role_grants', 'sod_rules', 'change_requests',
    'ip_allowlist_entries', 'network_policies', 'lockout_policies', 'password_policies', 'session_policies',
    'sign_in_challenges', 'password_reset_tokens', 'sessions', 'sign_in_rollups', 'alerts', 'lines',
    'offboarding_cases', 'offboarding_tasks', 'hr_imports', 'hr_roster_records', 'access_reviews',
    'access_review_items', 'compliance_tasks', 'incidents', 'invitations', 'account_imports', 'billing_profiles'
  ] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY "tenant_isolation" ON %I USING ("organization_id" = ocn_current_organization()) '
      'WITH CHECK ("organization_id" = ocn_current_organization())', t);
  END LOOP;
END
$$;

-- The organization itself: its own row only.
ALTER TABLE "organizations" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "organizations" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "organizations"
  USING ("id" = ocn_current_organization()) WITH CHECK ("id" = ocn_current_organization());

-- Child tables without organization_id: through their parent row, which is itself filtered.
ALTER TABLE "role_permissions" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "role_permissions" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "role_permissions"
  USING (EXISTS (SELECT 1 FROM "roles" r WHERE r."id" = "role_id" AND r."organization_id" = ocn_current_organization()))
  WITH CHECK (EXISTS (SELECT 1 FROM "roles" r WHERE r."id" = "role_id" AND r."organization_id" = ocn_current_organization()));

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['password_history', 'backup_codes', 'sign_in_failures'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY "tenant_isolation" ON %1$I '
      'USING (EXISTS (SELECT 1 FROM "accounts" a WHERE a."id" = %1$I."account_id" AND a."organization_id" = ocn_current_organization())) '
      'WITH CHECK (EXISTS (SELECT 1 FROM "accounts" a WHERE a."id" = %1$I."account_id" AND a."organization_id" = ocn_current_organization()))', t);
  END LOOP;
END
$$;

-- Audit events and mail may belong to no organization (a sign-in with an unknown ID). Such rows may be
-- written from any scope but read (which includes INSERT … RETURNING) only in the system scope.
-- Audit events are append-only: no UPDATE or DELETE policy (and the trigger refuses them for everyone).
ALTER TABLE "audit_events" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "audit_events" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_read" ON "audit_events" FOR SELECT
  USING ("organization_id" = ocn_current_organization() OR ("organization_id" IS NULL AND ocn_system_scope()));
CREATE POLICY "tenant_append" ON "audit_events" FOR INSERT
  WITH CHECK ("organization_id" = ocn_current_organization() OR "organization_id" IS NULL);

ALTER TABLE "mail_messages" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "mail_messages" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "mail_messages"
  USING ("organization_id" = ocn_current_organization() OR ("organization_id" IS NULL AND ocn_system_scope()))
  WITH CHECK ("organization_id" = ocn_current_organization() OR "organization_id" IS NULL);

-- Before a request knows its organization it has one key: an OCN ID, a session id, a token's hash, a customer
-- number. Each function maps one key to its organization's id and returns nothing else; the caller then runs
-- in that organization's scope. They run as their owner (which bypasses RLS), with a fixed search_path.
CREATE FUNCTION "ocn_organization_of_login_id"(p_login_id text) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT "organization_id" FROM "accounts" WHERE "login_id" = p_login_id
$$;

CREATE FUNCTION "ocn_organization_of_session"(p_session_id uuid) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT "organization_id" FROM "sessions" WHERE "id" = p_session_id
$$;

CREATE FUNCTION "ocn_organization_of_sign_in_challenge"(p_token_hash text) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT "organization_id" FROM "sign_in_challenges" WHERE "token_hash" = p_token_hash
$$;

CREATE FUNCTION "ocn_organization_of_password_reset"(p_token_hash text) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT "organization_id" FROM "password_reset_tokens" WHERE "token_hash" = p_token_hash
$$;

CREATE FUNCTION "ocn_organization_of_invitation"(p_token_hash text) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT "organization_id" FROM "invitations" WHERE "token_hash" = p_token_hash
$$;

CREATE FUNCTION "ocn_organization_of_customer_number"(p_customer_number text) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT "id" FROM "organizations" WHERE "customer_number" = p_customer_number
$$;

-- For sweepers, which then work one organization at a time in its scope.
CREATE FUNCTION "ocn_organization_ids"() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT "id" FROM "organizations" ORDER BY "id"
$$;

-- Only roles granted EXECUTE (`npm run db:app-role` grants it to the application's role) may call the lookups.
REVOKE EXECUTE ON FUNCTION "ocn_organization_of_login_id"(text), "ocn_organization_of_session"(uuid),
  "ocn_organization_of_sign_in_challenge"(text), "ocn_organization_of_password_reset"(text),
  "ocn_organization_of_invitation"(text), "ocn_organization_of_customer_number"(text), "ocn_organization_ids"()
  FROM PUBLIC;

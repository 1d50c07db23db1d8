-- Issue 5: the audit log as a system of record. A hash chain per organization computed by the database on every
-- insert, monthly partitions by occurred_at (primary key becomes (id, occurred_at)), retention that drops whole
-- partitions and keeps a verification anchor per chain.

-- The canonical content of one event, and its hash. The insert trigger and the verifier (lib/server/audit/
-- verify-chain.ts) both call this one function, so they cannot drift. A JSON array is unambiguous: every field in a
-- fixed place, null as null, text escaped; jsonb prints objects with sorted keys. Times are UTC with microseconds.
CREATE FUNCTION "ocn_audit_event_hash"(
  p_prev_hash text, p_chain_seq bigint, p_id bigint, p_organization_id uuid, p_occurred_at timestamptz,
  p_actor_id uuid, p_actor_label text, p_action text, p_target_type text, p_target_id text, p_target_label text,
  p_outcome "AuditOutcome", p_reason text, p_ip inet, p_country text, p_user_agent text, p_details jsonb
) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(COALESCE(p_prev_hash, '') || jsonb_build_array(
    'ocn-audit-v1', p_chain_seq, p_id::text, p_organization_id::text,
    to_char(p_occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    p_actor_id::text, p_actor_label, p_action, p_target_type, p_target_id, p_target_label, p_outcome::text,
    p_reason, p_ip::text, p_country, p_user_agent, p_details
  )::text, 'UTF8')), 'hex')
$$;

-- Links each new event to its chain (one per organization; events of no organization chain under the nil uuid).
-- The first event of a chain in a transaction locks the chain's head row, which serializes the organization's
-- writers until commit, so chain_seq follows commit order with no gaps (a rolled-back insert leaves no trace).
-- Within the transaction the chain's position is carried in a transaction-local setting, and the head row is
-- written once, at commit, by audit_events_chain_head: updating one row per event would make a bulk insert
-- quadratic. Both run as their owner: the application's role has no rights on audit_chain_heads.
CREATE FUNCTION "audit_events_chain"() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_key uuid := COALESCE(NEW."organization_id", '00000000-0000-0000-0000-000000000000');
  v_setting text := 'ocn_audit_chain.k' || replace(v_key::text, '-', '');
  v_state text := current_setting(v_setting, true);
  v_seq bigint;
  v_prev text;
BEGIN
  IF COALESCE(v_state, '') = '' THEN
    SELECT "last_seq", "last_hash" INTO v_seq, v_prev FROM "audit_chain_heads" WHERE "chain_key" = v_key FOR UPDATE;
    IF NOT FOUND THEN
      INSERT INTO "audit_chain_heads" ("chain_key", "last_seq", "last_hash") VALUES (v_key, 0, repeat('0', 64))
        ON CONFLICT ("chain_key") DO NOTHING;
      SELECT "last_seq", "last_hash" INTO v_seq, v_prev FROM "audit_chain_heads" WHERE "chain_key" = v_key FOR UPDATE;
    END IF;
  ELSE
    v_seq := split_part(v_state, ':', 1)::bigint;
    v_prev := split_part(v_state, ':', 2);
  END IF;
  NEW."chain_seq" := v_seq + 1;
  NEW."prev_hash" := v_prev;
  NEW."hash" := ocn_audit_event_hash(NEW."prev_hash", NEW."chain_seq", NEW."id", NEW."organization_id",
    NEW."occurred_at", NEW."actor_id", NEW."actor_label", NEW."action", NEW."target_type", NEW."target_id",
    NEW."target_label", NEW."outcome", NEW."reason", NEW."ip", NEW."country", NEW."user_agent", NEW."details");
  PERFORM set_config(v_setting, NEW."chain_seq" || ':' || NEW."hash", true);
  RETURN NEW;
END
$$;

-- At commit (a deferred constraint trigger): the transaction's last event of each chain moves the chain's head.
CREATE FUNCTION "audit_events_chain_head"() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_key uuid := COALESCE(NEW."organization_id", '00000000-0000-0000-0000-000000000000');
BEGIN
  IF current_setting('ocn_audit_chain.k' || replace(v_key::text, '-', ''), true) = NEW."chain_seq" || ':' || NEW."hash" THEN
    UPDATE "audit_chain_heads" SET "last_seq" = NEW."chain_seq", "last_hash" = NEW."hash", "updated_at" = now()
      WHERE "chain_key" = v_key AND "last_seq" < NEW."chain_seq";
  END IF;
  RETURN NULL;
END
$$;

-- Takes every right on a table away from everyone but its owner (p_privileges: 'ALL' or a list). Runs as the caller,
-- so only the owner (the migration, or the SECURITY DEFINER functions below) can use it to any effect.
CREATE FUNCTION "ocn_audit_revoke_grants"(p_table regclass, p_privileges text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  g text;
BEGIN
  FOR g IN
    SELECT DISTINCT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END
    FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = p_table AND a.grantee <> c.relowner
  LOOP
    EXECUTE format('REVOKE %s ON %s FROM %s', p_privileges, p_table, g);
  END LOOP;
END
$$;

-- The new table: partitioned by month of occurred_at; the old one's rows move over below.
ALTER TABLE "audit_events" RENAME TO "audit_events_unpartitioned";
ALTER TABLE "audit_events_unpartitioned" DROP CONSTRAINT "audit_events_pkey";
ALTER TABLE "audit_events_unpartitioned" DROP CONSTRAINT "audit_events_organization_id_fkey";
DROP INDEX "audit_events_organization_id_occurred_at_idx";
DROP INDEX "audit_events_organization_id_actor_id_occurred_at_idx";
DROP INDEX "audit_events_organization_id_target_id_occurred_at_idx";
DROP INDEX "audit_events_organization_id_action_occurred_at_idx";
ALTER SEQUENCE "audit_events_id_seq" OWNED BY NONE;

CREATE TABLE "audit_events" (
    "id" BIGINT NOT NULL DEFAULT nextval('audit_events_id_seq'),
    "organization_id" UUID,
    "occurred_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "actor_label" TEXT,
    "action" TEXT NOT NULL,
    "target_type" TEXT,
    "target_id" TEXT,
    "target_label" TEXT,
    "outcome" "AuditOutcome" NOT NULL,
    "reason" TEXT,
    "ip" INET,
    "country" CHAR(2),
    "user_agent" TEXT,
    "details" JSONB,
    "prev_hash" TEXT,
    "hash" TEXT,
    "chain_seq" BIGINT,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id", "occurred_at")
) PARTITION BY RANGE ("occurred_at");

ALTER SEQUENCE "audit_events_id_seq" OWNED BY "audit_events"."id";

CREATE INDEX "audit_events_organization_id_occurred_at_idx" ON "audit_events"("organization_id", "occurred_at" DESC);
CREATE INDEX "audit_events_organization_id_actor_id_occurred_at_idx" ON "audit_events"("organization_id", "actor_id", "occurred_at" DESC);
CREATE INDEX "audit_events_organization_id_target_id_occurred_at_idx" ON "audit_events"("organization_id", "target_id", "occurred_at" DESC);
CREATE INDEX "audit_events_organization_id_action_occurred_at_idx" ON "audit_events"("organization_id", "action", "occurred_at" DESC);
CREATE INDEX "audit_events_organization_id_chain_seq_idx" ON "audit_events"("organization_id", "chain_seq");

ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Append-only, as in 20261126000000_init. The row trigger is cloned onto every partition; a TRUNCATE trigger is
-- not, so ocn_audit_create_partition adds one to each partition.
CREATE TRIGGER "audit_events_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"();
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"();
CREATE TRIGGER "audit_events_chain" BEFORE INSERT ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_chain"();
CREATE CONSTRAINT TRIGGER "audit_events_chain_head" AFTER INSERT ON "audit_events"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "audit_events_chain_head"();

-- Row-level security, exactly as in 20261126060000_row_level_security.
ALTER TABLE "audit_events" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "audit_events" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_read" ON "audit_events" FOR SELECT
  USING ("organization_id" = ocn_current_organization() OR ("organization_id" IS NULL AND ocn_system_scope()));
CREATE POLICY "tenant_append" ON "audit_events" FOR INSERT
  WITH CHECK ("organization_id" = ocn_current_organization() OR "organization_id" IS NULL);

-- Rows outside every monthly partition (far past, far future) land here; it is never dropped.
CREATE TABLE "audit_events_default" PARTITION OF "audit_events" DEFAULT;

-- One month (UTC) of events, named audit_events_YYYY_MM. Skipped (null) when the table exists or when the default
-- partition already holds rows of that month (they stay there). Only the tables' owner can run it to any effect.
CREATE FUNCTION "ocn_audit_create_partition"(p_month date) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  v_month date := date_trunc('month', p_month)::date;
  v_name text := 'audit_events_' || to_char(v_month, 'YYYY_MM');
  v_from timestamptz := v_month::timestamp AT TIME ZONE 'UTC';
  v_to timestamptz := (v_month + interval '1 month')::timestamp AT TIME ZONE 'UTC';
BEGIN
  IF to_regclass(quote_ident(v_name)) IS NOT NULL THEN RETURN NULL; END IF;
  IF EXISTS (SELECT 1 FROM "audit_events_default" WHERE "occurred_at" >= v_from AND "occurred_at" < v_to) THEN
    RETURN NULL;
  END IF;
  EXECUTE format('CREATE TABLE %I PARTITION OF "audit_events" FOR VALUES FROM (%L) TO (%L)', v_name, v_from, v_to);
  PERFORM ocn_audit_lock_partition(v_name::regclass);
  RETURN v_name;
END
$$;

-- A partition is reached only through audit_events (whose policies apply there): no rights on it for anyone but the
-- owner, row-level security on with no policy, and TRUNCATE refused.
CREATE FUNCTION "ocn_audit_lock_partition"(p_partition regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON %s '
    'FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"()', p_partition);
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', p_partition);
  PERFORM ocn_audit_revoke_grants(p_partition, 'ALL');
END
$$;

SELECT ocn_audit_lock_partition('"audit_events_default"'::regclass);

-- Partitions for a year back to three months ahead, and for every month that holds existing rows (up to ten years
-- back; older rows go to the default partition).
SELECT ocn_audit_create_partition(m::date) FROM (
  SELECT generate_series(date_trunc('month', now() AT TIME ZONE 'UTC') - interval '12 months',
    date_trunc('month', now() AT TIME ZONE 'UTC') + interval '3 months', interval '1 month') AS m
  UNION
  SELECT DISTINCT date_trunc('month', "occurred_at" AT TIME ZONE 'UTC') FROM "audit_events_unpartitioned"
  WHERE "occurred_at" >= date_trunc('month', now() AT TIME ZONE 'UTC') - interval '120 months'
) months ORDER BY m;

-- Chain the existing rows: per organization in (occurred_at, id) order, by the insert trigger itself.
DELETE FROM "audit_chain_heads";
INSERT INTO "audit_events" ("id", "organization_id", "occurred_at", "actor_id", "actor_label", "action", "target_type",
  "target_id", "target_label", "outcome", "reason", "ip", "country", "user_agent", "details")
SELECT "id", "organization_id", "occurred_at", "actor_id", "actor_label", "action", "target_type",
  "target_id", "target_label", "outcome", "reason", "ip", "country", "user_agent", "details"
FROM "audit_events_unpartitioned"
ORDER BY "organization_id" NULLS FIRST, "occurred_at", "id";
-- Move the heads now: a table with pending trigger events could not be altered later in this transaction.
SET CONSTRAINTS "audit_events_chain_head" IMMEDIATE;

DROP TABLE "audit_events_unpartitioned";

-- Where verification starts once partitions were dropped. Per chain: a 'start' row, the last event of the dropped
-- prefix of the chain; a 'bridge' row for each dropped event that came after an event still kept (an event filed
-- late into an old month), so the link across it can still be checked.
CREATE TABLE "audit_chain_anchors" (
    "chain_key" UUID NOT NULL,
    "chain_seq" BIGINT NOT NULL,
    "kind" TEXT NOT NULL CHECK ("kind" IN ('start', 'bridge')),
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "partition_name" TEXT NOT NULL,
    "dropped_events" BIGINT NOT NULL DEFAULT 0,
    "dropped_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_chain_anchors_pkey" PRIMARY KEY ("chain_key", "chain_seq")
);

ALTER TABLE "audit_chain_anchors" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "audit_chain_anchors" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_read" ON "audit_chain_anchors" FOR SELECT
  USING ("chain_key" = ocn_current_organization()
    OR ("chain_key" = '00000000-0000-0000-0000-000000000000' AND ocn_system_scope()));

-- Nobody but the owner (the trigger and the functions here) touches the heads; should a role ever be given rights on
-- them, it would still see only its own organization's.
ALTER TABLE "audit_chain_heads" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "audit_chain_heads" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_read" ON "audit_chain_heads" FOR SELECT
  USING ("chain_key" = ocn_current_organization()
    OR ("chain_key" = '00000000-0000-0000-0000-000000000000' AND ocn_system_scope()));

-- The head of one chain (null: the chain of no organization), for the verifier: only the current organization's,
-- the no-organization chain in the system scope, or any for a role that bypasses row-level security.
CREATE FUNCTION "ocn_audit_chain_head"(p_organization_id uuid) RETURNS TABLE ("last_seq" bigint, "last_hash" text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT h."last_seq", h."last_hash" FROM "audit_chain_heads" h
  WHERE h."chain_key" = COALESCE(p_organization_id, '00000000-0000-0000-0000-000000000000')
    AND (p_organization_id = ocn_current_organization()
      OR (p_organization_id IS NULL AND ocn_system_scope())
      OR EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = session_user AND (r.rolsuper OR r.rolbypassrls)))
$$;

-- For the sweeper (lib/server/audit/retention.ts): this month and the next three.
CREATE FUNCTION "ocn_audit_ensure_partitions"() RETURNS SETOF text
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET lock_timeout = '10s' AS $$
DECLARE
  v_name text;
  i int;
BEGIN
  FOR i IN 0..3 LOOP
    v_name := ocn_audit_create_partition((date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => i))::date);
    IF v_name IS NOT NULL THEN RETURN NEXT v_name; END IF;
  END LOOP;
END
$$;

-- Retention removes whole monthly partitions only: one whose entire range is older than the longest retention of
-- any organization (so no organization loses an event it must keep). The cutoff is computed here, not passed in,
-- so the caller cannot move it. Before a partition goes, each chain in it gets its anchor rows; in the same
-- transaction each gets an audit.partition_dropped event. Runs as the owner: only the owner may detach and drop.
CREATE FUNCTION "ocn_audit_drop_expired_partitions"()
  RETURNS TABLE ("partition_name" text, "range_from" timestamptz, "range_to" timestamptz, "events" bigint)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET lock_timeout = '10s' AS $$
DECLARE
  v_nil CONSTANT uuid := '00000000-0000-0000-0000-000000000000';
  v_days int;
  v_cutoff timestamptz;
  p record;
  c record;
  v_min_kept bigint;
  v_start record;
  v_total bigint;
  v_events jsonb := '[]';
BEGIN
  SELECT max("audit_retention_days") INTO v_days FROM "organizations";
  IF v_days IS NULL THEN RETURN; END IF;
  v_cutoff := now() - make_interval(days => v_days);
  FOR p IN
    SELECT c2.relname::text AS name,
      (to_date(substr(c2.relname, 14), 'YYYY_MM')::timestamp AT TIME ZONE 'UTC') AS lo,
      ((to_date(substr(c2.relname, 14), 'YYYY_MM') + interval '1 month')::timestamp AT TIME ZONE 'UTC') AS hi
    FROM pg_inherits i JOIN pg_class c2 ON c2.oid = i.inhrelid
    WHERE i.inhparent = '"audit_events"'::regclass AND c2.relname ~ '^audit_events_[0-9]{4}_[0-9]{2}$'
    ORDER BY 2
  LOOP
    CONTINUE WHEN p.hi > v_cutoff;
    EXECUTE format('ALTER TABLE "audit_events" DETACH PARTITION %I', p.name);
    v_total := 0;
    FOR c IN EXECUTE format('SELECT "organization_id" AS org, count(*) AS n FROM %I GROUP BY 1', p.name) LOOP
      v_total := v_total + c.n;
      IF c.org IS NULL THEN
        SELECT min("chain_seq") INTO v_min_kept FROM "audit_events" WHERE "organization_id" IS NULL;
      ELSE
        SELECT min("chain_seq") INTO v_min_kept FROM "audit_events" WHERE "organization_id" = c.org;
      END IF;
      EXECUTE format('SELECT "chain_seq", "prev_hash", "hash" FROM %I WHERE "organization_id" IS NOT DISTINCT FROM $1 '
        'AND ($2::bigint IS NULL OR "chain_seq" < $2) ORDER BY "chain_seq" DESC LIMIT 1', p.name)
        INTO v_start USING c.org, v_min_kept;
      IF v_start."chain_seq" IS NOT NULL THEN
        INSERT INTO "audit_chain_anchors" ("chain_key", "chain_seq", "kind", "prev_hash", "hash", "partition_name", "dropped_events")
        VALUES (COALESCE(c.org, v_nil), v_start."chain_seq", 'start', v_start."prev_hash", v_start."hash", p.name, c.n)
        ON CONFLICT ("chain_key", "chain_seq") DO NOTHING;
      END IF;
      IF v_min_kept IS NOT NULL THEN
        EXECUTE format('INSERT INTO "audit_chain_anchors" ("chain_key", "chain_seq", "kind", "prev_hash", "hash", "partition_name") '
          'SELECT $1, "chain_seq", ''bridge'', "prev_hash", "hash", $2 FROM %I '
          'WHERE "organization_id" IS NOT DISTINCT FROM $3 AND "chain_seq" > $4 '
          'ON CONFLICT ("chain_key", "chain_seq") DO NOTHING', p.name)
          USING COALESCE(c.org, v_nil), p.name, c.org, v_min_kept;
      END IF;
      v_events := v_events || jsonb_build_array(jsonb_build_object('org', c.org, 'partition', p.name, 'details',
        jsonb_build_object('partition', p.name, 'from', p.lo, 'to', p.hi, 'events', c.n,
          'anchorSeq', v_start."chain_seq", 'retentionDays', v_days, 'cutoff', v_cutoff)));
    END LOOP;
    EXECUTE format('DROP TABLE %I', p.name);
    partition_name := p.name;
    range_from := p.lo;
    range_to := p.hi;
    events := v_total;
    RETURN NEXT;
  END LOOP;
  -- After every detach: once events are written, audit_events has pending (deferred) trigger events and cannot be altered.
  INSERT INTO "audit_events" ("organization_id", "actor_label", "action", "target_type", "target_id", "target_label",
    "outcome", "details")
  SELECT (e->>'org')::uuid, 'system', 'audit.partition_dropped', 'audit_partition', e->>'partition', e->>'partition',
    'success', e->'details'
  FROM jsonb_array_elements(v_events) AS e;
END
$$;

-- Whatever a role was given by default privileges when these objects appeared: the application's role may append
-- to and read audit_events (policies apply) and read its anchors, nothing more. lib/server/app-role.ts does the same.
SELECT ocn_audit_revoke_grants('"audit_events"'::regclass, 'UPDATE, DELETE, TRUNCATE');
SELECT ocn_audit_revoke_grants('"audit_chain_heads"'::regclass, 'ALL');
SELECT ocn_audit_revoke_grants('"audit_chain_anchors"'::regclass, 'INSERT, UPDATE, DELETE, TRUNCATE');

-- Issue 8: where each organization's audit hash chain was last verified. The audit page's badge goes on from here
-- (only the events chained since), instead of walking millions of events in the web process whenever it starts or
-- every few minutes. A whole walk (verified_at) is done once a day by the sweeper (one instance at a time: started_at
-- is its claim) and by `npm run audit:verify`; in between the sweeper moves the verified point (through_seq,
-- through_hash) on to the newest events every few minutes (checked_at).
CREATE TABLE "audit_chain_checks" (
    "organization_id" UUID NOT NULL,
    "state" TEXT,
    "through_seq" BIGINT,
    "through_hash" TEXT,
    "checked" BIGINT NOT NULL DEFAULT 0,
    "anchor_seq" BIGINT,
    "first_broken" JSONB,
    "verified_at" TIMESTAMPTZ,
    "checked_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ,

    CONSTRAINT "audit_chain_checks_pkey" PRIMARY KEY ("organization_id"),
    CONSTRAINT "audit_chain_checks_state_check" CHECK ("state" IN ('ok', 'broken'))
);

ALTER TABLE "audit_chain_checks" ADD CONSTRAINT "audit_chain_checks_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "audit_chain_checks" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "audit_chain_checks" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "audit_chain_checks" USING ("organization_id" = ocn_current_organization())
  WITH CHECK ("organization_id" = ocn_current_organization());

-- The failure-spike rule counts the organization's failed sign-ins in its window on every batch it judges. Through
-- (organization_id, action, occurred_at) that read every sign-in of the window (hundreds of thousands during a busy
-- hour, since for the application's role the enum comparison on outcome is never an index condition); failures only
-- are a small index of their own.
CREATE INDEX "audit_events_sign_in_failures_idx" ON "audit_events" ("organization_id", "occurred_at") WHERE "action" = 'auth.sign_in' AND "outcome" = 'failure';

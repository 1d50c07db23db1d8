-- Issue 5: rollups and detections follow the audit log by a cursor per organization. Every sign-in event with a
-- chain_seq above the cursor is still to be counted and judged; whoever moves the cursor (the console's own sign-in,
-- in its transaction; the processor that runs right after an ingestion batch commits; the sweeper) counts and judges
-- exactly those events in the same transaction, under the cursor row's lock. chain_seq follows commit order within an
-- organization (audit_events_chain), so no event can commit below a cursor that has passed it.
CREATE TABLE "sign_in_cursors" (
    "organization_id" UUID NOT NULL,
    "processed_seq" BIGINT NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ NOT NULL DEFAULT now(),

    CONSTRAINT "sign_in_cursors_pkey" PRIMARY KEY ("organization_id")
);

ALTER TABLE "sign_in_cursors" ADD CONSTRAINT "sign_in_cursors_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "sign_in_cursors" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "sign_in_cursors" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "sign_in_cursors" USING ("organization_id" = ocn_current_organization())
  WITH CHECK ("organization_id" = ocn_current_organization());

-- Everything already stored was counted and judged as it was written.
INSERT INTO "sign_in_cursors" ("organization_id", "processed_seq")
SELECT o."id", COALESCE((SELECT max(e."chain_seq") FROM "audit_events" e WHERE e."organization_id" = o."id"), 0)
FROM "organizations" o;

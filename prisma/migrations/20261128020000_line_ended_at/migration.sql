-- When a line was cancelled or ported out: statements bill a finished line up to its month, and no later (its
-- updated_at moves on when, say, its statements are exported afterwards). Existing finished lines take the time of
-- their audited cancellation or port-out, else their last update.
ALTER TABLE "lines" ADD COLUMN "ended_at" TIMESTAMPTZ;

UPDATE "lines" l SET "ended_at" = COALESCE(
  (SELECT max(e."occurred_at") FROM "audit_events" e
    WHERE e."organization_id" = l."organization_id" AND e."target_type" = 'line' AND e."target_id" = l."id"::text
      AND e."action" IN ('line.cancel', 'line.port_out')),
  l."updated_at")
WHERE l."status" IN ('cancelled', 'ported_out');

ALTER TABLE "lines" ADD CONSTRAINT "lines_ended_at_check" CHECK (("status" IN ('cancelled', 'ported_out')) = ("ended_at" IS NOT NULL));

-- An add-on does not record the request it came from (the request's own audit trail does, and a request is decided
-- once under its row lock); the unused column goes.
DROP INDEX "line_data_addons_request_id_key";
ALTER TABLE "line_data_addons" DROP COLUMN "request_id";

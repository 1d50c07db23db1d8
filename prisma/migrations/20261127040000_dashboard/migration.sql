-- Issue 5, security dashboard: the "top failing accounts / IPs" lists read only the per-day rollup rows that hold a
-- failure. Most account and IP rows hold none, so a partial index keeps those lists off the bulk of the table.
CREATE INDEX "sign_in_dim_rollups_failures_idx" ON "sign_in_dim_rollups" ("organization_id", "dimension", "day")
  INCLUDE ("key", "failure_count", "success_count", "label") WHERE "failure_count" > 0;

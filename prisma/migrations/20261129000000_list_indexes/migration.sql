-- Issue 8: indexes for lists the application's role reads under row-level security, found by
-- tests/integration/query-plans.test.ts (EXPLAIN of the statements the operations send, at tens of thousands of rows).

-- Alerts. For that role a comparison on an enum column (enum_eq is not leakproof) is never an index condition, so
-- "alerts_organization_id_status_last_seen_at_idx" narrows by organization only, and Prisma's CAST($n AS
-- "AlertStatus") parameters rule out a partial index: the list read all of an organization's alerts and sorted them.
-- Now it reads in last-seen order and stops at its page; "assigned to me" goes by assignee (which also serves the
-- foreign key when an account is deleted); the dashboard counts active alerts by severity from an index alone.
CREATE INDEX "alerts_organization_id_last_seen_at_id_idx" ON "alerts"("organization_id", "last_seen_at" DESC, "id" DESC);
CREATE INDEX "alerts_assignee_id_idx" ON "alerts"("assignee_id");
CREATE INDEX "alerts_organization_id_status_severity_idx" ON "alerts"("organization_id", "status", "severity");

-- Accounts by last sign-in, newest first (never-signed-in last): the list's ORDER BY last_sign_in_at DESC NULLS LAST,
-- id, which "accounts_organization_id_last_sign_in_at_idx" (ascending, nulls last) cannot give in either direction.
CREATE INDEX "accounts_organization_id_last_sign_in_at_desc_idx" ON "accounts"("organization_id", "last_sign_in_at" DESC NULLS LAST, "id");

-- Issue 6: offboarding and lines.

-- When the account's access ends (an offboarding case of a leaver or a contract end): from this instant on, sign-in is
-- refused and open sessions are void, checked against the clock on every request, with no job needed for it to hold.
ALTER TABLE "accounts" ADD COLUMN "access_ends_at" TIMESTAMPTZ;

-- Days a leaver has to send a physical SIM back.
ALTER TABLE "organizations" ADD COLUMN "sim_return_days" INTEGER NOT NULL DEFAULT 14;

-- A device or SIM retired outside offboarding has a case of its own (trigger device_disposal), with or without a holder.
ALTER TYPE "OffboardingTrigger" ADD VALUE IF NOT EXISTS 'device_disposal';
ALTER TABLE "offboarding_cases" ALTER COLUMN "account_id" DROP NOT NULL;
ALTER TABLE "offboarding_cases" ADD COLUMN "applied_at" TIMESTAMPTZ;
ALTER TABLE "offboarding_cases" ADD COLUMN "cancelled_at" TIMESTAMPTZ;
ALTER TABLE "offboarding_cases" ADD COLUMN "cancelled_by_id" UUID;
ALTER TABLE "offboarding_cases" ADD COLUMN "new_department" TEXT;
ALTER TABLE "offboarding_cases" ADD COLUMN "subject_label" TEXT;

-- Tasks: who completed them by name (kept if the account goes), a note, and when an overdue task was escalated.
ALTER TABLE "offboarding_tasks" ADD COLUMN "completed_by_label" TEXT;
ALTER TABLE "offboarding_tasks" ADD COLUMN "note" TEXT;
ALTER TABLE "offboarding_tasks" ADD COLUMN "escalated_at" TIMESTAMPTZ;
CREATE INDEX "offboarding_tasks_line_id_idx" ON "offboarding_tasks"("line_id");

-- Lines: when the statements were last exported (a line is cancelled only after), and ICCIDs unique per organization.
ALTER TABLE "lines" ADD COLUMN "statements_exported_at" TIMESTAMPTZ;
CREATE UNIQUE INDEX "lines_organization_id_iccid_key" ON "lines"("organization_id", "iccid");

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "PermissionDomain" AS ENUM ('accounts', 'lines', 'billing', 'security', 'audit', 'reviews', 'offboarding', 'org');

-- CreateEnum
CREATE TYPE "PermissionLevel" AS ENUM ('view', 'request', 'manage');

-- CreateEnum
CREATE TYPE "AccountKind" AS ENUM ('employee', 'contractor');

-- CreateEnum
CREATE TYPE "AccountStatus" AS ENUM ('invited', 'active', 'locked', 'suspended', 'disabled');

-- CreateEnum
CREATE TYPE "AuditOutcome" AS ENUM ('success', 'failure');

-- CreateEnum
CREATE TYPE "AllowlistKind" AS ENUM ('office', 'vpn', 'temporary');

-- CreateEnum
CREATE TYPE "AllowlistScope" AS ENUM ('everyone', 'admins');

-- CreateEnum
CREATE TYPE "AlertSeverity" AS ENUM ('low', 'medium', 'high', 'critical');

-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('open', 'acknowledged', 'resolved');

-- CreateEnum
CREATE TYPE "SimType" AS ENUM ('physical', 'esim');

-- CreateEnum
CREATE TYPE "LineStatus" AS ENUM ('active', 'suspended', 'pending_return', 'returned', 'cancelled', 'ported_out');

-- CreateEnum
CREATE TYPE "OffboardingTrigger" AS ENUM ('leaving', 'transfer', 'secondment', 'leave_of_absence', 'contract_end');

-- CreateEnum
CREATE TYPE "OffboardingStatus" AS ENUM ('scheduled', 'in_progress', 'completed', 'cancelled');

-- CreateEnum
CREATE TYPE "OffboardingTaskKind" AS ENUM ('disable_account', 'revoke_roles', 'wipe_device_credentials', 'return_sim', 'delete_esim', 'decide_line', 'export_statements', 'reevaluate_roles');

-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('open', 'done', 'skipped');

-- CreateEnum
CREATE TYPE "EmploymentStatus" AS ENUM ('active', 'leave', 'seconded', 'terminated');

-- CreateEnum
CREATE TYPE "ReviewStatus" AS ENUM ('draft', 'open', 'closed');

-- CreateEnum
CREATE TYPE "ReviewDecision" AS ENUM ('keep', 'revoke', 'modify');

-- CreateEnum
CREATE TYPE "ChangeRequestStatus" AS ENUM ('pending', 'approved', 'rejected', 'cancelled');

-- CreateEnum
CREATE TYPE "ComplianceTaskKind" AS ENUM ('ip_allowlist_monthly', 'log_audit_weekly', 'permission_reconciliation_monthly', 'device_disposal', 'incident_response');

-- CreateTable
CREATE TABLE "organizations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "name_kana" TEXT,
    "customer_number" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL DEFAULT 'Asia/Tokyo',
    "business_hours_start" INTEGER NOT NULL DEFAULT 8,
    "business_hours_end" INTEGER NOT NULL DEFAULT 20,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "departments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "manager_id" UUID,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "departments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "accounts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "login_id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "name_kana" TEXT,
    "employee_number" TEXT,
    "department_id" UUID,
    "kind" "AccountKind" NOT NULL DEFAULT 'employee',
    "contractor_company" TEXT,
    "status" "AccountStatus" NOT NULL DEFAULT 'invited',
    "password_hash" TEXT,
    "password_changed_at" TIMESTAMPTZ,
    "totp_secret" TEXT,
    "totp_enabled_at" TIMESTAMPTZ,
    "session_version" INTEGER NOT NULL DEFAULT 1,
    "locked_until" TIMESTAMPTZ,
    "lock_count" INTEGER NOT NULL DEFAULT 0,
    "last_sign_in_at" TIMESTAMPTZ,
    "disabled_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "roles" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "key" TEXT,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "built_in" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "roles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "role_permissions" (
    "role_id" UUID NOT NULL,
    "domain" "PermissionDomain" NOT NULL,
    "level" "PermissionLevel" NOT NULL,

    CONSTRAINT "role_permissions_pkey" PRIMARY KEY ("role_id","domain")
);

-- CreateTable
CREATE TABLE "role_grants" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "role_id" UUID NOT NULL,
    "granted_by_id" UUID,
    "reason" TEXT,
    "starts_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ends_at" TIMESTAMPTZ,
    "revoked_at" TIMESTAMPTZ,
    "revoked_by_id" UUID,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "role_grants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sod_rules" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "domain_a" "PermissionDomain" NOT NULL,
    "level_a" "PermissionLevel" NOT NULL,
    "domain_b" "PermissionDomain" NOT NULL,
    "level_b" "PermissionLevel" NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sod_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "change_requests" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "domain" "PermissionDomain" NOT NULL,
    "kind" TEXT NOT NULL,
    "target_type" TEXT,
    "target_id" TEXT,
    "payload" JSONB NOT NULL,
    "diff" JSONB,
    "status" "ChangeRequestStatus" NOT NULL DEFAULT 'pending',
    "reason" TEXT,
    "requested_by_id" UUID NOT NULL,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ,
    "decision_note" TEXT,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "change_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ip_allowlist_entries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "cidr" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "kind" "AllowlistKind" NOT NULL,
    "valid_from" TIMESTAMPTZ,
    "valid_until" TIMESTAMPTZ,
    "reason" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ,

    CONSTRAINT "ip_allowlist_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "network_policies" (
    "organization_id" UUID NOT NULL,
    "enforced" BOOLEAN NOT NULL DEFAULT false,
    "scope" "AllowlistScope" NOT NULL DEFAULT 'everyone',
    "updated_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "network_policies_pkey" PRIMARY KEY ("organization_id")
);

-- CreateTable
CREATE TABLE "lockout_policies" (
    "organization_id" UUID NOT NULL,
    "threshold" INTEGER NOT NULL DEFAULT 10,
    "window_seconds" INTEGER NOT NULL DEFAULT 900,
    "duration_seconds" INTEGER DEFAULT 1800,
    "escalate" BOOLEAN NOT NULL DEFAULT true,
    "updated_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lockout_policies_pkey" PRIMARY KEY ("organization_id")
);

-- CreateTable
CREATE TABLE "password_policies" (
    "organization_id" UUID NOT NULL,
    "min_length" INTEGER NOT NULL DEFAULT 12,
    "max_age_days" INTEGER DEFAULT 90,
    "history_depth" INTEGER NOT NULL DEFAULT 5,
    "mfa_required" BOOLEAN NOT NULL DEFAULT true,
    "updated_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "password_policies_pkey" PRIMARY KEY ("organization_id")
);

-- CreateTable
CREATE TABLE "password_history" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "account_id" UUID NOT NULL,
    "password_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "password_history_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "backup_codes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "account_id" UUID NOT NULL,
    "code_hash" TEXT NOT NULL,
    "used_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "backup_codes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sign_in_failures" (
    "id" BIGSERIAL NOT NULL,
    "account_id" UUID NOT NULL,
    "at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sign_in_failures_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "session_version" INTEGER NOT NULL,
    "ip" INET,
    "user_agent" TEXT,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "revoked_at" TIMESTAMPTZ,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
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

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sign_in_rollups" (
    "organization_id" UUID NOT NULL,
    "hour" TIMESTAMPTZ NOT NULL,
    "success_count" INTEGER NOT NULL DEFAULT 0,
    "failure_count" INTEGER NOT NULL DEFAULT 0,
    "off_hours_count" INTEGER NOT NULL DEFAULT 0,
    "foreign_count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "sign_in_rollups_pkey" PRIMARY KEY ("organization_id","hour")
);

-- CreateTable
CREATE TABLE "alerts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "severity" "AlertSeverity" NOT NULL,
    "subject_type" TEXT NOT NULL,
    "subject_key" TEXT NOT NULL,
    "subject_label" TEXT,
    "first_seen_at" TIMESTAMPTZ NOT NULL,
    "last_seen_at" TIMESTAMPTZ NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "evidence_event_ids" BIGINT[],
    "status" "AlertStatus" NOT NULL DEFAULT 'open',
    "assignee_id" UUID,
    "resolved_at" TIMESTAMPTZ,
    "resolution" TEXT,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lines" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "phone_number" TEXT NOT NULL,
    "iccid" TEXT,
    "sim_type" "SimType" NOT NULL,
    "plan" TEXT NOT NULL,
    "data_allowance_gb" INTEGER NOT NULL,
    "status" "LineStatus" NOT NULL DEFAULT 'active',
    "assigned_account_id" UUID,
    "cost_center" TEXT,
    "mnp_number" TEXT,
    "mnp_expires_at" TIMESTAMPTZ,
    "activated_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "offboarding_cases" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "trigger" "OffboardingTrigger" NOT NULL,
    "effective_at" TIMESTAMPTZ NOT NULL,
    "status" "OffboardingStatus" NOT NULL DEFAULT 'scheduled',
    "initiated_by_id" UUID,
    "note" TEXT,
    "grants_snapshot" JSONB,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ,

    CONSTRAINT "offboarding_cases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "offboarding_tasks" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "kind" "OffboardingTaskKind" NOT NULL,
    "line_id" UUID,
    "owner_role_key" TEXT NOT NULL,
    "due_at" TIMESTAMPTZ NOT NULL,
    "status" "TaskStatus" NOT NULL DEFAULT 'open',
    "decision" TEXT,
    "tracking_number" TEXT,
    "received_at" TIMESTAMPTZ,
    "condition" TEXT,
    "evidence" JSONB,
    "completed_by_id" UUID,
    "completed_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "offboarding_tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hr_imports" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "imported_by_id" UUID,
    "file_name" TEXT NOT NULL,
    "row_count" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "hr_imports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hr_roster_records" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "import_id" UUID,
    "employee_number" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_kana" TEXT,
    "department" TEXT NOT NULL,
    "employment_status" "EmploymentStatus" NOT NULL,
    "termination_date" DATE,
    "updated_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "hr_roster_records_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "access_reviews" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "quarter" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" "ReviewStatus" NOT NULL DEFAULT 'draft',
    "due_at" TIMESTAMPTZ NOT NULL,
    "undecided_outcome" TEXT NOT NULL DEFAULT 'no_change',
    "created_by_id" UUID,
    "started_at" TIMESTAMPTZ,
    "closed_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "access_reviews_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "access_review_items" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "review_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "reviewer_id" UUID,
    "flags" TEXT[],
    "snapshot" JSONB NOT NULL,
    "decision" "ReviewDecision",
    "comment" TEXT,
    "decided_at" TIMESTAMPTZ,
    "applied_at" TIMESTAMPTZ,

    CONSTRAINT "access_review_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "compliance_tasks" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "kind" "ComplianceTaskKind" NOT NULL,
    "title" TEXT NOT NULL,
    "due_at" TIMESTAMPTZ NOT NULL,
    "status" "TaskStatus" NOT NULL DEFAULT 'open',
    "related_type" TEXT,
    "related_id" TEXT,
    "evidence" JSONB,
    "completed_by_id" UUID,
    "completed_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "compliance_tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mail_messages" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "sent_at" TIMESTAMPTZ,
    "error" TEXT,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mail_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "organizations_customer_number_key" ON "organizations"("customer_number");

-- CreateIndex
CREATE UNIQUE INDEX "departments_organization_id_code_key" ON "departments"("organization_id", "code");

-- CreateIndex
CREATE UNIQUE INDEX "accounts_login_id_key" ON "accounts"("login_id");

-- CreateIndex
CREATE INDEX "accounts_organization_id_status_idx" ON "accounts"("organization_id", "status");

-- CreateIndex
CREATE INDEX "accounts_organization_id_name_kana_idx" ON "accounts"("organization_id", "name_kana");

-- CreateIndex
CREATE INDEX "accounts_organization_id_employee_number_idx" ON "accounts"("organization_id", "employee_number");

-- CreateIndex
CREATE INDEX "accounts_organization_id_department_id_idx" ON "accounts"("organization_id", "department_id");

-- CreateIndex
CREATE INDEX "accounts_organization_id_last_sign_in_at_idx" ON "accounts"("organization_id", "last_sign_in_at");

-- CreateIndex
CREATE UNIQUE INDEX "roles_organization_id_key_key" ON "roles"("organization_id", "key");

-- CreateIndex
CREATE UNIQUE INDEX "roles_organization_id_name_key" ON "roles"("organization_id", "name");

-- CreateIndex
CREATE INDEX "role_grants_account_id_idx" ON "role_grants"("account_id");

-- CreateIndex
CREATE INDEX "role_grants_organization_id_role_id_idx" ON "role_grants"("organization_id", "role_id");

-- CreateIndex
CREATE INDEX "role_grants_organization_id_ends_at_idx" ON "role_grants"("organization_id", "ends_at");

-- CreateIndex
CREATE INDEX "sod_rules_organization_id_idx" ON "sod_rules"("organization_id");

-- CreateIndex
CREATE INDEX "change_requests_organization_id_status_created_at_idx" ON "change_requests"("organization_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "ip_allowlist_entries_organization_id_idx" ON "ip_allowlist_entries"("organization_id");

-- CreateIndex
CREATE INDEX "password_history_account_id_created_at_idx" ON "password_history"("account_id", "created_at");

-- CreateIndex
CREATE INDEX "backup_codes_account_id_idx" ON "backup_codes"("account_id");

-- CreateIndex
CREATE INDEX "sign_in_failures_account_id_at_idx" ON "sign_in_failures"("account_id", "at");

-- CreateIndex
CREATE INDEX "sessions_account_id_idx" ON "sessions"("account_id");

-- CreateIndex
CREATE INDEX "audit_events_organization_id_occurred_at_idx" ON "audit_events"("organization_id", "occurred_at" DESC);

-- CreateIndex
CREATE INDEX "audit_events_organization_id_actor_id_occurred_at_idx" ON "audit_events"("organization_id", "actor_id", "occurred_at" DESC);

-- CreateIndex
CREATE INDEX "audit_events_organization_id_target_id_occurred_at_idx" ON "audit_events"("organization_id", "target_id", "occurred_at" DESC);

-- CreateIndex
CREATE INDEX "audit_events_organization_id_action_occurred_at_idx" ON "audit_events"("organization_id", "action", "occurred_at" DESC);

-- CreateIndex
CREATE INDEX "alerts_organization_id_status_last_seen_at_idx" ON "alerts"("organization_id", "status", "last_seen_at" DESC);

-- CreateIndex
CREATE INDEX "alerts_organization_id_kind_subject_key_idx" ON "alerts"("organization_id", "kind", "subject_key");

-- CreateIndex
CREATE INDEX "lines_organization_id_status_idx" ON "lines"("organization_id", "status");

-- CreateIndex
CREATE INDEX "lines_assigned_account_id_idx" ON "lines"("assigned_account_id");

-- CreateIndex
CREATE UNIQUE INDEX "lines_organization_id_phone_number_key" ON "lines"("organization_id", "phone_number");

-- CreateIndex
CREATE INDEX "offboarding_cases_organization_id_status_effective_at_idx" ON "offboarding_cases"("organization_id", "status", "effective_at");

-- CreateIndex
CREATE INDEX "offboarding_cases_account_id_idx" ON "offboarding_cases"("account_id");

-- CreateIndex
CREATE INDEX "offboarding_tasks_organization_id_status_due_at_idx" ON "offboarding_tasks"("organization_id", "status", "due_at");

-- CreateIndex
CREATE INDEX "offboarding_tasks_case_id_idx" ON "offboarding_tasks"("case_id");

-- CreateIndex
CREATE INDEX "hr_imports_organization_id_created_at_idx" ON "hr_imports"("organization_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "hr_roster_records_organization_id_employee_number_key" ON "hr_roster_records"("organization_id", "employee_number");

-- CreateIndex
CREATE UNIQUE INDEX "access_reviews_organization_id_quarter_key" ON "access_reviews"("organization_id", "quarter");

-- CreateIndex
CREATE INDEX "access_review_items_organization_id_reviewer_id_decision_idx" ON "access_review_items"("organization_id", "reviewer_id", "decision");

-- CreateIndex
CREATE UNIQUE INDEX "access_review_items_review_id_account_id_key" ON "access_review_items"("review_id", "account_id");

-- CreateIndex
CREATE INDEX "compliance_tasks_organization_id_status_due_at_idx" ON "compliance_tasks"("organization_id", "status", "due_at");

-- CreateIndex
CREATE INDEX "mail_messages_organization_id_created_at_idx" ON "mail_messages"("organization_id", "created_at");

-- AddForeignKey
ALTER TABLE "departments" ADD CONSTRAINT "departments_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "roles" ADD CONSTRAINT "roles_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_permissions" ADD CONSTRAINT "role_permissions_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "roles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "roles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_granted_by_id_fkey" FOREIGN KEY ("granted_by_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_revoked_by_id_fkey" FOREIGN KEY ("revoked_by_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sod_rules" ADD CONSTRAINT "sod_rules_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ip_allowlist_entries" ADD CONSTRAINT "ip_allowlist_entries_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "network_policies" ADD CONSTRAINT "network_policies_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lockout_policies" ADD CONSTRAINT "lockout_policies_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "password_policies" ADD CONSTRAINT "password_policies_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "password_history" ADD CONSTRAINT "password_history_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "backup_codes" ADD CONSTRAINT "backup_codes_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sign_in_failures" ADD CONSTRAINT "sign_in_failures_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sign_in_rollups" ADD CONSTRAINT "sign_in_rollups_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lines" ADD CONSTRAINT "lines_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lines" ADD CONSTRAINT "lines_assigned_account_id_fkey" FOREIGN KEY ("assigned_account_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offboarding_cases" ADD CONSTRAINT "offboarding_cases_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offboarding_cases" ADD CONSTRAINT "offboarding_cases_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offboarding_cases" ADD CONSTRAINT "offboarding_cases_initiated_by_id_fkey" FOREIGN KEY ("initiated_by_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offboarding_tasks" ADD CONSTRAINT "offboarding_tasks_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offboarding_tasks" ADD CONSTRAINT "offboarding_tasks_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "offboarding_cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offboarding_tasks" ADD CONSTRAINT "offboarding_tasks_line_id_fkey" FOREIGN KEY ("line_id") REFERENCES "lines"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hr_imports" ADD CONSTRAINT "hr_imports_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hr_roster_records" ADD CONSTRAINT "hr_roster_records_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hr_roster_records" ADD CONSTRAINT "hr_roster_records_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "hr_imports"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_reviews" ADD CONSTRAINT "access_reviews_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_review_items" ADD CONSTRAINT "access_review_items_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_review_items" ADD CONSTRAINT "access_review_items_review_id_fkey" FOREIGN KEY ("review_id") REFERENCES "access_reviews"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_review_items" ADD CONSTRAINT "access_review_items_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_review_items" ADD CONSTRAINT "access_review_items_reviewer_id_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "compliance_tasks" ADD CONSTRAINT "compliance_tasks_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mail_messages" ADD CONSTRAINT "mail_messages_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The audit log is append-only in the database itself.
CREATE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER "audit_events_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"();

CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"();

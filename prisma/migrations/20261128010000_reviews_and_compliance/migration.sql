-- Issue 7: the HR roster's import history, quarterly review campaigns that apply their own result, offboarding
-- proposed by a review, and the compliance calendar's recurring tasks.

-- Each roster import is the whole roster: what it created, changed and removed, and how the file was encoded.
ALTER TABLE "hr_imports" ADD COLUMN "encoding" TEXT NOT NULL DEFAULT 'utf-8';
ALTER TABLE "hr_imports" ADD COLUMN "created_count" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "hr_imports" ADD COLUMN "updated_count" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "hr_imports" ADD COLUMN "removed_count" INTEGER NOT NULL DEFAULT 0;

-- The organization's review settings: dormant after N days without a sign-in, what an undecided item becomes, and who
-- reviews an account whose department has no manager.
ALTER TABLE "organizations" ADD COLUMN "review_dormant_days" INTEGER NOT NULL DEFAULT 90;
ALTER TABLE "organizations" ADD COLUMN "review_undecided_outcome" TEXT NOT NULL DEFAULT 'no_change';
ALTER TABLE "organizations" ADD COLUMN "review_fallback_reviewer_id" UUID;
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_review_undecided_outcome_check" CHECK ("review_undecided_outcome" IN ('no_change', 'revoke'));
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_review_dormant_days_check" CHECK ("review_dormant_days" BETWEEN 7 AND 730);

ALTER TABLE "access_reviews" ADD COLUMN "dormant_days" INTEGER NOT NULL DEFAULT 90;
ALTER TABLE "access_reviews" ADD COLUMN "fallback_reviewer_id" UUID;
ALTER TABLE "access_reviews" ADD COLUMN "created_automatically" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "access_reviews" ADD COLUMN "reminded_at" TIMESTAMPTZ;
ALTER TABLE "access_reviews" ADD COLUMN "closed_by_id" UUID;
-- Set when every decision of a closed campaign has been applied.
ALTER TABLE "access_reviews" ADD COLUMN "applied_at" TIMESTAMPTZ;
-- Several campaigns may run in a quarter (one started by hand besides the automatic one); only one is automatic.
DROP INDEX "access_reviews_organization_id_quarter_key";
CREATE INDEX "access_reviews_organization_id_quarter_idx" ON "access_reviews"("organization_id", "quarter");
CREATE UNIQUE INDEX "access_reviews_automatic_key" ON "access_reviews"("organization_id", "quarter") WHERE "created_automatically";
ALTER TABLE "access_reviews" ADD CONSTRAINT "access_reviews_undecided_outcome_check" CHECK ("undecided_outcome" IN ('no_change', 'revoke'));
ALTER TABLE "access_reviews" ADD CONSTRAINT "access_reviews_fallback_reviewer_id_fkey" FOREIGN KEY ("fallback_reviewer_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "access_reviews" ADD CONSTRAINT "access_reviews_closed_by_id_fkey" FOREIGN KEY ("closed_by_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A decision: keep; revoke the whole account (revoke_grant_ids empty) or only those grants; modify = give those grants
-- an end (modify_ends_at). by_default marks a decision the undecided outcome made at closing. applied_at is written in
-- the same transaction as the change it stands for, so applying again skips exactly what is done.
ALTER TABLE "access_review_items" ADD COLUMN "decided_by_id" UUID;
ALTER TABLE "access_review_items" ADD COLUMN "decided_by_label" TEXT;
ALTER TABLE "access_review_items" ADD COLUMN "revoke_grant_ids" TEXT[] NOT NULL DEFAULT '{}';
ALTER TABLE "access_review_items" ADD COLUMN "modify_ends_at" TIMESTAMPTZ;
ALTER TABLE "access_review_items" ADD COLUMN "by_default" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "access_review_items" ADD COLUMN "apply_result" JSONB;
ALTER TABLE "access_review_items" ADD CONSTRAINT "access_review_items_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "access_review_items_review_id_decision_idx" ON "access_review_items"("review_id", "decision");

-- An account a review decided to revoke whole: its access ends at once, and HR is asked to start its offboarding.
CREATE TABLE "offboarding_proposals" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "review_id" UUID,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "resolved_at" TIMESTAMPTZ,

    CONSTRAINT "offboarding_proposals_pkey" PRIMARY KEY ("id")
);
ALTER TABLE "offboarding_proposals" ADD CONSTRAINT "offboarding_proposals_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "offboarding_proposals" ADD CONSTRAINT "offboarding_proposals_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "offboarding_proposals" ADD CONSTRAINT "offboarding_proposals_review_id_fkey" FOREIGN KEY ("review_id") REFERENCES "access_reviews"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE UNIQUE INDEX "offboarding_proposals_review_id_account_id_key" ON "offboarding_proposals"("review_id", "account_id");
CREATE INDEX "offboarding_proposals_organization_id_resolved_at_idx" ON "offboarding_proposals"("organization_id", "resolved_at");

-- Recurring compliance tasks: one per kind and period ("2026-11", "2026-W48") or per event (related_id), with the
-- permission domain that owns it and what its completion recorded.
ALTER TABLE "compliance_tasks" ADD COLUMN "period_key" TEXT;
ALTER TABLE "compliance_tasks" ADD COLUMN "owner_domain" TEXT;
ALTER TABLE "compliance_tasks" ADD COLUMN "completed_by_label" TEXT;
ALTER TABLE "compliance_tasks" ADD COLUMN "note" TEXT;
CREATE UNIQUE INDEX "compliance_tasks_period_key" ON "compliance_tasks"("organization_id", "kind", "period_key") WHERE "period_key" IS NOT NULL;
CREATE UNIQUE INDEX "compliance_tasks_related_key" ON "compliance_tasks"("organization_id", "kind", "related_id") WHERE "related_id" IS NOT NULL;

ALTER TABLE "offboarding_proposals" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "offboarding_proposals" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "offboarding_proposals" USING ("organization_id" = ocn_current_organization())
  WITH CHECK ("organization_id" = ocn_current_organization());

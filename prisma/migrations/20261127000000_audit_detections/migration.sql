-- Issue 5: detection settings, travel notices, alert workflow, ingestion API keys, dimension rollups, weekly log reviews.
-- AlterEnum
ALTER TYPE "AlertStatus" ADD VALUE 'false_positive';

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "alert_webhook_secret" TEXT,
ADD COLUMN     "alert_webhook_url" TEXT,
ADD COLUMN     "allowed_countries" TEXT[] DEFAULT ARRAY['JP']::TEXT[],
ADD COLUMN     "audit_retention_days" INTEGER NOT NULL DEFAULT 400,
ADD COLUMN     "business_days" INTEGER[] DEFAULT ARRAY[1, 2, 3, 4, 5]::INTEGER[],
ADD COLUMN     "closed_days" JSONB NOT NULL DEFAULT '[{"from": "12-29", "to": "01-03", "label": "年末年始"}]',
ADD COLUMN     "observe_jp_holidays" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN     "chain_seq" BIGINT;

-- AlterTable
ALTER TABLE "alerts" ADD COLUMN     "acknowledged_at" TIMESTAMPTZ,
ADD COLUMN     "acknowledged_by_id" UUID,
ADD COLUMN     "explanation" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "resolved_by_id" UUID;

-- CreateTable
CREATE TABLE "detection_rules" (
    "organization_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "severity" "AlertSeverity" NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "updated_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by_id" UUID,

    CONSTRAINT "detection_rules_pkey" PRIMARY KEY ("organization_id","kind")
);

-- CreateTable
CREATE TABLE "travel_notices" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "countries" TEXT[],
    "starts_at" TIMESTAMPTZ NOT NULL,
    "ends_at" TIMESTAMPTZ NOT NULL,
    "note" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ,

    CONSTRAINT "travel_notices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_comments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "alert_id" UUID NOT NULL,
    "author_id" UUID,
    "author_label" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_comments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "scopes" TEXT[],
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ,
    "revoked_at" TIMESTAMPTZ,
    "revoked_by_id" UUID,

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ingested_events" (
    "organization_id" UUID NOT NULL,
    "event_id" TEXT NOT NULL,
    "audit_event_id" BIGINT NOT NULL,
    "api_key_id" UUID,
    "received_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ingested_events_pkey" PRIMARY KEY ("organization_id","event_id")
);

-- CreateTable
CREATE TABLE "sign_in_dim_rollups" (
    "organization_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "dimension" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT,
    "success_count" INTEGER NOT NULL DEFAULT 0,
    "failure_count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "sign_in_dim_rollups_pkey" PRIMARY KEY ("organization_id","dimension","day","key")
);

-- CreateTable
CREATE TABLE "weekly_log_reviews" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "week_start" DATE NOT NULL,
    "snapshot" JSONB NOT NULL,
    "note" TEXT,
    "signed_by_id" UUID,
    "signed_by_label" TEXT NOT NULL,
    "signed_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "weekly_log_reviews_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_chain_heads" (
    "chain_key" UUID NOT NULL,
    "last_seq" BIGINT NOT NULL,
    "last_hash" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_chain_heads_pkey" PRIMARY KEY ("chain_key")
);

-- CreateIndex
CREATE INDEX "travel_notices_organization_id_account_id_ends_at_idx" ON "travel_notices"("organization_id", "account_id", "ends_at");

-- CreateIndex
CREATE INDEX "alert_comments_alert_id_created_at_idx" ON "alert_comments"("alert_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_prefix_key" ON "api_keys"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_secret_hash_key" ON "api_keys"("secret_hash");

-- CreateIndex
CREATE INDEX "api_keys_organization_id_created_at_idx" ON "api_keys"("organization_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "weekly_log_reviews_organization_id_week_start_key" ON "weekly_log_reviews"("organization_id", "week_start");

-- AddForeignKey
ALTER TABLE "detection_rules" ADD CONSTRAINT "detection_rules_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "travel_notices" ADD CONSTRAINT "travel_notices_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "travel_notices" ADD CONSTRAINT "travel_notices_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_comments" ADD CONSTRAINT "alert_comments_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_comments" ADD CONSTRAINT "alert_comments_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "alerts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ingested_events" ADD CONSTRAINT "ingested_events_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sign_in_dim_rollups" ADD CONSTRAINT "sign_in_dim_rollups_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "weekly_log_reviews" ADD CONSTRAINT "weekly_log_reviews_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Row-level security for the new tenant tables, as in 20261126060000_row_level_security.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'detection_rules', 'travel_notices', 'alert_comments', 'api_keys', 'ingested_events',
    'sign_in_dim_rollups', 'weekly_log_reviews'
  ] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY "tenant_isolation" ON %I USING ("organization_id" = ocn_current_organization()) '
      'WITH CHECK ("organization_id" = ocn_current_organization())', t);
  END LOOP;
END
$$;

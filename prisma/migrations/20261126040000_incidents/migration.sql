-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "incident_sla_minutes" INTEGER NOT NULL DEFAULT 15;

-- CreateTable
CREATE TABLE "incidents" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "opened_by_id" UUID,
    "reason" TEXT NOT NULL,
    "detected_at" TIMESTAMPTZ NOT NULL,
    "opened_at" TIMESTAMPTZ NOT NULL,
    "locked_at" TIMESTAMPTZ NOT NULL,
    "sessions_ended_at" TIMESTAMPTZ NOT NULL,
    "credentials_reset_at" TIMESTAMPTZ NOT NULL,
    "notified_at" TIMESTAMPTZ NOT NULL,
    "sla_minutes" INTEGER NOT NULL,
    "sla_met" BOOLEAN NOT NULL,
    "notified_count" INTEGER NOT NULL,

    CONSTRAINT "incidents_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "incidents_organization_id_opened_at_idx" ON "incidents"("organization_id", "opened_at" DESC);

-- CreateIndex
CREATE INDEX "incidents_account_id_idx" ON "incidents"("account_id");

-- AddForeignKey
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_opened_by_id_fkey" FOREIGN KEY ("opened_by_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "sod_override_allowed" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "accounts" ADD COLUMN     "invited_at" TIMESTAMPTZ,
ADD COLUMN     "suspended_at" TIMESTAMPTZ;

-- AlterTable
ALTER TABLE "role_grants" ADD COLUMN     "expiry_recorded_at" TIMESTAMPTZ,
ADD COLUMN     "sod_justification" TEXT;

-- AlterTable
ALTER TABLE "change_requests" ADD COLUMN     "applied_at" TIMESTAMPTZ;

-- AlterTable
ALTER TABLE "lines" ADD COLUMN     "international_roaming" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "invitations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "invited_by_id" UUID,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "used_at" TIMESTAMPTZ,

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account_imports" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "imported_by_id" UUID,
    "file_name" TEXT NOT NULL,
    "encoding" TEXT NOT NULL,
    "row_count" INTEGER NOT NULL,
    "created_count" INTEGER NOT NULL,
    "updated_count" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "account_imports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "billing_profiles" (
    "organization_id" UUID NOT NULL,
    "recipient_name" TEXT NOT NULL,
    "recipient_department" TEXT,
    "invoice_email" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "billing_profiles_pkey" PRIMARY KEY ("organization_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations"("token_hash");

-- CreateIndex
CREATE INDEX "invitations_account_id_created_at_idx" ON "invitations"("account_id", "created_at");

-- CreateIndex
CREATE INDEX "account_imports_organization_id_created_at_idx" ON "account_imports"("organization_id", "created_at");

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account_imports" ADD CONSTRAINT "account_imports_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_profiles" ADD CONSTRAINT "billing_profiles_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- One person, one OCN ID: an employee number or a mail address belongs to at most one account that is not disabled.
CREATE UNIQUE INDEX "accounts_one_live_employee_number" ON "accounts"("organization_id", "employee_number")
  WHERE "status" <> 'disabled' AND "employee_number" IS NOT NULL;
CREATE UNIQUE INDEX "accounts_one_live_email" ON "accounts"("organization_id", lower("email"))
  WHERE "status" <> 'disabled';

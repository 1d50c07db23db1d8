-- Issue 9: billing (statements, payment method, data add-ons) and the member's own page (contact mail, backup
-- contact, notification categories).

-- The contract holder's name as OCN has it: a payment method's holder name must match it (カナ for bank accounts,
-- Latin letters for cards). Set when the contract is made; the console shows it and does not change it.
ALTER TABLE "organizations" ADD COLUMN "contract_name" TEXT;
ALTER TABLE "organizations" ADD COLUMN "contract_name_kana" TEXT;
ALTER TABLE "organizations" ADD COLUMN "contract_name_latin" TEXT;

-- How the organization pays: a card (brand, last four digits, expiry, holder) or a bank account for direct debit
-- (bank, branch, type, last four digits, holder in カナ). Never a full card or account number: the checks make a
-- column that could hold one impossible.
CREATE TABLE "payment_methods" (
    "organization_id" UUID NOT NULL,
    "method" TEXT NOT NULL,
    "holder_name" TEXT NOT NULL,
    "card_brand" TEXT,
    "card_last4" TEXT,
    "card_exp_month" INTEGER,
    "card_exp_year" INTEGER,
    "bank_name" TEXT,
    "bank_code" TEXT,
    "branch_name" TEXT,
    "branch_code" TEXT,
    "account_type" TEXT,
    "account_last4" TEXT,
    "updated_at" TIMESTAMPTZ NOT NULL DEFAULT now(),

    CONSTRAINT "payment_methods_pkey" PRIMARY KEY ("organization_id"),
    CONSTRAINT "payment_methods_method_check" CHECK ("method" IN ('card', 'bank_transfer')),
    CONSTRAINT "payment_methods_card_check" CHECK (
      ("method" = 'card' AND "card_brand" IN ('visa', 'mastercard', 'jcb', 'amex', 'diners')
        AND "card_last4" ~ '^[0-9]{4}$' AND "card_exp_month" BETWEEN 1 AND 12 AND "card_exp_year" BETWEEN 2000 AND 2100
        AND "bank_name" IS NULL AND "bank_code" IS NULL AND "branch_name" IS NULL AND "branch_code" IS NULL
        AND "account_type" IS NULL AND "account_last4" IS NULL)
      OR
      ("method" = 'bank_transfer' AND "bank_name" IS NOT NULL AND "bank_code" ~ '^[0-9]{4}$' AND "branch_name" IS NOT NULL
        AND "branch_code" ~ '^[0-9]{3}$' AND "account_type" IN ('ordinary', 'checking') AND "account_last4" ~ '^[0-9]{4}$'
        AND "card_brand" IS NULL AND "card_last4" IS NULL AND "card_exp_month" IS NULL AND "card_exp_year" IS NULL)
    ),
    CONSTRAINT "payment_methods_holder_check" CHECK ("holder_name" !~ '[0-9]')
);
ALTER TABLE "payment_methods" ADD CONSTRAINT "payment_methods_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Data used by a line in a month (Asia/Tokyo calendar month, the first day as the key), as OCN reports it.
CREATE TABLE "line_usage" (
    "organization_id" UUID NOT NULL,
    "line_id" UUID NOT NULL,
    "month" DATE NOT NULL,
    "used_gb" NUMERIC(8,2) NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL DEFAULT now(),

    CONSTRAINT "line_usage_pkey" PRIMARY KEY ("line_id", "month"),
    CONSTRAINT "line_usage_used_check" CHECK ("used_gb" >= 0),
    CONSTRAINT "line_usage_month_check" CHECK (extract(day FROM "month") = 1)
);
ALTER TABLE "line_usage" ADD CONSTRAINT "line_usage_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "line_usage" ADD CONSTRAINT "line_usage_line_id_fkey" FOREIGN KEY ("line_id") REFERENCES "lines"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE INDEX "line_usage_organization_id_month_idx" ON "line_usage"("organization_id", "month");

-- 容量追加: extra data for a line in one month, billed on that month's statement.
CREATE TABLE "line_data_addons" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "line_id" UUID NOT NULL,
    "month" DATE NOT NULL,
    "gb" INTEGER NOT NULL,
    "price_yen" INTEGER NOT NULL,
    "added_by_id" UUID,
    "request_id" UUID,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT now(),

    CONSTRAINT "line_data_addons_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "line_data_addons_gb_check" CHECK ("gb" > 0 AND "gb" <= 100),
    CONSTRAINT "line_data_addons_price_check" CHECK ("price_yen" >= 0),
    CONSTRAINT "line_data_addons_month_check" CHECK (extract(day FROM "month") = 1)
);
ALTER TABLE "line_data_addons" ADD CONSTRAINT "line_data_addons_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "line_data_addons" ADD CONSTRAINT "line_data_addons_line_id_fkey" FOREIGN KEY ("line_id") REFERENCES "lines"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "line_data_addons" ADD CONSTRAINT "line_data_addons_added_by_id_fkey" FOREIGN KEY ("added_by_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "line_data_addons_organization_id_month_idx" ON "line_data_addons"("organization_id", "month");
CREATE INDEX "line_data_addons_line_id_month_idx" ON "line_data_addons"("line_id", "month");
-- An approved request adds its add-on once, however often the approval is retried.
CREATE UNIQUE INDEX "line_data_addons_request_id_key" ON "line_data_addons"("request_id");

-- A month's statement of the organization: issued once per month, the lines frozen as they were billed.
CREATE TABLE "statements" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "month" DATE NOT NULL,
    "issued_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "due_date" DATE NOT NULL,
    "line_count" INTEGER NOT NULL,
    "subtotal_yen" INTEGER NOT NULL,
    "tax_rate_percent" INTEGER NOT NULL,
    "tax_yen" INTEGER NOT NULL,
    "total_yen" INTEGER NOT NULL,
    "payment_method_label" TEXT,

    CONSTRAINT "statements_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "statements_total_check" CHECK ("total_yen" = "subtotal_yen" + "tax_yen"),
    CONSTRAINT "statements_month_check" CHECK (extract(day FROM "month") = 1)
);
ALTER TABLE "statements" ADD CONSTRAINT "statements_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE UNIQUE INDEX "statements_organization_id_month_key" ON "statements"("organization_id", "month");

CREATE TABLE "statement_lines" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "statement_id" UUID NOT NULL,
    "line_id" UUID,
    "phone_number" TEXT NOT NULL,
    "plan" TEXT NOT NULL,
    "data_allowance_gb" INTEGER NOT NULL,
    "user_label" TEXT,
    "cost_center" TEXT,
    "plan_fee_yen" INTEGER NOT NULL,
    "addon_gb" INTEGER NOT NULL DEFAULT 0,
    "addon_fee_yen" INTEGER NOT NULL DEFAULT 0,
    "used_gb" NUMERIC(8,2) NOT NULL DEFAULT 0,
    "subtotal_yen" INTEGER NOT NULL,
    "tax_yen" INTEGER NOT NULL,
    "total_yen" INTEGER NOT NULL,

    CONSTRAINT "statement_lines_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "statement_lines_subtotal_check" CHECK ("subtotal_yen" = "plan_fee_yen" + "addon_fee_yen"),
    CONSTRAINT "statement_lines_total_check" CHECK ("total_yen" = "subtotal_yen" + "tax_yen")
);
ALTER TABLE "statement_lines" ADD CONSTRAINT "statement_lines_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "statement_lines" ADD CONSTRAINT "statement_lines_statement_id_fkey" FOREIGN KEY ("statement_id") REFERENCES "statements"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "statement_lines" ADD CONSTRAINT "statement_lines_line_id_fkey" FOREIGN KEY ("line_id") REFERENCES "lines"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "statement_lines_statement_id_idx" ON "statement_lines"("statement_id");
CREATE INDEX "statement_lines_line_id_idx" ON "statement_lines"("line_id");

-- The member's own page: a backup contact, the notice categories they want, and a new contact address waiting for
-- its confirmation link.
ALTER TABLE "accounts" ADD COLUMN "backup_email" TEXT;
ALTER TABLE "accounts" ADD COLUMN "notify_billing" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "accounts" ADD COLUMN "notify_data" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "accounts" ADD COLUMN "notify_contract" BOOLEAN NOT NULL DEFAULT true;

CREATE TABLE "email_change_tokens" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "new_email" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "used_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT now(),

    CONSTRAINT "email_change_tokens_pkey" PRIMARY KEY ("id")
);
ALTER TABLE "email_change_tokens" ADD CONSTRAINT "email_change_tokens_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "email_change_tokens" ADD CONSTRAINT "email_change_tokens_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE UNIQUE INDEX "email_change_tokens_token_hash_key" ON "email_change_tokens"("token_hash");
CREATE INDEX "email_change_tokens_account_id_idx" ON "email_change_tokens"("account_id");

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['payment_methods', 'line_usage', 'line_data_addons', 'statements', 'statement_lines', 'email_change_tokens'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY "tenant_isolation" ON %I USING ("organization_id" = ocn_current_organization()) '
                   'WITH CHECK ("organization_id" = ocn_current_organization())', t);
  END LOOP;
END $$;

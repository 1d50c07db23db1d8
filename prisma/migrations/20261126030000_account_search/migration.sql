-- Searching accounts by any part of a name, kana, OCN ID, mail or employee number (ILIKE '%…%') uses
-- trigram indexes instead of reading the whole table (npm run bench: accounts-list search at 100k).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "accounts_display_name_trgm_idx" ON "accounts" USING GIN ("display_name" gin_trgm_ops);
CREATE INDEX "accounts_name_kana_trgm_idx" ON "accounts" USING GIN ("name_kana" gin_trgm_ops);
CREATE INDEX "accounts_login_id_trgm_idx" ON "accounts" USING GIN ("login_id" gin_trgm_ops);
CREATE INDEX "accounts_email_trgm_idx" ON "accounts" USING GIN ("email" gin_trgm_ops);
CREATE INDEX "accounts_employee_number_trgm_idx" ON "accounts" USING GIN ("employee_number" gin_trgm_ops);

-- Deep pages of a status filter walk this order instead of sorting every matching row.
CREATE INDEX "accounts_organization_id_status_name_kana_idx" ON "accounts" ("organization_id", "status", "name_kana", "display_name", "id");

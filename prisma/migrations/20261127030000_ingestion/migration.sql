-- Ingestion API: an organization's API key is found by its hash before any organization is known.
-- Like the lookups of 20261126060000_row_level_security: SECURITY DEFINER (runs as its owner, past the policies),
-- a fixed search_path, and it answers only what authenticating a request needs, for one exact hash.
CREATE FUNCTION "ocn_api_key_lookup"(p_secret_hash text)
  RETURNS TABLE ("organization_id" uuid, "key_id" uuid, "scopes" text[], "revoked_at" timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT k."organization_id", k."id", k."scopes", k."revoked_at" FROM "api_keys" k WHERE k."secret_hash" = p_secret_hash
$$;

-- Only roles granted EXECUTE (`npm run db:app-role` grants it to the application's role) may call it.
REVOKE EXECUTE ON FUNCTION "ocn_api_key_lookup"(text) FROM PUBLIC;

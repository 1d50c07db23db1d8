-- AlterTable
ALTER TABLE "network_policies" ADD COLUMN "allowlist_version" INTEGER NOT NULL DEFAULT 0;

-- Every change to an organization's allowlist entries moves its version, whatever code made the change.
CREATE FUNCTION "bump_allowlist_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "network_policies" SET "allowlist_version" = "allowlist_version" + 1
  WHERE "organization_id" = COALESCE(NEW."organization_id", OLD."organization_id");
  RETURN NULL;
END
$$;

CREATE TRIGGER "ip_allowlist_entries_bump_version" AFTER INSERT OR UPDATE OR DELETE ON "ip_allowlist_entries"
  FOR EACH ROW EXECUTE FUNCTION "bump_allowlist_version"();

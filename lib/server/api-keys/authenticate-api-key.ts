import "server-only";
import { API_KEY_PATTERN, type ApiKeyScope } from "@/lib/schemas/api-keys";
import { db, type Tx } from "../db";
import { AppError } from "../errors";
import { bindRequestOrganization } from "../tenant-context";
import { hashApiKey } from "./api-key-secret";

export interface ApiKeyCaller {
  apiKeyId: string;
  organizationId: string;
  scopes: string[];
}

type LookupRow = { organization_id: string; key_id: string; scopes: string[] | null; revoked_at: Date | null };

/**
 * The caller of an API route, from `Authorization: Bearer <key>`, holding `scope`. The key is found by its hash
 * through ocn_api_key_lookup (migration 20261127030000_ingestion): before this no organization is known, so row-level
 * security would show no key at all. Unknown and revoked keys are `unauthenticated`, a missing scope `forbidden`.
 */
export async function authenticateApiKey(authorization: string | null, scope: ApiKeyScope): Promise<ApiKeyCaller> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match) throw new AppError("unauthenticated", "Send the organization's API key as `Authorization: Bearer <key>`.");
  const key = match[1]!;
  if (!API_KEY_PATTERN.test(key)) throw new AppError("unauthenticated", "This is not an API key of the console (they start with ocnk_).");
  const prisma = await db();
  const [row] = await prisma.$queryRaw<LookupRow[]>`SELECT organization_id::text, key_id::text, scopes, revoked_at FROM ocn_api_key_lookup(${hashApiKey(key)})`;
  if (!row) throw new AppError("unauthenticated", "Unknown API key: check that it was copied whole, or create a new one in Organization → API keys.");
  if (row.revoked_at) throw new AppError("unauthenticated", "This API key has been revoked. Create a new one in Organization → API keys.");
  const scopes = row.scopes ?? [];
  if (!scopes.includes(scope)) throw new AppError("forbidden", `This API key lacks the ${scope} scope.`);
  bindRequestOrganization(row.organization_id);
  return { apiKeyId: row.key_id, organizationId: row.organization_id, scopes };
}

/** Records that the key was used; at most once a minute per key, so a busy sender does not rewrite the row per batch. */
export async function touchApiKey(tx: Tx, caller: ApiKeyCaller, now: Date): Promise<void> {
  const stale = new Date(now.getTime() - 60_000);
  await tx.$executeRaw`UPDATE api_keys SET last_used_at = ${now} WHERE id = ${caller.apiKeyId}::uuid
    AND organization_id = ${caller.organizationId}::uuid AND (last_used_at IS NULL OR last_used_at < ${stale})`;
}

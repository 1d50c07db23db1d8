import "server-only";
import { createApiKeySchema, type CreateApiKeyInput } from "@/lib/schemas/api-keys";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { newApiKey } from "./api-key-secret";

/** Issues an API key for the organization. The full key is in this answer only: it is never stored or shown again. */
export async function createApiKey(input: CreateApiKeyInput) {
  const actor = await authorize("org", "manage");
  const parsed = createApiKeySchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("invalid", issue.message, String(issue.path[0] ?? "name"), issue.message);
  }
  const { name, scopes } = parsed.data;
  const { key, prefix, secretHash } = newApiKey();
  const { userAgent } = await clientContext();
  const prisma = await db();
  const row = await prisma.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: { organizationId: actor.organizationId, name, prefix, secretHash, scopes, createdById: actor.accountId },
      select: { id: true, name: true, prefix: true, scopes: true, createdAt: true },
    });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "org.api_key_created",
      targetType: "api_key",
      targetId: created.id,
      targetLabel: `${name} (ocnk_${prefix})`,
      outcome: "success",
      ip: actor.ip,
      userAgent,
      details: { after: { name, prefix: `ocnk_${prefix}`, scopes } },
    });
    return created;
  });
  return { id: row.id, name: row.name, prefix: `ocnk_${row.prefix}`, scopes: row.scopes, key };
}

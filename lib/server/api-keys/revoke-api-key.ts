import "server-only";
import { revokeApiKeySchema, type RevokeApiKeyInput } from "@/lib/schemas/api-keys";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";

/** Ends a key now: the next request with it is refused. The row stays, so the list shows who revoked it and when. */
export async function revokeApiKey(input: RevokeApiKeyInput) {
  const actor = await authorize("org", "manage");
  const parsed = revokeApiKeySchema.safeParse(input);
  if (!parsed.success) throw new AppError("not_found", "No such API key.", undefined, "not_found");
  const { userAgent } = await clientContext();
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    const key = await tx.apiKey.findFirst({
      where: { id: parsed.data.id, organizationId: actor.organizationId },
      select: { id: true, name: true, prefix: true, scopes: true, revokedAt: true },
    });
    if (!key) throw new AppError("not_found", "No such API key.", undefined, "not_found");
    if (key.revokedAt) throw new AppError("conflict", `"${key.name}" has already been revoked.`, undefined, "already_revoked");
    await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: now, revokedById: actor.accountId } });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "org.api_key_revoked",
      targetType: "api_key",
      targetId: key.id,
      targetLabel: `${key.name} (ocnk_${key.prefix})`,
      outcome: "success",
      ip: actor.ip,
      userAgent,
      occurredAt: now,
      details: { before: { revokedAt: null }, after: { revokedAt: now.toISOString() } },
    });
    return { id: key.id, name: key.name };
  });
}

import "server-only";
import { revokeTravelNoticeSchema, type RevokeTravelNoticeInput } from "@/lib/schemas/detections";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";

/** Ends a travel notice now: sign-ins from its countries raise alerts again from this moment. */
export async function revokeTravelNotice(input: RevokeTravelNoticeInput) {
  const actor = await authorize("security", "manage");
  const parsed = revokeTravelNoticeSchema.safeParse(input);
  if (!parsed.success) throw new AppError("not_found", "No such travel notice.");
  const { userAgent } = await clientContext();
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const notice = await tx.travelNotice.findFirst({
      where: { id: parsed.data.id, organizationId: actor.organizationId },
      select: { id: true, revokedAt: true, countries: true, startsAt: true, endsAt: true, account: { select: { id: true, loginId: true } } },
    });
    if (!notice) throw new AppError("not_found", "No such travel notice.");
    if (notice.revokedAt) throw new AppError("conflict", "already_revoked");
    const revokedAt = new Date();
    await tx.travelNotice.update({ where: { id: notice.id }, data: { revokedAt } });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "travel_notice.revoked",
      targetType: "account",
      targetId: notice.account.id,
      targetLabel: notice.account.loginId,
      outcome: "success",
      ip: actor.ip,
      userAgent,
      details: { noticeId: notice.id, countries: notice.countries, before: { revokedAt: null }, after: { revokedAt: revokedAt.toISOString() } },
    });
    return { id: notice.id };
  });
}

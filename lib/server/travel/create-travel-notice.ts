import "server-only";
import { createTravelNoticeSchema, type CreateTravelNoticeInput } from "@/lib/schemas/detections";
import { normalizeLoginId } from "@/lib/policy/login-id";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";

/**
 * Files a trip abroad for an account: sign-ins from those countries between those JST dates raise no foreign-country
 * alert. Only security managers file them (a member cannot excuse their own sign-ins).
 */
export async function createTravelNotice(input: CreateTravelNoticeInput) {
  const actor = await authorize("security", "manage");
  const parsed = createTravelNoticeSchema.safeParse(input);
  if (!parsed.success) throw new AppError("invalid", parsed.error.issues[0]!.message, parsed.error.issues[0]!.path.join("."));
  const v = parsed.data;
  const startsAt = new Date(`${v.startDate}T00:00:00+09:00`);
  const endsAt = new Date(`${v.endDate}T23:59:59.999+09:00`);
  if (Number.isNaN(startsAt.getTime())) throw new AppError("invalid", "date", "startDate");
  if (Number.isNaN(endsAt.getTime())) throw new AppError("invalid", "date", "endDate");
  if (endsAt.getTime() - startsAt.getTime() > 366 * 86_400_000) throw new AppError("invalid", "too_long", "endDate");
  const { userAgent } = await clientContext();
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const account = await tx.account.findFirst({
      where: { organizationId: actor.organizationId, loginId: normalizeLoginId(v.loginId) },
      select: { id: true, loginId: true },
    });
    if (!account) throw new AppError("invalid", "unknown_account", "loginId");
    const notice = await tx.travelNotice.create({
      data: { organizationId: actor.organizationId, accountId: account.id, countries: v.countries, startsAt, endsAt, note: v.note || null, createdById: actor.accountId },
      select: { id: true },
    });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "travel_notice.created",
      targetType: "account",
      targetId: account.id,
      targetLabel: account.loginId,
      outcome: "success",
      ip: actor.ip,
      userAgent,
      details: { noticeId: notice.id, before: null, after: { countries: v.countries, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), note: v.note || null } },
    });
    return { id: notice.id };
  });
}

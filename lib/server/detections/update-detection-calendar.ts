import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { updateDetectionCalendarSchema, type UpdateDetectionCalendarInput } from "@/lib/schemas/detections";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { loadOrgCalendar } from "../org/org-calendar";

/** Sets the working calendar (what "off-hours" means) and the countries sign-ins are expected from. */
export async function updateDetectionCalendar(input: UpdateDetectionCalendarInput) {
  const actor = await authorize("security", "manage");
  const parsed = updateDetectionCalendarSchema.safeParse(input);
  if (!parsed.success) throw new AppError("invalid", parsed.error.issues[0]!.message, parsed.error.issues[0]!.path.join("."));
  const v = parsed.data;
  const { userAgent } = await clientContext();
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${actor.organizationId}::uuid FOR NO KEY UPDATE`;
    const calendar = await loadOrgCalendar(tx, actor.organizationId);
    const org = await tx.organization.findUniqueOrThrow({ where: { id: actor.organizationId }, select: { allowedCountries: true } });
    const before = { ...calendar, allowedCountries: org.allowedCountries };
    const after = {
      timeZone: v.timeZone,
      businessDays: v.businessDays,
      startHour: v.startHour,
      endHour: v.endHour,
      observeJpHolidays: v.observeJpHolidays,
      closedDays: v.closedDays,
      allowedCountries: v.allowedCountries,
    };
    if (JSON.stringify(before) === JSON.stringify(after)) return { changed: false };
    await tx.organization.update({
      where: { id: actor.organizationId },
      data: {
        timeZone: after.timeZone,
        businessDays: after.businessDays,
        businessHoursStart: after.startHour,
        businessHoursEnd: after.endHour,
        observeJpHolidays: after.observeJpHolidays,
        closedDays: after.closedDays as Prisma.InputJsonArray,
        allowedCountries: after.allowedCountries,
      },
    });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "detection.calendar_updated",
      targetType: "organization",
      targetId: actor.organizationId,
      targetLabel: actor.organizationName,
      outcome: "success",
      ip: actor.ip,
      userAgent,
      details: { before, after } as unknown as Prisma.InputJsonObject,
    });
    return { changed: true };
  });
}

import "server-only";
import { DEFAULT_CALENDAR, closedDaySchema, type OrgCalendar } from "@/lib/policy/org-calendar";
import type { Tx } from "../db";

/** The organization's working calendar, read in the caller's transaction. */
export async function loadOrgCalendar(tx: Tx, organizationId: string): Promise<OrgCalendar> {
  const org = await tx.organization.findUnique({
    where: { id: organizationId },
    select: { timeZone: true, businessDays: true, businessHoursStart: true, businessHoursEnd: true, observeJpHolidays: true, closedDays: true },
  });
  if (!org) return DEFAULT_CALENDAR;
  const closed = closedDaySchema.array().safeParse(org.closedDays);
  return {
    timeZone: org.timeZone,
    businessDays: org.businessDays,
    startHour: org.businessHoursStart,
    endHour: org.businessHoursEnd,
    observeJpHolidays: org.observeJpHolidays,
    closedDays: closed.success ? closed.data : DEFAULT_CALENDAR.closedDays,
  };
}

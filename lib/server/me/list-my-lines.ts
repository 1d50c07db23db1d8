import "server-only";
import { ADDON_MONTHLY_LIMIT_GB, monthDate, monthKeyOf } from "@/lib/policy/billing";
import { authorize } from "../authorize";
import { db } from "../db";
import { pendingRequestFor } from "../requests/pending-request";

/**
 * The lines assigned to the member, with this Asia/Tokyo month's data use (as OCN last reported it) and the add-ons
 * bought for this month: what the usage bar on My Page draws; and the 容量追加 request waiting on each, if any.
 */
export async function listMyLines(now = new Date()) {
  const actor = await authorize();
  const prisma = await db();
  const month = monthKeyOf(now);
  const monthStart = monthDate(month);
  const lines = await prisma.line.findMany({
    where: { organizationId: actor.organizationId, assignedAccountId: actor.accountId },
    orderBy: { phoneNumber: "asc" },
    select: {
      id: true,
      phoneNumber: true,
      plan: true,
      simType: true,
      dataAllowanceGb: true,
      status: true,
      usage: { where: { month: monthStart }, select: { usedGb: true, updatedAt: true } },
      dataAddons: { where: { month: monthStart }, select: { gb: true } },
    },
  });
  const pending = await Promise.all(lines.map((l) => pendingRequestFor(prisma, actor, "line_data_addon", l.id)));
  return {
    month,
    lines: lines.map(({ usage, dataAddons, ...line }, i) => {
      const addonGb = dataAddons.reduce((sum, a) => sum + a.gb, 0);
      return {
        ...line,
        usedGb: usage[0] ? Number(usage[0].usedGb) : null,
        usageUpdatedAt: usage[0]?.updatedAt ?? null,
        addonGb,
        capacityGb: line.dataAllowanceGb + addonGb,
        addonRemainingGb: Math.max(0, ADDON_MONTHLY_LIMIT_GB - addonGb),
        pendingAddon: pending[i] ?? null,
      };
    }),
  };
}

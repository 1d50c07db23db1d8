import "server-only";
// 容量追加 as a kind of change request: a member asks for extra data on their own line (or lines:request on any line)
// and lines:manage approves it; lines:manage may also add it at once. The add-on is billed on this month's statement.
import { ADDON_MONTHLY_LIMIT_GB, addonPriceYen, monthDate, monthKeyOf } from "@/lib/policy/billing";
import { dataAddonSchema, type DataAddonValues } from "@/lib/schemas/billing";
import { uuid } from "@/lib/schemas/requests";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { queueMemberNotice } from "../me/notices";
import { defineKind } from "../requests/request-kind";

async function lineOf(tx: Tx, organizationId: string, targetId: string) {
  if (!uuid.safeParse(targetId).success) return null;
  return tx.line.findFirst({ where: { id: targetId, organizationId }, select: { id: true, phoneNumber: true, status: true, assignedAccountId: true } });
}

/** The extra data a line already has this month. */
export async function addedThisMonth(tx: Tx, lineId: string, now: Date): Promise<number> {
  const { _sum } = await tx.lineDataAddon.aggregate({ where: { lineId, month: monthDate(monthKeyOf(now)) }, _sum: { gb: true } });
  return _sum.gb ?? 0;
}

async function checkLine(tx: Tx, organizationId: string, targetId: string, gb: number, now: Date) {
  const line = await lineOf(tx, organizationId, targetId);
  if (!line) throw new AppError("not_found", "No such line.");
  if (line.status !== "active") {
    throw new AppError("invalid", `The line ${line.phoneNumber} is ${line.status.replace("_", " ")}; extra data can be added only to an active line.`, "gb", "line_not_active");
  }
  const already = await addedThisMonth(tx, line.id, now);
  if (already + gb > ADDON_MONTHLY_LIMIT_GB) {
    throw new AppError(
      "invalid",
      `The line ${line.phoneNumber} already has ${already} GB extra this month; ${gb} GB more would pass the monthly limit of ${ADDON_MONTHLY_LIMIT_GB} GB.`,
      "gb",
      "addon_limit",
    );
  }
  return line;
}

export const dataAddonKind = defineKind<DataAddonValues>({
  kind: "line_data_addon",
  domain: "lines",
  targetType: "line",
  noun: "line",
  changedAction: "line.data_added",
  schema: dataAddonSchema,
  // The line's own user may ask for extra data on it without any lines permission.
  async fileAccess(tx, actor, targetId) {
    const line = await lineOf(tx, actor.organizationId, targetId);
    return line !== null && line.assignedAccountId === actor.accountId;
  },
  async loadCurrent(tx, organizationId, targetId) {
    const line = await lineOf(tx, organizationId, targetId);
    if (!line) return null;
    // An add-on is an addition, not a setting: there is no "before" to go stale.
    return { label: line.phoneNumber, values: { addonGb: null } };
  },
  async validate(tx, { organizationId, targetId, payload, now }) {
    await checkLine(tx, organizationId, targetId, payload.gb, now);
    return payload;
  },
  proposed: (payload) => ({ addonGb: payload.gb }),
  async apply(tx, { organizationId, targetId, payload }, { actor, now }) {
    // The statement issuer's lock for this month: an add-on either lands before the month is frozen, or is refused.
    const month = monthKeyOf(now);
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(727009, hashtext(${`${organizationId}:${month}`}))`;
    if (await tx.statement.findUnique({ where: { organizationId_month: { organizationId, month: monthDate(month) } }, select: { id: true } })) {
      throw new AppError("conflict", `The statement for ${month} is already issued; extra data can no longer be added to that month.`, "gb", "month_billed");
    }
    const line = await checkLine(tx, organizationId, targetId, payload.gb, now);
    await tx.lineDataAddon.create({
      data: { organizationId, lineId: line.id, month: monthDate(monthKeyOf(now)), gb: payload.gb, priceYen: addonPriceYen(payload.gb), addedById: actor.accountId, createdAt: now },
    });
    // The line's user hears of it (a データ容量 notice, if they take those).
    if (!line.assignedAccountId) return [];
    const total = await addedThisMonth(tx, line.id, now);
    const id = await queueMemberNotice(tx, {
      organizationId,
      accountId: line.assignedAccountId,
      category: "data",
      subject: `【OCN ビジネスコンソール】${line.phoneNumber} に ${payload.gb}GB の容量を追加しました`,
      body: [
        `回線 ${line.phoneNumber} に今月分のデータ容量 ${payload.gb}GB を追加しました (今月の追加分は計 ${total}GB)。料金は今月分の明細に計上されます。`,
        "",
        `${payload.gb} GB of extra data was added to ${line.phoneNumber} for this month (${total} GB added this month in all); it is billed on this month's statement.`,
      ].join("\n"),
    });
    return id ? [id] : [];
  },
  href: (targetId) => `/lines/${targetId}`,
});

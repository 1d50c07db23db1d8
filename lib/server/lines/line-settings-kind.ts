import "server-only";
// A line's settings (plan, data allowance, international roaming, cost center) as a kind of change request.
import { lineSettingsSchema, type LineSettings } from "@/lib/schemas/lines";
import { uuid } from "@/lib/schemas/requests";
import { AppError } from "../errors";
import { queueMemberNotice } from "../me/notices";
import { defineKind, type Change } from "../requests/request-kind";

const FIELDS = ["plan", "dataAllowanceGb", "internationalRoaming", "costCenter"] as const;
type Field = (typeof FIELDS)[number];

const valuesOf = (changes: Change[], side: "before" | "after") =>
  Object.fromEntries(changes.filter((c) => (FIELDS as readonly string[]).includes(c.field)).map((c) => [c.field, c[side]])) as Partial<LineSettings>;

export const lineSettingsKind = defineKind<LineSettings>({
  kind: "line_settings",
  domain: "lines",
  targetType: "line",
  noun: "line",
  changedAction: "line.settings_changed",
  schema: lineSettingsSchema,
  async loadCurrent(tx, organizationId, targetId) {
    if (!uuid.safeParse(targetId).success) return null;
    const line = await tx.line.findFirst({
      where: { id: targetId, organizationId },
      select: { phoneNumber: true, plan: true, dataAllowanceGb: true, internationalRoaming: true, costCenter: true },
    });
    if (!line) return null;
    const values: Record<Field, string | number | boolean | null> = {
      plan: line.plan,
      dataAllowanceGb: line.dataAllowanceGb,
      internationalRoaming: line.internationalRoaming,
      costCenter: line.costCenter,
    };
    return { label: line.phoneNumber, values };
  },
  async apply(tx, { organizationId, targetId, changes }) {
    // Written only where the fields still hold what the change was judged against.
    const { count } = await tx.line.updateMany({
      where: { id: targetId, organizationId, ...valuesOf(changes, "before") },
      data: valuesOf(changes, "after"),
    });
    if (count !== 1) throw new AppError("conflict", "The line was changed by someone else meanwhile. Reload it and try again.");
    // A change of plan or roaming is a contract change for the line's user (a 契約変更 notice, if they take those).
    const contractual = changes.filter((c) => c.field === "plan" || c.field === "dataAllowanceGb" || c.field === "internationalRoaming");
    if (contractual.length === 0) return [];
    const line = await tx.line.findFirst({ where: { id: targetId, organizationId }, select: { phoneNumber: true, assignedAccountId: true } });
    if (!line?.assignedAccountId) return [];
    const word = (c: Change) => (c.field === "internationalRoaming" ? (c.after ? "国際ローミング: 利用する" : "国際ローミング: 利用しない") : c.field === "plan" ? `プラン: ${String(c.after)}` : `データ容量: ${String(c.after)}GB`);
    const id = await queueMemberNotice(tx, {
      organizationId,
      accountId: line.assignedAccountId,
      category: "contract",
      subject: `【OCN ビジネスコンソール】回線 ${line.phoneNumber} の契約内容が変わりました`,
      body: [`回線 ${line.phoneNumber} の契約内容が変わりました。`, ...contractual.map((c) => `・${word(c)}`), "", `The contract of line ${line.phoneNumber} changed: ${contractual.map((c) => `${c.field} → ${String(c.after)}`).join(", ")}.`].join("\n"),
    });
    return id ? [id] : [];
  },
  href: (targetId) => `/lines/${targetId}`,
});

import "server-only";
// A line's settings (plan, data allowance, international roaming, cost center) as a kind of change request.
import { lineSettingsSchema, type LineSettings } from "@/lib/schemas/lines";
import { uuid } from "@/lib/schemas/requests";
import { AppError } from "../errors";
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
  },
  href: (targetId) => `/lines/${targetId}`,
});

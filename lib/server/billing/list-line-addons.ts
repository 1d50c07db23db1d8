import "server-only";
import { ADDON_MONTHLY_LIMIT_GB, monthDate, monthKeyOf } from "@/lib/policy/billing";
import { lineIdSchema } from "@/lib/schemas/lines";
import { authorize } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { pendingRequestFor } from "../requests/pending-request";

/** A line's 容量追加 this month (billed on this month's statement), what is left of the monthly limit, and the request waiting. */
export async function listLineAddons(input: { id: string }) {
  const actor = await authorize("lines", "view");
  const parsed = lineIdSchema.safeParse(input);
  if (!parsed.success) throw new AppError("not_found", "No such line.");
  const prisma = await db();
  const line = await prisma.line.findFirst({ where: { id: parsed.data.id, organizationId: actor.organizationId }, select: { id: true } });
  if (!line) throw new AppError("not_found", "No such line.");
  const month = monthKeyOf(new Date());
  const [addons, pendingRequest] = await Promise.all([
    prisma.lineDataAddon.findMany({
      where: { organizationId: actor.organizationId, lineId: line.id, month: monthDate(month) },
      orderBy: { createdAt: "asc" },
      select: { id: true, gb: true, priceYen: true, createdAt: true, addedBy: { select: { displayName: true } } },
    }),
    pendingRequestFor(prisma, actor, "line_data_addon", line.id),
  ]);
  const addedGb = addons.reduce((s, a) => s + a.gb, 0);
  return {
    month,
    addons: addons.map(({ addedBy, ...a }) => ({ ...a, addedBy: addedBy?.displayName ?? null })),
    addedGb,
    limitGb: ADDON_MONTHLY_LIMIT_GB,
    remainingGb: Math.max(0, ADDON_MONTHLY_LIMIT_GB - addedGb),
    pendingRequest,
  };
}

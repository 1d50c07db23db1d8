import "server-only";
import { can } from "@/lib/permissions";
import { authorize } from "../authorize";
import { db } from "../db";

/** Travel notices of the organization, split into active, upcoming and past (ended or revoked), newest first. */
export async function listTravelNotices(now = new Date()) {
  const actor = await authorize("security", "view");
  const prisma = await db();
  const rows = await prisma.travelNotice.findMany({
    where: { organizationId: actor.organizationId },
    orderBy: [{ startsAt: "desc" }, { createdAt: "desc" }],
    take: 500,
    select: {
      id: true,
      countries: true,
      startsAt: true,
      endsAt: true,
      note: true,
      createdAt: true,
      revokedAt: true,
      account: { select: { id: true, loginId: true, displayName: true } },
    },
  });
  const state = (r: (typeof rows)[number]) => (r.revokedAt || r.endsAt <= now ? "past" : r.startsAt > now ? "upcoming" : "active");
  const notices = rows.map((r) => ({ ...r, state: state(r) as "active" | "upcoming" | "past" }));
  return { canManage: can(actor.permissions, "security", "manage"), notices };
}

import "server-only";
import { changeLineStateSchema, type ChangeLineStateInput } from "@/lib/schemas/lines";
import { authorize, clientContext } from "../authorize";
import { db } from "../db";
import { parseOrThrow } from "../requests/request-kind";
import { applyLineChange, type LineChange } from "./apply-line-change";

/** lines:manage suspends, resumes, cancels, ports out or marks a line from its page; the rules are applyLineChange's. */
export async function changeLineState(input: ChangeLineStateInput) {
  const actor = await authorize("lines", "manage");
  const v = parseOrThrow(changeLineStateSchema, input);
  const change: LineChange = v.change === "port_out" ? { kind: "port_out", mnpNumber: v.mnpNumber, mnpExpiresAt: v.mnpExpiresAt } : { kind: v.change };
  const { userAgent } = await clientContext();
  const prisma = await db();
  const result = await prisma.$transaction((tx) =>
    applyLineChange(tx, {
      organizationId: actor.organizationId,
      lineId: v.id,
      change,
      actor: { accountId: actor.accountId, label: actor.loginId },
      now: new Date(),
      ip: actor.ip,
      reason: v.reason ?? null,
      userAgent,
    }),
  );
  return { id: v.id, change: v.change, ...result };
}

import "server-only";
import type { Tx } from "../db";
import type { AuditInput } from "../audit";
import { runSignInDetections } from "../detections/run-sign-in-detections";
import { loadOrgCalendar } from "../org/org-calendar";
import { bumpSignInRollups } from "./rollups";

/** A sign-in event as written: what rollups and detections look at. */
export interface RecordedSignIn {
  id: bigint;
  occurredAt: Date;
  outcome: "success" | "failure";
  reason: string | null;
  actorId: string | null;
  actorLabel: string | null;
  ip: string | null;
  country: string | null;
  userAgent: string | null;
}

export type SignInEventInput = Omit<AuditInput, "organizationId" | "action">;

/**
 * The one way sign-in events of an organization are written (the sign-in pipeline and the ingestion API): the
 * events, the hourly rollups the dashboards read, and the detections — all in the caller's transaction. The
 * result is in the caller's order.
 */
export async function recordSignInEvents(tx: Tx, organizationId: string, events: SignInEventInput[]): Promise<RecordedSignIn[]> {
  if (events.length === 0) return [];
  const now = new Date();
  // One multi-row INSERT for the batch, in time order so the hash chain follows the events' own order. PostgreSQL
  // returns the rows of an INSERT … VALUES in the order given, which maps them back to the caller's order.
  const order = events.map((e, i) => ({ i, at: (e.occurredAt ?? now).getTime() })).sort((a, b) => a.at - b.at || a.i - b.i);
  const written = await tx.auditEvent.createManyAndReturn({
    data: order.map(({ i }) => {
      const e = events[i]!;
      return {
        organizationId,
        actorId: e.actorId ?? null,
        actorLabel: e.actorLabel ?? null,
        action: "auth.sign_in",
        targetType: e.targetType ?? null,
        targetId: e.targetId ?? null,
        targetLabel: e.targetLabel ?? null,
        outcome: e.outcome,
        reason: e.reason ?? null,
        ip: e.ip ?? null,
        country: e.country ?? null,
        userAgent: e.userAgent?.slice(0, 512) ?? null,
        details: e.details ?? {},
        occurredAt: e.occurredAt ?? now,
      };
    }),
    select: { id: true, occurredAt: true, outcome: true, reason: true, actorId: true, actorLabel: true, ip: true, country: true, userAgent: true },
  });
  const inTimeOrder: RecordedSignIn[] = written.map((r) => ({ ...r, country: r.country?.trim() || null }));
  const recorded: RecordedSignIn[] = new Array(events.length);
  order.forEach(({ i }, k) => (recorded[i] = inTimeOrder[k]!));
  const calendar = await loadOrgCalendar(tx, organizationId);
  await bumpSignInRollups(tx, organizationId, inTimeOrder, calendar);
  await runSignInDetections(tx, organizationId, inTimeOrder, calendar);
  return recorded;
}

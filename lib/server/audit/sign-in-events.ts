import "server-only";
import type { Tx } from "../db";
import { recordAudit, type AuditInput } from "../audit";
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
 * events, the hourly rollups the dashboards read, and the detections — all in the caller's transaction.
 */
export async function recordSignInEvents(tx: Tx, organizationId: string, events: SignInEventInput[]): Promise<RecordedSignIn[]> {
  const recorded: RecordedSignIn[] = [];
  for (const e of events) {
    const occurredAt = e.occurredAt ?? new Date();
    const id = await recordAudit(tx, { ...e, organizationId, action: "auth.sign_in", occurredAt });
    recorded.push({
      id,
      occurredAt,
      outcome: e.outcome,
      reason: e.reason ?? null,
      actorId: e.actorId ?? null,
      actorLabel: e.actorLabel ?? null,
      ip: e.ip ?? null,
      country: e.country ?? null,
      userAgent: e.userAgent ?? null,
    });
  }
  if (recorded.length === 0) return recorded;
  const calendar = await loadOrgCalendar(tx, organizationId);
  await bumpSignInRollups(tx, organizationId, recorded, calendar);
  await runSignInDetections(tx, organizationId, recorded, calendar);
  return recorded;
}

import "server-only";
import type { OrgCalendar } from "@/lib/policy/org-calendar";
import type { Tx } from "../db";
import type { RecordedSignIn } from "../audit/sign-in-events";

/**
 * Runs the organization's detection rules over sign-in events just written, in the same transaction, so an alert
 * exists as soon as its event does. Returns the ids of alerts created or updated.
 */
export async function runSignInDetections(tx: Tx, organizationId: string, events: RecordedSignIn[], calendar: OrgCalendar): Promise<string[]> {
  void tx;
  void organizationId;
  void events;
  void calendar;
  return [];
}

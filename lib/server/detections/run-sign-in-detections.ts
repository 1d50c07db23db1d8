import "server-only";
import type { OrgCalendar } from "@/lib/policy/org-calendar";
import type { Tx } from "../db";
import type { RecordedSignIn } from "../audit/sign-in-events";
import { groupHits } from "./alert-groups";
import { kickAlertDelivery } from "./deliver-alert-notices";
import { findHits } from "./find-hits";
import { loadDetectionContext } from "./load-detection-context";
import { raiseAlerts } from "./raise-alerts";

/**
 * Runs the organization's detection rules over sign-in events just written, in the same transaction, so an alert
 * exists as soon as its event does. Returns the ids of alerts created or updated.
 */
export async function runSignInDetections(tx: Tx, organizationId: string, events: RecordedSignIn[], calendar: OrgCalendar): Promise<string[]> {
  if (events.length === 0) return [];
  const ctx = await loadDetectionContext(tx, organizationId);
  const times = events.map((e) => e.occurredAt.getTime());
  const scope = { ids: events.map((e) => e.id), from: new Date(Math.min(...times)), to: new Date(Math.max(...times)), failures: events.some((e) => e.outcome === "failure"), successes: events.some((e) => e.outcome === "success") };
  const hits = await findHits(tx, organizationId, scope, ctx, calendar);
  if (hits.length === 0) return [];
  const groups = groupHits(hits, (kind) => ctx.rules[kind].params.dedupeHours);
  const { alertIds, deliveryIds } = await raiseAlerts(tx, organizationId, groups, ctx);
  if (deliveryIds.length > 0) kickAlertDelivery(organizationId);
  return alertIds;
}

import "server-only";
import { isOffHoursFor, type OrgCalendar } from "@/lib/policy/org-calendar";
import type { Tx } from "../db";
import type { RecordedSignIn } from "./sign-in-events";

/** Moves the organization's hourly sign-in rollups for events just written, in the same transaction. */
export async function bumpSignInRollups(tx: Tx, organizationId: string, events: RecordedSignIn[], calendar: OrgCalendar): Promise<void> {
  const byHour = new Map<number, { success: number; failure: number; offHours: number; foreign: number }>();
  for (const e of events) {
    const hour = Math.floor(e.occurredAt.getTime() / 3_600_000) * 3_600_000;
    const row = byHour.get(hour) ?? { success: 0, failure: 0, offHours: 0, foreign: 0 };
    const success = e.outcome === "success";
    if (success) row.success++;
    else row.failure++;
    if (success && isOffHoursFor(e.occurredAt, calendar)) row.offHours++;
    if (e.country && e.country !== "JP") row.foreign++;
    byHour.set(hour, row);
  }
  for (const [hour, r] of byHour) {
    await tx.$executeRaw`
      INSERT INTO sign_in_rollups (organization_id, hour, success_count, failure_count, off_hours_count, foreign_count)
      VALUES (${organizationId}::uuid, ${new Date(hour)}, ${r.success}, ${r.failure}, ${r.offHours}, ${r.foreign})
      ON CONFLICT (organization_id, hour) DO UPDATE SET
        success_count = sign_in_rollups.success_count + EXCLUDED.success_count,
        failure_count = sign_in_rollups.failure_count + EXCLUDED.failure_count,
        off_hours_count = sign_in_rollups.off_hours_count + EXCLUDED.off_hours_count,
        foreign_count = sign_in_rollups.foreign_count + EXCLUDED.foreign_count`;
  }
}

import { z } from "zod";

export const respondToIncidentSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "not_an_id"),
  reason: z.string().trim().min(1, "required").max(500, "too_long"),
  /** When the incident was detected (an alert, a report); the SLA runs from here. Defaults to now. */
  detectedAt: z.coerce.date("invalid_date").optional(),
});
export type RespondToIncidentInput = z.input<typeof respondToIncidentSchema>;

import { z } from "zod";
import { grantEndsAtSchema } from "./accounts";

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "not_an_id");
const text = (max: number) => z.string().transform((s) => s.normalize("NFKC").trim()).pipe(z.string().max(max, "too_long"));

/** Grant a role to an account: why is required; contractors also need an end time (checked by the operation). */
export const grantRoleSchema = z.object({
  accountId: uuid,
  roleId: uuid,
  endsAt: grantEndsAtSchema,
  reason: text(500).pipe(z.string().min(1, "required")),
  justification: text(500).transform((s) => (s === "" ? null : s)).nullish(),
});
export type GrantRoleInput = z.input<typeof grantRoleSchema>;

export const revokeGrantSchema = z.object({ grantId: uuid, reason: text(500).optional() });
export type RevokeGrantInput = z.input<typeof revokeGrantSchema>;

/** A role grant as a change request stores it: the end as an ISO string, so the stored payload parses again unchanged. */
export const roleGrantPayloadSchema = z.object({
  roleId: uuid,
  roleName: z.string().max(200).optional(),
  endsAt: grantEndsAtSchema.transform((d) => (d ? d.toISOString() : null)),
  justification: text(500).transform((s) => (s === "" ? null : s)).nullish(),
});
export type RoleGrantPayload = z.output<typeof roleGrantPayloadSchema>;

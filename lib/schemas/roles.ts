import { z } from "zod";
import { DOMAINS, LEVELS, type Domain, type PermissionSet } from "@/lib/permissions";
import { isSelfContradictoryRule } from "@/lib/policy/separation-of-duties";

// Roles & permissions (/roles): custom roles and the separation-of-duty rules. Form fields arrive as strings; each
// schema's output parses again unchanged, so the form, the action and the operation share one schema. Messages are
// codes the forms word.

export const ROLE_NAME_MAX = 50;
export const ROLE_DESCRIPTION_MAX = 500;
export const SOD_RULE_NAME_MAX = 100;
export const JUSTIFICATION_MAX = 500;

export type RolesErrorCode = "required" | "too_long" | "invalid_choice" | "not_an_id" | "same_domain";

/** "None" in a form, absent in a PermissionSet. */
export const NO_LEVEL = "none";
export const LEVEL_CHOICES = [NO_LEVEL, ...LEVELS] as const;

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "not_an_id");

const requiredText = (max: number) =>
  z
    .string({ error: "required" })
    .transform((s) => s.normalize("NFKC").trim())
    .pipe(z.string().min(1, "required").max(max, "too_long"));

const optionalText = (max: number) =>
  z
    .string()
    .nullish()
    .transform((s) => s?.normalize("NFKC").trim() || null)
    .pipe(z.string().max(max, "too_long").nullable());

/** Form posts carry `permissions.accounts=manage`…; code passes `permissions: { accounts: "manage" }`. Both parse alike. */
function foldPermissionFields(input: unknown): unknown {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return input;
  const entries = Object.entries(input);
  if (!entries.some(([k]) => k.startsWith("permissions."))) return input;
  const permissions: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    if (k.startsWith("permissions.")) permissions[k.slice("permissions.".length)] = v;
    else rest[k] = v;
  }
  return { ...rest, permissions };
}

/** One level or none per domain; a domain left out is none. Unknown domains are refused. */
export const permissionSetSchema = z
  .partialRecord(z.enum(DOMAINS, { error: "invalid_choice" }), z.enum(LEVEL_CHOICES, { error: "invalid_choice" }), { error: "invalid_choice" })
  .transform((set): PermissionSet => {
    const out: PermissionSet = {};
    for (const domain of DOMAINS) {
      const level = set[domain];
      if (level && level !== NO_LEVEL) out[domain] = level;
    }
    return out;
  });

const roleFields = {
  name: requiredText(ROLE_NAME_MAX),
  description: optionalText(ROLE_DESCRIPTION_MAX),
  permissions: permissionSetSchema.default({}),
};

export const createRoleSchema = z.preprocess(foldPermissionFields, z.object(roleFields));
export type CreateRoleInput = z.input<typeof createRoleSchema>;

export const updateRoleSchema = z.preprocess(
  foldPermissionFields,
  z.object({
    id: uuid,
    ...roleFields,
    // Written when the change puts current holders into a separation-of-duty conflict and the organization allows that.
    justification: optionalText(JUSTIFICATION_MAX),
  }),
);
export type UpdateRoleInput = z.input<typeof updateRoleSchema>;

export const roleIdSchema = z.object({ id: uuid });
export type RoleIdInput = z.input<typeof roleIdSchema>;

/** The editor for a new role (no id) or an existing custom one. */
export const roleEditorSchema = z.object({ id: uuid.optional() });

const domain = z.enum(DOMAINS, { error: "invalid_choice" });
const level = z.enum(LEVELS, { error: "invalid_choice" });

const sodRuleFields = z.object({
  name: requiredText(SOD_RULE_NAME_MAX),
  domainA: domain,
  levelA: level,
  domainB: domain,
  levelB: level,
});

// A rule needs two different domains: within one domain the higher level already includes the lower, so a person
// holding the one side would always hold the other.
const twoDomains = <T extends { domainA: Domain; domainB: Domain }>(v: T, ctx: z.RefinementCtx) => {
  if (isSelfContradictoryRule(v)) ctx.addIssue({ code: "custom", path: ["domainB"], message: "same_domain" });
};

export const createSodRuleSchema = sodRuleFields.superRefine(twoDomains);
export type CreateSodRuleInput = z.input<typeof createSodRuleSchema>;

export const updateSodRuleSchema = sodRuleFields.extend({ id: uuid }).superRefine(twoDomains);
export type UpdateSodRuleInput = z.input<typeof updateSodRuleSchema>;

export const sodRuleIdSchema = z.object({ id: uuid });
export type SodRuleIdInput = z.input<typeof sodRuleIdSchema>;

/** A checkbox: the form sends "false" from a hidden field first and "true" from the box when it is ticked. */
const flag = z.preprocess((v) => (v === "true" || v === "on" ? true : v === "false" ? false : v), z.boolean({ error: "invalid_choice" }));

export const updateSodSettingsSchema = z.object({ overrideAllowed: flag });
export type UpdateSodSettingsInput = z.input<typeof updateSodSettingsSchema>;

import { z } from "zod";
import { isoDayExists } from "@/lib/policy/calendar-date";

export const ACCOUNT_STATUSES = [
  "invited",
  "active",
  "locked",
  "suspended",
  "disabled",
] as const;
export const ACCOUNT_KINDS = ["employee", "contractor"] as const;
export const ACCOUNT_SORTS = [
  "displayName",
  "loginId",
  "employeeNumber",
  "department",
  "status",
  "lastSignInAt",
] as const;
export const PAGE_SIZES = [25, 50, 100] as const;

const uuid = z
  .string()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    "not_an_id",
  );

/** An unusable value in the URL falls back to its default instead of failing the page. */
export const listAccountsSchema = z.object({
  q: z
    .string()
    .transform((s) => s.normalize("NFKC").trim().slice(0, 100))
    .optional()
    .catch(undefined),
  status: z.enum(ACCOUNT_STATUSES).optional().catch(undefined),
  kind: z.enum(ACCOUNT_KINDS).optional().catch(undefined),
  department: uuid.optional().catch(undefined),
  sort: z.enum(ACCOUNT_SORTS).default("displayName").catch("displayName"),
  dir: z.enum(["asc", "desc"]).default("asc").catch("asc"),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
  pageSize: z.coerce
    .number()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .default(50)
    .catch(50),
});
/** Raw values as they come from the URL; the schema turns them into a query or its defaults. */
export type ListAccountsInput = Partial<
  Record<keyof z.output<typeof listAccountsSchema>, string | number>
>;
export type ListAccountsQuery = z.output<typeof listAccountsSchema>;

export const accountIdSchema = z.object({ id: uuid });

/** An admin's security action on one account (unlock, reset second factor, …), with an optional reason for the log. */
export const accountActionSchema = z.object({
  id: uuid,
  reason: z.string().trim().max(500, "too_long").optional(),
});
export type AccountActionInput = z.infer<typeof accountActionSchema>;

const optionalText = (max: number) =>
  z
    .string()
    .transform((s) => s.normalize("NFKC").trim())
    .pipe(z.string().max(max, "too_long"))
    .transform((s) => (s === "" ? null : s))
    .nullish();

/** A person's mail address as typed (full-width and capitals allowed), stored NFKC-normalised in lower case. */
export const emailAddress = z
  .string()
  .transform((s) => s.normalize("NFKC").trim().toLowerCase())
  .pipe(z.email("email").max(254, "too_long"));

/** The fields an admin types about a person; full-width input is normalised (NFKC) before checking. */
export const accountProfileSchema = z
  .object({
    displayName: z
      .string()
      .transform((s) => s.normalize("NFKC").trim())
      .pipe(z.string().min(1, "required").max(100, "too_long")),
    nameKana: optionalText(100),
    email: emailAddress,
    employeeNumber: z
      .string()
      .transform((s) => s.normalize("NFKC").trim().toUpperCase())
      .pipe(z.string().regex(/^[A-Z0-9-]{0,20}$/, "employee_number"))
      .transform((s) => (s === "" ? null : s))
      .nullish(),
    departmentId: z
      .union([uuid, z.literal("")])
      .transform((s) => (s === "" ? null : s))
      .nullish(),
    kind: z.enum(ACCOUNT_KINDS),
    contractorCompany: optionalText(100),
  })
  .refine((a) => a.kind !== "contractor" || Boolean(a.contractorCompany), {
    path: ["contractorCompany"],
    message: "contractor_company",
  });

/** A grant's end as typed in a datetime-local field (JST) or an ISO string; empty = no end. */
export const grantEndsAtSchema = z
  .union([
    z.date(),
    z
      .string()
      .trim()
      .transform((s, ctx) => {
        if (s === "") return null;
        const local = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(s);
        const date = new Date(
          local ? `${s}${s.length === 16 ? ":00" : ""}+09:00` : s,
        );
        if (
          Number.isNaN(date.getTime()) ||
          (/^\d{4}-\d{2}-\d{2}/.test(s) && !isoDayExists(s))
        ) {
          ctx.addIssue({ code: "custom", message: "date" });
          return z.NEVER;
        }
        return date;
      }),
  ])
  .nullish();

export const inviteAccountSchema = accountProfileSchema.and(
  z.object({
    loginId: z
      .string()
      .transform((s) => s.normalize("NFKC").trim().toLowerCase())
      .pipe(
        z
          .string()
          .regex(
            /^[a-z0-9][a-z0-9._+-]{1,62}(@[a-z0-9.-]+\.[a-z]{2,})?$/,
            "login_id",
          ),
      ),
    roleId: z
      .union([uuid, z.literal("")])
      .transform((s) => (s === "" ? null : s))
      .nullish(),
    grantEndsAt: grantEndsAtSchema,
    justification: optionalText(500),
  }),
);
export type InviteAccountInput = z.input<typeof inviteAccountSchema>;

export const updateAccountSchema = accountProfileSchema.and(
  z.object({ id: uuid }),
);
export type UpdateAccountInput = z.input<typeof updateAccountSchema>;

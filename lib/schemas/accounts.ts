import { z } from "zod";

export const ACCOUNT_STATUSES = ["invited", "active", "locked", "suspended", "disabled"] as const;
export const ACCOUNT_KINDS = ["employee", "contractor"] as const;
export const ACCOUNT_SORTS = ["displayName", "loginId", "employeeNumber", "department", "status", "lastSignInAt"] as const;
export const PAGE_SIZES = [25, 50, 100] as const;

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "not_an_id");

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
export type ListAccountsInput = Partial<Record<keyof z.output<typeof listAccountsSchema>, string | number>>;
export type ListAccountsQuery = z.output<typeof listAccountsSchema>;

export const accountIdSchema = z.object({ id: uuid });

/** An admin's security action on one account (unlock, reset second factor, …), with an optional reason for the log. */
export const accountActionSchema = z.object({
  id: uuid,
  reason: z.string().trim().max(500, "too_long").optional(),
});
export type AccountActionInput = z.infer<typeof accountActionSchema>;

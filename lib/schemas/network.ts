import { z } from "zod";
import { isoDayExists } from "@/lib/policy/calendar-date";
import { parseAllowlistCidr, type AllowlistRejection } from "@/lib/policy/ip-allowlist";

// The IP allowlist screen (/security/network). Form fields arrive as strings; each schema's output parses again
// unchanged, so the form, the action and the operation share one schema. Messages are codes the form words,
// except a refused CIDR, whose message names the entry (and the network meant, for host bits) for any caller.

export const ALLOWLIST_KINDS = ["office", "vpn", "temporary"] as const;
export type AllowlistKind = (typeof ALLOWLIST_KINDS)[number];
export const ALLOWLIST_SCOPES = ["everyone", "admins"] as const;
export type AllowlistScope = (typeof ALLOWLIST_SCOPES)[number];
export const LABEL_MAX = 100;
export const REASON_MAX = 500;

export type NetworkErrorCode =
  | "label_required"
  | "label_too_long"
  | "cidr_required"
  | "invalid_choice"
  | "date_invalid"
  | "reason_required"
  | "reason_too_long"
  | "valid_until_required"
  | "valid_until_not_after_from"
  | "valid_until_past";

/** Why a typed CIDR is refused, with the text as typed and, for host bits, the network it probably means. */
export type CidrIssue = { code: "cidr_required" } | { code: AllowlistRejection; entry: string; suggestion?: string };

export function cidrIssue(text: string): CidrIssue | null {
  const entry = text.normalize("NFKC").trim();
  if (entry === "") return { code: "cidr_required" };
  const parsed = parseAllowlistCidr(text);
  if (parsed.ok) return null;
  return { code: parsed.reason, entry, ...(parsed.suggestion ? { suggestion: parsed.suggestion } : {}) };
}

function describeCidrIssue(issue: CidrIssue): string {
  if (issue.code === "cidr_required") return "cidr_required";
  const entry = `"${issue.entry}"`;
  switch (issue.code) {
    case "host_bits":
      return `${entry} is not a network address (host bits are set); use ${issue.suggestion}.`;
    case "too_wide":
      return `${entry} is too wide; use /8 or longer for IPv4 and /16 or longer for IPv6.`;
    case "non_canonical":
      return `${entry} is not written in the standard form (no leading zeros, no spaces), e.g. 192.0.2.0/24.`;
    default:
      return `${entry} is not an IP address or CIDR block, e.g. 192.0.2.0/24 or 2001:db8::/48.`;
  }
}

const DATE_TIME = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;
const JST_OFFSET_MS = 9 * 3_600_000;

/**
 * A wall-clock time in Japan ("2026-11-24T09:30" from <input type="datetime-local">, or "2026/11/24 09:30" as the
 * screen shows it) as an instant; Japan has no daylight saving. ISO text with an offset is taken as it is.
 * Dates that do not exist ("2026-02-30") are refused instead of rolling over.
 */
export function parseJstDateTime(text: string): Date | null {
  const s = text.normalize("NFKC").trim();
  const m = DATE_TIME.exec(s);
  if (m) {
    const [y, mo, d, h, mi] = m.slice(1, 6).map(Number) as [number, number, number, number, number];
    const sec = Number(m[6] ?? 0);
    const ms = Number((m[7] ?? "0").padEnd(3, "0"));
    const utc = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
    const back = new Date(utc);
    if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || sec > 59) return null;
    return new Date(utc - JST_OFFSET_MS);
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(s)) {
    const date = new Date(s);
    return Number.isNaN(date.getTime()) || !isoDayExists(s) ? null : date;
  }
  return null;
}

/** An optional JST date-time: a Date, or text as above; "" is absent. */
const jstDateTime = z.union([z.date(), z.string()]).optional().transform((value, ctx) => {
  if (value === undefined || value === "") return undefined;
  const date = value instanceof Date ? value : parseJstDateTime(value);
  if (!date || Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: "custom", message: "date_invalid" });
    return z.NEVER;
  }
  return date;
});

/** Sent as "true" from a form, or true from code; absent is false. */
const flag = z.preprocess((v) => (v === "true" || v === "on" ? true : v === "false" || v === "" ? false : v), z.boolean({ error: "invalid_choice" }));

/** "Save even though it locks me out": the answer to the self-lockout warning. */
const confirmLockout = flag.optional().default(false);

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "not_an_id");

const optionalText = (max: number, tooLong: NetworkErrorCode) =>
  z
    .string()
    .optional()
    .transform((s) => s?.normalize("NFKC").trim() || undefined)
    .pipe(z.string().max(max, tooLong).optional());

export const addAllowlistEntrySchema = z
  .object({
    label: z.string({ error: "label_required" }).transform((s) => s.normalize("NFKC").trim()).pipe(z.string().min(1, "label_required").max(LABEL_MAX, "label_too_long")),
    // Stored in canonical form (NFKC, network address, RFC 5952 for IPv6), the form the matcher compiles.
    cidr: z.string({ error: "cidr_required" }).transform((text, ctx) => {
      const issue = cidrIssue(text);
      if (issue) {
        ctx.addIssue({ code: "custom", message: describeCidrIssue(issue) });
        return z.NEVER;
      }
      return (parseAllowlistCidr(text) as { ok: true; cidr: { text: string } }).cidr.text;
    }),
    kind: z.enum(ALLOWLIST_KINDS, { error: "invalid_choice" }),
    validFrom: jstDateTime,
    validUntil: jstDateTime,
    reason: optionalText(REASON_MAX, "reason_too_long"),
    confirmLockout,
  })
  .superRefine((v, ctx) => {
    if (v.kind === "temporary" && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "reason_required" });
    if (v.kind === "temporary" && !v.validUntil) ctx.addIssue({ code: "custom", path: ["validUntil"], message: "valid_until_required" });
    if (!(v.validUntil instanceof Date)) return;
    if (v.validFrom instanceof Date && v.validUntil <= v.validFrom) {
      ctx.addIssue({ code: "custom", path: ["validUntil"], message: "valid_until_not_after_from" });
    } else if (v.validUntil <= new Date()) {
      ctx.addIssue({ code: "custom", path: ["validUntil"], message: "valid_until_past" });
    }
  });
export type AddAllowlistEntryInput = z.input<typeof addAllowlistEntrySchema>;

export const revokeAllowlistEntrySchema = z.object({ id: uuid, confirmLockout });
export type RevokeAllowlistEntryInput = z.input<typeof revokeAllowlistEntrySchema>;

export const updateNetworkPolicySchema = z.object({
  enforced: flag,
  scope: z.enum(ALLOWLIST_SCOPES, { error: "invalid_choice" }),
  confirmLockout,
});
export type UpdateNetworkPolicyInput = z.input<typeof updateNetworkPolicySchema>;

import { z } from "zod";
import { isoDayExists } from "@/lib/policy/calendar-date";
import { parseCidr } from "@/lib/policy/cidr";

export const AUDIT_OUTCOMES = ["success", "failure"] as const;
export const AUDIT_PAGE_SIZES = [50, 100, 200] as const;
/** The list counts matches only up to this many (past it the page shows "1,000+"): counting further read up to ten
 * thousand rows of a sparse filter for every page. */
export const AUDIT_COUNT_CAP = 1_000;

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A time bound typed in the URL: a JST date ("2025-04-01"), a JST wall-clock time ("2025-04-01T09:30", as a
 * datetime-local input sends it, seconds optional) or an ISO instant with its own offset. A date as the upper bound
 * means the whole day, so `to` is exclusive at the next JST midnight. Null when unusable.
 */
export function parseJstBound(input: string, bound: "from" | "to"): Date | null {
  const text = input.normalize("NFKC").trim();
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const local = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  let ms: number;
  if (date || local) {
    const p = (date ?? local)!.slice(1).map((s) => (s === undefined ? 0 : Number(s)));
    const [y, mo, d, h = 0, mi = 0, s = 0] = p as [number, number, number, number?, number?, number?];
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
    ms = Date.UTC(y, mo - 1, d, h, mi, s) - JST_OFFSET_MS;
    // Reject 2025-02-30 and the like, which Date.UTC would roll into March.
    if (new Date(ms + JST_OFFSET_MS).getUTCDate() !== d) return null;
    if (date && bound === "to") ms += DAY_MS;
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    ms = isoDayExists(text) ? Date.parse(text) : NaN;
  } else {
    return null;
  }
  if (!Number.isFinite(ms) || ms < Date.UTC(2000, 0, 1) || ms > Date.UTC(2100, 0, 1)) return null;
  return new Date(ms);
}

/** The keyset position after the last row shown: newest first by (occurred_at desc, id desc). */
export interface AuditCursor {
  occurredAt: Date;
  id: bigint;
}
export function encodeAuditCursor(c: AuditCursor): string {
  return `${c.occurredAt.getTime()}_${c.id.toString()}`;
}
export function decodeAuditCursor(text: string): AuditCursor | null {
  const m = /^(\d{1,15})_(\d{1,19})$/.exec(text.trim());
  if (!m) return null;
  const id = BigInt(m[2]!);
  if (id > 9_223_372_036_854_775_807n) return null;
  return { occurredAt: new Date(Number(m[1])), id };
}

const text = (max: number) =>
  z
    .string()
    .transform((s) => s.normalize("NFKC").trim().slice(0, max))
    .transform((s) => (s === "" ? undefined : s))
    .optional()
    .catch(undefined);

const bound = (which: "from" | "to") =>
  z
    .string()
    .transform((s) => parseJstBound(s, which) ?? undefined)
    .optional()
    .catch(undefined);

/**
 * "auth.sign_in" matches exactly; "auth." or "auth.*" matches every action under "auth.".
 * Output: the text to match and whether it is a prefix.
 */
export function parseActionFilter(input: string): { action: string; prefix: boolean } | null {
  const t = input.normalize("NFKC").trim().toLowerCase().replace(/\*$/, "");
  if (!/^[a-z0-9_]+(\.[a-z0-9_]+)*\.?$/.test(t) || t.length > 64) return null;
  return { action: t, prefix: t.endsWith(".") };
}

/** The IP filter: an address (as /32 or /128) or a CIDR; a malformed one is reported as `invalid_cidr`, not ignored. */
export function parseIpFilter(input: string): { ok: true; cidr: string } | { ok: false; reason: "invalid_cidr" } {
  const cidr = parseCidr(input);
  return cidr ? { ok: true, cidr: cidr.text } : { ok: false, reason: "invalid_cidr" };
}

/**
 * The audit filter from the URL. An unusable value falls back to its default (like the accounts list), except the IP:
 * a malformed IP/CIDR keeps its text in `ipText` and sets `ipError`, so the page says so instead of showing
 * an unfiltered log as if it were filtered.
 */
export const auditFilterSchema = z
  .object({
    from: bound("from"),
    to: bound("to"),
    actor: text(100),
    target: text(100),
    action: z
      .string()
      .transform((s) => parseActionFilter(s)?.action)
      .optional()
      .catch(undefined),
    outcome: z.enum(AUDIT_OUTCOMES).optional().catch(undefined),
    ip: text(64),
    country: z
      .string()
      .transform((s) => s.normalize("NFKC").trim().toUpperCase())
      .pipe(z.string().regex(/^[A-Z]{2}$/))
      .optional()
      .catch(undefined),
    cursor: z
      .string()
      .transform((s) => decodeAuditCursor(s) ?? undefined)
      .optional()
      .catch(undefined),
    pageSize: z.coerce
      .number()
      .refine((n) => (AUDIT_PAGE_SIZES as readonly number[]).includes(n))
      .default(50)
      .catch(50),
  })
  .transform(({ ip, ...rest }) => {
    const parsed = ip === undefined ? undefined : parseIpFilter(ip);
    return {
      ...rest,
      actionPrefix: rest.action?.endsWith(".") ?? false,
      cidr: parsed?.ok ? parsed.cidr : undefined,
      ipText: ip,
      ipError: parsed && !parsed.ok ? parsed.reason : undefined,
    };
  });

export type AuditFilterInput = Partial<
  Record<"from" | "to" | "actor" | "target" | "action" | "outcome" | "ip" | "country" | "cursor" | "pageSize", string>
>;
export type AuditFilter = z.output<typeof auditFilterSchema>;

export const auditEventIdSchema = z.object({
  id: z.string().regex(/^[1-9]\d{0,18}$/, "not_an_id"),
});

export const AUDIT_EXPORT_FORMATS = ["csv", "jsonl"] as const;
export const auditExportFormatSchema = z.enum(AUDIT_EXPORT_FORMATS).catch("csv");

// Quarterly access reviews: quarters (Asia/Tokyo), what flags an account, which decisions need a comment, and when
// reviewers are reminded. Pure: the operations load the accounts and call these.
import { levelSatisfies, type PermissionSet } from "@/lib/permissions";
import { tokyoParts } from "./business-calendar";

export const REVIEW_FLAGS = [
  // An employee the HR roster does not know.
  "no_hr_record",
  // HR says terminated, yet the account is in use.
  "hr_terminated",
  // HR says on leave (休職・育休) or seconded (出向), yet the account is in use.
  "hr_leave",
  // No sign-in for the campaign's dormant days (never signed in counts from the account's creation).
  "dormant",
  // The account's permissions break a separation-of-duty rule.
  "sod_conflict",
  // A contractor with a grant that never ends, or whose grants have all ended.
  "contractor_grant",
  // Manage permission over accounts, security, audit or the organization.
  "privileged",
] as const;
export type ReviewFlag = (typeof REVIEW_FLAGS)[number];

export const REVIEW_DECISIONS = ["keep", "revoke", "modify"] as const;
export type ReviewDecisionValue = (typeof REVIEW_DECISIONS)[number];

export const UNDECIDED_OUTCOMES = ["no_change", "revoke"] as const;
export type UndecidedOutcome = (typeof UNDECIDED_OUTCOMES)[number];

// ───────────────────────── quarters ─────────────────────────

export const QUARTER_KEY = /^(\d{4})-Q([1-4])$/;
const JST = 9 * 3600_000;

/** The calendar quarter (Asia/Tokyo) `date` falls in: "2026-Q4". */
export function quarterKeyOf(date: Date): string {
  const p = tokyoParts(date);
  return `${p.year}-Q${Math.floor((p.month - 1) / 3) + 1}`;
}

/** The instants a quarter covers in Asia/Tokyo: [start, end). */
export function quarterRange(key: string): { start: Date; end: Date } {
  const m = QUARTER_KEY.exec(key);
  if (!m) throw new Error(`Not a quarter: ${key}`);
  const year = Number(m[1]);
  const first = (Number(m[2]) - 1) * 3;
  return { start: new Date(Date.UTC(year, first, 1) - JST), end: new Date(Date.UTC(year, first + 3, 1) - JST) };
}

/** A campaign is due a month after its quarter starts, at 18:00 Tokyo time (or a month from now, if later). */
export function defaultDueAt(key: string, now: Date): Date {
  const { start } = quarterRange(key);
  const s = new Date(start.getTime() + JST);
  const due = new Date(Date.UTC(s.getUTCFullYear(), s.getUTCMonth() + 1, s.getUTCDate(), 18) - JST);
  if (due > now) return due;
  const n = new Date(now.getTime() + JST);
  return new Date(Date.UTC(n.getUTCFullYear(), n.getUTCMonth() + 1, n.getUTCDate(), 18) - JST);
}

/** Campaigns start by themselves in the first week of a quarter, not when the console first runs mid-quarter. */
export const AUTO_START_WINDOW_DAYS = 7;

export function inAutoStartWindow(now: Date): boolean {
  const { start } = quarterRange(quarterKeyOf(now));
  return now.getTime() - start.getTime() < AUTO_START_WINDOW_DAYS * 86400_000;
}

/** Reviewers with items still undecided are reminded once, half way between the start and the due time. */
export function reminderDueAt(startedAt: Date, dueAt: Date): Date {
  return new Date(startedAt.getTime() + (dueAt.getTime() - startedAt.getTime()) / 2);
}

// ───────────────────────── flags ─────────────────────────

export interface FlagInput {
  kind: "employee" | "contractor";
  /** What the HR roster reconciliation says of the account (lib/server/hr/reconcile.ts). */
  hr: { noHrRecord: boolean; hrTerminated: boolean; hrLeave: boolean };
  lastSignInAt: Date | null;
  createdAt: Date;
  permissions: PermissionSet;
  sodConflict: boolean;
  /** The account's grants in effect now (member's included), and whether any of its grants ever existed. */
  grants: { endsAt: Date | null }[];
  hadGrants: boolean;
}

const PRIVILEGED_DOMAINS = ["accounts", "security", "audit", "org"] as const;

export function isPrivileged(permissions: PermissionSet): boolean {
  return PRIVILEGED_DOMAINS.some((d) => levelSatisfies(permissions[d], "manage"));
}

export function isDormant(lastSignInAt: Date | null, createdAt: Date, now: Date, dormantDays: number): boolean {
  const since = lastSignInAt ?? createdAt;
  return now.getTime() - since.getTime() >= dormantDays * 86400_000;
}

export function reviewFlags(a: FlagInput, now: Date, dormantDays: number): ReviewFlag[] {
  const flags: ReviewFlag[] = [];
  if (a.hr.noHrRecord) flags.push("no_hr_record");
  if (a.hr.hrTerminated) flags.push("hr_terminated");
  if (a.hr.hrLeave) flags.push("hr_leave");
  if (isDormant(a.lastSignInAt, a.createdAt, now, dormantDays)) flags.push("dormant");
  if (a.sodConflict) flags.push("sod_conflict");
  if (a.kind === "contractor" && (a.grants.some((g) => g.endsAt === null) || (a.hadGrants && a.grants.length === 0))) flags.push("contractor_grant");
  if (isPrivileged(a.permissions)) flags.push("privileged");
  return flags;
}

// ───────────────────────── decisions ─────────────────────────

export type DecisionProblem =
  /** Keeping a flagged account needs a written reason. */
  | "comment_required"
  /** Revoking or modifying some roles needs at least one role chosen. */
  | "grants_required"
  /** A modification gives the chosen roles an end, which must be in the future. */
  | "ends_at_required";

export function decisionProblem(
  flags: readonly string[],
  d: { decision: ReviewDecisionValue; comment: string | null; grantIds: readonly string[]; endsAt: Date | null },
  now: Date,
): DecisionProblem | null {
  if (d.decision === "keep" && flags.length > 0 && !d.comment) return "comment_required";
  if (d.decision === "modify" && d.grantIds.length === 0) return "grants_required";
  if (d.decision === "modify" && (!d.endsAt || d.endsAt <= now)) return "ends_at_required";
  return null;
}

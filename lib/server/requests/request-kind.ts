import "server-only";
// What a kind of change request is made of, and the rules every kind shares: the diff, staleness, the lock.
import type { z } from "zod";
import { can, type Domain, type Level } from "@/lib/permissions";
import type { Actor } from "../authorize";
import type { Tx } from "../db";
import { AppError } from "../errors";

/** A field's value as a request records it (JSON). */
export type FieldValue = string | number | boolean | null | string[];
export type Values = Record<string, FieldValue>;

export interface Change {
  field: string;
  before: FieldValue;
  after: FieldValue;
}

/** What a request stores as its diff: the target as it was called when filed, and each field that changes. */
export interface RequestDiff {
  targetLabel: string;
  changes: Change[];
}

/** A target as it is now: a label for people (a phone number, a name) and its values. */
export interface Target {
  label: string;
  values: Values;
}

export interface ApplyInput<P> {
  organizationId: string;
  targetId: string;
  payload: P;
  changes: Change[];
}

export interface RequestKind<P = Record<string, unknown>> {
  /** Stored in change_requests.kind; messages word it as requests.kinds.<kind>. */
  kind: string;
  /** Filing needs <domain>:request, deciding <domain>:manage. */
  domain: Domain;
  targetType: string;
  /** How error messages name the target: "line", "billing profile". */
  noun: string;
  /** The audit action of the change itself, written when it is applied directly or by an approval. */
  changedAction: string;
  /** When the action depends on the change (a line assigned or unassigned): the action for these changes. */
  actionFor?(changes: Change[]): string;
  /**
   * Who besides <domain>:request may file this kind on a target (a line's own user asking for extra data on it); run
   * inside the filing transaction. Deciding always takes <domain>:manage.
   */
  fileAccess?(tx: Tx, actor: Actor, targetId: string): Promise<boolean>;
  /** The payload's schema; its output must parse again unchanged, as stored payloads are re-validated on approval. */
  schema: z.ZodType<P>;
  /** The target as it is now, inside the caller's transaction; null when it is not in this organization. */
  loadCurrent(tx: Tx, organizationId: string, targetId: string): Promise<Target | null>;
  /**
   * Checks beyond the schema that need the database (run as the acting person when filing, approving or changing
   * directly, after loadCurrent); returns the payload to keep, which may add what people read (a role's name).
   */
  validate?(tx: Tx, input: { organizationId: string; targetId: string; payload: P; actor: Actor; now: Date }): Promise<P>;
  /** The values the payload asks for, keyed like loadCurrent's; by default the payload's fields that the target has. */
  proposed?(payload: P, current: Target): Values;
  /**
   * Makes the change. Called after the caller has checked that each change's `before` is the current value; a kind
   * should still write only where those values hold (a conditional update) and throw a conflict otherwise. May return
   * the ids of notices it queued in the transaction, which the caller delivers once it has committed.
   */
  apply(tx: Tx, input: ApplyInput<P>, context: { actor: Actor; now: Date; reason: string | null }): Promise<void | string[]>;
  /** Where the console shows the target. */
  href?(targetId: string): string;
}

/** Keeps a kind's payload type inside its own definition; the registry holds kinds of any payload. */
export function defineKind<P>(kind: RequestKind<P>): RequestKind {
  return kind as unknown as RequestKind;
}

/** authorize(domain, level) for a domain known only once the request or its kind is loaded. */
export function requirePermission(actor: Actor, domain: Domain, level: Level): void {
  if (!can(actor.permissions, domain, level)) throw new AppError("forbidden", `This needs the ${domain}:${level} permission.`);
}

/** The operation's own parse, for callers that do not come through the action wrapper: the first problem, by field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, prefix = ""): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.join(".");
    throw new AppError("invalid", issue.message, `${prefix}${path}` || undefined);
  }
  return parsed.data;
}

const same = (a: FieldValue | undefined, b: FieldValue | undefined) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The kind's own checks, when it has any; otherwise the payload as parsed. */
export async function validatedPayload<P>(tx: Tx, kind: RequestKind<P>, input: { organizationId: string; targetId: string; payload: P; actor: Actor; now: Date }): Promise<P> {
  return kind.validate ? kind.validate(tx, input) : input.payload;
}

export function proposedValues<P>(kind: RequestKind<P>, payload: P, current: Target): Values {
  if (kind.proposed) return kind.proposed(payload, current);
  const fields = payload as Record<string, FieldValue>;
  return Object.fromEntries(Object.keys(current.values).filter((k) => k in fields).map((k) => [k, fields[k] ?? null]));
}

/** The fields whose proposed value differs from the current one, in the target's field order. */
export function changesBetween(current: Target, proposed: Values): Change[] {
  return Object.keys(proposed)
    .filter((field) => !same(current.values[field], proposed[field]))
    .map((field) => ({ field, before: current.values[field] ?? null, after: proposed[field] ?? null }));
}

/** The changes whose target field no longer holds the value the request was filed against. */
export function staleChanges(current: Target, changes: Change[]): Change[] {
  return changes.filter((c) => !same(current.values[c.field], c.before));
}

/**
 * One filing, decision or direct change per target at a time, across instances (a transaction-scoped advisory lock):
 * two filings cannot both pass the one-pending check, and an approval's check and write see the same target.
 */
export async function lockTarget(tx: Tx, kind: RequestKind, organizationId: string, targetId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(727002, hashtext(${`${organizationId}:${kind.targetType}:${targetId}`}))`;
}

/** A stored diff as the code reads it; rows written by hand or by older code may lack parts. */
export function readDiff(diff: unknown): RequestDiff {
  const d = (diff ?? {}) as Partial<RequestDiff>;
  return { targetLabel: typeof d.targetLabel === "string" ? d.targetLabel : "", changes: Array.isArray(d.changes) ? d.changes : [] };
}

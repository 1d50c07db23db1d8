import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  EVIDENCE_CAP,
  effectiveFailureThreshold,
  foreignSignInFires,
  impossibleTravel,
  offHoursValues,
  spikeThreshold,
  type DetectionKind,
  type TravelNoticeWindow,
} from "@/lib/policy/detections";
import type { OrgCalendar } from "@/lib/policy/org-calendar";
import type { Tx } from "../db";
import { countryOf } from "../geo";
import type { DetectionContext } from "./load-detection-context";

/** One rule firing on one event: what an alert is made of (or what bumps one). */
export interface Hit {
  kind: DetectionKind;
  subjectType: "account" | "ip" | "organization";
  subjectKey: string;
  subjectLabel: string | null;
  at: Date;
  eventIds: bigint[];
  values: Record<string, string | number>;
}

/**
 * Which events to judge: the ones just written (live, saying whether they hold failures and successes so rules with
 * nothing to look at skip their query), or every sign-in of the organization (backfill), or every one chained after
 * `afterSeq` (a backfill over history loaded as already judged). Windows and baselines still count every event.
 */
export type HitScope = { ids: bigint[]; from: Date; to: Date; failures: boolean; successes: boolean } | { all: true; afterSeq?: bigint };

const mayHold = (scope: HitScope, outcome: "failures" | "successes") => "all" in scope || scope[outcome];

function scopeSql(organizationId: string, scope: HitScope): Prisma.Sql {
  const base = Prisma.sql`e.organization_id = ${organizationId}::uuid AND e.action = 'auth.sign_in'`;
  if ("all" in scope) return scope.afterSeq === undefined ? base : Prisma.sql`${base} AND e.chain_seq > ${scope.afterSeq}`;
  // The batch's time span too, so only the month partitions that can hold it are searched.
  return Prisma.sql`${base} AND e.id = ANY(${scope.ids.map(String)}::text[]::bigint[]) AND e.occurred_at >= ${scope.from} AND e.occurred_at <= ${scope.to}`;
}

const minutes = (n: number) => Prisma.sql`make_interval(mins => ${n}::int)`;

/** A failure as the window rules read it: its time in microseconds (as stored), so windows end exactly where SQL's would. */
interface FailureRow {
  id: bigint;
  us: number;
  at: Date;
  /** The account (repeated failures) or the address (password spray) the window is kept for. */
  subject: string;
  /** Who failed: the account, or the typed ID when it matched none (password spray counts these apart). */
  who: string | null;
  label: string | null;
}

const FAILURE_COLUMNS = Prisma.sql`id, (extract(epoch FROM occurred_at) * 1000000)::float8 AS us, occurred_at AS at,
  coalesce(actor_id::text, actor_label) AS who, actor_label AS label`;

const byTime = (a: FailureRow, b: FailureRow) => a.us - b.us || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * For each judged failure, the failures of its subject within the window ending at it (after `at - window`, up to
 * and including `at`): how many (or how many distinct people), and the newest EVIDENCE_CAP of them — all an alert
 * keeps. One pass over each subject's time-ordered failures, instead of a count per judged event over its window:
 * during an attack the window holds thousands, and a batch judges hundreds.
 */
function slidingWindows(
  judged: FailureRow[],
  pool: FailureRow[],
  windowMinutes: number,
  distinct: boolean,
): { row: FailureRow; n: number; evidence: bigint[] }[] {
  const bySubject = new Map<string, FailureRow[]>();
  for (const f of pool) {
    const list = bySubject.get(f.subject);
    if (list) list.push(f);
    else bySubject.set(f.subject, [f]);
  }
  for (const list of bySubject.values()) list.sort(byTime);
  const windowUs = windowMinutes * 60_000_000;
  const out: { row: FailureRow; n: number; evidence: bigint[] }[] = [];
  const judgedBySubject = new Map<string, FailureRow[]>();
  for (const j of judged) judgedBySubject.set(j.subject, [...(judgedBySubject.get(j.subject) ?? []), j]);
  for (const [subject, events] of judgedBySubject) {
    const list = bySubject.get(subject) ?? [];
    events.sort(byTime);
    const people = new Map<string, number>();
    let lo = 0;
    let hi = -1; // the window is list[lo..hi]
    for (const e of events) {
      while (hi + 1 < list.length && list[hi + 1]!.us <= e.us) {
        const who = list[++hi]!.who;
        if (who !== null) people.set(who, (people.get(who) ?? 0) + 1);
      }
      while (lo <= hi && list[lo]!.us <= e.us - windowUs) {
        const who = list[lo++]!.who;
        if (who === null) continue;
        const left = (people.get(who) ?? 1) - 1;
        if (left === 0) people.delete(who);
        else people.set(who, left);
      }
      const n = distinct ? people.size : hi - lo + 1;
      const evidence = list.slice(Math.max(lo, hi - EVIDENCE_CAP + 1), hi + 1).map((f) => f.id);
      out.push({ row: e, n, evidence });
    }
  }
  return out.sort((a, b) => byTime(a.row, b.row));
}

/** The failures a window rule looks back over: of the subjects judged, from a window before the first judged one. */
async function failurePool(tx: Tx, organizationId: string, judged: FailureRow[], windowMinutes: number, subject: "account" | "ip"): Promise<FailureRow[]> {
  const from = new Date(Math.min(...judged.map((j) => j.at.getTime())) - windowMinutes * 60_000 - 1);
  const to = new Date(Math.max(...judged.map((j) => j.at.getTime())) + 1);
  const subjects = [...new Set(judged.map((j) => j.subject))];
  return subject === "account"
    ? tx.$queryRaw<FailureRow[]>`
        SELECT ${FAILURE_COLUMNS}, actor_id::text AS subject FROM audit_events
        WHERE organization_id = ${organizationId}::uuid AND action = 'auth.sign_in' AND outcome = 'failure'
          AND actor_id = ANY(${subjects}::text[]::uuid[]) AND occurred_at >= ${from} AND occurred_at <= ${to}`
    : tx.$queryRaw<FailureRow[]>`
        SELECT ${FAILURE_COLUMNS}, ip::text AS subject FROM audit_events
        WHERE organization_id = ${organizationId}::uuid AND action = 'auth.sign_in' AND outcome = 'failure'
          AND ip = ANY(${subjects}::text[]::inet[]) AND occurred_at >= ${from} AND occurred_at <= ${to}`;
}

/** Failures of one account within the window ending at each failure, at or above the threshold. */
async function repeatedFailures(tx: Tx, organizationId: string, scope: HitScope, ctx: DetectionContext): Promise<Hit[]> {
  const rule = ctx.rules.repeated_failures;
  const threshold = effectiveFailureThreshold(rule.params.failures, ctx.lockoutThreshold);
  const judged = await tx.$queryRaw<FailureRow[]>`
    SELECT ${FAILURE_COLUMNS}, e.actor_id::text AS subject FROM audit_events e
    WHERE ${scopeSql(organizationId, scope)} AND e.outcome = 'failure' AND e.actor_id IS NOT NULL`;
  if (judged.length === 0) return [];
  const pool = await failurePool(tx, organizationId, judged, rule.params.windowMinutes, "account");
  return slidingWindows(judged, pool, rule.params.windowMinutes, false)
    .filter((w) => w.n >= threshold)
    .map(({ row, n, evidence }) => ({
      kind: "repeated_failures",
      subjectType: "account",
      subjectKey: row.subject,
      subjectLabel: row.label,
      at: row.at,
      eventIds: evidence,
      values: { count: n, minutes: rule.params.windowMinutes, threshold, lockoutThreshold: ctx.lockoutThreshold },
    }));
}

/** Distinct accounts one address failed against within the window ending at each failure. */
async function passwordSpray(tx: Tx, organizationId: string, scope: HitScope, ctx: DetectionContext): Promise<Hit[]> {
  const rule = ctx.rules.password_spray;
  const judged = await tx.$queryRaw<(FailureRow & { host: string })[]>`
    SELECT ${FAILURE_COLUMNS}, e.ip::text AS subject, host(e.ip) AS host FROM audit_events e
    WHERE ${scopeSql(organizationId, scope)} AND e.outcome = 'failure' AND e.ip IS NOT NULL`;
  if (judged.length === 0) return [];
  const pool = await failurePool(tx, organizationId, judged, rule.params.windowMinutes, "ip");
  return slidingWindows(judged, pool, rule.params.windowMinutes, true)
    .filter((w) => w.n >= rule.params.accounts)
    .map(({ row, n, evidence }) => {
      const ip = (row as FailureRow & { host: string }).host;
      return {
        kind: "password_spray",
        subjectType: "ip",
        subjectKey: ip,
        subjectLabel: ip,
        at: row.at,
        eventIds: evidence,
        values: { ip, accounts: n, minutes: rule.params.windowMinutes, threshold: rule.params.accounts },
      };
    });
}

/**
 * The organization's failures in the window ending at a failure, against the same stretch of the previous four
 * weeks read from the hourly rollups (each hour counted for the part of it inside the shifted window). Live, only
 * the newest failure of the batch is judged; a backfill judges each.
 */
async function failureSpike(tx: Tx, organizationId: string, scope: HitScope, ctx: DetectionContext): Promise<Hit[]> {
  const rule = ctx.rules.failure_spike;
  const w = rule.params.windowMinutes;
  const newestOnly = "all" in scope ? Prisma.empty : Prisma.sql`ORDER BY e.occurred_at DESC, e.id DESC LIMIT 1`;
  const rows = await tx.$queryRaw<{ id: bigint; at: Date; current: number; baseline: number }[]>`
    SELECT c.id, c.at, c.current,
      (SELECT coalesce(sum(r.failure_count * extract(epoch FROM least(r.hour + interval '1 hour', b.hi) - greatest(r.hour, b.hi - ${minutes(w)})) / 3600.0), 0)::float8
         FROM generate_series(1, 4) AS wk
         CROSS JOIN LATERAL (SELECT c.at - make_interval(days => 7 * wk) AS hi) b
         JOIN sign_in_rollups r ON r.organization_id = ${organizationId}::uuid
           AND r.hour > b.hi - ${minutes(w)} - interval '1 hour' AND r.hour < b.hi) AS baseline
    FROM (
      SELECT e.id, e.occurred_at AS at,
        (SELECT count(*)::int FROM audit_events f
          WHERE f.organization_id = e.organization_id AND f.action = 'auth.sign_in' AND f.outcome = 'failure'
            AND f.occurred_at > e.occurred_at - ${minutes(w)} AND f.occurred_at <= e.occurred_at) AS current
      FROM (SELECT e.id, e.occurred_at, e.organization_id FROM audit_events e WHERE ${scopeSql(organizationId, scope)} AND e.outcome = 'failure' ${newestOnly}) e
    ) c
    WHERE c.current >= ${rule.params.minimum}::int
    ORDER BY c.at, c.id`;
  const hits: Hit[] = [];
  for (const r of rows) {
    const mean = r.baseline / 4;
    const threshold = spikeThreshold(mean, rule.params);
    if (r.current < threshold) continue;
    hits.push({
      kind: "failure_spike",
      subjectType: "organization",
      subjectKey: organizationId,
      subjectLabel: ctx.organizationName,
      at: r.at,
      eventIds: [r.id],
      values: { count: r.current, minutes: w, baseline: Math.round(mean * 10) / 10, threshold, factor: rule.params.factor, minimum: rule.params.minimum },
    });
  }
  return hits;
}

interface SignInRow {
  id: bigint;
  at: Date;
  outcome: "success" | "failure";
  actor: string | null;
  label: string | null;
  ip: string | null;
  country: string | null;
  prevAt: Date | null;
  prevIp: string | null;
  prevCountry: string | null;
}

/**
 * Sign-ins judged one by one (off-hours, foreign country, impossible travel), each with the account's previous
 * successful sign-in, found by one pass over the time-ordered rows.
 */
async function signInRows(tx: Tx, organizationId: string, scope: HitScope, withFailures: boolean, lookbackHours: number): Promise<SignInRow[]> {
  const outcome = withFailures ? Prisma.empty : Prisma.sql`AND e.outcome = 'success'`;
  type Base = Omit<SignInRow, "prevAt" | "prevIp" | "prevCountry">;
  const rows = await tx.$queryRaw<Base[]>`
    SELECT e.id, e.occurred_at AS at, e.outcome::text AS outcome, e.actor_id::text AS actor, e.actor_label AS label, host(e.ip) AS ip, e.country
    FROM audit_events e WHERE ${scopeSql(organizationId, scope)} AND e.actor_id IS NOT NULL ${outcome}
    ORDER BY e.occurred_at, e.id`;
  // Live, the accounts' earlier successful sign-ins come in one query (not one lookup per event): for each account
  // its newest success before the batch's span (within the lookback; older ones are never anyone's previous), and
  // every success within the span that the batch does not hold. One pass in time order then pairs each sign-in with
  // the account's previous success, as a backfill does.
  let earlier: Base[] = [];
  if (!("all" in scope)) {
    const actors = [...new Set(rows.filter((r) => r.outcome === "success").map((r) => r.actor!))];
    if (actors.length > 0) {
      earlier = await tx.$queryRaw<Base[]>`
        SELECT p.* FROM unnest(${actors}::text[]::uuid[]) AS a(actor_id)
        CROSS JOIN LATERAL (
          SELECT f.id, f.occurred_at AS at, 'success' AS outcome, f.actor_id::text AS actor, f.actor_label AS label, host(f.ip) AS ip, f.country
          FROM audit_events f
          WHERE f.organization_id = ${organizationId}::uuid AND f.actor_id = a.actor_id AND f.action = 'auth.sign_in' AND f.outcome = 'success'
            AND f.occurred_at > ${new Date(scope.from.getTime() - lookbackHours * 3_600_000)} AND f.occurred_at < ${scope.from}
          ORDER BY f.occurred_at DESC, f.id DESC LIMIT 1) p
        UNION ALL
        SELECT f.id, f.occurred_at AS at, 'success' AS outcome, f.actor_id::text AS actor, f.actor_label AS label, host(f.ip) AS ip, f.country
        FROM audit_events f
        WHERE f.organization_id = ${organizationId}::uuid AND f.action = 'auth.sign_in' AND f.outcome = 'success'
          AND f.actor_id = ANY(${actors}::text[]::uuid[]) AND f.occurred_at >= ${scope.from} AND f.occurred_at <= ${scope.to}
          AND NOT (f.id = ANY(${scope.ids.map(String)}::text[]::bigint[]))`;
    }
  }
  const judged = new Set(rows.map((r) => String(r.id)));
  const timeline = [...earlier, ...rows].sort((a, b) => a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const previous = new Map<string, { at: Date; ip: string | null; country: string | null }>();
  const out: SignInRow[] = [];
  for (const r of timeline) {
    const prev = r.actor ? previous.get(r.actor) : undefined;
    if (r.actor && r.outcome === "success") previous.set(r.actor, { at: r.at, ip: r.ip, country: r.country });
    if (judged.has(String(r.id))) out.push({ ...r, prevAt: prev?.at ?? null, prevIp: prev?.ip ?? null, prevCountry: prev?.country ?? null });
  }
  return out;
}

/** The event's country, or for an ingested event that carries only an address, the offline GeoIP answer. */
async function countryFor(country: string | null, ip: string | null): Promise<string | null> {
  return country ?? (ip ? countryOf(ip) : null);
}

async function perSignInHits(tx: Tx, organizationId: string, scope: HitScope, ctx: DetectionContext, calendar: OrgCalendar): Promise<Hit[]> {
  const { off_hours_sign_in: offHours, foreign_sign_in: foreign, impossible_travel: travel } = ctx.rules;
  if (!offHours.enabled && !foreign.enabled && !travel.enabled) return [];
  const withFailures = foreign.enabled && foreign.params.includeFailures;
  if (!mayHold(scope, "successes") && !withFailures) return [];
  // Impossible travel needs the account's previous sign-in only as far back as the fastest allowed trip around the
  // world (about 20,040 km, the longest distance between two places) could take.
  const lookbackHours = Math.ceil(20_040 / travel.params.speedKmh) + 1;
  const rows = await signInRows(tx, organizationId, scope, withFailures, lookbackHours);
  if (rows.length === 0) return [];
  const countries = await Promise.all(rows.map((r) => countryFor(r.country, r.ip)));
  const notices = new Map<string, TravelNoticeWindow[]>();
  const abroad = rows.filter((r, i) => countries[i] && !ctx.allowedCountries.includes(countries[i]!));
  if (foreign.enabled && abroad.length > 0) {
    const actors = [...new Set(abroad.map((r) => r.actor).filter((a): a is string => a !== null))];
    const found = await tx.travelNotice.findMany({
      where: { organizationId, ...("all" in scope ? {} : { accountId: { in: actors } }) },
      select: { accountId: true, countries: true, startsAt: true, endsAt: true, revokedAt: true },
    });
    for (const n of found) notices.set(n.accountId, [...(notices.get(n.accountId) ?? []), n]);
  }
  const hits: Hit[] = [];
  const subject = (r: SignInRow) => ({ subjectType: "account" as const, subjectKey: r.actor!, subjectLabel: r.label, at: r.at, eventIds: [r.id] });
  for (const [i, r] of rows.entries()) {
    const country = countries[i] ?? null;
    if (r.outcome === "success" && offHours.enabled) {
      const values = offHoursValues(r.at, calendar);
      if (values) hits.push({ kind: "off_hours_sign_in", ...subject(r), values: { ...values, ip: r.ip ?? "" } });
    }
    if (foreign.enabled && country && foreignSignInFires({ outcome: r.outcome, country, occurredAt: r.at }, ctx.allowedCountries, notices.get(r.actor!) ?? [], foreign.params)) {
      hits.push({ kind: "foreign_sign_in", ...subject(r), values: { country, allowed: ctx.allowedCountries.join(", "), ip: r.ip ?? "", outcome: r.outcome } });
    }
    if (travel.enabled && r.outcome === "success" && r.prevAt) {
      const prevCountry = await countryFor(r.prevCountry, r.prevIp);
      const finding = impossibleTravel({ country: prevCountry, occurredAt: r.prevAt }, { country, occurredAt: r.at }, travel.params);
      if (finding) hits.push({ kind: "impossible_travel", ...subject(r), values: { ...finding, ip: r.ip ?? "" } });
    }
  }
  return hits;
}

/** Every rule that is switched on, over the scope's events; hits in time order. */
export async function findHits(tx: Tx, organizationId: string, scope: HitScope, ctx: DetectionContext, calendar: OrgCalendar): Promise<Hit[]> {
  const hits: Hit[] = [];
  if (mayHold(scope, "failures")) {
    if (ctx.rules.repeated_failures.enabled) hits.push(...(await repeatedFailures(tx, organizationId, scope, ctx)));
    if (ctx.rules.password_spray.enabled) hits.push(...(await passwordSpray(tx, organizationId, scope, ctx)));
    if (ctx.rules.failure_spike.enabled) hits.push(...(await failureSpike(tx, organizationId, scope, ctx)));
  }
  hits.push(...(await perSignInHits(tx, organizationId, scope, ctx, calendar)));
  return hits.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.eventIds.at(-1)! < b.eventIds.at(-1)! ? -1 : 1));
}

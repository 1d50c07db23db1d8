import "server-only";
import type { Db } from "../db";

// Walks one organization's audit hash chain (migration 20261127010000_audit_integrity) in chain_seq order, a page at a
// time, so memory stays flat however long the chain. The hash is recomputed in the database by the same function the
// insert trigger uses. The caller picks the scope: withOrganization(id) for an organization, asSystem() for the chain
// of events that belong to none (organizationId null).

export const GENESIS_HASH = "0".repeat(64);
const PAGE = 5000;

export type ChainProblem = "hash_mismatch" | "broken_link" | "missing";

export interface BrokenEvent {
  /** The event at fault: for "missing", the first event after the gap; null when the gap is at the end of the chain. */
  id: string | null;
  chainSeq: string | null;
  occurredAt: Date | null;
  action: string | null;
  problem: ChainProblem;
}

/** Where a verification stopped with everything intact: a later run may go on from here. */
export interface VerifiedPoint {
  seq: bigint;
  hash: string;
  checked: number;
  anchorSeq: bigint | null;
}

export interface ChainVerification {
  organizationId: string | null;
  ok: boolean;
  /** Events whose hash and link were checked (events before the anchor were dropped by retention). */
  checked: number;
  /** The last event of a dropped prefix, where verification started; null when the chain is whole. */
  anchorSeq: bigint | null;
  firstBroken?: BrokenEvent;
  through?: VerifiedPoint;
}

interface EventRow {
  id: bigint;
  chain_seq: bigint | null;
  occurred_at: Date;
  action: string;
  prev_hash: string | null;
  hash: string | null;
  recomputed: string;
}

interface Link {
  chain_seq: bigint;
  prev_hash: string;
  hash: string;
}

const NIL = "00000000-0000-0000-0000-000000000000";

export async function verifyChain(
  prisma: Db,
  organizationId: string | null,
  options: { from?: VerifiedPoint; pageSize?: number } = {},
): Promise<ChainVerification> {
  const chainKey = organizationId ?? NIL;
  const pageSize = options.pageSize ?? PAGE;
  // Only events chained before this point are checked: later ones are still being written.
  const [head] = await prisma.$queryRaw<{ last_seq: bigint; last_hash: string }[]>`
    SELECT last_seq, last_hash FROM ocn_audit_chain_head(${organizationId}::uuid)`;
  const headSeq = head?.last_seq ?? 0n;

  let expectedSeq: bigint;
  let expectedPrev: string;
  let checked: number;
  let anchorSeq: bigint | null;
  if (options.from) {
    ({ checked, anchorSeq } = options.from);
    expectedSeq = options.from.seq + 1n;
    expectedPrev = options.from.hash;
  } else {
    const [anchor] = await prisma.$queryRaw<Link[]>`SELECT chain_seq, prev_hash, hash FROM audit_chain_anchors
      WHERE chain_key = ${chainKey}::uuid AND kind = 'start' ORDER BY chain_seq DESC LIMIT 1`;
    expectedSeq = anchor ? anchor.chain_seq + 1n : 1n;
    expectedPrev = anchor?.hash ?? GENESIS_HASH;
    anchorSeq = anchor?.chain_seq ?? null;
    checked = 0;
  }
  const result = (firstBroken?: BrokenEvent): ChainVerification =>
    firstBroken
      ? { organizationId, ok: false, checked, anchorSeq, firstBroken }
      : { organizationId, ok: true, checked, anchorSeq, through: { seq: expectedSeq - 1n, hash: expectedPrev, checked, anchorSeq } };
  const broken = (e: EventRow, problem: ChainProblem): ChainVerification =>
    result({ id: String(e.id), chainSeq: e.chain_seq === null ? null : String(e.chain_seq), occurredAt: e.occurred_at, action: e.action, problem });

  // An event written past the trigger (by the tables' owner) has no place in the chain at all.
  const unchained = organizationId
    ? await prisma.$queryRaw<EventRow[]>`SELECT id, chain_seq, occurred_at, action FROM audit_events
        WHERE organization_id = ${organizationId}::uuid AND chain_seq IS NULL LIMIT 1`
    : await prisma.$queryRaw<EventRow[]>`SELECT id, chain_seq, occurred_at, action FROM audit_events
        WHERE organization_id IS NULL AND chain_seq IS NULL LIMIT 1`;

  // Dropped events that came after a kept one: the link across each is still checked through its anchor row.
  const bridgeTo = async (seq: bigint): Promise<boolean> => {
    const links = await prisma.$queryRaw<Link[]>`SELECT chain_seq, prev_hash, hash FROM audit_chain_anchors
      WHERE chain_key = ${chainKey}::uuid AND kind = 'bridge' AND chain_seq >= ${expectedSeq} AND chain_seq < ${seq}
      ORDER BY chain_seq`;
    for (const link of links) {
      if (link.chain_seq !== expectedSeq || link.prev_hash !== expectedPrev) return false;
      expectedSeq += 1n;
      expectedPrev = link.hash;
    }
    return expectedSeq === seq;
  };

  // Pages are windows of chain_seq, not LIMITs: under row-level security the planner would otherwise sort the rest
  // of the chain for every page. A window with missing events simply returns fewer rows.
  let last: EventRow | undefined;
  for (let from = expectedSeq; from <= headSeq; from += BigInt(pageSize)) {
    const to = from + BigInt(pageSize) - 1n < headSeq ? from + BigInt(pageSize) - 1n : headSeq;
    const rows = organizationId
      ? await prisma.$queryRaw<EventRow[]>`SELECT id, chain_seq, occurred_at, action, prev_hash, hash,
          ocn_audit_event_hash(prev_hash, chain_seq, id, organization_id, occurred_at, actor_id, actor_label, action,
            target_type, target_id, target_label, outcome, reason, ip, country, user_agent, details) AS recomputed
          FROM audit_events WHERE organization_id = ${organizationId}::uuid AND chain_seq >= ${from} AND chain_seq <= ${to}
          ORDER BY chain_seq`
      : await prisma.$queryRaw<EventRow[]>`SELECT id, chain_seq, occurred_at, action, prev_hash, hash,
          ocn_audit_event_hash(prev_hash, chain_seq, id, organization_id, occurred_at, actor_id, actor_label, action,
            target_type, target_id, target_label, outcome, reason, ip, country, user_agent, details) AS recomputed
          FROM audit_events WHERE organization_id IS NULL AND chain_seq >= ${from} AND chain_seq <= ${to}
          ORDER BY chain_seq`;
    for (const e of rows) {
      const seq = e.chain_seq!;
      if (seq < expectedSeq) return broken(e, "broken_link");
      if (seq > expectedSeq && !(await bridgeTo(seq))) return broken(e, "missing");
      if (e.prev_hash !== expectedPrev) return broken(e, "broken_link");
      if (e.hash !== e.recomputed) return broken(e, "hash_mismatch");
      expectedSeq = seq + 1n;
      expectedPrev = e.hash;
      checked += 1;
      last = e;
    }
  }
  if (expectedSeq <= headSeq && !(await bridgeTo(headSeq + 1n))) {
    return result({ id: null, chainSeq: String(expectedSeq), occurredAt: null, action: null, problem: "missing" });
  }
  // The head remembers the last hash: rewriting the newest event and its hash together still shows here.
  if (head && expectedSeq > headSeq && head.last_hash !== expectedPrev && last) return broken(last, "broken_link");
  if (unchained[0]) return broken(unchained[0], "broken_link");
  return result();
}

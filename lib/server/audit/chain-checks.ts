import "server-only";
import { db, type Db } from "../db";
import { withOrganization } from "../tenant-context";
import { forEachOrganization } from "../tenant-lookup";
import { verifyChain, type BrokenEvent, type ChainVerification, type VerifiedPoint } from "./verify-chain";

// Where each organization's chain was last verified (table audit_chain_checks). A whole walk reads every event of the
// organization and recomputes its hash in the database: minutes for millions of events. So it runs once a day in the
// sweeper (one instance claims it) and in `npm run audit:verify`, never on a page load; every few minutes the sweeper
// moves the verified point on to the newest events, and the audit page's badge goes on from there
// (get-chain-status.ts), so a page load checks minutes of events, not the day's or the year's.

/** A whole walk is due once its last one is this old. */
export const WHOLE_CHECK_EVERY_MS = 24 * 3_600_000;
/** A claim older than this belongs to a walk that died with its process: another instance may take it over. */
const CLAIM_STALE_MS = 3_600_000;

export interface RecordedChainCheck {
  state: "ok" | "broken";
  /** Where the walk ended intact (ok), for a later check to go on from. */
  through: VerifiedPoint | null;
  checked: number;
  firstBroken: BrokenEvent | null;
  /** The last whole walk. */
  verifiedAt: Date;
  /** The last time the verified point moved (a whole walk, or going on from the point before). */
  checkedAt: Date;
}

interface CheckRow {
  state: "ok" | "broken";
  through_seq: bigint | null;
  through_hash: string | null;
  checked: bigint;
  anchor_seq: bigint | null;
  first_broken: (Omit<BrokenEvent, "occurredAt"> & { occurredAt: string | null }) | null;
  verified_at: Date;
  checked_at: Date | null;
}

/** The organization's last recorded whole walk, or null when none finished yet. In the organization's scope. */
export async function readChainCheck(prisma: Db, organizationId: string): Promise<RecordedChainCheck | null> {
  const [row] = await prisma.$queryRaw<CheckRow[]>`
    SELECT state, through_seq, through_hash, checked, anchor_seq, first_broken, verified_at, checked_at FROM audit_chain_checks
    WHERE organization_id = ${organizationId}::uuid AND state IS NOT NULL AND verified_at IS NOT NULL`;
  if (!row) return null;
  const checked = Number(row.checked);
  return {
    state: row.state,
    through:
      row.state === "ok" && row.through_seq !== null && row.through_hash !== null
        ? { seq: BigInt(row.through_seq), hash: row.through_hash, checked, anchorSeq: row.anchor_seq === null ? null : BigInt(row.anchor_seq) }
        : null,
    checked,
    firstBroken: row.first_broken ? { ...row.first_broken, occurredAt: row.first_broken.occurredAt ? new Date(row.first_broken.occurredAt) : null } : null,
    verifiedAt: row.verified_at,
    checkedAt: row.checked_at ?? row.verified_at,
  };
}

/** Writes a whole walk's result (and lets go of the claim). In the organization's scope. */
export async function recordChainCheck(prisma: Db, organizationId: string, result: ChainVerification, at = new Date()): Promise<void> {
  const through = result.ok ? (result.through ?? null) : null;
  const firstBroken = result.firstBroken ? JSON.stringify(result.firstBroken) : null;
  await prisma.$executeRaw`
    INSERT INTO audit_chain_checks (organization_id, state, through_seq, through_hash, checked, anchor_seq, first_broken, verified_at, checked_at, started_at)
    VALUES (${organizationId}::uuid, ${result.ok ? "ok" : "broken"}, ${through?.seq ?? null}::bigint, ${through?.hash ?? null},
            ${result.checked}::bigint, ${result.anchorSeq}::bigint, ${firstBroken}::jsonb, ${at}, ${at}, NULL)
    ON CONFLICT (organization_id) DO UPDATE SET state = EXCLUDED.state, through_seq = EXCLUDED.through_seq,
      through_hash = EXCLUDED.through_hash, checked = EXCLUDED.checked, anchor_seq = EXCLUDED.anchor_seq,
      first_broken = EXCLUDED.first_broken, verified_at = EXCLUDED.verified_at, checked_at = EXCLUDED.checked_at, started_at = NULL`;
}

/** Walks the organization's whole chain and records the result. */
export async function verifyAndRecordChain(organizationId: string, at = new Date()): Promise<ChainVerification> {
  const prisma = await db();
  return withOrganization(organizationId, async () => {
    const result = await verifyChain(prisma, organizationId);
    await recordChainCheck(prisma, organizationId, result, at);
    return result;
  });
}

/**
 * Moves an intact recorded point on to the chain's head, checking only the events chained since. A break found here
 * is recorded as a whole walk's would be. Two instances doing it at once both check; only one moves the point.
 */
export async function advanceChainCheck(organizationId: string, at = new Date()): Promise<void> {
  const prisma = await db();
  await withOrganization(organizationId, async () => {
    const recorded = await readChainCheck(prisma, organizationId);
    if (!recorded?.through) return;
    const result = await verifyChain(prisma, organizationId, { from: recorded.through });
    const firstBroken = result.firstBroken ? JSON.stringify(result.firstBroken) : null;
    const through = result.ok ? result.through! : null;
    await prisma.$executeRaw`
      UPDATE audit_chain_checks SET state = ${result.ok ? "ok" : "broken"}, through_seq = ${through?.seq ?? null}::bigint,
        through_hash = ${through?.hash ?? null}, checked = ${result.checked}::bigint, first_broken = ${firstBroken}::jsonb, checked_at = ${at}
      WHERE organization_id = ${organizationId}::uuid AND state = 'ok' AND through_seq = ${recorded.through!.seq}::bigint`;
  });
}

/**
 * The sweeper's pass (every few minutes): every organization whose last whole walk is a day old (or that has none) is
 * walked whole, one at a time; the others' verified point moves on to their newest events. Several instances share
 * the whole walks: each is claimed by one conditional statement (started_at), so one of them walks it.
 */
export async function sweepAuditChains(now = new Date()): Promise<void> {
  const prisma = await db();
  const dueBefore = new Date(now.getTime() - WHOLE_CHECK_EVERY_MS);
  const staleBefore = new Date(now.getTime() - CLAIM_STALE_MS);
  await forEachOrganization(async (id) => {
    const claimed = await withOrganization(id, () =>
      prisma.$queryRaw<{ id: string }[]>`
        INSERT INTO audit_chain_checks (organization_id, started_at) VALUES (${id}::uuid, ${now})
        ON CONFLICT (organization_id) DO UPDATE SET started_at = EXCLUDED.started_at
        WHERE (audit_chain_checks.verified_at IS NULL OR audit_chain_checks.verified_at < ${dueBefore})
          AND (audit_chain_checks.started_at IS NULL OR audit_chain_checks.started_at < ${staleBefore})
        RETURNING organization_id::text AS id`,
    );
    if (claimed.length > 0) await verifyAndRecordChain(id);
    else await advanceChainCheck(id, now);
  }, { isolate: "audit chain verification" });
}

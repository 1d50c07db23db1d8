import "server-only";
import { db } from "../db";

const SWEEP_LOCK = 727003;

export interface DroppedPartition {
  partition: string;
  from: Date;
  to: Date;
  events: number;
}

/**
 * Keeps the audit log's monthly partitions: creates this month's and the next three, and drops each month whose whole
 * range is older than the longest retention of any organization (audit_retention_days), recording the chain anchors
 * and an audit.partition_dropped event first. Both steps run in the database as the tables' owner
 * (migration 20261127010000_audit_integrity), which computes the cutoff itself. One instance at a time: a busy
 * advisory lock means another instance is on it.
 */
export async function sweepAuditPartitions(): Promise<{ created: string[]; dropped: DroppedPartition[]; skipped: boolean }> {
  const prisma = await db();
  return prisma.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${SWEEP_LOCK}) AS locked`;
      if (!lock?.locked) return { created: [], dropped: [], skipped: true };
      const created = await tx.$queryRaw<{ name: string }[]>`SELECT ocn_audit_ensure_partitions() AS name`;
      const dropped = await tx.$queryRaw<{ partition_name: string; range_from: Date; range_to: Date; events: bigint }[]>`
        SELECT partition_name, range_from, range_to, events FROM ocn_audit_drop_expired_partitions()`;
      return {
        created: created.map((r) => r.name),
        dropped: dropped.map((r) => ({ partition: r.partition_name, from: r.range_from, to: r.range_to, events: Number(r.events) })),
        skipped: false,
      };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

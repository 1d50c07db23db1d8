import "server-only";
import { recordAudit } from "../audit";
import { db } from "../db";
import { deliver, queueMail } from "../mail/mailer";
import { forEachOrganization } from "../tenant-lookup";

const SWEEP_LOCK = 727002;
const BATCH = 200;

/**
 * Records ended grants: the end itself needs no job (every check compares with now); this writes the
 * "grant.expired" audit event once per grant and tells the holder and the granter. One sweeper at a time
 * across instances (a transaction-scoped advisory lock); a busy lock means another instance is on it.
 */
export async function sweepExpiredGrants(now = new Date()): Promise<{ recorded: number; skipped: boolean }> {
  // Row-level security: one organization at a time, each in its own scope (and its own transaction).
  const total = { recorded: 0, skipped: false };
  await forEachOrganization(async () => {
    const { recorded, skipped } = await sweepOrganization(now);
    total.recorded += recorded;
    total.skipped ||= skipped;
  });
  return total;
}

async function sweepOrganization(now: Date): Promise<{ recorded: number; skipped: boolean }> {
  const prisma = await db();
  const result = await prisma.$transaction(async (tx) => {
    const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${SWEEP_LOCK}) AS locked`;
    if (!lock?.locked) return { recorded: 0, skipped: true, mailIds: [] as string[] };
    const ended = await tx.roleGrant.findMany({
      where: { endsAt: { lte: now }, revokedAt: null, expiryRecordedAt: null },
      orderBy: { endsAt: "asc" },
      take: BATCH,
      select: {
        id: true,
        organizationId: true,
        endsAt: true,
        role: { select: { key: true, name: true } },
        account: { select: { id: true, loginId: true, email: true, displayName: true, status: true } },
        grantedBy: { select: { email: true, displayName: true, status: true } },
      },
    });
    const mailIds: string[] = [];
    for (const grant of ended) {
      await tx.roleGrant.update({ where: { id: grant.id }, data: { expiryRecordedAt: now } });
      await recordAudit(tx, {
        organizationId: grant.organizationId,
        actorLabel: "system",
        action: "grant.expired",
        targetType: "account",
        targetId: grant.account.id,
        targetLabel: grant.account.loginId,
        outcome: "success",
        occurredAt: now,
        details: { grantId: grant.id, role: grant.role.key ?? grant.role.name, endsAt: grant.endsAt?.toISOString() ?? null },
      });
      const roleLabel = grant.role.name;
      const when = grant.endsAt?.toLocaleString("ja-JP", { timeZone: "Asia/Tokyo" }) ?? "";
      if (grant.account.status !== "disabled") {
        mailIds.push(
          await queueMail(tx, {
            organizationId: grant.organizationId,
            to: grant.account.email,
            subject: "【OCN ビジネスコンソール】期限付き権限が終了しました / A time-limited grant has ended",
            body: [`${grant.account.displayName} 様`, "", `ロール「${roleLabel}」の期限 (${when}) が来たため、この権限は終了しました。`, "引き続き必要な場合は、管理者に申請してください。", "", `Your role "${roleLabel}" ended at ${when}. Ask an administrator if you still need it.`].join("\n"),
          }),
        );
      }
      if (grant.grantedBy && grant.grantedBy.status !== "disabled") {
        mailIds.push(
          await queueMail(tx, {
            organizationId: grant.organizationId,
            to: grant.grantedBy.email,
            subject: "【OCN ビジネスコンソール】付与した期限付き権限が終了しました / A grant you made has ended",
            body: [`${grant.grantedBy.displayName} 様`, "", `${grant.account.displayName} (${grant.account.loginId}) のロール「${roleLabel}」が期限 (${when}) で終了しました。`, "", `The role "${roleLabel}" you granted to ${grant.account.loginId} ended at ${when}.`].join("\n"),
          }),
        );
      }
    }
    return { recorded: ended.length, skipped: false, mailIds };
  });
  await deliver(result.mailIds);
  return { recorded: result.recorded, skipped: result.skipped };
}

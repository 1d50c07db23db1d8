import "server-only";
import { csvLine, formatJst, UTF8_BOM } from "@/lib/policy/account-csv";
import { reviewIdSchema } from "@/lib/schemas/reviews";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { snapshotOf } from "./build-items";

const FLAG_JA: Record<string, string> = {
  no_hr_record: "HR名簿にない",
  hr_terminated: "退職済みなのに有効",
  hr_leave: "休職・出向中なのに有効",
  dormant: "長期未使用",
  sod_conflict: "職務分離の衝突",
  contractor_grant: "委託先の権限期限",
  privileged: "特権",
};
const HR_STATUS_JA: Record<string, string> = { active: "在籍", leave: "休職", seconded: "出向", terminated: "退職" };
const DECISION_JA: Record<string, string> = { keep: "継続", revoke: "取り消し", modify: "変更" };

/** Every item of a campaign — who decided what, when, with which flags, and what applying did — as an Excel-safe CSV. */
export async function exportCampaignReport(input: { id: string }): Promise<{ fileName: string; text: string }> {
  const actor = await authorize("reviews", "view");
  const parsed = reviewIdSchema.safeParse(input);
  if (!parsed.success) throw new AppError("not_found", "No such campaign.");
  const prisma = await db();
  const review = await prisma.accessReview.findFirst({ where: { id: parsed.data.id, organizationId: actor.organizationId }, select: { id: true, quarter: true, title: true } });
  if (!review) throw new AppError("not_found", "No such campaign.");
  const items = await prisma.accessReviewItem.findMany({
    where: { reviewId: review.id },
    orderBy: { id: "asc" },
    select: { flags: true, snapshot: true, decision: true, comment: true, revokeGrantIds: true, modifyEndsAt: true, decidedAt: true, decidedByLabel: true, byDefault: true, appliedAt: true, reviewer: { select: { loginId: true } } },
  });
  let out =
    UTF8_BOM +
    csvLine(["キャンペーン", "OCN ID", "氏名", "社員番号", "部署", "人事の在籍区分", "ロール", "回線", "フラグ", "レビュー担当", "判断", "対象ロール", "終了日", "コメント", "判断者", "判断日時", "既定の処理", "適用日時"]);
  for (const i of [...items].sort((a, b) => snapshotOf(a.snapshot).loginId.localeCompare(snapshotOf(b.snapshot).loginId))) {
    const s = snapshotOf(i.snapshot);
    const roles = (ids: string[]) => s.grants.filter((g) => ids.includes(g.grantId)).map((g) => g.roleName).join("; ");
    out += csvLine([
      review.title,
      s.loginId,
      s.displayName,
      s.employeeNumber,
      s.department,
      s.hrStatus ? (HR_STATUS_JA[s.hrStatus] ?? s.hrStatus) : "",
      s.grants.map((g) => g.roleName).join("; "),
      s.lines.join("; "),
      i.flags.map((f) => FLAG_JA[f] ?? f).join("; "),
      i.reviewer?.loginId ?? "",
      i.decision ? DECISION_JA[i.decision] : "未判断",
      i.decision === "revoke" && i.revokeGrantIds.length === 0 ? "アカウント全体" : roles(i.revokeGrantIds),
      i.modifyEndsAt ? formatJst(i.modifyEndsAt) : "",
      i.comment,
      i.decidedByLabel,
      i.decidedAt ? formatJst(i.decidedAt) : "",
      i.byDefault ? "はい" : "",
      i.appliedAt ? formatJst(i.appliedAt) : "",
    ]);
  }
  const { userAgent } = await clientContext();
  await prisma.$transaction((tx) =>
    recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "review.report_exported",
      targetType: "access_review",
      targetId: review.id,
      targetLabel: review.title,
      outcome: "success",
      ip: actor.ip,
      userAgent,
      details: { items: items.length },
    }),
  );
  return { fileName: `access-review-${review.quarter}-${review.id.slice(0, 8)}.csv`, text: out };
}

import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ruleSettingOf } from "@/lib/policy/detections";
import { updateDetectionRuleSchema, type UpdateDetectionRuleInput } from "@/lib/schemas/detections";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";

/** Switches one detection rule on or off and sets its severity and settings; applies to the next sign-in. */
export async function updateDetectionRule(input: UpdateDetectionRuleInput) {
  const actor = await authorize("security", "manage");
  const parsed = updateDetectionRuleSchema.safeParse(input);
  if (!parsed.success) throw new AppError("invalid", parsed.error.issues[0]!.message, parsed.error.issues[0]!.path.join("."));
  const { kind, enabled, severity, ...params } = parsed.data;
  const { userAgent } = await clientContext();
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${actor.organizationId}::uuid FOR NO KEY UPDATE`;
    const where = { organizationId_kind: { organizationId: actor.organizationId, kind } };
    const row = await tx.detectionRule.findUnique({ where, select: { enabled: true, severity: true, params: true } });
    const before = ruleSettingOf(kind, row);
    const after = { kind, enabled, severity, params };
    if (JSON.stringify(before) === JSON.stringify(after)) return { changed: false, rule: before };
    const data = { enabled, severity, params: params as Prisma.InputJsonObject, updatedById: actor.accountId };
    await tx.detectionRule.upsert({ where, create: { organizationId: actor.organizationId, kind, ...data }, update: data });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "detection.rule_updated",
      targetType: "detection_rule",
      targetId: kind,
      targetLabel: kind,
      outcome: "success",
      ip: actor.ip,
      userAgent,
      details: { before: { enabled: before.enabled, severity: before.severity, params: before.params }, after: { enabled, severity, params } } as Prisma.InputJsonObject,
    });
    return { changed: true, rule: after };
  });
}

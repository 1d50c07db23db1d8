import "server-only";
import { ruleSettingsOf, type RuleSettings } from "@/lib/policy/detections";
import type { Tx } from "../db";

export interface DetectionContext {
  rules: RuleSettings;
  allowedCountries: string[];
  lockoutThreshold: number;
  webhookUrl: string | null;
  organizationName: string;
}

/** The organization's rules in force (stored rows over defaults) and the settings the rules compare with. */
export async function loadDetectionContext(tx: Tx, organizationId: string): Promise<DetectionContext> {
  const [rows, org, lockout] = await Promise.all([
    tx.detectionRule.findMany({ where: { organizationId }, select: { kind: true, enabled: true, severity: true, params: true } }),
    tx.organization.findUnique({ where: { id: organizationId }, select: { name: true, allowedCountries: true, alertWebhookUrl: true } }),
    tx.lockoutPolicy.findUnique({ where: { organizationId }, select: { threshold: true } }),
  ]);
  return {
    rules: ruleSettingsOf(rows),
    allowedCountries: org?.allowedCountries ?? ["JP"],
    lockoutThreshold: lockout?.threshold ?? 10,
    webhookUrl: org?.alertWebhookUrl ?? null,
    organizationName: org?.name ?? "",
  };
}

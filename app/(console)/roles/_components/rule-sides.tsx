import type { SodRuleLike } from "@/lib/policy/separation-of-duties";
import { useTranslations } from "next-intl";
import { usePermissionText, useRuleName } from "./permission-text";

// A rule as people read it: its name, then the two permissions nobody may hold together.
export function RuleSides({ rule, withName = false }: { rule: Omit<SodRuleLike, "id">; withName?: boolean }) {
  const permission = usePermissionText();
  const ruleName = useRuleName();
  const t = useTranslations("rolesArea.sod");
  const sides = (
    <>
      {permission(rule.domainA, rule.levelA)}
      <span aria-hidden className="mx-1 text-neutral-500">
        ×
      </span>
      <span className="sr-only">{t("and")}</span>
      {permission(rule.domainB, rule.levelB)}
    </>
  );
  if (!withName) return sides;
  return (
    <span>
      <span className="font-medium">{ruleName(rule.name)}</span> <span className="text-neutral-600">({sides})</span>
    </span>
  );
}

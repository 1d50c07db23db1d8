import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { DEFAULT_SOD_RULES, type Domain, type Level } from "@/lib/permissions";

// How permissions read on every screen of the area: a level as a chip, a rule's side as a sentence, a rule's name.

// Stronger as the level rises, so the manage cells stand out when scanning the matrix.
const chipTone: Record<Level, string> = {
  manage: "bg-accent-700 font-medium text-white ring-accent-700",
  request: "bg-accent-50 text-accent-800 ring-accent-600/40",
  view: "bg-white text-neutral-700 ring-neutral-400/60",
};

export function LevelChip({ level, className }: { level: Level | undefined; className?: string }) {
  const t = useTranslations("rolesArea.levels");
  if (!level) {
    return (
      <span className={cn("text-neutral-500", className)}>
        <span aria-hidden>—</span>
        <span className="sr-only">{t("none")}</span>
      </span>
    );
  }
  return <span className={cn("inline-flex rounded px-1.5 py-0.5 text-xs whitespace-nowrap ring-1 ring-inset", chipTone[level], className)}>{t(level)}</span>;
}

/** "監査: 管理", "アカウント: 閲覧以上": one side of a rule, or a permission a role would give. */
export function usePermissionText() {
  const t = useTranslations("rolesArea");
  return (domain: Domain, level: Level) => t(`permission.${level}`, { domain: t(`domains.${domain}`) });
}

const DEFAULT_RULE_KEYS = new Set<string>(DEFAULT_SOD_RULES.map((r) => r.key));

/** The default rules are stored by key and shown translated; others as they were typed. */
export function useRuleName() {
  const t = useTranslations("rolesArea.sod.defaultNames");
  return (name: string) => (DEFAULT_RULE_KEYS.has(name) ? t(name as "audit_vs_accounts") : name);
}

/** A role's name: built-in roles by key in the reader's language, custom ones as typed. */
export function useRoleName() {
  const t = useTranslations("roles");
  return (role: { key: string | null; name: string }) => (role.key && t.has(role.key) ? t(role.key as "member") : role.name);
}

import Link from "next/link";
import { useTranslations } from "next-intl";
import { Badge, accountStatusTone } from "@/components/ui/badge";
import type { Domain, Level } from "@/lib/permissions";
import type { RoleRef, SodConflictRow } from "@/lib/server/sod/sod-conflicts";
import { usePermissionText, useRoleName, useRuleName } from "../../_components/permission-text";

// One row per account and rule broken: who, which rule with the roles that bring each of its two sides, and any
// exception written when a grant went ahead.
export function ConflictsTable({ conflicts }: { conflicts: SodConflictRow[] }) {
  const t = useTranslations("rolesArea");
  const tStatus = useTranslations("status");
  const roleName = useRoleName();
  const ruleName = useRuleName();
  const permission = usePermissionText();
  const side = (domain: Domain, level: Level, refs: RoleRef[]) => (
    <div className="contents">
      <dt className="whitespace-nowrap text-neutral-600">{permission(domain, level)}</dt>
      <dd>
        <span className="sr-only">{t("conflicts.broughtBy")}</span>
        {refs.map((r, i) => (
          <span key={r.roleId}>
            {i > 0 ? ", " : null}
            <Link href={`/roles/${r.roleId}`} className="text-accent-700 hover:underline">
              {roleName({ key: r.roleKey, name: r.roleName })}
            </Link>
          </span>
        ))}
      </dd>
    </div>
  );
  return (
    <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white">
      <table className="w-full text-left text-sm" data-testid="conflicts-table">
        <thead className="border-b border-neutral-200 bg-neutral-50 text-xs text-neutral-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
              {t("conflicts.account")}
            </th>
            <th scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
              {t("conflicts.rule")}
            </th>
            <th scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
              {t("conflicts.justification")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-100">
          {conflicts.map((c) => (
            <tr key={`${c.account.id}-${c.rule.id}`} className="align-top">
              <th scope="row" className="min-w-56 px-3 py-2.5 font-normal">
                <Link href={`/accounts/${c.account.id}`} className="font-medium text-accent-700 hover:underline">
                  {c.account.displayName}
                </Link>
                {c.account.status !== "active" ? (
                  <Badge tone={accountStatusTone[c.account.status as keyof typeof accountStatusTone]} className="ml-2">
                    {tStatus(c.account.status as "active")}
                  </Badge>
                ) : null}
                <span className="block text-xs text-neutral-600 [overflow-wrap:anywhere]">{c.account.loginId}</span>
              </th>
              <td className="min-w-72 px-3 py-2.5">
                <p className="font-medium">{ruleName(c.rule.name)}</p>
                <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
                  {side(c.rule.domainA, c.rule.levelA, c.rolesA)}
                  {side(c.rule.domainB, c.rule.levelB, c.rolesB)}
                </dl>
              </td>
              <td className="min-w-48 px-3 py-2.5">
                {c.justifications.length > 0 ? (
                  <ul className="flex flex-col gap-1 text-sm text-neutral-800">
                    {c.justifications.map((j) => (
                      <li key={j} className="whitespace-pre-line">
                        {j}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="text-neutral-600">{t("conflicts.noJustification")}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

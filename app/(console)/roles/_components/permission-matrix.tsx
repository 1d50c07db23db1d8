import Link from "next/link";
import { useTranslations } from "next-intl";
import { DOMAINS } from "@/lib/permissions";
import type { RoleRow } from "@/lib/server/roles/list-roles";
import { LevelChip, useRoleName } from "./permission-text";

// Rows = roles (built-in first, in their fixed order, then custom), columns = the eight areas, cells = the level.
export function PermissionMatrix({ roles, canManage }: { roles: RoleRow[]; canManage: boolean }) {
  const t = useTranslations("rolesArea");
  const roleName = useRoleName();
  const builtIn = roles.filter((r) => r.builtIn);
  const custom = roles.filter((r) => !r.builtIn);
  const columnCount = DOMAINS.length + 2;

  const row = (role: RoleRow) => (
    <tr key={role.id} className="hover:bg-neutral-50">
      <th scope="row" className="px-3 py-2 text-left font-normal">
        <Link href={`/roles/${role.id}`} className="font-medium text-accent-700 hover:underline">
          {roleName(role)}
        </Link>
        {role.sodExempt ? <span className="block text-xs text-neutral-600">{t("matrix.exempt")}</span> : null}
      </th>
      {DOMAINS.map((domain) => (
        <td key={domain} className="px-2 py-2 text-center">
          <LevelChip level={role.permissions[domain]} />
        </td>
      ))}
      <td className="num px-3 py-2 text-right whitespace-nowrap">{t("matrix.holderCount", { count: role.holderCount })}</td>
    </tr>
  );

  const groupHeading = (label: string) => (
    <tr className="bg-neutral-50">
      <th scope="colgroup" colSpan={columnCount} className="px-3 py-1.5 text-left text-xs font-medium text-neutral-600">
        {label}
      </th>
    </tr>
  );

  return (
    <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white">
      <table className="w-full text-sm" data-testid="permission-matrix">
        <caption className="sr-only">{t("matrix.caption")}</caption>
        <thead className="border-b border-neutral-200 bg-neutral-50 text-xs text-neutral-600">
          <tr>
            <th scope="col" className="px-3 py-2 text-left font-medium">
              {t("matrix.role")}
            </th>
            {DOMAINS.map((domain) => (
              <th key={domain} scope="col" className="px-2 py-2 text-center font-medium whitespace-nowrap" title={t(`domainHints.${domain}`)}>
                {t(`domains.${domain}`)}
              </th>
            ))}
            <th scope="col" className="px-3 py-2 text-right font-medium whitespace-nowrap">
              {t("matrix.holders")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-100">
          {groupHeading(t("matrix.builtInGroup"))}
          {builtIn.map(row)}
          {groupHeading(t("matrix.customGroup"))}
          {custom.length > 0 ? (
            custom.map(row)
          ) : (
            <tr>
              <td colSpan={columnCount} className="px-3 py-4 text-sm text-neutral-600">
                <span className="font-medium text-neutral-800">{t("matrix.noCustom")}</span> {canManage ? t("matrix.noCustomHint") : null}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

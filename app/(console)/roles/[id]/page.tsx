import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ChevronLeft, Info, Pencil, TriangleAlert } from "lucide-react";
import { Badge, accountStatusTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SimpleTable } from "@/components/ui/simple-table";
import { DOMAINS } from "@/lib/permissions";
import { formatDateTime } from "@/lib/format";
import { getRoleOrThrow } from "@/lib/server/roles/get-role-or-throw";
import { load } from "@/lib/server/page";
import { LevelChip } from "../_components/permission-text";
import { RuleSides } from "../_components/rule-sides";
import { SavedNotice } from "../_components/saved-notice";
import { DeleteRoleButton } from "./_components/delete-role-button";

type Params = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const role = await load(() => getRoleOrThrow({ id }));
  const t = await getTranslations("roles");
  return { title: role.key && t.has(role.key) ? t(role.key as "member") : role.name };
}

export default async function RolePage({ params, searchParams }: Params) {
  const { id } = await params;
  const notice = (await searchParams).saved;
  const role = await load(() => getRoleOrThrow({ id }));
  const t = await getTranslations("rolesArea");
  const tRoles = await getTranslations("roles");
  const tStatus = await getTranslations("status");
  const name = role.key && tRoles.has(role.key) ? tRoles(role.key as "member") : role.name;
  const description = role.builtIn && role.key ? t(`builtInDescriptions.${role.key}` as "builtInDescriptions.member") : role.description;
  type Holder = (typeof role.holders)[number];
  const withJustification = role.holders.some((h) => h.sodJustification);

  return (
    <div className="max-w-5xl">
      <Link href="/roles" className="mb-3 inline-flex items-center gap-1 text-sm text-accent-700 hover:underline">
        <ChevronLeft className="size-4" aria-hidden />
        {t("detail.back")}
      </Link>
      {notice === "created" || notice === "updated" || notice === "override" ? (
        <SavedNotice message={t(notice === "created" ? "detail.created" : notice === "updated" ? "detail.updated" : "detail.updatedWithOverride", { name })} />
      ) : null}
      <div className="mb-5 flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-xl font-semibold break-all">{name}</h1>
            <Badge tone={role.builtIn ? "grey" : "blue"}>{role.builtIn ? t("kind.builtIn") : t("kind.custom")}</Badge>
          </div>
          <p className="mt-1 max-w-3xl text-sm whitespace-pre-line text-neutral-600">{description ?? t("detail.noDescription")}</p>
        </div>
        {role.canManage ? (
          <div className="flex flex-wrap gap-2">
            <Button asChild variant="secondary">
              <Link href={`/roles/${role.id}/edit`}>
                <Pencil className="size-4" aria-hidden />
                {t("detail.edit")}
              </Link>
            </Button>
            <DeleteRoleButton roleId={role.id} name={name} holderCount={role.holders.length} />
          </div>
        ) : null}
      </div>

      {role.builtIn ? <p className="mb-4 text-sm text-neutral-600">{t("detail.builtInNote")}</p> : null}
      {role.sodExempt ? (
        <p className="mb-4 flex gap-2 rounded-md border border-neutral-200 bg-neutral-50 px-3 py-2 text-sm text-neutral-700">
          <Info className="mt-0.5 size-4 shrink-0" aria-hidden />
          {t("detail.exemptNote")}
        </p>
      ) : null}
      {role.ownConflicts.length > 0 ? (
        <div className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p className="flex gap-2">
            <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
            {t("detail.ownConflicts")}
          </p>
          <ul className="mt-1 list-disc pl-10">
            {role.ownConflicts.map((rule) => (
              <li key={rule.id}>
                <RuleSides rule={rule} withName />
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <section aria-labelledby="role-permissions" className="mb-6">
        <h2 id="role-permissions" className="mb-2 text-base font-semibold">
          {t("detail.permissionsHeading")}
        </h2>
        <Card className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-neutral-200 bg-neutral-50 text-xs text-neutral-600">
              <tr>
                <th scope="col" className="w-40 px-3 py-2 font-medium">
                  {t("detail.scope")}
                </th>
                <th scope="col" className="w-24 px-3 py-2 font-medium">
                  {t("detail.level")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("detail.allows")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-neutral-100">
              {DOMAINS.map((domain) => (
                <tr key={domain} className={role.permissions[domain] ? undefined : "text-neutral-600"}>
                  <th scope="row" className="px-3 py-2 font-medium">
                    {t(`domains.${domain}`)}
                  </th>
                  <td className="px-3 py-2">
                    <LevelChip level={role.permissions[domain]} />
                  </td>
                  <td className="px-3 py-2">{t(`domainHints.${domain}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      </section>

      <section aria-labelledby="role-holders">
        <div className="mb-2 flex items-baseline gap-2">
          <h2 id="role-holders" className="text-base font-semibold">
            {t("detail.holdersHeading")}
          </h2>
          <span className="num text-sm text-neutral-600">{t("detail.holderCount", { count: role.holders.length })}</span>
        </div>
        <SimpleTable<Holder>
          empty={t("detail.noHolders")}
          rows={role.holders}
          rowKey={(h) => h.grantId}
          columns={[
            {
              header: t("detail.name"),
              cell: (h) => (
                <span className="inline-flex items-center gap-2 whitespace-nowrap">
                  <Link href={`/accounts/${h.account.id}`} className="font-medium text-accent-700 hover:underline">
                    {h.account.displayName}
                  </Link>
                  {h.account.status !== "active" ? <Badge tone={accountStatusTone[h.account.status]}>{tStatus(h.account.status)}</Badge> : null}
                </span>
              ),
            },
            { header: t("detail.loginId"), cell: (h) => <span className="whitespace-nowrap">{h.account.loginId}</span> },
            { header: t("detail.endsAt"), cell: (h) => <span className="num whitespace-nowrap">{h.endsAt ? formatDateTime(h.endsAt) : t("detail.noEnd")}</span> },
            { header: t("detail.grantedBy"), cell: (h) =>
                h.grantedBy ? (
                  <Link href={`/accounts/${h.grantedBy.id}`} className="whitespace-nowrap hover:underline">
                    {h.grantedBy.displayName}
                  </Link>
                ) : (
                  "—"
                ),
            },
            { header: t("detail.startsAt"), cell: (h) => <span className="num whitespace-nowrap">{formatDateTime(h.startsAt)}</span> },
            ...(withJustification ? [{ header: t("detail.justification"), cell: (h: Holder) => <span className="block min-w-64 text-xs">{h.sodJustification ?? "—"}</span> }] : []),
          ]}
        />
      </section>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge, accountStatusTone } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/card";
import { SimpleTable } from "@/components/ui/simple-table";
import { formatDateTime } from "@/lib/format";
import { listSodConflicts } from "@/lib/server/sod/list-sod-conflicts";
import { load } from "@/lib/server/page";
import { RolesTabs } from "../_components/roles-tabs";
import { ConflictsTable } from "./_components/conflicts-table";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("rolesArea");
  return { title: `${t("tabs.conflicts")} | ${t("title")}` };
}

export default async function SodConflictsPage() {
  const data = await load(listSodConflicts);
  const t = await getTranslations("rolesArea");
  const tRoles = await getTranslations("roles");
  const tStatus = await getTranslations("status");
  const people = new Set(data.conflicts.map((c) => c.account.id)).size;
  type Privileged = (typeof data.privileged)[number];
  return (
    <div className="max-w-6xl">
      <PageHeader title={t("title")} description={t("description")} />
      <RolesTabs />
      <p className="mb-4 text-sm text-neutral-700">{t("conflicts.description")}</p>

      {data.ruleCount === 0 ? (
        <div className="rounded-lg border border-dashed border-neutral-300 bg-white px-6 py-12 text-center">
          <p className="font-medium">{t("conflicts.noRules")}</p>
          <p className="mt-1 text-sm text-neutral-600">
            <Link href="/roles/sod" className="text-accent-700 hover:underline">
              {t("conflicts.noRulesHint")}
            </Link>
          </p>
        </div>
      ) : data.conflicts.length === 0 ? (
        <div className="rounded-lg border border-dashed border-neutral-300 bg-white px-6 py-12 text-center">
          <p className="font-medium">{t("conflicts.empty")}</p>
        </div>
      ) : (
        <>
          <p className="num mb-2 text-sm font-medium text-red-800" data-testid="conflict-summary">
            {t("conflicts.summary", { count: data.conflicts.length, people })}
          </p>
          <ConflictsTable conflicts={data.conflicts} />
        </>
      )}

      <section aria-labelledby="privileged-heading" className="mt-8">
        <div className="mb-1 flex items-baseline gap-2">
          <h2 id="privileged-heading" className="text-base font-semibold">
            {t("conflicts.privilegedHeading")}
          </h2>
          <span className="num text-sm text-neutral-600">{t("conflicts.privilegedCount", { count: data.privileged.length })}</span>
        </div>
        <p className="mb-3 text-sm text-neutral-600">{t("conflicts.privilegedDescription")}</p>
        <SimpleTable<Privileged>
          empty={t("conflicts.noPrivileged")}
          rows={data.privileged}
          rowKey={(p) => p.account.id}
          columns={[
            {
              header: t("conflicts.account"),
              cell: (p) => (
                <span className="inline-flex flex-wrap items-center gap-2">
                  <Link href={`/accounts/${p.account.id}`} className="font-medium text-accent-700 hover:underline">
                    {p.account.displayName}
                  </Link>
                  {p.account.status !== "active" ? (
                    <Badge tone={accountStatusTone[p.account.status as keyof typeof accountStatusTone]}>{tStatus(p.account.status as "active")}</Badge>
                  ) : null}
                </span>
              ),
            },
            { header: t("detail.loginId"), cell: (p) => <span className="break-all">{p.account.loginId}</span> },
            { header: t("conflicts.role"), cell: (p) => p.grants.map((g) => (g.roleKey && tRoles.has(g.roleKey) ? tRoles(g.roleKey as "member") : g.roleName)).join(", ") },
            {
              header: t("conflicts.endsAt"),
              cell: (p) => (
                <span className="num whitespace-nowrap">
                  {p.grants.some((g) => g.endsAt === null) ? t("conflicts.noEnd") : formatDateTime(p.grants.map((g) => g.endsAt!).sort((a, b) => b.getTime() - a.getTime())[0])}
                </span>
              ),
            },
          ]}
        />
      </section>
    </div>
  );
}

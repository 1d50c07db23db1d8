import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ChevronLeft } from "lucide-react";
import { Badge, accountStatusTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { SimpleTable } from "@/components/ui/simple-table";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { formatDateTime } from "@/lib/format";
import { getAccountOrThrow } from "@/lib/server/accounts/get-account-or-throw";
import { load } from "@/lib/server/page";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const account = await load(() => getAccountOrThrow({ id }));
  return { title: account.displayName };
}

export default async function AccountPage({ params }: Params) {
  const { id } = await params;
  const account = await load(() => getAccountOrThrow({ id }));
  const t = await getTranslations();
  const roleName = (key: string | null, name: string) => (key ? t(`roles.${key}` as "roles.member") : name);
  const fields: [string, React.ReactNode][] = [
    [t("accounts.columns.loginId"), <span className="break-all">{account.loginId}</span>],
    [t("account.email"), <span className="break-all">{account.email}</span>],
    [t("account.nameKana"), account.nameKana ?? "—"],
    [t("accounts.columns.employeeNumber"), <span className="num">{account.employeeNumber ?? "—"}</span>],
    [t("accounts.columns.department"), account.department ?? "—"],
    [t("accounts.columns.kind"), t(`kind.${account.kind}`)],
    ...(account.contractorCompany ? ([[t("account.contractorCompany"), account.contractorCompany]] as [string, React.ReactNode][]) : []),
    [t("accounts.columns.lastSignInAt"), account.lastSignInAt ? formatDateTime(account.lastSignInAt) : t("accounts.neverSignedIn")],
    [t("account.passwordChangedAt"), formatDateTime(account.passwordChangedAt)],
    ...(account.lockedUntil ? ([[t("account.lockedUntil"), formatDateTime(account.lockedUntil)]] as [string, React.ReactNode][]) : []),
    [t("account.createdAt"), formatDateTime(account.createdAt)],
  ];
  const outcome = (o: "success" | "failure", reason: string | null) =>
    o === "success" ? (
      <Badge tone="green">{t("account.success")}</Badge>
    ) : (
      <span className="inline-flex flex-wrap items-center gap-1">
        <Badge tone="red">{t("account.failure")}</Badge>
        {reason ? <span className="text-xs text-neutral-600">{t.has(`failureReason.${reason}`) ? t(`failureReason.${reason}` as "failureReason.locked") : reason}</span> : null}
      </span>
    );
  return (
    <div>
      <Link href="/accounts" className="mb-3 inline-flex items-center gap-1 text-sm text-accent-700 hover:underline">
        <ChevronLeft className="size-4" aria-hidden />
        {t("accounts.title")}
      </Link>
      <div className="mb-5 flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">{account.displayName}</h1>
        <Badge tone={accountStatusTone[account.status]}>{t(`status.${account.status}`)}</Badge>
        {account.kind === "contractor" ? <Badge tone="amber">{t("kind.contractor")}</Badge> : null}
      </div>
      <Tabs defaultValue="overview">
        <TabsList>
          <TabsTrigger value="overview">{t("account.tabs.overview")}</TabsTrigger>
          <TabsTrigger value="permissions">{t("account.tabs.permissions")}</TabsTrigger>
          <TabsTrigger value="lines">{t("account.tabs.lines")}</TabsTrigger>
          <TabsTrigger value="signIns">{t("account.tabs.signIns")}</TabsTrigger>
          <TabsTrigger value="audit">{t("account.tabs.audit")}</TabsTrigger>
        </TabsList>
        <TabsContent value="overview">
          <Card className="p-4">
            <dl className="grid grid-cols-1 gap-x-8 gap-y-3 text-sm sm:grid-cols-2">
              {fields.map(([label, value]) => (
                <div key={label}>
                  <dt className="text-xs text-neutral-600">{label}</dt>
                  <dd className="mt-0.5">{value}</dd>
                </div>
              ))}
            </dl>
          </Card>
          <p className="mt-3 text-xs text-neutral-600">{t("account.readOnlyNote")}</p>
        </TabsContent>
        <TabsContent value="permissions">
          <SimpleTable
            empty={t("account.noGrants")}
            headers={[t("account.role"), t("account.grantedBy"), t("account.grantedAt"), t("account.endsAt"), t("account.reason")]}
            rows={account.grants.map((g) => [
              <span className="font-medium">{roleName(g.role.key, g.role.name)}</span>,
              g.grantedBy?.displayName ?? "—",
              <span className="num">{formatDateTime(g.createdAt)}</span>,
              g.endsAt ? (
                <span className="inline-flex items-center gap-1">
                  <span className="num">{formatDateTime(g.endsAt)}</span>
                  {g.expired ? <Badge tone="grey">{t("account.expired")}</Badge> : null}
                </span>
              ) : (
                t("account.noEnd")
              ),
              g.reason ?? "—",
            ])}
          />
        </TabsContent>
        <TabsContent value="lines">
          <SimpleTable
            empty={t("account.noLines")}
            headers={[t("account.phoneNumber"), t("account.simType"), t("account.plan"), t("account.lineStatus")]}
            rows={account.lines.map((l) => [
              <span className="num">{l.phoneNumber}</span>,
              t(`simType.${l.simType}`),
              l.plan,
              t(`lineStatus.${l.status}`),
            ])}
          />
        </TabsContent>
        <TabsContent value="signIns">
          <SimpleTable
            empty={t("account.noSignIns")}
            headers={[t("account.time"), t("account.result"), t("account.ip"), t("account.country"), t("account.device")]}
            rows={account.signIns.map((e) => [
              <span className="num whitespace-nowrap">{formatDateTime(e.occurredAt)}</span>,
              outcome(e.outcome, e.reason),
              <span className="num">{e.ip ?? "—"}</span>,
              e.country ?? "—",
              <span className="line-clamp-1 max-w-72 text-xs text-neutral-600" title={e.userAgent ?? undefined}>
                {e.userAgent ?? "—"}
              </span>,
            ])}
          />
        </TabsContent>
        <TabsContent value="audit">
          <SimpleTable
            empty={t("account.noAudit")}
            headers={[t("account.time"), t("account.action"), t("account.actor"), t("account.result")]}
            rows={account.auditTrail.map((e) => [
              <span className="num whitespace-nowrap">{formatDateTime(e.occurredAt)}</span>,
              <code className="text-xs">{e.action}</code>,
              e.actorLabel ?? "—",
              outcome(e.outcome, e.reason),
            ])}
          />
        </TabsContent>
      </Tabs>
    </div>
  );
}

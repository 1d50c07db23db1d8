import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ChevronLeft } from "lucide-react";
import { Badge, accountStatusTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DetailList, type DetailItem } from "@/components/ui/detail-list";
import { SimpleTable, type SimpleColumn } from "@/components/ui/simple-table";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { formatDateTime } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { NoticeProvider } from "@/components/ui/notice";
import { listGrantableRoles } from "@/lib/server/access/list-grantable-roles";
import { getAccountOrThrow } from "@/lib/server/accounts/get-account-or-throw";
import { load } from "@/lib/server/page";
import { AccountActions } from "./_components/account-actions";
import { GrantsPanel } from "./_components/grants-panel";
import { IncidentAction } from "./_components/incident-action";

type Params = {
  params: Promise<{ id: string }>;
  searchParams?: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const account = await load(() => getAccountOrThrow({ id }));
  return { title: account.displayName };
}

export default async function AccountPage({ params, searchParams }: Params) {
  const { id } = await params;
  const notice = (await searchParams)?.notice;
  const account = await load(() => getAccountOrThrow({ id }));
  const roles =
    account.canManage && account.status !== "disabled"
      ? await load(() => listGrantableRoles())
      : [];
  const t = await getTranslations();
  const roleName = (key: string | null, name: string) =>
    key ? t(`roles.${key}` as "roles.member") : name;
  const items: DetailItem[] = [
    {
      label: t("accounts.columns.loginId"),
      value: <span className="break-all">{account.loginId}</span>,
    },
    {
      label: t("account.email"),
      value: <span className="break-all">{account.email}</span>,
    },
    { label: t("account.nameKana"), value: account.nameKana ?? "—" },
    {
      label: t("accounts.columns.employeeNumber"),
      value: <span className="num">{account.employeeNumber ?? "—"}</span>,
    },
    {
      label: t("accounts.columns.department"),
      value: account.department ?? "—",
    },
    { label: t("accounts.columns.kind"), value: t(`kind.${account.kind}`) },
    ...(account.contractorCompany
      ? [
          {
            label: t("account.contractorCompany"),
            value: account.contractorCompany,
          },
        ]
      : []),
    {
      label: t("accounts.columns.lastSignInAt"),
      value: account.lastSignInAt
        ? formatDateTime(account.lastSignInAt)
        : t("accounts.neverSignedIn"),
    },
    {
      label: t("account.passwordChangedAt"),
      value: formatDateTime(account.passwordChangedAt),
    },
    {
      label: t("account.secondFactor"),
      value: account.totpEnabledAt ? (
        <Badge tone="green">{t("account.mfaEnrolled")}</Badge>
      ) : (
        <Badge tone="amber">{t("account.mfaNotEnrolled")}</Badge>
      ),
    },
    ...(account.mustChangePassword
      ? [
          {
            label: t("account.mustChangePassword"),
            value: <Badge tone="amber">{t("account.atNextSignIn")}</Badge>,
          },
        ]
      : []),
    ...(account.lockedUntil
      ? [
          {
            label: t("account.lockedUntil"),
            value: formatDateTime(account.lockedUntil),
          },
        ]
      : []),
    { label: t("account.createdAt"), value: formatDateTime(account.createdAt) },
    ...(account.status === "invited" && account.invitedAt
      ? [
          {
            label: t("invitation.sentAt"),
            value: formatDateTime(account.invitedAt),
          },
        ]
      : []),
  ];
  type Event = (typeof account.signIns)[number];
  const time: SimpleColumn<Event> = {
    header: t("account.time"),
    cell: (e) => (
      <span className="num whitespace-nowrap">
        {formatDateTime(e.occurredAt)}
      </span>
    ),
  };
  const outcome = (o: "success" | "failure", reason: string | null) =>
    o === "success" ? (
      <Badge tone="green">{t("account.success")}</Badge>
    ) : (
      <span className="inline-flex flex-wrap items-center gap-1">
        <Badge tone="red">{t("account.failure")}</Badge>
        {reason ? (
          <span className="text-xs text-neutral-600">
            {t.has(`failureReason.${reason}`)
              ? t(`failureReason.${reason}` as "failureReason.locked")
              : reason}
          </span>
        ) : null}
      </span>
    );
  const grantRows = account.grants.map((g) => ({
    id: g.id,
    roleLabel: roleName(g.role.key, g.role.name),
    grantedBy: g.grantedBy?.displayName ?? null,
    grantedAt: formatDateTime(g.createdAt),
    endsAt: g.endsAt ? formatDateTime(g.endsAt) : null,
    expired: g.expired,
    reason: g.reason,
    justification: g.sodJustification,
    base: g.role.key === "member",
  }));
  const heldRoleIds = new Set(
    account.grants.filter((g) => !g.expired).map((g) => g.role.id),
  );
  return (
    <NoticeProvider>
      <div>
        <Link
          href="/accounts"
          className="mb-3 inline-flex items-center gap-1 text-sm text-accent-700 hover:underline"
        >
          <ChevronLeft className="size-4" aria-hidden />
          {t("accounts.title")}
        </Link>
        <div className="mb-5 flex flex-wrap items-start justify-between gap-3">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-xl font-semibold">{account.displayName}</h1>
            <Badge tone={accountStatusTone[account.status]}>
              {t(`status.${account.status}`)}
            </Badge>
            {account.kind === "contractor" ? (
              <Badge tone="amber">{t("kind.contractor")}</Badge>
            ) : null}
          </div>
          <div className="flex flex-wrap items-start justify-end gap-2">
            {account.canManage && account.status !== "disabled" ? (
              <Button asChild variant="secondary" size="sm">
                <Link href={`/accounts/${account.id}/edit`}>
                  {t("accountForm.editTitle")}
                </Link>
              </Button>
            ) : null}
            {account.canManage ? (
              <AccountActions
                accountId={account.id}
                status={account.status}
                locked={account.status === "locked"}
                self={account.isSelf}
              />
            ) : null}
            {account.canRespondToIncident &&
            !account.isSelf &&
            account.status !== "disabled" ? (
              <IncidentAction accountId={account.id} />
            ) : null}
          </div>
        </div>
        {notice === "invited" || notice === "saved" ? (
          <p
            role="status"
            className="mb-4 rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900"
          >
            {notice === "invited"
              ? t("accountForm.invited", { email: account.email })
              : t("accountForm.saved")}
          </p>
        ) : null}
        <Tabs defaultValue="overview">
          <TabsList>
            <TabsTrigger value="overview">
              {t("account.tabs.overview")}
            </TabsTrigger>
            <TabsTrigger value="permissions">
              {t("account.tabs.permissions")}
            </TabsTrigger>
            <TabsTrigger value="lines">{t("account.tabs.lines")}</TabsTrigger>
            <TabsTrigger value="signIns">
              {t("account.tabs.signIns")}
            </TabsTrigger>
            <TabsTrigger value="audit">{t("account.tabs.audit")}</TabsTrigger>
          </TabsList>
          <TabsContent value="overview">
            <Card className="p-4">
              <DetailList items={items} />
            </Card>
            {account.incidents.length > 0 ? (
              <div className="mt-4">
                <h2 className="mb-2 text-sm font-semibold">
                  {t("incident.history")}
                </h2>
                <SimpleTable
                  empty=""
                  rows={account.incidents}
                  rowKey={(i) => i.id}
                  columns={[
                    {
                      header: t("incident.detectedAtColumn"),
                      cell: (i) => (
                        <span className="num whitespace-nowrap">
                          {formatDateTime(i.detectedAt)}
                        </span>
                      ),
                    },
                    {
                      header: t("incident.notifiedAt"),
                      cell: (i) => (
                        <span className="num whitespace-nowrap">
                          {formatDateTime(i.notifiedAt)}
                        </span>
                      ),
                    },
                    {
                      header: t("incident.sla"),
                      cell: (i) => (
                        <Badge tone={i.slaMet ? "green" : "red"}>
                          {t(
                            i.slaMet
                              ? "incident.slaMetShort"
                              : "incident.slaMissedShort",
                            { minutes: i.slaMinutes },
                          )}
                        </Badge>
                      ),
                    },
                    {
                      header: t("incident.reasonColumn"),
                      cell: (i) => i.reason,
                    },
                    {
                      header: t("incident.openedBy"),
                      cell: (i) => i.openedBy?.displayName ?? "—",
                    },
                  ]}
                />
              </div>
            ) : null}
          </TabsContent>
          <TabsContent value="permissions">
            <GrantsPanel
              accountId={account.id}
              contractor={account.kind === "contractor"}
              rows={grantRows}
              roles={roles
                .filter((r) => r.key !== "member" && !heldRoleIds.has(r.id))
                .map((r) => ({
                  id: r.id,
                  label: roleName(r.key, r.name),
                  aboveMine: r.aboveMine,
                }))}
              canGrant={
                account.canManage &&
                !account.isSelf &&
                account.status !== "disabled"
              }
              canRequest={
                account.canRequest &&
                !account.isSelf &&
                account.status !== "disabled"
              }
              canRevoke={account.canManage && !account.isSelf}
              ruleLabel={t.raw("sodRuleNames") as Record<string, string>}
            />
          </TabsContent>
          <TabsContent value="lines">
            <SimpleTable
              empty={t("account.noLines")}
              rows={account.lines}
              rowKey={(l) => l.id}
              columns={[
                {
                  header: t("account.phoneNumber"),
                  cell: (l) => <span className="num">{l.phoneNumber}</span>,
                },
                {
                  header: t("account.simType"),
                  cell: (l) => t(`simType.${l.simType}`),
                },
                { header: t("account.plan"), cell: (l) => l.plan },
                {
                  header: t("account.lineStatus"),
                  cell: (l) => t(`lineStatus.${l.status}`),
                },
              ]}
            />
          </TabsContent>
          <TabsContent value="signIns">
            <SimpleTable
              empty={t("account.noSignIns")}
              rows={account.signIns}
              rowKey={(e) => e.id}
              columns={[
                time,
                {
                  header: t("account.result"),
                  cell: (e) => outcome(e.outcome, e.reason),
                },
                {
                  header: t("account.ip"),
                  cell: (e) => <span className="num">{e.ip ?? "—"}</span>,
                },
                { header: t("account.country"), cell: (e) => e.country ?? "—" },
                {
                  header: t("account.device"),
                  cell: (e) => (
                    <span
                      className="line-clamp-1 max-w-72 text-xs text-neutral-600"
                      title={e.userAgent ?? undefined}
                    >
                      {e.userAgent ?? "—"}
                    </span>
                  ),
                },
              ]}
            />
          </TabsContent>
          <TabsContent value="audit">
            <SimpleTable
              empty={t("account.noAudit")}
              rows={account.auditTrail}
              rowKey={(e) => e.id}
              columns={[
                time,
                {
                  header: t("account.action"),
                  cell: (e) => <code className="text-xs">{e.action}</code>,
                },
                {
                  header: t("account.actor"),
                  cell: (e) => e.actorLabel ?? "—",
                },
                {
                  header: t("account.result"),
                  cell: (e) => outcome(e.outcome, e.reason),
                },
              ]}
            />
          </TabsContent>
        </Tabs>
      </div>
    </NoticeProvider>
  );
}

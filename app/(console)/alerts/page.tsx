import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Search } from "lucide-react";
import { Pagination } from "@/components/data-table/pagination";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/input";
import { formatDateTime, formatNumber } from "@/lib/format";
import { ALERT_KINDS, ALERT_PAGE_SIZES, ALERT_SEVERITIES, ALERT_STATUS_FILTERS } from "@/lib/schemas/alerts";
import { listAlerts } from "@/lib/server/alerts/list-alerts";
import { load } from "@/lib/server/page";
import { hrefWith } from "@/lib/url-state";
import { kindName, severityTone, statusTone, whySentence } from "./_components/alert-text";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("alerts"))("title") };
}

const DEFAULTS = { status: "active", page: 1, pageSize: 50 };

/** An OCN ID may wrap before its "@" (and only there) in a narrow column. */
const breakable = (label: string) => {
  const at = label.indexOf("@");
  return at > 0 ? (
    <>
      <span className="whitespace-nowrap">{label.slice(0, at)}</span>
      <wbr />
      <span className="whitespace-nowrap">{label.slice(at)}</span>
    </>
  ) : (
    <span className="break-all">{label}</span>
  );
};

// The alert list: a plain GET form, so filters and paging live in the URL; most recently seen first.
export default async function AlertsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const one = (k: string) => (typeof raw[k] === "string" ? (raw[k] as string) : undefined);
  const result = await load(() =>
    listAlerts({
      status: one("status"),
      severity: one("severity"),
      kind: one("kind"),
      assignee: one("assignee"),
      q: one("q"),
      from: one("from"),
      to: one("to"),
      page: one("page"),
      pageSize: one("pageSize"),
    }),
  );
  const t = await getTranslations();
  const { query } = result;
  const state = {
    status: query.status,
    severity: query.severity,
    kind: query.kind,
    assignee: query.assignee,
    q: query.q,
    from: query.from,
    to: query.to,
    page: query.page,
    pageSize: query.pageSize,
  };
  const filtered = Boolean(query.severity || query.kind || query.assignee || query.q || query.from || query.to || query.status !== "active");
  const label = (id: string, text: string) => (
    <label htmlFor={id} className="mb-0.5 block text-xs text-neutral-600">
      {text}
    </label>
  );
  const assigneeKnown = !query.assignee || query.assignee === "me" || query.assignee === "unassigned" || result.assignees.some((p) => p.id === query.assignee);
  return (
    <div>
      <PageHeader title={t("alerts.title")} description={t("alerts.description")} />
      <form method="get" action="/alerts" role="search" className="mb-3 flex flex-wrap items-end gap-2">
        <div className="min-w-56 flex-1">
          {label("alerts-q", t("alerts.filters.q"))}
          <div className="relative">
            <Search className="pointer-events-none absolute left-2.5 top-2.5 size-4 text-neutral-500" aria-hidden />
            <Input id="alerts-q" name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("alerts.filters.qPlaceholder")} className="pl-8" />
          </div>
        </div>
        <div>
          {label("alerts-status", t("alerts.filters.status"))}
          <Select id="alerts-status" name="status" defaultValue={query.status}>
            {ALERT_STATUS_FILTERS.map((s) => (
              <option key={s} value={s}>
                {s === "active" || s === "all" ? t(`alerts.statusFilter.${s}`) : t(`alerts.status.${s}`)}
              </option>
            ))}
          </Select>
        </div>
        <div>
          {label("alerts-severity", t("alerts.filters.severity"))}
          <Select id="alerts-severity" name="severity" defaultValue={query.severity ?? ""}>
            <option value="">{t("common.all")}</option>
            {ALERT_SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(`alerts.severity.${s}`)}
              </option>
            ))}
          </Select>
        </div>
        <div>
          {label("alerts-kind", t("alerts.filters.kind"))}
          <Select id="alerts-kind" name="kind" defaultValue={query.kind ?? ""} className="max-w-56">
            <option value="">{t("common.all")}</option>
            {ALERT_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindName(t, k)}
              </option>
            ))}
          </Select>
        </div>
        <div>
          {label("alerts-assignee", t("alerts.filters.assignee"))}
          <Select id="alerts-assignee" name="assignee" defaultValue={query.assignee ?? ""} className="max-w-52">
            <option value="">{t("common.all")}</option>
            <option value="me">{t("alerts.assigneeFilter.me")}</option>
            <option value="unassigned">{t("alerts.assigneeFilter.unassigned")}</option>
            {result.assignees.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
              </option>
            ))}
            {assigneeKnown ? null : <option value={query.assignee}>{query.assignee}</option>}
          </Select>
        </div>
        <div className="w-36">
          {label("alerts-from", t("alerts.filters.from"))}
          <Input id="alerts-from" name="from" defaultValue={query.from ?? ""} placeholder="2026-11-01" />
        </div>
        <div className="w-36">
          {label("alerts-to", t("alerts.filters.to"))}
          <Input id="alerts-to" name="to" defaultValue={query.to ?? ""} placeholder="2026-11-30" />
        </div>
        <div>
          {label("alerts-pageSize", t("alerts.filters.pageSize"))}
          <Select id="alerts-pageSize" name="pageSize" defaultValue={String(query.pageSize)}>
            {ALERT_PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit" variant="secondary">
          {t("common.apply")}
        </Button>
        <Link href="/alerts" className="h-9 px-2 text-sm leading-9 text-accent-700 hover:underline">
          {t("common.clear")}
        </Link>
      </form>
      {result.alerts.length === 0 ? (
        <div className="rounded-lg border border-dashed border-neutral-300 bg-white px-6 py-12 text-center">
          <p className="font-medium">{filtered ? t("alerts.empty") : t("alerts.emptyActive")}</p>
          {query.status !== "all" ? <p className="mt-1 text-sm text-neutral-600">{t("alerts.emptyHint")}</p> : null}
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white">
          <table className="w-full text-sm">
            <thead className="bg-neutral-50 text-left text-xs text-neutral-600">
              <tr>
                <th className="whitespace-nowrap px-3 py-2 font-medium">{t("alerts.columns.severity")}</th>
                <th className="whitespace-nowrap px-3 py-2 font-medium">{t("alerts.columns.kind")}</th>
                <th className="whitespace-nowrap px-3 py-2 font-medium">{t("alerts.columns.subject")}</th>
                <th className="whitespace-nowrap px-3 py-2 text-right font-medium">{t("alerts.columns.count")}</th>
                <th className="whitespace-nowrap px-3 py-2 font-medium">{t("alerts.columns.lastSeen")}</th>
                <th className="whitespace-nowrap px-3 py-2 font-medium">{t("alerts.columns.status")}</th>
                <th className="whitespace-nowrap px-3 py-2 font-medium">{t("alerts.columns.assignee")}</th>
              </tr>
            </thead>
            <tbody>
              {result.alerts.map((a) => (
                <tr key={a.id} className="border-t border-neutral-100 hover:bg-neutral-50">
                  <td className="px-3 py-2">
                    <Badge tone={severityTone[a.severity]}>{t(`alerts.severity.${a.severity}`)}</Badge>
                  </td>
                  <td className="min-w-36 px-3 py-2">
                    <Link href={`/alerts/${a.id}`} className="font-medium text-accent-700 hover:underline">
                      {kindName(t, a.kind)}
                    </Link>
                    <span className="block max-w-md text-xs text-neutral-600">{whySentence(t, a.kind, a.why)}</span>
                  </td>
                  <td className="px-3 py-1.5">
                    {a.subjectType === "account" ? null : (
                      <span className="block text-xs text-neutral-600">
                        {t.has(`alerts.subjectType.${a.subjectType}`) ? t(`alerts.subjectType.${a.subjectType}`) : a.subjectType}
                      </span>
                    )}
                    {a.subjectAccountId ? (
                      <Link href={`/accounts/${a.subjectAccountId}`} className="text-accent-700 hover:underline">
                        {breakable(a.subjectLabel ?? a.subjectKey)}
                      </Link>
                    ) : (
                      <span>{breakable(a.subjectLabel ?? a.subjectKey)}</span>
                    )}
                  </td>
                  <td className="num px-3 py-2 text-right">{formatNumber(a.count)}</td>
                  <td className="whitespace-nowrap px-3 py-1.5">
                    <span className="num block">{formatDateTime(a.lastSeenAt)}</span>
                    <span className="block text-xs text-neutral-600">
                      {t("alerts.columns.firstSeen")} <span className="num">{formatDateTime(a.firstSeenAt)}</span>
                    </span>
                  </td>
                  <td className="px-3 py-2">
                    <Badge tone={statusTone[a.status]}>{t(`alerts.status.${a.status}`)}</Badge>
                  </td>
                  <td className="max-w-40 truncate px-3 py-2" title={a.assignee?.loginId}>
                    {a.assignee ? a.assignee.displayName : <span className="text-neutral-500">{t("alerts.unassigned")}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        page={query.page}
        pages={result.pages}
        total={result.total}
        pageSize={query.pageSize}
        hrefFor={(page) => hrefWith("/alerts", state, { page }, DEFAULTS)}
      />
    </div>
  );
}

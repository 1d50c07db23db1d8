import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Search } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/input";
import { formatDateTime } from "@/lib/format";
import { AUDIT_OUTCOMES } from "@/lib/schemas/audit";
import { listAuditEvents } from "@/lib/server/audit/list-audit-events";
import { load } from "@/lib/server/page";
import { ChainBadge } from "./_components/chain-badge";
import { ExportMenu } from "./_components/export-menu";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

const FIELDS = ["from", "to", "actor", "target", "action", "outcome", "ip", "country"] as const;

// The audit explorer: a plain GET form, so every filter lives in the URL; pages follow a keyset cursor.
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const one = (k: string) => (typeof raw[k] === "string" ? (raw[k] as string) : undefined);
  const input = Object.fromEntries([...FIELDS, "cursor", "pageSize"].map((k) => [k, one(k)]).filter(([, v]) => v !== undefined && v !== ""));
  const result = await load(() => listAuditEvents(input));
  const t = await getTranslations();
  const kept = Object.fromEntries(FIELDS.map((k) => [k, one(k)]).filter(([, v]) => v));
  const nextHref = result.nextCursor ? `/audit?${new URLSearchParams({ ...kept, cursor: result.nextCursor }).toString()}` : null;
  const field = (name: (typeof FIELDS)[number], props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <div>
      <label htmlFor={`audit-${name}`} className="mb-0.5 block text-xs text-neutral-600">
        {t(`audit.filters.${name}`)}
      </label>
      <Input id={`audit-${name}`} name={name} defaultValue={one(name) ?? ""} {...props} />
    </div>
  );
  return (
    <div>
      <PageHeader
        title={t("audit.title")}
        description={t("audit.description")}
        actions={
          <>
            <ChainBadge />
            <Link href="/audit/weekly" className="text-sm text-accent-700 underline-offset-2 hover:underline">
              {t("weeklyAudit.title")}
            </Link>
          </>
        }
      />
      <form method="get" action="/audit" role="search" className="mb-3 grid gap-2 rounded-lg border border-neutral-200 bg-white p-3 sm:grid-cols-4 lg:grid-cols-8">
        {field("from", { placeholder: "2026-11-01" })}
        {field("to", { placeholder: "2026-11-30" })}
        {field("actor")}
        {field("target")}
        {field("action", { placeholder: "auth.*" })}
        <div>
          <label htmlFor="audit-outcome" className="mb-0.5 block text-xs text-neutral-600">
            {t("audit.filters.outcome")}
          </label>
          <Select id="audit-outcome" name="outcome" defaultValue={one("outcome") ?? ""} className="w-full">
            <option value="">{t("common.all")}</option>
            {AUDIT_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`audit.outcome.${o}`)}
              </option>
            ))}
          </Select>
        </div>
        {field("ip", { placeholder: "203.0.113.0/24", "aria-invalid": result.filter.ipError ? true : undefined, "aria-describedby": result.filter.ipError ? "audit-ip-error" : undefined })}
        {field("country", { placeholder: "JP", maxLength: 2 })}
        <div className="flex items-end gap-2 sm:col-span-4 lg:col-span-8">
          <Button type="submit" size="sm">
            <Search className="size-4" aria-hidden />
            {t("common.apply")}
          </Button>
          <Button asChild variant="ghost" size="sm">
            <Link href="/audit">{t("common.clear")}</Link>
          </Button>
          <span className="ml-auto text-sm text-neutral-600">
            {result.capped ? t("audit.totalCapped", { count: result.total }) : t("common.totalCount", { count: result.total })}
          </span>
          <ExportMenu filters={kept as Record<string, string>} />
        </div>
        {result.filter.ipError ? (
          <p id="audit-ip-error" role="alert" className="text-sm text-red-700 sm:col-span-4 lg:col-span-8">
            {t("audit.invalidIp", { text: result.filter.ipText ?? "" })}
          </p>
        ) : null}
      </form>
      <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white">
        <table className="w-full text-sm">
          <thead className="bg-neutral-50 text-left text-xs text-neutral-600">
            <tr>
              <th className="px-3 py-2 font-medium">{t("audit.columns.time")}</th>
              <th className="px-3 py-2 font-medium">{t("audit.columns.actor")}</th>
              <th className="px-3 py-2 font-medium">{t("audit.columns.action")}</th>
              <th className="px-3 py-2 font-medium">{t("audit.columns.target")}</th>
              <th className="px-3 py-2 font-medium">{t("audit.columns.outcome")}</th>
              <th className="px-3 py-2 font-medium">{t("audit.columns.ip")}</th>
              <th className="px-3 py-2 font-medium">{t("audit.columns.country")}</th>
            </tr>
          </thead>
          <tbody>
            {result.events.length === 0 ? (
              <tr>
                <td colSpan={7} className="px-3 py-8 text-center text-neutral-600">
                  {t("audit.empty")}
                </td>
              </tr>
            ) : (
              result.events.map((e) => (
                <tr key={e.id} className="border-t border-neutral-100 hover:bg-neutral-50">
                  <td className="px-3 py-2">
                    <Link href={`/audit/${e.id}`} className="num whitespace-nowrap text-accent-700 hover:underline">
                      {formatDateTime(e.occurredAt)}
                    </Link>
                  </td>
                  <td className="max-w-56 truncate px-3 py-2" title={e.actorLabel ?? undefined}>
                    {e.actorLabel ?? "—"}
                  </td>
                  <td className="px-3 py-2">
                    <code className="text-xs">{e.action}</code>
                  </td>
                  <td className="max-w-56 truncate px-3 py-2" title={e.targetLabel ?? undefined}>
                    {e.targetLabel ?? "—"}
                  </td>
                  <td className="px-3 py-2">
                    <Badge tone={e.outcome === "success" ? "green" : "red"}>{t(`audit.outcome.${e.outcome}`)}</Badge>
                    {e.reason ? <span className="ml-1 text-xs text-neutral-600">{e.reason}</span> : null}
                  </td>
                  <td className="num px-3 py-2">{e.ip ?? "—"}</td>
                  <td className="px-3 py-2">{e.country ?? "—"}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <div className="mt-3 flex justify-end gap-2">
        {one("cursor") ? (
          <Button asChild variant="secondary" size="sm">
            <Link href={`/audit?${new URLSearchParams(kept as Record<string, string>).toString()}`}>{t("audit.newest")}</Link>
          </Button>
        ) : null}
        {nextHref ? (
          <Button asChild variant="secondary" size="sm">
            <Link href={nextHref}>{t("audit.older")}</Link>
          </Button>
        ) : null}
      </div>
    </div>
  );
}

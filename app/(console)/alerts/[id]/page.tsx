import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ChevronLeft, ExternalLink } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatDateTime, formatNumber } from "@/lib/format";
import { REPORTED_ALERT_KINDS } from "@/lib/policy/detections";
import { alertTransitionsFrom } from "@/lib/schemas/alerts";
import { getAlertOrThrow, type AlertDetail } from "@/lib/server/alerts/get-alert-or-throw";
import { load } from "@/lib/server/page";
import { kindName, paramLabel, ruleDescription, severityTone, statusTone, whySentence } from "../_components/alert-text";
import { AlertAssign } from "./_components/alert-assign";
import { AlertCommentForm } from "./_components/alert-comment-form";
import { AlertWorkflow } from "./_components/alert-workflow";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("alerts"))("title") };
}

const JST_MS = 9 * 3_600_000;
/** A JST wall-clock minute as the audit log's filters take it ("2026-11-24T09:30"), rounded down or up. */
const jstMinute = (d: Date, up: boolean) => {
  const ms = Math.floor(d.getTime() / 60_000) * 60_000 + (up ? 60_000 : 0);
  return new Date(ms + JST_MS).toISOString().slice(0, 16);
};

/** The audit log filtered to what the alert is about, over the time it was seen. */
function auditHref(a: AlertDetail["alert"]): string {
  const params = new URLSearchParams();
  if (a.subjectType === "account") params.set("actor", a.subjectAccount?.loginId ?? a.subjectLabel ?? a.subjectKey);
  if (a.subjectType === "ip") params.set("ip", a.subjectKey);
  params.set("action", "auth.*");
  params.set("from", jstMinute(a.firstSeenAt, false));
  params.set("to", jstMinute(a.lastSeenAt, true));
  return `/audit?${params.toString()}`;
}

const Section = ({ id, title, aside, children }: { id: string; title: string; aside?: React.ReactNode; children: React.ReactNode }) => (
  <Card className="p-4" role="region" aria-labelledby={`alert-${id}`}>
    <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
      <h2 id={`alert-${id}`} className="text-sm font-semibold text-neutral-900">
        {title}
      </h2>
      {aside}
    </div>
    {children}
  </Card>
);

// One alert: why it fired, its evidence, its timeline and comments, and the workflow steps the viewer may take.
export default async function AlertPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { alert: a, evidence, assignable, canManage, viewerId } = await load(() => getAlertOrThrow({ id }));
  const t = await getTranslations();
  const name = kindName(t, a.kind);
  const subject = a.subjectAccount?.loginId ?? a.subjectLabel ?? a.subjectKey;
  const why = whySentence(t, a.kind, a.explanation.values);
  const settings = Object.entries(a.explanation.params);
  // A member's report is not a rule: it has no settings, and what it is comes from its description.
  const reported = (REPORTED_ALERT_KINDS as readonly string[]).includes(a.kind);
  const description = settings.length || reported ? ruleDescription(t, a.kind, a.explanation.params) : null;
  const closedAsFalsePositive = a.status === "false_positive";
  const byAt = (person: { displayName: string; loginId: string } | null, at: Date | null) => (
    <>
      {person ? (
        <span className="block" title={person.loginId}>
          {person.displayName}
          <span className="block break-all text-xs text-neutral-600">{person.loginId}</span>
        </span>
      ) : null}
      <span className="num block">{formatDateTime(at)}</span>
    </>
  );
  const timeline = [
    { label: t("alerts.detail.firstSeen"), value: <span className="num">{formatDateTime(a.firstSeenAt)}</span> },
    { label: t("alerts.detail.lastSeen"), value: <span className="num">{formatDateTime(a.lastSeenAt)}</span> },
    { label: t("alerts.detail.count"), value: <span className="num">{formatNumber(a.count)}</span> },
    ...(a.acknowledgedAt ? [{ label: t("alerts.detail.acknowledged"), value: byAt(a.acknowledgedBy, a.acknowledgedAt) }] : []),
    ...(a.resolvedAt
      ? [
          { label: closedAsFalsePositive ? t("alerts.detail.falsePositive") : t("alerts.detail.resolved"), value: byAt(a.resolvedBy, a.resolvedAt) },
          {
            label: closedAsFalsePositive ? t("alerts.detail.fpReason") : t("alerts.detail.resolution"),
            value: <span className="whitespace-pre-wrap">{a.resolution ?? "—"}</span>,
          },
        ]
      : []),
  ];
  return (
    <div>
      <Link href="/alerts" className="mb-3 inline-flex items-center gap-1 text-sm text-accent-700 hover:underline">
        <ChevronLeft className="size-4" aria-hidden />
        {t("alerts.detail.back")}
      </Link>
      <div className="mb-5 flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="break-all text-xl font-semibold text-neutral-900">
              {name}: {subject}
            </h1>
            <Badge tone={severityTone[a.severity]}>{t(`alerts.severity.${a.severity}`)}</Badge>
            <Badge tone={statusTone[a.status]} data-testid="alert-status">
              {t(`alerts.status.${a.status}`)}
            </Badge>
          </div>
        </div>
        {canManage ? <AlertWorkflow key={a.status} alertId={a.id} status={a.status} steps={alertTransitionsFrom(a.status)} /> : null}
      </div>
      {canManage ? null : (
        <p className="mb-4 rounded-md border border-neutral-200 bg-neutral-50 px-3 py-2 text-sm text-neutral-700">{t("alerts.detail.viewOnly")}</p>
      )}

      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_17rem]">
        <div className="min-w-0 space-y-4">
          <Section id="why" title={t("alerts.detail.why")}>
            <p className="text-sm text-neutral-900" data-testid="alert-why">
              {why ?? t("alerts.detail.whyMissing")}
            </p>
            <h3 className="mb-1 mt-4 text-xs font-medium text-neutral-600">{reported ? t("alerts.detail.reportedAbout") : t("alerts.detail.settings")}</h3>
            {description ? <p className="mb-2 text-sm text-neutral-700">{description}</p> : null}
            {settings.length ? (
              <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
                {settings.map(([k, v]) => {
                  const { label, unit } = paramLabel(t, k);
                  const value =
                    v === null ? "—" : typeof v === "boolean" ? t(v ? "alerts.detail.yes" : "alerts.detail.no") : typeof v === "number" ? formatNumber(v) : v;
                  return (
                    <div key={k} className="flex justify-between gap-3 border-b border-neutral-100 py-1">
                      <dt className="text-neutral-600">{label}</dt>
                      <dd className="num text-right">
                        {value}
                        {unit && typeof v === "number" ? ` ${unit}` : ""}
                      </dd>
                    </div>
                  );
                })}
              </dl>
            ) : reported ? null : (
              <p className="text-sm text-neutral-600">{t("alerts.detail.noSettings")}</p>
            )}
          </Section>

          <Section
            id="evidence"
            title={t("alerts.detail.evidence")}
            aside={
              <Link href={auditHref(a)} className="inline-flex items-center gap-1 text-sm text-accent-700 hover:underline">
                {t("alerts.detail.viewInAudit")}
                <ExternalLink className="size-3.5" aria-hidden />
              </Link>
            }
          >
            {evidence.length === 0 ? (
              <p className="text-sm text-neutral-600">{t("alerts.detail.noEvidence")}</p>
            ) : (
              <>
                {a.evidenceCount > evidence.length ? (
                  <p className="mb-2 text-xs text-neutral-600">
                    {t("alerts.detail.evidenceNote", { shown: evidence.length, total: formatNumber(a.evidenceCount) })}
                  </p>
                ) : null}
                <div className="overflow-x-auto">
                  <table className="w-full text-sm" aria-label={t("alerts.detail.evidence")}>
                    <thead className="text-left text-xs text-neutral-600">
                      <tr className="border-b border-neutral-200">
                        <th className="whitespace-nowrap py-1.5 pr-3 font-medium">{t("alerts.detail.evidenceColumns.time")}</th>
                        <th className="whitespace-nowrap py-1.5 pr-3 font-medium">{t("alerts.detail.evidenceColumns.actor")}</th>
                        <th className="whitespace-nowrap py-1.5 pr-3 font-medium">{t("alerts.detail.evidenceColumns.action")}</th>
                        <th className="whitespace-nowrap py-1.5 pr-3 font-medium">{t("alerts.detail.evidenceColumns.outcome")}</th>
                        <th className="whitespace-nowrap py-1.5 pr-3 font-medium">{t("alerts.detail.evidenceColumns.ip")}</th>
                        <th className="whitespace-nowrap py-1.5 font-medium">{t("alerts.detail.evidenceColumns.country")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {evidence.map((e) => (
                        <tr key={e.id} className="border-b border-neutral-100 last:border-0">
                          <td className="py-1.5 pr-3">
                            <Link href={`/audit/${e.id}`} className="num whitespace-nowrap text-accent-700 hover:underline">
                              {formatDateTime(e.occurredAt)}
                            </Link>
                          </td>
                          <td className="max-w-32 truncate py-1.5 pr-3" title={e.actorLabel ?? undefined}>
                            {e.actorLabel ?? "—"}
                          </td>
                          <td className="py-1.5 pr-3">
                            <code className="text-xs">{e.action}</code>
                          </td>
                          <td className="py-1.5 pr-3">
                            <Badge tone={e.outcome === "success" ? "green" : "red"}>{t(`alerts.detail.outcome.${e.outcome}`)}</Badge>
                            {e.reason ? <span className="ml-1 text-xs text-neutral-600">{e.reason}</span> : null}
                          </td>
                          <td className="num whitespace-nowrap py-1.5 pr-3">{e.ip ?? "—"}</td>
                          <td className="py-1.5">{e.country ?? "—"}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
          </Section>

          <Section id="comments" title={t("alerts.detail.comments")}>
            {a.comments.length === 0 ? (
              <p className="mb-3 text-sm text-neutral-600">{t("alerts.detail.noComments")}</p>
            ) : (
              <ol className="mb-4 space-y-3" aria-label={t("alerts.detail.comments")}>
                {a.comments.map((c) => (
                  <li key={c.id} className="rounded-md border border-neutral-200 bg-neutral-50 px-3 py-2">
                    <p className="text-xs text-neutral-600">
                      <span className="font-medium text-neutral-800">{c.authorLabel}</span>
                      <span className="num ml-2">{formatDateTime(c.createdAt)}</span>
                    </p>
                    <p className="mt-1 whitespace-pre-wrap break-words text-sm">{c.body}</p>
                  </li>
                ))}
              </ol>
            )}
            {canManage ? <AlertCommentForm alertId={a.id} /> : null}
          </Section>
        </div>

        <div className="space-y-4">
          <Section id="summary" title={t("alerts.detail.summary")}>
            <dl className="space-y-3 text-sm">
              <div>
                <dt className="text-xs text-neutral-600">{t("alerts.detail.subject")}</dt>
                <dd className="mt-0.5 break-all">
                  <span className="mr-1.5 text-xs text-neutral-600">
                    {t.has(`alerts.subjectType.${a.subjectType}`) ? t(`alerts.subjectType.${a.subjectType}`) : a.subjectType}
                  </span>
                  {a.subjectAccount ? (
                    <Link href={`/accounts/${a.subjectAccount.id}`} className="text-accent-700 hover:underline">
                      {subject}
                    </Link>
                  ) : (
                    subject
                  )}
                </dd>
              </div>
              <div>
                <dt className="text-xs text-neutral-600">{t("alerts.detail.assignee")}</dt>
                <dd className="mt-0.5">
                  {canManage ? (
                    <AlertAssign
                      key={a.assignee?.id ?? ""}
                      alertId={a.id}
                      assigneeId={a.assignee?.id ?? null}
                      viewerId={viewerId}
                      people={a.assignee && !assignable.some((p) => p.id === a.assignee!.id) ? [...assignable, a.assignee] : assignable}
                    />
                  ) : a.assignee ? (
                    `${a.assignee.displayName} (${a.assignee.loginId})`
                  ) : (
                    <span className="text-neutral-500">{t("alerts.unassigned")}</span>
                  )}
                </dd>
              </div>
            </dl>
          </Section>
          <Section id="timeline" title={t("alerts.detail.timeline")}>
            <dl className="space-y-3 text-sm">
              {timeline.map((item) => (
                <div key={item.label}>
                  <dt className="text-xs text-neutral-600">{item.label}</dt>
                  <dd className="mt-0.5">{item.value}</dd>
                </div>
              ))}
            </dl>
          </Section>
        </div>
      </div>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ChevronLeft, Printer } from "lucide-react";
import { Badge, accountStatusTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { formatDateTime } from "@/lib/format";
import { endsAccess, type TaskKind } from "@/lib/policy/offboarding";
import { getOffboardingCase } from "@/lib/server/offboarding/get-case";
import { load } from "@/lib/server/page";
import { CaseHistory } from "../_components/case-history";
import { caseStatusTone, jstDateValue, taskStatusTone, type CaseStatus, type TaskStatus } from "../_components/offboarding-text";
import { TaskEvidence } from "../_components/task-evidence";
import { TaskForm } from "../_components/task-form";
import { CancelCaseButton } from "./_components/cancel-case-button";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const data = await load(() => getOffboardingCase(id));
  return {
    title: `${(await getTranslations("offboarding"))("title")}: ${data.case.subjectLabel ?? ""}`,
  };
}

interface SnapshotGrant {
  grantId: string;
  role: string;
  roleName: string;
  startsAt: string;
  endsAt: string | null;
  reason: string | null;
}

const Section = ({ id, title, aside, children }: { id: string; title: string; aside?: React.ReactNode; children: React.ReactNode }) => (
  <Card className="p-4" role="region" aria-labelledby={`case-${id}`}>
    <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
      <h2 id={`case-${id}`} className="text-sm font-semibold text-neutral-900">
        {title}
      </h2>
      {aside}
    </div>
    {children}
  </Card>
);

// One case: who, what and when, the roles held, the checklist with a form on each task the viewer may close, the history.
export default async function OffboardingCasePage({ params }: Params) {
  const { id } = await params;
  const { case: c, history, cancellable, now, fullView } = await load(() => getOffboardingCase(id));
  const t = await getTranslations();
  const effective = c.effectiveAt <= now;
  const snapshot = (c.grantsSnapshot as SnapshotGrant[] | null) ?? [];
  const closed = c.tasks.filter((task) => task.status !== "open").length;
  const today = jstDateValue(now);
  const roleName = (key: string, name?: string) => (t.has(`roles.${key}`) ? t(`roles.${key}`) : (name ?? key));
  const summary = [
    {
      label: t("offboarding.detail.person"),
      value: c.account ? (
        <>
          <Link href={`/accounts/${c.account.id}`} className="text-accent-700 hover:underline">
            {c.account.displayName}
          </Link>
          <span className="block break-all text-xs text-neutral-600">{c.account.loginId}</span>
        </>
      ) : (
        <span className="break-all">{c.subjectLabel ?? "—"}</span>
      ),
    },
    ...(c.account?.employeeNumber
      ? [
          {
            label: t("offboarding.detail.employeeNumber"),
            value: <span className="num">{c.account.employeeNumber}</span>,
          },
        ]
      : []),
    ...(c.account
      ? [
          {
            label: t("offboarding.detail.department"),
            value: c.account.department?.name ?? "—",
          },
        ]
      : []),
    ...(c.newDepartment
      ? [
          {
            label: t("offboarding.detail.newDepartment"),
            value: c.newDepartment,
          },
        ]
      : []),
    ...(c.account
      ? [
          {
            label: t("offboarding.detail.accountStatus"),
            value: <Badge tone={accountStatusTone[c.account.status]}>{t(`status.${c.account.status}`)}</Badge>,
          },
        ]
      : []),
    {
      label: t("offboarding.detail.effectiveAt"),
      value: (
        <>
          <span className="num block">{formatDateTime(c.effectiveAt)}</span>
          <span className={cn("block text-xs", effective ? "text-neutral-600" : "text-amber-800")} data-testid="case-effective">
            {effective
              ? t("offboarding.detail.effective")
              : endsAccess(c.trigger)
                ? t("offboarding.detail.notEffective")
                : t("offboarding.detail.notEffectiveTransfer")}
          </span>
        </>
      ),
    },
    {
      label: t("offboarding.detail.initiatedBy"),
      value: c.initiatedBy ? `${c.initiatedBy.displayName} (${c.initiatedBy.loginId})` : "—",
    },
    {
      label: t("offboarding.detail.createdAt"),
      value: <span className="num">{formatDateTime(c.createdAt)}</span>,
    },
    ...(c.completedAt
      ? [
          {
            label: t("offboarding.detail.completedAt"),
            value: <span className="num">{formatDateTime(c.completedAt)}</span>,
          },
        ]
      : []),
    ...(c.cancelledAt
      ? [
          {
            label: t("offboarding.detail.cancelledAt"),
            value: <span className="num">{formatDateTime(c.cancelledAt)}</span>,
          },
        ]
      : []),
    ...(c.note
      ? [
          {
            label: t("offboarding.detail.note"),
            value: <span className="whitespace-pre-wrap break-words">{c.note}</span>,
          },
        ]
      : []),
  ];
  const anyMayComplete = c.tasks.some((task) => task.mayComplete);
  return (
    <div>
      <Link href="/offboarding" className="mb-3 inline-flex items-center gap-1 text-sm text-accent-700 hover:underline">
        <ChevronLeft className="size-4" aria-hidden />
        {t("offboarding.detail.back")}
      </Link>
      <div className="mb-5 flex flex-wrap items-start justify-between gap-3">
        <div className="flex min-w-0 flex-1 flex-wrap items-center gap-2">
          <h1 className="break-all text-xl font-semibold text-neutral-900">
            {t(`offboarding.trigger.${c.trigger}`)}: {c.account?.displayName ?? c.subjectLabel}
          </h1>
          <Badge tone={caseStatusTone[c.status as CaseStatus]} data-testid="case-status">
            {t(`offboarding.status.${c.status}`)}
          </Badge>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Link
            href={`/offboarding/${c.id}/print`}
            className="inline-flex h-8 items-center gap-1.5 rounded-md border border-neutral-300 bg-white px-3 text-sm text-neutral-800 hover:bg-neutral-100"
          >
            <Printer className="size-4" aria-hidden />
            {t("offboarding.detail.print")}
          </Link>
          {cancellable ? <CancelCaseButton caseId={c.id} /> : null}
        </div>
      </div>
      {!anyMayComplete && c.status !== "cancelled" && c.status !== "completed" ? (
        <p className="mb-4 rounded-md border border-neutral-200 bg-neutral-50 px-3 py-2 text-sm text-neutral-700">{t("offboarding.detail.viewOnly")}</p>
      ) : null}

      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="min-w-0 space-y-4">
          <Section
            id="checklist"
            title={t("offboarding.detail.checklist")}
            aside={
              <span className="num text-sm text-neutral-600">
                {t("offboarding.detail.checklistSummary", {
                  closed,
                  total: c.tasks.length,
                })}
              </span>
            }
          >
            {c.tasks.length === 0 ? (
              <p className="text-sm text-neutral-600">{t("offboarding.detail.noTasks")}</p>
            ) : (
              <ol className="space-y-3" aria-label={t("offboarding.detail.checklist")}>
                {c.tasks.map((task) => {
                  const kindName = t(`offboarding.task.kind.${task.kind}`);
                  return (
                    <li
                      key={task.id}
                      data-testid="offboarding-task"
                      aria-label={task.line ? `${kindName} ${task.line.phoneNumber}` : kindName}
                      className={cn("rounded-md border px-3 py-3", task.overdue ? "border-red-300 bg-red-50/40" : "border-neutral-200")}
                    >
                      <div className="flex flex-wrap items-center gap-2">
                        <h3 className="font-medium text-neutral-900">{kindName}</h3>
                        <Badge tone={taskStatusTone[task.status as TaskStatus]} data-testid="task-status">
                          {t(`offboarding.task.status.${task.status}`)}
                        </Badge>
                        {task.overdue ? <Badge tone="red">{t("offboarding.task.overdue")}</Badge> : null}
                      </div>
                      <p className="mt-0.5 text-xs text-neutral-600">{t(`offboarding.task.kindHint.${task.kind}`)}</p>
                      <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm">
                        {task.line ? (
                          <div className="flex gap-1.5">
                            <dt className="text-neutral-600">{t("offboarding.detail.line")}</dt>
                            <dd>
                              <Link href={`/lines/${task.line.id}`} className="num text-accent-700 hover:underline">
                                {task.line.phoneNumber}
                              </Link>{" "}
                              <span className="text-neutral-600">
                                ({t(`simType.${task.line.simType}`)} · {t(`lineStatus.${task.line.status}`)})
                              </span>
                            </dd>
                          </div>
                        ) : null}
                        <div className="flex gap-1.5">
                          <dt className="text-neutral-600">{t("offboarding.task.owner")}</dt>
                          <dd>{roleName(task.ownerRoleKey)}</dd>
                        </div>
                        <div className="flex gap-1.5">
                          <dt className="text-neutral-600">{t("offboarding.task.due")}</dt>
                          <dd className={cn("num", task.overdue && "font-medium text-red-700")}>{formatDateTime(task.dueAt)}</dd>
                        </div>
                        {task.escalatedAt && task.status === "open" ? (
                          <div className="text-xs text-red-700">
                            {t("offboarding.task.escalated", {
                              at: formatDateTime(task.escalatedAt),
                            })}
                          </div>
                        ) : null}
                        {task.completedAt ? (
                          <div className="flex gap-1.5">
                            <dt className="text-neutral-600">{t(`offboarding.task.status.${task.status}`)}</dt>
                            <dd className="break-all">
                              {t("offboarding.task.closedBy", {
                                who: task.completedByLabel ?? "—",
                                at: formatDateTime(task.completedAt),
                              })}
                            </dd>
                          </div>
                        ) : null}
                      </dl>
                      {task.status !== "open" ? (
                        <div className="mt-2">
                          <TaskEvidence task={task} />
                        </div>
                      ) : c.status === "cancelled" ? null : !task.mayComplete ? (
                        <p className="mt-2 text-xs text-neutral-600">
                          {t("offboarding.task.noPermission", {
                            owner: roleName(task.ownerRoleKey),
                          })}
                        </p>
                      ) : !effective ? (
                        <p className="mt-2 text-xs text-amber-800">{t("offboarding.task.notYetOpen")}</p>
                      ) : (
                        <div className="mt-3 border-t border-neutral-100 pt-3">
                          <TaskForm taskId={task.id} kind={task.kind as TaskKind} kindName={kindName} today={today} />
                        </div>
                      )}
                    </li>
                  );
                })}
              </ol>
            )}
          </Section>
          <Section id="history" title={t("offboarding.detail.history")}>
            <CaseHistory history={history} />
          </Section>
        </div>
        <div className="space-y-4">
          <Section id="summary" title={t(`offboarding.trigger.${c.trigger}`)}>
            <dl className="space-y-3 text-sm">
              {summary.map((item) => (
                <div key={item.label}>
                  <dt className="text-xs text-neutral-600">{item.label}</dt>
                  <dd className="mt-0.5">{item.value}</dd>
                </div>
              ))}
            </dl>
          </Section>
          {c.trigger === "device_disposal" || !fullView ? null : (
            <Section id="snapshot" title={t("offboarding.detail.snapshot")}>
              <p className="mb-2 text-xs text-neutral-600">{t("offboarding.detail.snapshotHint")}</p>
              {snapshot.length === 0 ? (
                <p className="text-sm text-neutral-600">{t("offboarding.detail.noSnapshot")}</p>
              ) : (
                <ul className="space-y-2 text-sm">
                  {snapshot.map((g) => (
                    <li key={g.grantId}>
                      <span className="font-medium">{roleName(g.role, g.roleName)}</span>
                      <span className="num block text-xs text-neutral-600">
                        {formatDateTime(g.startsAt)} 〜 {g.endsAt ? formatDateTime(g.endsAt) : t("offboarding.detail.noEnd")}
                      </span>
                      {g.reason ? <span className="block break-words text-xs text-neutral-600">{g.reason}</span> : null}
                    </li>
                  ))}
                </ul>
              )}
            </Section>
          )}
        </div>
      </div>
    </div>
  );
}

"use client";
import { useMemo, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useNotice } from "@/components/ui/notice";
import { formatDateTime, formatNumber } from "@/lib/format";
import type { ReviewFlag } from "@/lib/policy/reviews";
import type { ActionResult } from "@/lib/server/action";
import { bulkKeepItemsAction } from "../actions";
import { AppliedResult } from "./applied-result";
import { DecideDialog } from "./decide-dialog";
import { FlagBadge, TooltipProvider } from "./flag-badge";
import { DecisionSummary, RoleChips, type ReviewItem } from "./review-item-bits";
import { useCampaignErrors } from "./use-campaign-errors";

// The campaign's items: who, what they hold, what is flagged, who reviews them and what was decided. While the campaign
// is open, a reviewer decides one item in a dialog, or keeps several unflagged ones at once; once closed, each row
// shows what applying did.
export function ItemsTable({ reviewId, items, open, dormantDays, today }: { reviewId: string; items: ReviewItem[]; open: boolean; dormantDays: number; today: string }) {
  const t = useTranslations();
  const errors = useCampaignErrors();
  const notice = useNotice();
  const [deciding, setDeciding] = useState<ReviewItem | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [result, setResult] = useState<ActionResult<{ kept: number }> | null>(null);
  const [pending, start] = useTransition();
  // Undecided first, the flagged ones at the top of each group, then by OCN ID.
  const rows = useMemo(
    () =>
      [...items].sort(
        (a, b) =>
          Number(a.decision !== null) - Number(b.decision !== null) ||
          Number(a.flags.length === 0) - Number(b.flags.length === 0) ||
          a.snapshot.loginId.localeCompare(b.snapshot.loginId),
      ),
    [items],
  );
  const bulkable = useMemo(() => (open ? items.filter((i) => i.mayDecide && i.decision === null && i.flags.length === 0) : []), [items, open]);
  const chosen = bulkable.filter((i) => selected.has(i.id));
  const allChosen = bulkable.length > 0 && chosen.length === bulkable.length;

  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const keepChosen = () =>
    start(async () => {
      const r = await bulkKeepItemsAction(null, { reviewId, itemIds: chosen.map((i) => i.id) });
      setResult(r);
      if (r.ok) {
        notice(t("campaigns.bulk.kept", { count: formatNumber(r.data.kept) }));
        setSelected(new Set());
      }
    });
  const bulkError = result && !result.ok ? errors.word(result.fieldErrors?.itemIds, result.message, result.code) : null;

  if (items.length === 0) {
    return <p className="rounded-lg border border-dashed border-neutral-300 bg-white px-4 py-10 text-center text-sm text-neutral-600">{t("campaigns.detail.empty")}</p>;
  }
  const th = "whitespace-nowrap px-3 py-2 font-medium";
  return (
    <TooltipProvider>
      {bulkable.length > 0 ? (
        <div className="mb-2 flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-neutral-200 bg-white px-3 py-2" data-testid="bulk-bar">
          <label className="inline-flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={allChosen}
              ref={(el) => {
                if (el) el.indeterminate = chosen.length > 0 && !allChosen;
              }}
              onChange={(e) => setSelected(e.target.checked ? new Set(bulkable.map((i) => i.id)) : new Set())}
              className="size-4 accent-accent-600"
            />
            {t("campaigns.bulk.selectAll", { count: formatNumber(bulkable.length) })}
          </label>
          <Button size="sm" variant="secondary" disabled={pending || chosen.length === 0} onClick={keepChosen}>
            {pending ? t("campaigns.bulk.keeping") : `${t("campaigns.bulk.keep")} (${formatNumber(chosen.length)})`}
          </Button>
          <span className="text-xs text-neutral-600">{t("campaigns.bulk.hint")}</span>
          {bulkError ? (
            <p role="alert" className="w-full text-sm text-red-700">
              {bulkError}
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white">
        <table className="w-full text-sm">
          <thead className="bg-neutral-50 text-left text-xs text-neutral-600">
            <tr>
              {open ? (
                <th scope="col" className="w-8 px-3 py-2">
                  <span className="sr-only">{t("campaigns.columns.select")}</span>
                </th>
              ) : null}
              <th scope="col" className={th}>
                {t("campaigns.columns.person")}
              </th>
              <th scope="col" className={th}>
                {t("campaigns.columns.roles")}
              </th>
              <th scope="col" className={`${th} text-right`}>
                {t("campaigns.columns.lines")}
              </th>
              <th scope="col" className={th}>
                {t("campaigns.columns.lastSignIn")}
              </th>
              <th scope="col" className={th}>
                {t("campaigns.columns.flags")}
              </th>
              <th scope="col" className={th}>
                {t("campaigns.columns.reviewer")}
              </th>
              <th scope="col" className={th}>
                {t("campaigns.columns.decision")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((item) => {
              const s = item.snapshot;
              const canBulk = bulkable.includes(item);
              return (
                <tr key={item.id} className="border-t border-neutral-100 align-top hover:bg-neutral-50" data-testid="review-item" data-login-id={s.loginId}>
                  {open ? (
                    <td className="px-3 py-2">
                      {canBulk ? (
                        <input
                          type="checkbox"
                          checked={selected.has(item.id)}
                          onChange={(e) => toggle(item.id, e.target.checked)}
                          aria-label={t("campaigns.item.select", { name: s.displayName })}
                          className="mt-0.5 size-4 accent-accent-600"
                        />
                      ) : null}
                    </td>
                  ) : null}
                  <td className="min-w-48 px-3 py-2">
                    <span className="flex flex-wrap items-center gap-1.5">
                      <span className="font-medium text-neutral-900">{s.displayName}</span>
                      {s.kind === "contractor" ? <Badge tone="grey">{t("kind.contractor")}</Badge> : null}
                      {s.status !== "active" ? <Badge tone="grey">{t(`status.${s.status}` as "status.active")}</Badge> : null}
                    </span>
                    <span className="block break-words text-xs text-neutral-700">{s.loginId}</span>
                    <span className="block text-xs text-neutral-600">{s.department ?? t("campaigns.item.noDepartment")}</span>
                  </td>
                  <td className="min-w-28 max-w-52 px-3 py-2">
                    <RoleChips grants={s.grants} />
                  </td>
                  <td className="num whitespace-nowrap px-3 py-2 text-right" title={s.lines.join("\n") || undefined}>
                    {s.lines.length}
                  </td>
                  <td className="num px-3 py-2 text-xs">{s.lastSignInAt ? formatDateTime(s.lastSignInAt) : <span className="text-neutral-600">{t("campaigns.item.never")}</span>}</td>
                  <td className="px-3 py-2">
                    {item.flags.length === 0 ? (
                      <span className="text-xs text-neutral-500">—</span>
                    ) : (
                      <span className="flex max-w-48 flex-wrap gap-1">
                        {(item.flags as ReviewFlag[]).map((f) => (
                          <FlagBadge key={f} flag={f} dormantDays={dormantDays} />
                        ))}
                      </span>
                    )}
                  </td>
                  <td className="min-w-20 px-3 py-2 text-xs">
                    {item.reviewer ? (
                      <span title={item.reviewer.loginId}>{item.reviewer.displayName}</span>
                    ) : (
                      <span className="text-neutral-600">{t("campaigns.item.noReviewer")}</span>
                    )}
                  </td>
                  <td className="min-w-44 max-w-60 break-words px-3 py-2">
                    <DecisionSummary item={item} />
                    {open ? (
                      item.mayDecide ? (
                        <Button size="sm" variant={item.decision ? "ghost" : "secondary"} className="mt-1 h-7 px-2" onClick={() => setDeciding(item)}>
                          {item.decision ? t("campaigns.decide.change") : t("campaigns.decide.open")}
                          <span className="sr-only">: {s.displayName}</span>
                        </Button>
                      ) : item.isSelf ? (
                        <span className="mt-1 block text-xs text-neutral-600">{t("campaigns.decision.self")}</span>
                      ) : null
                    ) : (
                      <AppliedResult decision={item.decision} appliedAt={item.appliedAt} applyResult={item.applyResult} />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {deciding ? <DecideDialog key={deciding.id} item={deciding} dormantDays={dormantDays} today={today} open onOpenChange={(o) => (o ? null : setDeciding(null))} /> : null}
    </TooltipProvider>
  );
}

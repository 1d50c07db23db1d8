"use client";
import { useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { formatDateTime } from "@/lib/format";
import type { AllowlistEntryRow, AllowlistEntryStatus } from "@/lib/server/network/list-allowlist";
import { revokeAllowlistEntryAction } from "../actions";
import { DialogClose, DialogShell } from "@/components/ui/dialog-shell";
import { useErrorText } from "./error-text";
import { LockoutDialog } from "./lockout-dialog";
import { useNotice } from "@/components/ui/notice";
import { useGuardedAction } from "./use-guarded-action";

const statusTone: Record<AllowlistEntryStatus, "green" | "amber" | "grey"> = { active: "green", scheduled: "amber", expired: "grey", revoked: "grey" };

// The allowlist, entries in effect first; each live entry can be revoked behind a dialog that names the consequence.
export function AllowlistTable({ entries, now, canManage, currentIp }: { entries: AllowlistEntryRow[]; now: Date; canManage: boolean; currentIp: string | null }) {
  const t = useTranslations("network");
  const format = useFormatter();
  const notice = useNotice();
  const errorText = useErrorText();
  const [revoking, setRevoking] = useState<AllowlistEntryRow | null>(null);
  const revoke = useGuardedAction(revokeAllowlistEntryAction, (result) => {
    setRevoking(null);
    notice(t("revoke.done", { label: result.label }));
  });
  const revokeError = errorText.form(revoke.state);

  if (entries.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-neutral-300 bg-white px-6 py-12 text-center">
        <p className="font-medium">{t("list.empty")}</p>
        {canManage ? <p className="mt-1 text-sm text-neutral-600">{t("list.emptyHint")}</p> : null}
      </div>
    );
  }

  // JST date and time on the page, the relative time ("3 日後") in the tooltip.
  const date = (d: Date) => (
    <time dateTime={d.toISOString()} title={format.relativeTime(d, now)} className="num whitespace-nowrap">
      {formatDateTime(d)}
    </time>
  );
  const dated = (key: "list.from" | "list.until" | "list.revokedAt", d: Date) => t.rich(key, { date: formatDateTime(d), time: () => date(d) });
  const validity = (e: AllowlistEntryRow) => {
    if (e.validFrom && e.validUntil) {
      return (
        <span className="flex flex-col whitespace-nowrap">
          <span>{dated("list.from", e.validFrom)}</span>
          <span>{dated("list.until", e.validUntil)}</span>
        </span>
      );
    }
    if (e.validFrom) return <span className="whitespace-nowrap">{dated("list.from", e.validFrom)}</span>;
    if (e.validUntil) return <span className="whitespace-nowrap">{dated("list.until", e.validUntil)}</span>;
    return <span className="whitespace-nowrap text-neutral-600">{t("list.noLimit")}</span>;
  };

  return (
    <>
      <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-neutral-200 bg-neutral-50 text-xs text-neutral-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("list.columns.label")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                {t("list.columns.cidr")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("list.columns.kind")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("list.columns.validity")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("list.columns.status")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("list.columns.createdBy")}
              </th>
              {canManage ? (
                <th scope="col" className="px-3 py-2 font-medium">
                  <span className="sr-only">{t("list.columns.actions")}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-neutral-100">
            {entries.map((e) => {
              const ended = e.status === "revoked" || e.status === "expired";
              return (
                <tr key={e.id} className={cn(ended && "text-neutral-600")}>
                  <td className="min-w-44 max-w-72 px-3 py-2 align-top">
                    <p className="font-medium">{e.label}</p>
                    {e.reason ? <p className="mt-0.5 text-xs text-neutral-600">{t("list.reason", { reason: e.reason })}</p> : null}
                  </td>
                  <td className="px-3 py-2 align-top">
                    <code className={cn("font-mono text-[13px] whitespace-nowrap", e.status === "revoked" && "line-through")}>{e.cidr}</code>
                  </td>
                  <td className="px-3 py-2 align-top">
                    <Badge tone="blue">{t(`kind.${e.kind}`)}</Badge>
                  </td>
                  <td className="px-3 py-2 align-top">{validity(e)}</td>
                  <td className="px-3 py-2 align-top">
                    <Badge tone={statusTone[e.status]}>{t(`status.${e.status}`)}</Badge>
                    {e.revokedAt ? <p className="mt-1 text-xs">{dated("list.revokedAt", e.revokedAt)}</p> : null}
                  </td>
                  <td className="px-3 py-2 align-top">
                    <p className="whitespace-nowrap">{e.createdBy ?? t("list.unknownCreator")}</p>
                    <p className="text-xs text-neutral-600">{date(e.createdAt)}</p>
                  </td>
                  {canManage ? (
                    <td className="px-3 py-2 text-right align-top">
                      {e.status !== "revoked" ? (
                        <Button size="sm" variant="secondary" className="text-red-700 hover:bg-red-50" onClick={() => setRevoking(e)} aria-label={`${t("list.revoke")}: ${e.label}`}>
                          {t("list.revoke")}
                        </Button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <DialogShell
        open={revoking !== null}
        onOpenChange={(open) => !open && setRevoking(null)}
        title={t("revoke.title")}
        description={revoking ? t("revoke.consequence", { label: revoking.label, cidr: revoking.cidr }) : null}
      >
        {revokeError ? (
          <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {revokeError}
          </p>
        ) : null}
        <div className="mt-5 flex justify-end gap-2">
          <DialogClose asChild>
            <Button type="button" variant="secondary">
              {t("cancel")}
            </Button>
          </DialogClose>
          <Button
            type="button"
            variant="danger"
            disabled={revoke.pending}
            onClick={() => {
              const form = new FormData();
              form.set("id", revoking!.id);
              revoke.submit(form);
            }}
          >
            {revoke.pending ? t("revoke.submitting") : t("revoke.confirm")}
          </Button>
        </div>
        <LockoutDialog open={revoke.lockout.open} onOpenChange={revoke.lockout.setOpen} ip={currentIp} pending={revoke.pending} onConfirm={revoke.lockout.confirm} />
      </DialogShell>
    </>
  );
}

"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogShell } from "@/components/ui/dialog-shell";
import { useNotice } from "@/components/ui/notice";
import { formatNumber } from "@/lib/format";
import { closeAndApply, type ApplyProgressLine } from "./close-stream";
import { ProgressMeter } from "./progress-meter";
import { useCampaignErrors } from "./use-campaign-errors";

/** Runs the close route, showing its progress live; refreshes the page when done. */
function useCloseRun(reviewId: string, onDone: () => void) {
  const t = useTranslations("campaigns.close");
  const errors = useCampaignErrors();
  const notice = useNotice();
  const router = useRouter();
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<ApplyProgressLine | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setRunning(true);
    setError(null);
    setProgress(null);
    const answer = await closeAndApply(reviewId, setProgress);
    setRunning(false);
    if (answer.ok) {
      notice(t("done", { total: formatNumber(answer.result.total) }));
      onDone();
    } else setError(errors.word(answer.error));
    router.refresh();
  };
  const meter =
    running || progress ? (
      <ProgressMeter
        className="mt-3"
        wide
        done={progress?.done ?? 0}
        total={progress?.total ?? 0}
        label={t("progressLabel")}
        text={progress ? t("applying", { done: formatNumber(progress.done), total: formatNumber(progress.total) }) : t("starting")}
      />
    ) : null;
  return { run, running, meter, error };
}

// reviews:manage closes an open campaign: the confirmation says what the undecided items become and how many
// revocations and modifications will be applied, then the applying shows its progress as it goes.
export function CloseCampaignButton({ reviewId, undecided, revoke, modify, outcome }: { reviewId: string; undecided: number; revoke: number; modify: number; outcome: "no_change" | "revoke" }) {
  const t = useTranslations("campaigns");
  const [open, setOpen] = useState(false);
  const { run, running, meter, error } = useCloseRun(reviewId, () => setOpen(false));
  const revocations = revoke + (outcome === "revoke" ? undecided : 0);
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        {t("close.button")}
      </Button>
      <DialogShell open={open} onOpenChange={(o) => (running ? null : setOpen(o))} title={t("close.title")} description={t("close.body")}>
        <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-neutral-800" data-testid="close-summary">
          <li>{undecided > 0 ? t("close.undecided", { count: formatNumber(undecided), outcome: t(`outcome.${outcome}`) }) : t("close.noUndecided")}</li>
          <li>{t("close.revocations", { revoke: formatNumber(revocations), modify: formatNumber(modify) })}</li>
          {revocations > 0 ? <li>{t("close.wholeAccount")}</li> : null}
        </ul>
        {meter}
        {error ? (
          <p role="alert" className="mt-3 text-sm text-red-700">
            {error}
          </p>
        ) : null}
        <div className="mt-4 flex justify-end gap-2">
          <DialogClose asChild>
            <Button type="button" variant="secondary" disabled={running}>
              {t("close.cancel")}
            </Button>
          </DialogClose>
          <Button type="button" variant="danger" disabled={running} onClick={run}>
            {t("close.confirm")}
          </Button>
        </div>
      </DialogShell>
    </>
  );
}

// A closed campaign whose applying stopped (a crash, a restart): applying again picks up what is left, nothing twice.
export function ResumeApplyPanel({ reviewId, done, total }: { reviewId: string; done: number; total: number }) {
  const t = useTranslations("campaigns.close");
  const { run, running, meter, error } = useCloseRun(reviewId, () => {});
  return (
    <div role="status" className="mb-4 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p>{t("interrupted", { done: formatNumber(done), total: formatNumber(total) })}</p>
        <Button size="sm" disabled={running} onClick={run}>
          {t("resume")}
        </Button>
      </div>
      {meter}
      {error ? <p className="mt-2 text-sm text-red-700">{error}</p> : null}
    </div>
  );
}

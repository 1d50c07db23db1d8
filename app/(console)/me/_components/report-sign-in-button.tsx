"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ShieldAlert } from "lucide-react";
import { DialogClose, DialogShell } from "@/components/ui/dialog-shell";
import { Button } from "@/components/ui/button";
import { reportSignInAction } from "../actions";
import { useMeAction, useMeErrors } from "./use-me-errors";

/** "This wasn't me": confirm, report (an alert for the security team), then go to the password form. */
export function ReportSignInButton({ eventId, summary }: { eventId: string; summary: { time: string; outcome: string; ip: string; country: string; device: string } }) {
  const t = useTranslations("me.signIns");
  const errors = useMeErrors();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const report = useMeAction(reportSignInAction, () => {
    setOpen(false);
    router.replace("/me?reported=1#password", { scroll: false });
  });
  const error = errors.form(report.result, []);
  return (
    <>
      <Button type="button" variant="dangerOutline" size="sm" onClick={() => setOpen(true)}>
        <ShieldAlert className="size-3.5" aria-hidden />
        {t("notMe")}
      </Button>
      <DialogShell open={open} onOpenChange={setOpen} title={t("confirmTitle")} description={t("confirmBody", summary)}>
        {error ? (
          <p role="alert" className="mt-3 text-sm text-red-700">
            {error}
          </p>
        ) : null}
        <div className="mt-5 flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="secondary">{t("cancel")}</Button>
          </DialogClose>
          <Button variant="danger" disabled={report.pending} onClick={() => report.run({ eventId })}>
            {report.pending ? t("reporting") : t("confirm")}
          </Button>
        </div>
      </DialogShell>
    </>
  );
}

"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Dialog } from "radix-ui";
import { ShieldAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { respondToIncidentAction } from "../actions";

// One action for a suspected compromise: lock, end sessions, reset credentials, notify; the SLA is judged.
export function IncidentAction({ accountId }: { accountId: string }) {
  const t = useTranslations("incident");
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [detectedAt, setDetectedAt] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ slaMet: boolean; slaMinutes: number; notifiedCount: number } | null>(null);
  const [pending, start] = useTransition();
  const submit = () =>
    start(async () => {
      // The form's time is Japan time, whatever the browser's zone.
      const detected = detectedAt ? `${detectedAt}:00+09:00` : undefined;
      const response = await respondToIncidentAction(null, { id: accountId, reason, ...(detected ? { detectedAt: detected } : {}) });
      if (response.ok) {
        setResult(response.data);
        setOpen(false);
        setError(null);
      } else {
        setError(response.fieldErrors?.reason ? t("reasonRequired") : response.fieldErrors?.detectedAt ? t("detectedAtInvalid") : t("failed"));
      }
    });
  return (
    <>
      <Button variant="dangerOutline" size="sm" onClick={() => setOpen(true)}>
        <ShieldAlert className="size-4" aria-hidden />
        {t("button")}
      </Button>
      {result ? (
        <p role="status" className="basis-full text-right text-sm text-green-800">
          {t("done", { count: result.notifiedCount })} {result.slaMet ? t("slaMet", { minutes: result.slaMinutes }) : t("slaMissed", { minutes: result.slaMinutes })}
        </p>
      ) : null}
      <Dialog.Root open={open} onOpenChange={setOpen}>
        <Dialog.Portal>
          <Dialog.Overlay className="fixed inset-0 bg-black/30" />
          <Dialog.Content className="fixed left-1/2 top-1/2 w-[min(30rem,92vw)] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-5 shadow-lg">
            <Dialog.Title className="text-base font-semibold">{t("title")}</Dialog.Title>
            <Dialog.Description className="mt-2 text-sm text-neutral-700">{t("consequence")}</Dialog.Description>
            {error ? (
              <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
                {error}
              </p>
            ) : null}
            <label htmlFor="incident-reason" className="mt-4 block text-sm font-medium">
              {t("reason")}
            </label>
            <textarea
              id="incident-reason"
              value={reason}
              maxLength={500}
              rows={2}
              onChange={(e) => setReason(e.target.value)}
              className="mt-1 w-full rounded-md border border-neutral-300 px-3 py-2 text-sm"
            />
            <label htmlFor="incident-detected" className="mt-3 block text-sm font-medium">
              {t("detectedAt")}
            </label>
            <input
              id="incident-detected"
              type="datetime-local"
              value={detectedAt}
              onChange={(e) => setDetectedAt(e.target.value)}
              aria-describedby="incident-detected-hint"
              className="mt-1 h-9 rounded-md border border-neutral-300 px-3 text-sm"
            />
            <p id="incident-detected-hint" className="mt-1 text-xs text-neutral-600">
              {t("detectedAtHint")}
            </p>
            <div className="mt-5 flex justify-end gap-2">
              <Dialog.Close asChild>
                <Button variant="secondary">{t("cancel")}</Button>
              </Dialog.Close>
              <Button variant="danger" disabled={pending} onClick={submit}>
                {t("confirm")}
              </Button>
            </div>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </>
  );
}

"use client";
// Offboarding's entry on the line page (owned by offboarding): retire this line's device or SIM as a disposal case.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Field, fieldAria, textareaClass } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogShell } from "@/components/ui/dialog-shell";
import { useNotice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/server/action";
import { startDeviceDisposalAction } from "../../../offboarding/actions";
import { useOffboardingErrors } from "../../../offboarding/_components/use-offboarding-errors";

export function DisposeLineButton({ lineId, phoneNumber }: { lineId: string; phoneNumber: string }) {
  const t = useTranslations("offboarding.disposal");
  const errors = useOffboardingErrors();
  const notice = useNotice();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const [result, setResult] = useState<ActionResult<{ caseId: string }> | null>(null);
  const [pending, start] = useTransition();
  const formError = errors.form(result, ["note"]);
  return (
    <>
      <Button
        size="sm"
        variant="dangerOutline"
        onClick={() => {
          setResult(null);
          setOpen(true);
        }}
      >
        {t("button")}
      </Button>
      <DialogShell open={open} onOpenChange={setOpen} title={t("title", { phone: phoneNumber })} description={t("body")}>
        <form
          className="mt-4 space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            start(async () => {
              const r = await startDeviceDisposalAction(null, { lineId, note });
              setResult(r);
              if (r.ok) {
                notice(t("done"));
                router.push(`/offboarding/${r.data.caseId}`);
              }
            });
          }}
        >
          <Field id="line-disposal-note" label={t("note")} hint={t("noteHint")} error={errors.field(result, "note")}>
            <textarea
              id="line-disposal-note"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              rows={2}
              maxLength={500}
              className={textareaClass}
              {...fieldAria("line-disposal-note", errors.field(result, "note"), true)}
            />
          </Field>
          {formError ? (
            <p role="alert" className="text-sm text-red-700">
              {formError}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button type="button" variant="secondary">
                {t("cancel")}
              </Button>
            </DialogClose>
            <Button type="submit" variant="danger" disabled={pending}>
              {t("confirm")}
            </Button>
          </div>
        </form>
      </DialogShell>
    </>
  );
}

"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Field, fieldAria, textareaClass } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogShell } from "@/components/ui/dialog-shell";
import { useNotice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/server/action";
import { cancelOffboardingAction } from "../../actions";
import { useOffboardingErrors } from "../../_components/use-offboarding-errors";

// Calling off a case before it takes effect, with an optional reason, behind a dialog that says what stays.
export function CancelCaseButton({ caseId }: { caseId: string }) {
  const t = useTranslations("offboarding.detail");
  const tTask = useTranslations("offboarding.task");
  const errors = useOffboardingErrors();
  const notice = useNotice();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
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
        {t("cancelCase")}
      </Button>
      <DialogShell open={open} onOpenChange={setOpen} title={t("cancelTitle")} description={t("cancelBody")}>
        <form
          className="mt-4 space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            start(async () => {
              const r = await cancelOffboardingAction(null, { caseId, note });
              setResult(r);
              if (r.ok) {
                setOpen(false);
                notice(t("cancelled"));
              }
            });
          }}
        >
          <Field id="offboarding-cancel-note" label={t("cancelReason")} error={errors.field(result, "note")}>
            <textarea
              id="offboarding-cancel-note"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              rows={3}
              maxLength={500}
              className={textareaClass}
              {...fieldAria("offboarding-cancel-note", errors.field(result, "note"))}
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
                {tTask("cancel")}
              </Button>
            </DialogClose>
            <Button type="submit" variant="danger" disabled={pending}>
              {t("cancelConfirm")}
            </Button>
          </div>
        </form>
      </DialogShell>
    </>
  );
}

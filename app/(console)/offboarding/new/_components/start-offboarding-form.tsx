"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Field, fieldAria, textareaClass } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogShell } from "@/components/ui/dialog-shell";
import { Input } from "@/components/ui/input";
import { useNotice } from "@/components/ui/notice";
import { OFFBOARDING_TRIGGERS, endsAccess, planOffboardingTasks, type PersonTrigger } from "@/lib/policy/offboarding";
import type { ActionResult } from "@/lib/server/action";
import { startOffboardingAction } from "../../actions";
import { useOffboardingErrors } from "../../_components/use-offboarding-errors";

interface HeldLine {
  id: string;
  phoneNumber: string;
  simType: "physical" | "esim";
  status: string;
}

const FIELDS = ["accountId", "trigger", "timing", "effectiveAt", "newDepartment", "note"] as const;
/** A datetime-local value is Japan time as typed: shown as 2026/11/27 18:00 without any time-zone arithmetic. */
const shownJst = (value: string) => value.replaceAll("-", "/").replace("T", " ");

// The case's details with what registering will do (sign-in stop, tasks per line), worked out from the same rules as the server.
export function StartOffboardingForm({ account, lines }: { account: { id: string; displayName: string; loginId: string }; lines: HeldLine[] }) {
  const t = useTranslations("offboarding");
  const errors = useOffboardingErrors();
  const notice = useNotice();
  const router = useRouter();
  const [trigger, setTrigger] = useState<PersonTrigger>("leaving");
  const [timing, setTiming] = useState<"now" | "scheduled">("now");
  const [effectiveAt, setEffectiveAt] = useState("");
  const [newDepartment, setNewDepartment] = useState("");
  const [note, setNote] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<ActionResult<{ caseId: string }> | null>(null);
  const [pending, start] = useTransition();

  const planned = planOffboardingTasks(trigger, new Date(), lines, 14);
  const ends = endsAccess(trigger);
  const at = effectiveAt ? shownJst(effectiveAt) : null;
  const stopsNow = timing === "now" && ends;

  const submit = () =>
    start(async () => {
      const r = await startOffboardingAction(null, {
        accountId: account.id,
        trigger,
        timing,
        effectiveAt: timing === "scheduled" ? effectiveAt : undefined,
        newDepartment: trigger === "transfer" ? newDepartment : "",
        note,
      });
      setResult(r);
      setConfirming(false);
      if (r.ok) {
        notice(t("new.done"));
        router.push(`/offboarding/${r.data.caseId}`);
      }
    });

  const error = (field: string) => errors.field(result, field);
  const formError = errors.form(result, FIELDS);
  const radio = "size-4 accent-accent-600";
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        // Anything effective now is confirmed first: it cannot be taken back.
        if (timing === "now") setConfirming(true);
        else submit();
      }}
    >
      {error("accountId") ? (
        <p role="alert" className="text-sm text-red-700">
          {error("accountId")}
        </p>
      ) : null}
      <fieldset>
        <legend className="mb-1 block text-sm font-medium text-neutral-800">{t("new.trigger")}</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {OFFBOARDING_TRIGGERS.map((value) => (
            <label key={value} className="inline-flex items-center gap-2 text-sm">
              <input type="radio" name="trigger" value={value} checked={trigger === value} onChange={() => setTrigger(value)} className={radio} />
              {t(`trigger.${value}`)}
            </label>
          ))}
        </div>
        {error("trigger") ? <p className="mt-1 text-sm text-red-700">{error("trigger")}</p> : null}
      </fieldset>
      {trigger === "transfer" ? (
        <Field
          id="offboarding-new-department"
          label={t("new.newDepartment")}
          hint={t("new.newDepartmentHint")}
          error={error("newDepartment")}
          className="max-w-md"
        >
          <Input
            id="offboarding-new-department"
            value={newDepartment}
            onChange={(e) => setNewDepartment(e.target.value)}
            maxLength={100}
            {...fieldAria("offboarding-new-department", error("newDepartment"), true)}
          />
        </Field>
      ) : null}
      <fieldset>
        <legend className="mb-1 block text-sm font-medium text-neutral-800">{t("new.timing")}</legend>
        <div className="flex flex-wrap items-center gap-x-5 gap-y-2">
          <label className="inline-flex items-center gap-2 text-sm">
            <input type="radio" name="timing" value="now" checked={timing === "now"} onChange={() => setTiming("now")} className={radio} />
            {t("new.now")}
          </label>
          <label className="inline-flex items-center gap-2 text-sm">
            <input type="radio" name="timing" value="scheduled" checked={timing === "scheduled"} onChange={() => setTiming("scheduled")} className={radio} />
            {t("new.scheduled")}
          </label>
        </div>
      </fieldset>
      {timing === "scheduled" ? (
        <Field id="offboarding-effective-at" label={t("new.effectiveAt")} hint={t("new.effectiveAtHint")} error={error("effectiveAt")} className="max-w-xs">
          <Input
            id="offboarding-effective-at"
            type="datetime-local"
            value={effectiveAt}
            onChange={(e) => setEffectiveAt(e.target.value)}
            className="num"
            {...fieldAria("offboarding-effective-at", error("effectiveAt"), true)}
          />
        </Field>
      ) : error("effectiveAt") ? (
        <p className="text-sm text-red-700">{error("effectiveAt")}</p>
      ) : null}
      <Field id="offboarding-note" label={t("new.note")} hint={t("new.noteHint")} error={error("note")}>
        <textarea
          id="offboarding-note"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          rows={2}
          maxLength={500}
          className={textareaClass}
          {...fieldAria("offboarding-note", error("note"), true)}
        />
      </Field>

      <section aria-labelledby="offboarding-preview" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-neutral-900">
        <h3 id="offboarding-preview" className="mb-1 font-semibold">
          {t("new.preview")}
        </h3>
        <p data-testid="offboarding-preview-access">
          {ends
            ? timing === "now"
              ? t("new.previewSignInNow", { name: account.displayName })
              : at
                ? t("new.previewSignInAt", { name: account.displayName, at })
                : t("new.previewPickTime")
            : timing === "now"
              ? t("new.previewTransferNow")
              : at
                ? t("new.previewTransferAt", { at })
                : t("new.previewPickTime")}
        </p>
        {ends ? (
          <p className="mt-2">
            {t("new.previewLines", {
              count: lines.filter((l) => planned.some((p) => p.lineId === l.id)).length,
            })}
          </p>
        ) : null}
        <ul className="mt-1 list-disc pl-5">
          {planned.map((p, i) => {
            const line = lines.find((l) => l.id === p.lineId);
            return (
              <li key={`${p.kind}-${p.lineId ?? i}`}>
                {t(`task.kind.${p.kind}`)}
                {line ? <span className="num text-neutral-700"> — {line.phoneNumber}</span> : null}
              </li>
            );
          })}
        </ul>
      </section>

      {formError ? (
        <p role="alert" className="text-sm text-red-700">
          {formError}
        </p>
      ) : null}
      <div className="flex justify-end">
        <Button type="submit" variant={stopsNow ? "danger" : "primary"} disabled={pending}>
          {pending ? t("new.submitting") : stopsNow ? t("new.submitNow") : t("new.submit")}
        </Button>
      </div>
      <DialogShell
        open={confirming}
        onOpenChange={setConfirming}
        title={ends ? t("new.confirmTitle", { name: account.displayName }) : t("new.confirmTransferTitle", { name: account.displayName })}
        description={ends ? t("new.confirmBody") : t("new.confirmTransferBody")}
      >
        <div className="mt-4 flex justify-end gap-2">
          <DialogClose asChild>
            <Button type="button" variant="secondary">
              {t("new.cancel")}
            </Button>
          </DialogClose>
          <Button type="button" variant="danger" disabled={pending} onClick={submit}>
            {ends ? t("new.confirm") : t("new.confirmTransfer")}
          </Button>
        </div>
      </DialogShell>
    </form>
  );
}

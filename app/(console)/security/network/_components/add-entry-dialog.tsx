"use client";
import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/forms/field";
import { Input } from "@/components/ui/input";
import { ALLOWLIST_KINDS, LABEL_MAX, REASON_MAX, cidrIssue, type AllowlistKind } from "@/lib/schemas/network";
import { addAllowlistEntryAction } from "../actions";
import { DialogClose, DialogShell } from "@/components/ui/dialog-shell";
import { useErrorText } from "./error-text";
import { LockoutDialog } from "./lockout-dialog";
import { useNotice } from "@/components/ui/notice";
import { useGuardedAction } from "./use-guarded-action";

// The primary action: a dialog with the add form. Closing it drops the form; an error keeps what was typed.
export function AddEntryDialog({ currentIp }: { currentIp: string | null }) {
  const t = useTranslations("network.add");
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus className="size-4" aria-hidden />
        {t("button")}
      </Button>
      <DialogShell open={open} onOpenChange={setOpen} title={t("title")} description={t("description")} className="w-[min(34rem,94vw)]">
        <AddEntryForm currentIp={currentIp} onDone={() => setOpen(false)} />
      </DialogShell>
    </>
  );
}

const describedBy = (id: string, error: string | undefined, hint = true) =>
  [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;

function AddEntryForm({ currentIp, onDone }: { currentIp: string | null; onDone: () => void }) {
  const t = useTranslations("network");
  const notice = useNotice();
  const errorText = useErrorText();
  const [kind, setKind] = useState<AllowlistKind>("office");
  const formRef = useRef<HTMLFormElement>(null);
  const run = useGuardedAction(addAllowlistEntryAction, (row) => {
    notice(t("add.added", { label: row.label }));
    onDone();
  });
  const { state } = run;
  const error = (field: string) => errorText.field(state, field);

  // A refused CIDR is worded from what was sent, so the message names the entry (and the network it likely means).
  let cidrError = error("cidr");
  if (cidrError) {
    const issue = cidrIssue(String(run.sent?.get("cidr") ?? ""));
    if (issue?.code === "cidr_required") cidrError = t("errors.cidr_required");
    else if (issue) cidrError = t(`errors.cidr.${issue.code}`, { entry: issue.entry, suggestion: issue.suggestion ?? "" });
  }
  const formError = errorText.form(state);
  const temporary = kind === "temporary";

  return (
    <form
      ref={formRef}
      noValidate
      className="mt-4 flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        run.submit(new FormData(e.currentTarget));
      }}
    >
      {formError ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {formError}
        </p>
      ) : null}
      <Field id="entry-label" label={t("add.label")} hint={t("add.labelHint")} error={error("label")}>
        <Input
          id="entry-label"
          name="label"
          maxLength={LABEL_MAX + 20}
          autoComplete="off"
          aria-invalid={error("label") ? true : undefined}
          aria-describedby={describedBy("entry-label", error("label"))}
        />
      </Field>
      <Field
        id="entry-cidr"
        label={t("add.cidr")}
        hint={t("add.cidrHint")}
        error={cidrError}
        aside={
          currentIp ? (
            <button
              type="button"
              className="mb-1 text-xs text-accent-700 hover:underline"
              onClick={() => {
                const input = formRef.current?.elements.namedItem("cidr");
                if (input instanceof HTMLInputElement) input.value = currentIp;
              }}
            >
              {t("add.useCurrentIp", { ip: currentIp })}
            </button>
          ) : null
        }
      >
        <Input
          id="entry-cidr"
          name="cidr"
          inputMode="url"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          className="font-mono"
          aria-invalid={cidrError ? true : undefined}
          aria-describedby={describedBy("entry-cidr", cidrError)}
        />
      </Field>
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-neutral-800">{t("add.kind")}</legend>
        <div className="grid gap-2 sm:grid-cols-3">
          {ALLOWLIST_KINDS.map((k) => (
            <label
              key={k}
              className="flex cursor-pointer gap-2 rounded-md border border-neutral-300 p-2.5 text-sm has-[:checked]:border-accent-600 has-[:checked]:bg-accent-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-accent-600"
            >
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} className="mt-0.5 accent-accent-600" />
              <span>
                <span className="block font-medium">{t(`kind.${k}`)}</span>
                <span className="block text-xs text-neutral-600">{t(`add.kindHints.${k}`)}</span>
              </span>
            </label>
          ))}
        </div>
        {error("kind") ? <p className="mt-1 text-sm text-red-700">{error("kind")}</p> : null}
      </fieldset>
      {temporary ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="entry-valid-from" label={t("add.validFrom")} hint={t("add.validFromHint")} error={error("validFrom")}>
            <Input
              id="entry-valid-from"
              name="validFrom"
              type="datetime-local"
              aria-invalid={error("validFrom") ? true : undefined}
              aria-describedby={describedBy("entry-valid-from", error("validFrom"))}
            />
          </Field>
          <Field id="entry-valid-until" label={t("add.validUntil")} hint={t("add.validUntilHint")} error={error("validUntil")}>
            <Input
              id="entry-valid-until"
              name="validUntil"
              type="datetime-local"
              required
              aria-invalid={error("validUntil") ? true : undefined}
              aria-describedby={describedBy("entry-valid-until", error("validUntil"))}
            />
          </Field>
        </div>
      ) : null}
      <Field id="entry-reason" label={temporary ? t("add.reason") : t("add.reasonOptional")} hint={t("add.reasonHint")} error={error("reason")}>
        <textarea
          id="entry-reason"
          name="reason"
          rows={2}
          maxLength={REASON_MAX + 20}
          required={temporary}
          aria-invalid={error("reason") ? true : undefined}
          aria-describedby={describedBy("entry-reason", error("reason"))}
          className="w-full rounded-md border border-neutral-300 bg-white px-3 py-2 text-sm placeholder:text-neutral-500 focus:border-accent-600 aria-[invalid=true]:border-red-600"
        />
      </Field>
      <div className="flex justify-end gap-2 border-t border-neutral-100 pt-4">
        <DialogClose asChild>
          <Button type="button" variant="secondary">
            {t("cancel")}
          </Button>
        </DialogClose>
        <Button type="submit" disabled={run.pending} aria-disabled={run.pending}>
          {run.pending ? t("add.submitting") : t("add.submit")}
        </Button>
      </div>
      <LockoutDialog open={run.lockout.open} onOpenChange={run.lockout.setOpen} ip={currentIp} pending={run.pending} onConfirm={run.lockout.confirm} />
    </form>
  );
}

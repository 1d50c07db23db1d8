"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Field, fieldAria, textareaClass } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogShell } from "@/components/ui/dialog-shell";
import { Input, Select } from "@/components/ui/input";
import { useNotice } from "@/components/ui/notice";
import type { TaskKind } from "@/lib/policy/offboarding";
import { LINE_DECISIONS, SIM_CONDITIONS } from "@/lib/schemas/offboarding";
import type { ActionResult } from "@/lib/server/action";
import { completeOffboardingTaskAction, skipOffboardingTaskAction } from "../actions";
import { useOffboardingErrors } from "./use-offboarding-errors";

const FIELDS = [
  "trackingNumber",
  "receivedOn",
  "condition",
  "decision",
  "toLoginId",
  "mnpNumber",
  "mnpExpiresOn",
  "mailClientWiped",
  "appWiped",
  "evidence",
] as const;

/**
 * Closing one task with the evidence its kind asks for, or marking it not applicable with a reason. `compact` lays the
 * SIM return out on one line for the pending-returns table. Typed input stays when the server refuses it.
 */
export function TaskForm({
  taskId,
  kind,
  kindName,
  today,
  compact = false,
}: {
  taskId: string;
  kind: TaskKind;
  kindName: string;
  today: string;
  compact?: boolean;
}) {
  const t = useTranslations("offboarding.task");
  const errors = useOffboardingErrors();
  const notice = useNotice();
  const [values, setValues] = useState({
    trackingNumber: "",
    receivedOn: today,
    condition: "good",
    decision: "",
    toLoginId: "",
    mnpNumber: "",
    mnpExpiresOn: "",
    evidence: "",
  });
  const [wiped, setWiped] = useState({
    mailClientWiped: false,
    appWiped: false,
  });
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [skipOpen, setSkipOpen] = useState(false);
  const [skipNote, setSkipNote] = useState("");
  const [skipResult, setSkipResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, start] = useTransition();
  const set = (field: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));
  const id = (field: string) => `task-${taskId}-${field}`;
  const error = (field: string) => errors.field(result, field);
  const formError = errors.form(result, FIELDS);

  const complete = () =>
    start(async () => {
      const input =
        kind === "return_sim"
          ? {
              taskId,
              trackingNumber: values.trackingNumber,
              receivedOn: values.receivedOn,
              condition: values.condition as (typeof SIM_CONDITIONS)[number],
              evidence: values.evidence,
            }
          : kind === "decide_line"
            ? {
                taskId,
                decision: (values.decision || undefined) as (typeof LINE_DECISIONS)[number] | undefined,
                toLoginId: values.decision === "reassign" ? values.toLoginId : "",
                mnpNumber: values.decision === "port_out" ? values.mnpNumber : "",
                mnpExpiresOn: values.decision === "port_out" ? values.mnpExpiresOn : "",
                evidence: values.evidence,
              }
            : kind === "wipe_device_credentials"
              ? { taskId, ...wiped, evidence: values.evidence }
              : { taskId, evidence: values.evidence };
      const r = await completeOffboardingTaskAction(null, input);
      setResult(r);
      if (r.ok) notice(t("completed"));
    });
  const skip = () =>
    start(async () => {
      const r = await skipOffboardingTaskAction(null, {
        taskId,
        note: skipNote,
      });
      setSkipResult(r);
      if (r.ok) {
        setSkipOpen(false);
        notice(t("skipped"));
      }
    });

  const noteField = (label: string, hint: string, rows = 2) => (
    <Field id={id("evidence")} label={label} hint={hint} error={error("evidence")}>
      <textarea
        id={id("evidence")}
        value={values.evidence}
        onChange={set("evidence")}
        rows={rows}
        maxLength={1000}
        className={textareaClass}
        {...fieldAria(id("evidence"), error("evidence"), true)}
      />
    </Field>
  );
  const radio = "size-4 accent-accent-600";
  return (
    <form
      className="space-y-3"
      aria-label={kindName}
      onSubmit={(e) => {
        e.preventDefault();
        complete();
      }}
    >
      {kind === "return_sim" ? (
        <>
          <div className={compact ? "grid gap-3 sm:grid-cols-[minmax(0,12rem)_9.5rem_8rem]" : "grid gap-3 sm:grid-cols-3"}>
            <Field id={id("trackingNumber")} label={t("trackingNumber")} hint={compact ? undefined : t("trackingNumberHint")} error={error("trackingNumber")}>
              <Input
                id={id("trackingNumber")}
                value={values.trackingNumber}
                onChange={set("trackingNumber")}
                maxLength={40}
                autoComplete="off"
                className="num"
                {...fieldAria(id("trackingNumber"), error("trackingNumber"), !compact)}
              />
            </Field>
            <Field id={id("receivedOn")} label={t("receivedOn")} error={error("receivedOn")}>
              <Input
                id={id("receivedOn")}
                type="date"
                value={values.receivedOn}
                max={today}
                onChange={set("receivedOn")}
                className="num"
                {...fieldAria(id("receivedOn"), error("receivedOn"))}
              />
            </Field>
            <Field id={id("condition")} label={t("condition")} error={error("condition")}>
              <Select id={id("condition")} value={values.condition} onChange={set("condition")} className="w-full">
                {SIM_CONDITIONS.map((c) => (
                  <option key={c} value={c}>
                    {t(`conditionValue.${c}`)}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          {values.condition === "lost" ? noteField(t("note"), t("lostHint")) : compact ? null : noteField(t("noteOptional"), t("noteHint"), 1)}
        </>
      ) : null}
      {kind === "wipe_device_credentials" ? (
        <>
          <fieldset className="space-y-1.5">
            {(["mailClientWiped", "appWiped"] as const).map((field) => (
              <div key={field}>
                <label className="inline-flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    checked={wiped[field]}
                    onChange={(e) => setWiped((w) => ({ ...w, [field]: e.target.checked }))}
                    className="mt-0.5 size-4 accent-accent-600"
                    aria-invalid={error(field) ? true : undefined}
                    aria-describedby={error(field) ? id(field) : undefined}
                  />
                  {t(field)}
                </label>
                {error(field) ? (
                  <p id={id(field)} className="text-sm text-red-700">
                    {error(field)}
                  </p>
                ) : null}
              </div>
            ))}
          </fieldset>
          {noteField(t("noteOptional"), t("noteHint"), 1)}
        </>
      ) : null}
      {kind === "delete_esim" || kind === "reevaluate_roles" ? noteField(t("note"), t("noteHint")) : null}
      {kind === "export_statements" ? noteField(t("note"), t("noteHintStatements")) : null}
      {kind === "decide_line" ? (
        <>
          <fieldset>
            <legend className="mb-1 text-sm font-medium text-neutral-800">{t("decision")}</legend>
            <div className="flex flex-wrap gap-x-5 gap-y-1.5">
              {LINE_DECISIONS.map((d) => (
                <label key={d} className="inline-flex items-center gap-2 text-sm">
                  <input type="radio" name={id("decision")} value={d} checked={values.decision === d} onChange={set("decision")} className={radio} />
                  {t(`decisionValue.${d}`)}
                </label>
              ))}
            </div>
            {error("decision") ? <p className="mt-1 text-sm text-red-700">{error("decision")}</p> : null}
          </fieldset>
          {values.decision === "reassign" ? (
            <Field id={id("toLoginId")} label={t("toLoginId")} hint={t("toLoginIdHint")} error={error("toLoginId")} className="max-w-sm">
              <Input
                id={id("toLoginId")}
                value={values.toLoginId}
                onChange={set("toLoginId")}
                autoComplete="off"
                {...fieldAria(id("toLoginId"), error("toLoginId"), true)}
              />
            </Field>
          ) : null}
          {values.decision === "port_out" ? (
            <div className="grid gap-3 sm:grid-cols-2">
              <Field id={id("mnpNumber")} label={t("mnpNumber")} hint={t("mnpNumberHint")} error={error("mnpNumber")}>
                <Input
                  id={id("mnpNumber")}
                  value={values.mnpNumber}
                  onChange={set("mnpNumber")}
                  inputMode="numeric"
                  autoComplete="off"
                  className="num"
                  {...fieldAria(id("mnpNumber"), error("mnpNumber"), true)}
                />
              </Field>
              <Field id={id("mnpExpiresOn")} label={t("mnpExpiresOn")} hint={t("mnpExpiresOnHint")} error={error("mnpExpiresOn")}>
                <Input
                  id={id("mnpExpiresOn")}
                  type="date"
                  value={values.mnpExpiresOn}
                  min={today}
                  onChange={set("mnpExpiresOn")}
                  className="num"
                  {...fieldAria(id("mnpExpiresOn"), error("mnpExpiresOn"), true)}
                />
              </Field>
            </div>
          ) : null}
          {values.decision === "cancel" || values.decision === "port_out" ? <p className="text-sm text-amber-900">{t("cancelWarning")}</p> : null}
          {noteField(t("noteOptional"), t("noteHint"), 1)}
        </>
      ) : null}
      {formError ? (
        <p role="alert" className="text-sm text-red-700">
          {formError}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center justify-end gap-2">
        <Button
          type="button"
          size="sm"
          variant="ghost"
          onClick={() => {
            setSkipResult(null);
            setSkipOpen(true);
          }}
        >
          {t("skip")}
        </Button>
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? t("completing") : t("complete")}
        </Button>
      </div>
      <DialogShell open={skipOpen} onOpenChange={setSkipOpen} title={t("skipTitle", { kind: kindName })} description={t("skipBody")}>
        <div className="mt-4 space-y-4">
          <Field id={id("skip")} label={t("skipReason")} hint={t("skipReasonHint")} error={errors.field(skipResult, "note")}>
            <textarea
              id={id("skip")}
              value={skipNote}
              onChange={(e) => setSkipNote(e.target.value)}
              rows={3}
              maxLength={500}
              className={textareaClass}
              {...fieldAria(id("skip"), errors.field(skipResult, "note"), true)}
            />
          </Field>
          {errors.form(skipResult, ["note"]) ? (
            <p role="alert" className="text-sm text-red-700">
              {errors.form(skipResult, ["note"])}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button type="button" variant="secondary">
                {t("cancel")}
              </Button>
            </DialogClose>
            <Button type="button" disabled={pending || skipNote.trim() === ""} onClick={skip}>
              {t("skipConfirm")}
            </Button>
          </div>
        </div>
      </DialogShell>
    </form>
  );
}

"use client";
import { startTransition, useActionState, useId, useRef } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Clock } from "lucide-react";
import { Field } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { formatDateTime } from "@/lib/format";
import { REASON_MAX } from "@/lib/schemas/requests";
import type { ActionResult } from "@/lib/server/action";
import { DiffTable, type ChangeRow } from "./diff-table";

// The settings form that either changes a thing at once (manage) or files a change request (request): the same
// fields, then a reason (required for a request), the button that says which, and the request already waiting.
// Typed input survives an error: the form is submitted by hand, so React does not reset it.

export type ChangeMode = "direct" | "request";
type Limits = Record<string, { min?: number; max?: number }>;
type ServerAction<T> = (previous: ActionResult<T> | null, input: FormData) => Promise<ActionResult<T>>;
type DirectResult = { changed: boolean };
type RequestResult = { id: string };

export interface PendingRequestView {
  id: string;
  createdAt: Date;
  requester: string;
  isMine: boolean;
  reason: string | null;
  changes: ChangeRow[];
}

export function ChangeForm({
  mode,
  kind,
  title,
  description,
  directAction,
  requestAction,
  hidden,
  limits,
  errorValues,
  submitLabel,
  pendingRequest,
  children,
}: {
  mode: ChangeMode;
  /** The request kind, for the pending request's diff. */
  kind: string;
  title: string;
  description?: string;
  /** Absent when a change always takes a request (the payment method). */
  directAction?: ServerAction<DirectResult>;
  requestAction: ServerAction<RequestResult>;
  hidden?: Record<string, string>;
  limits: Limits;
  /** Values a field error's words name beyond the field's bounds (the contract name a holder must match). */
  errorValues?: Record<string, string | number>;
  /** The button's words when "change" says too little (adding data to a line). */
  submitLabel?: string;
  pendingRequest: PendingRequestView | null;
  children: (fieldError: (field: string) => string | undefined) => React.ReactNode;
}) {
  const t = useTranslations("requests.form");
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const headingId = useId();
  const [result, dispatch, pending] = useActionState<ActionResult<DirectResult | RequestResult> | null, FormData>(async (_previous, form) => {
    const answer = mode === "direct" && directAction ? await directAction(null, form) : await requestAction(null, form);
    if (answer.ok) {
      // A filed request changes nothing yet: the form goes back to the values in force.
      if (mode === "request") formRef.current?.reset();
      router.refresh();
    }
    return answer;
  }, null);

  const fieldError = (field: string): string | undefined => {
    const code = result && !result.ok ? result.fieldErrors?.[field] : undefined;
    if (!code) return undefined;
    const bounds = field === "reason" ? { max: REASON_MAX } : limits[field];
    return t.has(`errors.${code}`) ? t(`errors.${code}`, { min: bounds?.min ?? 0, max: bounds?.max ?? 0, ...errorValues }) : code;
  };
  const formError = (() => {
    if (!result || result.ok) return null;
    if (result.code === "invalid") {
      if (result.fieldErrors?.id) return t("errors.not_found");
      return result.fieldErrors && Object.keys(result.fieldErrors).length > 0 ? null : t("errors.nothing_to_request");
    }
    if (result.code === "conflict") return t(mode === "request" ? "errors.pending_exists" : "errors.changed_meanwhile");
    return t.has(`errors.${result.code}`) ? t(`errors.${result.code}`) : t("errors.unavailable");
  })();
  const done = (() => {
    if (!result?.ok) return null;
    if ("id" in result.data) return { text: t("filed"), href: `/requests/${result.data.id}` };
    return { text: t(result.data.changed ? "saved" : "unchanged"), href: null };
  })();
  const blocked = mode === "request" && pendingRequest !== null;

  return (
    <Card role="region" aria-labelledby={headingId}>
      <div className="border-b border-neutral-200 px-5 py-4">
        <h2 id={headingId} className="text-base font-semibold text-neutral-900">
          {title}
        </h2>
        {description ? <p className="mt-1 text-sm text-neutral-600">{description}</p> : null}
        {mode === "request" ? <p className="mt-1 text-sm text-neutral-700">{t("requestNote")}</p> : null}
      </div>
      {pendingRequest ? <PendingNote kind={kind} request={pendingRequest} mode={mode} /> : null}
      <form
        ref={formRef}
        noValidate
        className="flex flex-col gap-4 px-5 py-4"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          startTransition(() => dispatch(form));
        }}
      >
        {Object.entries(hidden ?? {}).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {formError ? (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {formError}
          </p>
        ) : null}
        <fieldset disabled={blocked} className="flex flex-col gap-4">
          {children(fieldError)}
          <FormField
            id={`${headingId}-reason`}
            label={mode === "request" ? t("reasonRequest") : t("reasonDirect")}
            hint={mode === "request" ? t("reasonRequestHint") : t("reasonDirectHint")}
            error={fieldError("reason")}
          >
            {(describedBy) => (
              <textarea
                id={`${headingId}-reason`}
                name="reason"
                rows={2}
                maxLength={600}
                required={mode === "request"}
                aria-invalid={fieldError("reason") ? true : undefined}
                aria-describedby={describedBy}
                className="w-full rounded-md border border-neutral-300 bg-white px-3 py-2 text-sm placeholder:text-neutral-500 focus:border-accent-600 disabled:bg-neutral-100 aria-[invalid=true]:border-red-600"
              />
            )}
          </FormField>
        </fieldset>
        <div className="flex flex-wrap items-center justify-end gap-3 border-t border-neutral-100 pt-4">
          <p role="status" className="mr-auto text-sm text-green-800">
            {done ? (
              <>
                {done.text}
                {done.href ? (
                  <>
                    {" "}
                    <Link href={done.href} className="font-medium text-accent-700 underline">
                      {t("viewRequest")}
                    </Link>
                  </>
                ) : null}
              </>
            ) : null}
          </p>
          <Button type="submit" disabled={pending || blocked} aria-disabled={pending || blocked}>
            {pending ? t("submitting") : (submitLabel ?? (mode === "request" ? t("submitRequest") : t("submitDirect")))}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function PendingNote({ kind, request, mode }: { kind: string; request: PendingRequestView; mode: ChangeMode }) {
  const t = useTranslations("requests.form");
  const time = formatDateTime(request.createdAt);
  return (
    <div className="mx-5 mt-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950" data-testid="pending-request">
      <p className="flex items-center gap-1.5 font-medium">
        <Clock className="size-4" aria-hidden />
        {t("pendingTitle")}
      </p>
      <p className="mt-1">{request.isMine ? t("pendingMine", { time }) : t("pendingBy", { requester: request.requester, time })}</p>
      <p>{mode === "request" ? t("pendingBlocksRequest") : t("pendingWarnsDirect")}</p>
      <div className="mt-2">
        <DiffTable kind={kind} changes={request.changes} compact />
      </div>
      <Link href={`/requests/${request.id}`} className="mt-2 inline-block font-medium text-accent-700 underline">
        {t("viewRequest")}
      </Link>
    </div>
  );
}

/** A label above its field, the error under it in words, then the hint; the field gets the ids to describe it. */
export function FormField({
  id,
  label,
  hint,
  error,
  className,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  className?: string;
  children: (describedBy: string | undefined) => React.ReactNode;
}) {
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <Field id={id} label={label} hint={hint} error={error} className={cn(className)}>
      {children(describedBy)}
    </Field>
  );
}

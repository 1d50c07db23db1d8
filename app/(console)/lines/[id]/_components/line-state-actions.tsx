"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Download } from "lucide-react";
import { FormField } from "@/components/changes/change-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DialogClose, DialogShell } from "@/components/ui/dialog-shell";
import { Input } from "@/components/ui/input";
import { useNotice } from "@/components/ui/notice";
import { formatDateTime } from "@/lib/format";
import type { LineChangeKind } from "@/lib/policy/lines";
import type { ActionResult } from "@/lib/server/action";
import { changeLineStateAction } from "../actions";

type Answer = ActionResult<{ change: string }>;
const SIMPLE: LineChangeKind[] = ["suspend", "resume", "mark_pending_return", "mark_returned"];

/** "2026-11-20T10:00" (JST, as typed) → "2026/11/20 10:00" for messages. */
const typedTime = (s: string) => s.replace(/-/g, "/").replace("T", " ");

// The line's state changes (lines:manage): the safe ones as buttons, cancel and port out apart in red with a confirm
// that names the consequence. Every refusal is shown under the field it is about.
export function LineStateActions({
  line,
}: {
  line: { id: string; phoneNumber: string; status: string; allowed: LineChangeKind[]; mnpNumber: string | null; mnpExpiresAt: Date | null };
}) {
  const t = useTranslations("lines");
  const tc = useTranslations();
  const router = useRouter();
  const notice = useNotice();
  const [pending, start] = useTransition();
  const [answer, setAnswer] = useState<{ kind: LineChangeKind; result: Answer } | null>(null);
  const [confirm, setConfirm] = useState<"cancel" | "port_out" | null>(null);
  const [mnpNumber, setMnpNumber] = useState("");
  const [mnpExpiresAt, setMnpExpiresAt] = useState("");

  const run = (kind: LineChangeKind) =>
    start(async () => {
      const form = new FormData();
      form.set("id", line.id);
      form.set("change", kind);
      if (kind === "port_out") {
        form.set("mnpNumber", mnpNumber);
        form.set("mnpExpiresAt", mnpExpiresAt);
      }
      const result = await changeLineStateAction(null, form);
      setConfirm(null);
      setAnswer({ kind, result });
      if (result.ok) {
        notice(t(`state.done.${kind}`));
        router.refresh();
      }
    });

  const errorFor = (kind: LineChangeKind, field: string): string | undefined => {
    if (!answer || answer.kind !== kind || answer.result.ok) return undefined;
    const code = answer.result.fieldErrors?.[field];
    if (!code) return undefined;
    const number = mnpNumber.normalize("NFKC").replace(/[\s-]/g, "") || line.mnpNumber || "";
    const date = mnpExpiresAt ? typedTime(mnpExpiresAt) : formatDateTime(line.mnpExpiresAt);
    return t.has(`errors.${code}`) ? t(`errors.${code}`, { number, date }) : code;
  };
  const generalError = (kind: LineChangeKind, fields: string[]): string | undefined => {
    if (!answer || answer.kind !== kind || answer.result.ok) return undefined;
    const { code, fieldErrors } = answer.result;
    if (fieldErrors && fields.some((f) => fieldErrors[f])) return undefined;
    const key = Object.values(fieldErrors ?? {})[0] ?? code;
    return t.has(`errors.${key}`) ? t(`errors.${key}`, { number: "", date: "" }) : t("errors.unavailable");
  };

  const finished = line.status === "cancelled" || line.status === "ported_out";
  const can = (k: LineChangeKind) => line.allowed.includes(k);
  const simpleErrors = SIMPLE.map((k) => generalError(k, [])).filter(Boolean);

  return (
    <Card role="region" aria-labelledby="line-state-heading">
      <div className="border-b border-neutral-200 px-5 py-4">
        <h2 id="line-state-heading" className="text-base font-semibold text-neutral-900">
          {t("state.title")}
        </h2>
        <p className="mt-1 text-sm text-neutral-600">{t("state.description")}</p>
      </div>
      <div className="flex flex-col gap-5 px-5 py-4">
        {finished ? <p className="text-sm text-neutral-700">{t("state.finished", { status: tc(`lineStatus.${line.status}`) })}</p> : null}
        <div className="flex flex-wrap items-center gap-2">
          {SIMPLE.filter(can).map((k) => (
            <Button key={k} type="button" variant="secondary" disabled={pending} onClick={() => run(k)}>
              {t(`state.actions.${k}`)}
            </Button>
          ))}
          {/* A POST (it records the export), answered with the file: the page stays. */}
          <form method="post" action={`/api/lines/${line.id}/statement`} onSubmit={() => setTimeout(() => router.refresh(), 1500)}>
            <Button type="submit" variant="secondary" title={t("state.downloadStatementHint")}>
              <Download className="size-4" aria-hidden />
              {t("state.downloadStatement")}
            </Button>
          </form>
        </div>
        {simpleErrors.length > 0 ? (
          <p role="alert" className="text-sm text-red-700">
            {simpleErrors[0]}
          </p>
        ) : null}

        {can("cancel") ? (
          <div className="border-t border-neutral-100 pt-4">
            <Button type="button" variant="dangerOutline" disabled={pending} onClick={() => setConfirm("cancel")} aria-describedby="cancel-error">
              {t("state.actions.cancel")}
            </Button>
            <p id="cancel-error" role={errorFor("cancel", "statementsExportedAt") ? "alert" : undefined} className="mt-1 text-sm text-red-700">
              {errorFor("cancel", "statementsExportedAt") ?? generalError("cancel", ["statementsExportedAt"]) ?? ""}
            </p>
          </div>
        ) : null}

        {can("port_out") ? (
          <form
            noValidate
            className="flex flex-col gap-3 border-t border-neutral-100 pt-4"
            aria-labelledby="port-out-heading"
            onSubmit={(e) => {
              e.preventDefault();
              setConfirm("port_out");
            }}
          >
            <h3 id="port-out-heading" className="text-sm font-semibold text-neutral-900">
              {t("state.portOutTitle")}
            </h3>
            <p className="text-sm text-neutral-600">{t("state.portOutHint")}</p>
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField id="mnp-number" label={t("state.mnpNumber")} hint={t("state.mnpNumberHint")} error={errorFor("port_out", "mnpNumber")}>
                {(describedBy) => (
                  <Input
                    id="mnp-number"
                    name="mnpNumber"
                    inputMode="numeric"
                    autoComplete="off"
                    value={mnpNumber}
                    placeholder={line.mnpNumber ?? ""}
                    onChange={(e) => setMnpNumber(e.target.value)}
                    aria-invalid={errorFor("port_out", "mnpNumber") ? true : undefined}
                    aria-describedby={describedBy}
                    className="num w-full"
                  />
                )}
              </FormField>
              <FormField id="mnp-expires" label={t("state.mnpExpiresAt")} error={errorFor("port_out", "mnpExpiresAt")}>
                {(describedBy) => (
                  <Input
                    id="mnp-expires"
                    name="mnpExpiresAt"
                    type="datetime-local"
                    value={mnpExpiresAt}
                    onChange={(e) => setMnpExpiresAt(e.target.value)}
                    aria-invalid={errorFor("port_out", "mnpExpiresAt") ? true : undefined}
                    aria-describedby={describedBy}
                    className="num w-full"
                  />
                )}
              </FormField>
            </div>
            {generalError("port_out", ["mnpNumber", "mnpExpiresAt"]) ? (
              <p role="alert" className="text-sm text-red-700">
                {generalError("port_out", ["mnpNumber", "mnpExpiresAt"])}
              </p>
            ) : null}
            <div>
              <Button type="submit" variant="dangerOutline" disabled={pending}>
                {t("state.actions.port_out")}
              </Button>
            </div>
          </form>
        ) : null}
      </div>

      <DialogShell
        open={confirm !== null}
        onOpenChange={(open) => (open ? null : setConfirm(null))}
        title={confirm === "cancel" ? t("state.confirmCancelTitle", { phone: line.phoneNumber }) : t("state.confirmPortOutTitle", { phone: line.phoneNumber })}
        description={confirm === "cancel" ? t("state.confirmCancelBody") : t("state.confirmPortOutBody")}
      >
        <div className="mt-4 flex justify-end gap-2">
          <DialogClose asChild>
            <Button type="button" variant="secondary">
              {t("state.back")}
            </Button>
          </DialogClose>
          <Button type="button" variant="danger" disabled={pending} onClick={() => confirm && run(confirm)}>
            {pending ? t("state.working") : t("state.confirm")}
          </Button>
        </div>
      </DialogShell>
    </Card>
  );
}

"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Field, fieldAria } from "@/components/forms/field";
import { PasswordInput } from "@/components/forms/password-input";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useNotice } from "@/components/ui/notice";
import { changeSecondFactorAction, regenerateBackupCodesAction, startSecondFactorChangeAction } from "../actions";
import { useMeAction, useMeErrors } from "./use-me-errors";

const LOW_CODES = 3;

interface Setup {
  pending: string;
  secret: string;
  qrSvg: string;
  loginId: string;
  expiresAtText: string;
}

/** Two-step verification: the app in use and the backup codes left, with changing the app and issuing new codes. */
export function TwoStepPanel({ appSinceText, codesLeft, codesTotal }: { appSinceText: string | null; codesLeft: number; codesTotal: number }) {
  const t = useTranslations("me.twoStep");
  const [open, setOpen] = useState<"app" | "codes" | null>(null);
  const [newCodes, setNewCodes] = useState<string[] | null>(null);
  const codesTone = codesLeft === 0 ? "red" : codesLeft <= LOW_CODES ? "amber" : "green";
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-2">
        <div className="rounded-md border border-neutral-200 px-3 py-2.5">
          <dt className="text-xs text-neutral-600">{t("app")}</dt>
          <dd className="mt-1">{appSinceText ? <Badge tone="green">{t("appSince", { at: appSinceText })}</Badge> : <Badge tone="amber">{t("appMissing")}</Badge>}</dd>
        </div>
        <div className="rounded-md border border-neutral-200 px-3 py-2.5">
          <dt className="text-xs text-neutral-600">{t("codes")}</dt>
          <dd className="mt-1" data-testid="backup-codes-left">
            <Badge tone={codesTone}>{t("codesLeft", { count: codesLeft, total: codesTotal })}</Badge>
            {codesLeft <= LOW_CODES ? <p className="mt-1 text-xs text-neutral-700">{codesLeft === 0 ? t("codesNone") : t("codesLow")}</p> : null}
          </dd>
        </div>
      </dl>

      {newCodes ? (
        <NewCodes codes={newCodes} onDone={() => setNewCodes(null)} />
      ) : open === "app" ? (
        <ChangeApp onClose={() => setOpen(null)} />
      ) : open === "codes" ? (
        <RegenerateCodes
          onClose={() => setOpen(null)}
          onIssued={(codes) => {
            setOpen(null);
            setNewCodes(codes);
          }}
        />
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button type="button" variant="secondary" onClick={() => setOpen("app")}>
            {t("changeApp")}
          </Button>
          <Button type="button" variant="secondary" onClick={() => setOpen("codes")}>
            {t("regenerate")}
          </Button>
        </div>
      )}
    </div>
  );
}

function ChangeApp({ onClose }: { onClose: () => void }) {
  const t = useTranslations("me.twoStep");
  const tMe = useTranslations("me");
  const errors = useMeErrors();
  const notice = useNotice();
  const [setup, setSetup] = useState<Setup | null>(null);
  const [code, setCode] = useState("");
  const start = useMeAction(startSecondFactorChangeAction, (data) =>
    setSetup({ pending: data.pending, secret: data.secret, qrSvg: data.qrSvg, loginId: data.loginId, expiresAtText: new Date(data.expiresAt).toLocaleTimeString("ja-JP", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit" }) }),
  );
  const confirm = useMeAction(changeSecondFactorAction, () => {
    notice(t("changed"));
    onClose();
  });
  if (!setup) {
    const startError = errors.form(start.result, []);
    return (
      <div className="rounded-md border border-neutral-200 bg-neutral-50 p-4">
        <p className="text-sm text-neutral-800">{t("changeAppIntro")}</p>
        {startError ? (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {startError}
          </p>
        ) : null}
        <div className="mt-3 flex gap-2">
          <Button type="button" onClick={() => start.run({})} disabled={start.pending}>
            {start.pending ? t("starting") : t("changeApp")}
          </Button>
          <Button type="button" variant="ghost" onClick={onClose}>
            {t("cancel")}
          </Button>
        </div>
      </div>
    );
  }
  const grouped = setup.secret.match(/.{1,4}/g)?.join(" ") ?? setup.secret;
  const formError = errors.form(confirm.result, ["current", "code"]);
  const expired = !confirm.result?.ok && confirm.result?.fieldErrors?.pending;
  return (
    <form
      noValidate
      className="rounded-md border border-neutral-200 bg-neutral-50 p-4"
      onSubmit={(e) => {
        e.preventDefault();
        confirm.run({ pending: setup.pending, current: String(new FormData(e.currentTarget).get("current") ?? ""), code });
      }}
    >
      <div className="grid gap-5 md:grid-cols-[13rem_minmax(0,1fr)]">
        <div>
          <p className="mb-2 text-sm font-medium text-neutral-900">1. {t("step1")}</p>
          {/* The SVG comes from the qrcode library on our server, built from our own otpauth URI. */}
          <div className="w-44 rounded border border-neutral-200 bg-white" role="img" aria-label={t("qrLabel")} dangerouslySetInnerHTML={{ __html: setup.qrSvg }} />
          <p className="mt-1 text-xs text-neutral-600">{t("setupExpires", { at: setup.expiresAtText })}</p>
          <details className="mt-2 text-sm">
            <summary className="cursor-pointer text-accent-700">{t("manualEntry")}</summary>
            <p className="mt-1 text-xs text-neutral-600">{t("manualEntryHint", { account: setup.loginId })}</p>
            <code data-testid="new-totp-secret" className="num mt-1 block break-all rounded bg-white px-2 py-1 font-mono text-sm">
              {grouped}
            </code>
          </details>
        </div>
        <div className="flex max-w-md flex-col gap-4">
          <p className="text-sm font-medium text-neutral-900">2. {t("step2")}</p>
          {formError || expired ? (
            <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              {expired ? errors.word("enrolment_expired") : formError}
            </p>
          ) : null}
          <Field id="two-step-current" label={tMe("currentPassword")} error={errors.field(confirm.result, "current")}>
            <PasswordInput id="two-step-current" name="current" autoComplete="current-password" invalid={Boolean(errors.field(confirm.result, "current"))} describedBy="two-step-current-error" />
          </Field>
          <Field id="two-step-code" label={t("code")} hint={t("codeHint")} error={errors.field(confirm.result, "code")}>
            <Input
              id="two-step-code"
              name="code"
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={16}
              className="num w-40 tracking-widest"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              {...fieldAria("two-step-code", errors.field(confirm.result, "code"), true)}
            />
          </Field>
          <div className="flex gap-2">
            <Button type="submit" disabled={confirm.pending}>
              {confirm.pending ? t("confirming") : t("confirmChange")}
            </Button>
            <Button type="button" variant="ghost" onClick={onClose}>
              {t("cancel")}
            </Button>
          </div>
        </div>
      </div>
    </form>
  );
}

function RegenerateCodes({ onClose, onIssued }: { onClose: () => void; onIssued: (codes: string[]) => void }) {
  const t = useTranslations("me.twoStep");
  const tMe = useTranslations("me");
  const errors = useMeErrors();
  const issue = useMeAction(regenerateBackupCodesAction, (data) => onIssued(data.backupCodes));
  const formError = errors.form(issue.result, ["current"]);
  const fieldError = errors.field(issue.result, "current");
  return (
    <form
      noValidate
      className="max-w-xl rounded-md border border-neutral-200 bg-neutral-50 p-4"
      onSubmit={(e) => {
        e.preventDefault();
        issue.run({ current: String(new FormData(e.currentTarget).get("current") ?? "") });
      }}
    >
      <p className="mb-3 text-sm text-neutral-800">{t("regenerateIntro")}</p>
      {formError ? (
        <p role="alert" className="mb-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {formError}
        </p>
      ) : null}
      <Field id="codes-current" label={tMe("currentPassword")} error={fieldError} className="max-w-sm">
        <PasswordInput id="codes-current" name="current" autoComplete="current-password" invalid={Boolean(fieldError)} describedBy="codes-current-error" />
      </Field>
      <div className="mt-4 flex gap-2">
        <Button type="submit" disabled={issue.pending}>
          {issue.pending ? t("regenerating") : t("regenerateSubmit")}
        </Button>
        <Button type="button" variant="ghost" onClick={onClose}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}

function NewCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const t = useTranslations("me.twoStep");
  return (
    <div role="status" className="max-w-xl rounded-md border border-green-200 bg-green-50 p-4">
      <h3 className="text-sm font-semibold text-neutral-900">{t("newCodes")}</h3>
      <p className="mt-1 text-xs text-neutral-700">{t("newCodesHint")}</p>
      <ul aria-label={t("newCodes")} data-testid="new-backup-codes" className="num mt-3 grid grid-cols-2 gap-1 rounded-md border border-neutral-200 bg-white p-3 font-mono text-sm sm:grid-cols-5">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <Button type="button" variant="secondary" className="mt-3" onClick={onDone}>
        {t("newCodesDone")}
      </Button>
    </div>
  );
}

"use client";
import { useEffect, useRef, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { CheckCircle2, FileUp, TriangleAlert } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Label } from "@/components/ui/input";
import { cn } from "@/components/ui/cn";
import { formatNumber } from "@/lib/format";
import type {
  AccountImportPreview,
  AccountImportSummary,
  ImportProgress,
} from "@/lib/schemas/account-import";
import { runImport } from "./import-stream";
import { PreviewTable } from "./preview-table";
import { ProgressBar } from "./progress-bar";
import { useIssueText } from "./use-issue-text";

const SIGN_IN = "/sign-in?callbackUrl=%2Faccounts%2Fimport";

type Stage =
  | { kind: "idle" }
  | { kind: "checking"; file: File; progress: ImportProgress | null }
  | {
      kind: "previewed";
      file: File;
      preview: AccountImportPreview;
      refused: boolean;
    }
  | {
      kind: "applying";
      file: File;
      preview: AccountImportPreview;
      progress: ImportProgress | null;
    }
  | { kind: "applied"; summary: AccountImportSummary }
  | {
      kind: "failed";
      file: File | null;
      error: string;
      preview: AccountImportPreview | null;
    };

// The import screen: choose a file → dry run row by row → apply all or nothing with progress → summary.
export function ImportWorkbench({
  maxBytes,
  maxRows,
  help,
}: {
  maxBytes: number;
  maxRows: number;
  help: React.ReactNode;
}) {
  const t = useTranslations("accountImport");
  const issueText = useIssueText();
  const router = useRouter();
  const [stage, setStage] = useState<Stage>({ kind: "idle" });
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const busy = stage.kind === "checking" || stage.kind === "applying";

  // When a dry run or an apply finishes, move the reader to what it found.
  useEffect(() => {
    if (
      stage.kind === "previewed" ||
      stage.kind === "applied" ||
      stage.kind === "failed"
    )
      resultHeading.current?.focus();
  }, [stage.kind]);

  const errorText = (error: string) =>
    t.has(`errors.${error}`) ? t(`errors.${error}`) : t("errors.unavailable");

  async function check(file: File) {
    if (file.size > maxBytes) {
      setStage({ kind: "failed", file, error: "too_large", preview: null });
      return;
    }
    setStage({ kind: "checking", file, progress: null });
    const answer = await runImport("preview", file, (progress) =>
      setStage({ kind: "checking", file, progress }),
    );
    if (answer.ok)
      setStage({
        kind: "previewed",
        file,
        preview: answer.result,
        refused: false,
      });
    else if (answer.status === 401) router.push(SIGN_IN);
    else setStage({ kind: "failed", file, error: answer.error, preview: null });
  }

  async function apply(file: File, preview: AccountImportPreview) {
    setStage({ kind: "applying", file, preview, progress: null });
    const answer = await runImport("apply", file, (progress) =>
      setStage({ kind: "applying", file, preview, progress }),
    );
    if (!answer.ok) {
      if (answer.status === 401) router.push(SIGN_IN);
      else setStage({ kind: "failed", file, error: answer.error, preview });
    } else if (answer.result.status === "applied")
      setStage({ kind: "applied", summary: answer.result.summary });
    else
      setStage({
        kind: "previewed",
        file,
        preview: answer.result.preview,
        refused: true,
      });
  }

  const choose = (file: File | undefined) => {
    if (file && !busy) void check(file);
  };

  if (stage.kind === "applied") {
    const s = stage.summary;
    return (
      <Card className="p-5">
        <div className="flex items-start gap-3">
          <CheckCircle2
            className="mt-0.5 size-5 shrink-0 text-green-700"
            aria-hidden
          />
          <div>
            <h2
              ref={resultHeading}
              tabIndex={-1}
              className="text-base font-semibold outline-none"
            >
              {t("done.heading")}
            </h2>
            <p
              className="mt-1 text-sm text-neutral-700"
              data-testid="import-summary"
            >
              {t("done.body", {
                file: s.fileName,
                created: formatNumber(s.created),
                updated: formatNumber(s.updated),
                unchanged: formatNumber(s.unchanged),
              })}
            </p>
            <div className="mt-4 flex flex-wrap gap-2">
              <Button asChild>
                <Link href="/accounts">{t("done.toList")}</Link>
              </Button>
              {s.created > 0 ? (
                <Button asChild variant="secondary">
                  <Link href="/accounts?status=invited">
                    {t("done.toInvited")}
                  </Link>
                </Button>
              ) : null}
              <Button
                variant="ghost"
                onClick={() => setStage({ kind: "idle" })}
              >
                {t("done.another")}
              </Button>
            </div>
          </div>
        </div>
      </Card>
    );
  }

  const file = stage.kind === "idle" ? null : stage.file;
  const preview =
    stage.kind === "previewed" || stage.kind === "applying"
      ? stage.preview
      : stage.kind === "failed"
        ? stage.preview
        : null;
  const progress =
    stage.kind === "checking" || stage.kind === "applying"
      ? stage.progress
      : null;
  const maxMb = Math.round(maxBytes / 1024 / 1024);

  return (
    <div className="space-y-6">
      <section aria-labelledby="upload-heading">
        <h2 id="upload-heading" className="mb-2 text-base font-semibold">
          {t("upload.heading")}
        </h2>
        <Label htmlFor="import-file">{t("upload.label")}</Label>
        <div
          onDragOver={(e) => {
            e.preventDefault();
            if (!busy) setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            choose(e.dataTransfer.files[0]);
          }}
          className={cn(
            "flex flex-col items-center gap-2 rounded-lg border-2 border-dashed border-neutral-300 bg-white px-6 py-8 text-center",
            dragging && "border-accent-600 bg-accent-50",
          )}
        >
          <FileUp className="size-6 text-neutral-500" aria-hidden />
          <p className="text-sm text-neutral-700">
            {t("upload.drop")}{" "}
            <Button
              type="button"
              size="sm"
              variant="secondary"
              disabled={busy}
              onClick={() => input.current?.click()}
            >
              {t("upload.choose")}
            </Button>
          </p>
          <input
            ref={input}
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            className="sr-only"
            tabIndex={-1}
            aria-describedby="import-file-hint"
            disabled={busy}
            onChange={(e) => {
              choose(e.target.files?.[0]);
              e.target.value = "";
            }}
          />
          {file ? (
            <p className="text-sm font-medium" data-testid="chosen-file">
              {t("upload.chosen", {
                name: file.name,
                size: `${formatNumber(Math.max(1, Math.round(file.size / 1024)))} KB`,
              })}
            </p>
          ) : null}
        </div>
        <p id="import-file-hint" className="mt-1 text-xs text-neutral-600">
          {t("upload.hint", { maxMb, maxRows: formatNumber(maxRows) })}
        </p>
      </section>

      {stage.kind === "checking" ? <ProgressBar progress={progress} /> : null}
      {help}

      {stage.kind === "failed" ? (
        <div
          role="alert"
          className="flex items-start gap-2 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
        >
          <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
          <div>
            <h2
              ref={resultHeading}
              tabIndex={-1}
              className="font-medium outline-none"
            >
              {errorText(stage.error)}
            </h2>
            {stage.file ? (
              <Button
                type="button"
                size="sm"
                variant="secondary"
                className="mt-2"
                onClick={() => void check(stage.file!)}
              >
                {t("upload.recheck")}
              </Button>
            ) : null}
          </div>
        </div>
      ) : null}

      {preview ? (
        <section aria-labelledby="preview-heading">
          <h2
            id="preview-heading"
            ref={stage.kind === "previewed" ? resultHeading : undefined}
            tabIndex={-1}
            className="mb-1 text-base font-semibold outline-none"
          >
            {t("preview.heading")}
          </h2>
          <p className="mb-3 text-sm text-neutral-600">
            {t("preview.file", {
              name: preview.fileName,
              encoding: t(`encoding.${preview.encoding ?? "unknown"}`),
              rows: formatNumber(preview.rowCount),
            })}
          </p>
          {stage.kind === "previewed" && stage.refused ? (
            <p
              role="alert"
              className="mb-3 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
            >
              {t("apply.refused")}
            </p>
          ) : null}
          {preview.fileIssues.length > 0 ? (
            <div
              role="alert"
              className="mb-3 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
            >
              <p className="font-medium">{t("preview.fileProblems")}</p>
              <ul className="mt-1 list-disc pl-5">
                {preview.fileIssues.map((issue, i) => (
                  <li key={i}>{issueText(issue, { withPlace: false })}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {preview.warnings.length > 0 ? (
            <div className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
              <p className="font-medium">{t("preview.fileWarnings")}</p>
              <ul className="mt-1 list-disc pl-5">
                {preview.warnings.map((issue, i) => (
                  <li key={i}>{issueText(issue, { withPlace: false })}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {preview.rows.length > 0 ? <PreviewTable preview={preview} /> : null}
        </section>
      ) : null}

      {preview && file ? (
        <ApplyPanel
          preview={preview}
          applying={stage.kind === "applying"}
          progress={stage.kind === "applying" ? progress : null}
          onApply={() => void apply(file, preview)}
        />
      ) : null}
    </div>
  );
}

function ApplyPanel({
  preview,
  applying,
  progress,
  onApply,
}: {
  preview: AccountImportPreview;
  applying: boolean;
  progress: ImportProgress | null;
  onApply: () => void;
}) {
  const progressBox = useRef<HTMLDivElement>(null);
  // The button is at the foot of a long table: keep the progress in view once it starts.
  useEffect(() => {
    if (applying) progressBox.current?.scrollIntoView({ block: "nearest" });
  }, [applying]);
  const t = useTranslations("accountImport");
  const { create, update, error } = preview.counts;
  const blocked =
    preview.fileIssues.length > 0
      ? t("apply.blockedByFile")
      : error > 0
        ? t("apply.blockedByErrors", { count: formatNumber(error) })
        : create + update === 0
          ? t("apply.nothing")
          : null;
  return (
    <section
      aria-labelledby="apply-heading"
      className="rounded-lg border border-neutral-200 bg-white p-4"
    >
      <h2 id="apply-heading" className="mb-2 text-base font-semibold">
        {t("apply.heading")}
      </h2>
      {blocked ? (
        <p
          id="apply-blocked"
          className="mb-3 flex items-start gap-1.5 text-sm text-neutral-700"
        >
          {error > 0 || preview.fileIssues.length > 0 ? (
            <Badge tone="red">{t("action.error")}</Badge>
          ) : null}
          <span>{blocked}</span>
        </p>
      ) : create > 0 ? (
        <p className="mb-3 text-sm text-neutral-700">
          {t("apply.invitationNote")}
        </p>
      ) : null}
      <Button
        type="button"
        disabled={Boolean(blocked) || applying}
        aria-describedby={blocked ? "apply-blocked" : undefined}
        onClick={onApply}
      >
        {applying
          ? t("apply.applying")
          : t("apply.button", {
              created: formatNumber(create),
              updated: formatNumber(update),
            })}
      </Button>
      {applying ? (
        <div ref={progressBox} className="mt-3">
          <ProgressBar progress={progress} />
        </div>
      ) : null}
    </section>
  );
}

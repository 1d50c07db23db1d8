"use client";
import { useEffect, useRef, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { CheckCircle2, FileUp, TriangleAlert } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Label } from "@/components/ui/input";
import { formatNumber } from "@/lib/format";
import type { HrFieldChange, HrImportIssue } from "@/lib/policy/hr-csv";
import type { HrImportPreview, HrImportProgress, HrImportSummary } from "@/lib/schemas/hr-roster";
import { sendRoster } from "./roster-import-stream";

const SIGN_IN = "/sign-in?callbackUrl=%2Freviews%2Froster%2Fimport";
const PAGE = 200;
const TONE = { create: "green", update: "blue", unchanged: "grey", error: "red" } as const;

type Stage =
  | { kind: "idle" }
  | { kind: "checking"; file: File; progress: HrImportProgress | null }
  | { kind: "previewed"; file: File; preview: HrImportPreview; refused: boolean }
  | { kind: "applying"; file: File; preview: HrImportPreview; progress: HrImportProgress | null }
  | { kind: "applied"; summary: HrImportSummary }
  | { kind: "failed"; file: File | null; error: string; preview: HrImportPreview | null };

// The roster import: choose a file → dry run (every row, every removal) → replace the roster all or nothing → summary.
export function RosterImportWorkbench({ maxBytes, maxRows, help }: { maxBytes: number; maxRows: number; help: React.ReactNode }) {
  const t = useTranslations("roster.import");
  const router = useRouter();
  const [stage, setStage] = useState<Stage>({ kind: "idle" });
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const busy = stage.kind === "checking" || stage.kind === "applying";
  const maxMb = Math.round(maxBytes / 1024 / 1024);

  // When a dry run or an apply finishes, move the reader to what it found.
  useEffect(() => {
    if (stage.kind === "previewed" || stage.kind === "applied" || stage.kind === "failed") resultHeading.current?.focus();
  }, [stage.kind]);

  async function check(file: File) {
    if (file.size > maxBytes) {
      setStage({ kind: "failed", file, error: "too_large", preview: null });
      return;
    }
    setStage({ kind: "checking", file, progress: null });
    const answer = await sendRoster("preview", file, (progress) => setStage({ kind: "checking", file, progress }));
    if (answer.ok) setStage({ kind: "previewed", file, preview: answer.result, refused: false });
    else if (answer.status === 401) router.push(SIGN_IN);
    else setStage({ kind: "failed", file, error: answer.error, preview: null });
  }

  async function apply(file: File, preview: HrImportPreview) {
    setStage({ kind: "applying", file, preview, progress: null });
    const answer = await sendRoster("apply", file, (progress) => setStage({ kind: "applying", file, preview, progress }), preview.counts.remove);
    if (!answer.ok) {
      if (answer.status === 401) router.push(SIGN_IN);
      else setStage({ kind: "failed", file, error: answer.error, preview });
    } else if (answer.result.status === "applied") setStage({ kind: "applied", summary: answer.result.summary });
    else setStage({ kind: "previewed", file, preview: answer.result.preview, refused: true });
  }

  const choose = (file: File | undefined) => {
    if (file && !busy) void check(file);
  };

  if (stage.kind === "applied") {
    const s = stage.summary;
    return (
      <Card className="p-5">
        <div className="flex items-start gap-3">
          <CheckCircle2 className="mt-0.5 size-5 shrink-0 text-green-700" aria-hidden />
          <div>
            <h2 ref={resultHeading} tabIndex={-1} className="text-base font-semibold outline-none">
              {t("done.heading")}
            </h2>
            <p className="mt-1 text-sm text-neutral-700" data-testid="roster-import-summary">
              {t("done.body", { file: s.fileName, created: formatNumber(s.created), updated: formatNumber(s.updated), removed: formatNumber(s.removed), unchanged: formatNumber(s.unchanged) })}
            </p>
            <div className="mt-4 flex flex-wrap gap-2">
              <Button asChild>
                <Link href="/reviews/roster">{t("done.toRoster")}</Link>
              </Button>
              <Button variant="ghost" onClick={() => setStage({ kind: "idle" })}>
                {t("done.another")}
              </Button>
            </div>
          </div>
        </div>
      </Card>
    );
  }

  const file = stage.kind === "idle" ? null : stage.file;
  const preview = stage.kind === "previewed" || stage.kind === "applying" || stage.kind === "failed" ? stage.preview : null;
  const progress = stage.kind === "checking" || stage.kind === "applying" ? stage.progress : null;

  return (
    <div className="space-y-6">
      <section aria-labelledby="roster-upload-heading">
        <h2 id="roster-upload-heading" className="mb-2 text-base font-semibold">
          {t("upload.heading")}
        </h2>
        <Label htmlFor="roster-import-file">{t("upload.label")}</Label>
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
            <Button type="button" size="sm" variant="secondary" disabled={busy} onClick={() => input.current?.click()}>
              {t("upload.choose")}
            </Button>
          </p>
          <input
            ref={input}
            id="roster-import-file"
            type="file"
            accept=".csv,text/csv"
            className="sr-only"
            tabIndex={-1}
            aria-describedby="roster-import-hint"
            disabled={busy}
            onChange={(e) => {
              choose(e.target.files?.[0]);
              e.target.value = "";
            }}
          />
          {file ? (
            <p className="text-sm font-medium" data-testid="roster-chosen-file">
              {t("upload.chosen", { name: file.name, size: `${formatNumber(Math.max(1, Math.round(file.size / 1024)))} KB` })}
            </p>
          ) : null}
        </div>
        <p id="roster-import-hint" className="mt-1 text-xs text-neutral-600">
          {t("upload.hint", { maxMb, maxRows: formatNumber(maxRows) })}
        </p>
      </section>

      {stage.kind === "checking" ? <ProgressBar progress={progress} /> : null}
      {help}

      {stage.kind === "failed" ? (
        <div role="alert" className="flex items-start gap-2 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
          <div>
            <h2 ref={resultHeading} tabIndex={-1} className="font-medium outline-none">
              {t.has(`errors.${stage.error}`) ? t(`errors.${stage.error}`) : t("errors.unavailable")}
            </h2>
            {stage.file && stage.error !== "too_large" ? (
              <Button type="button" size="sm" variant="secondary" className="mt-2" onClick={() => void check(stage.file!)}>
                {t("upload.recheck")}
              </Button>
            ) : null}
          </div>
        </div>
      ) : null}

      {preview ? <PreviewSection preview={preview} refused={stage.kind === "previewed" && stage.refused} headingRef={stage.kind === "previewed" ? resultHeading : undefined} /> : null}

      {preview && file ? <ApplyPanel preview={preview} applying={stage.kind === "applying"} progress={stage.kind === "applying" ? progress : null} onApply={() => void apply(file, preview)} /> : null}
    </div>
  );
}

/** An import problem in the reader's words: "3 行目「退職日」: …", or the message alone for the file as a whole. */
function useIssueText() {
  const t = useTranslations("roster.import.issues");
  return (issue: HrImportIssue, withPlace = true): string => {
    const params: Record<string, string | number> = { ...issue.params, column: issue.column ?? "" };
    if (issue.code === "too_large") params.maxMb = Math.round(Number(issue.params?.max ?? 0) / 1024 / 1024);
    if (issue.code === "unterminated_quote" && issue.row !== null) params.row = issue.row;
    if (typeof params.max === "number" && issue.code !== "too_large") params.max = formatNumber(params.max);
    if (typeof params.rows === "number") params.rows = formatNumber(params.rows);
    const message = t(`codes.${issue.code}`, params);
    if (!withPlace || issue.row === null) return message;
    return issue.column ? t("at", { row: issue.row, column: issue.column, message }) : t("atRow", { row: issue.row, message });
  };
}

function PreviewSection({ preview, refused, headingRef }: { preview: HrImportPreview; refused: boolean; headingRef?: React.Ref<HTMLHeadingElement> }) {
  const t = useTranslations("roster");
  const ti = useTranslations("roster.import");
  const issueText = useIssueText();
  const [showAll, setShowAll] = useState(false);
  const [limit, setLimit] = useState(PAGE);
  const [removedLimit, setRemovedLimit] = useState(PAGE);
  const changed = preview.rows.filter((r) => r.action !== "unchanged");
  const rows = showAll ? preview.rows : changed;
  const { counts } = preview;
  const manyRemoved = counts.remove > 0 && preview.storedCount > 0 && counts.remove * 5 >= preview.storedCount;
  const valueText = (c: HrFieldChange, v: string | null) => (v === null ? ti("preview.empty") : c.field === "employmentStatus" ? t(`employmentStatus.${v}`) : v);

  return (
    <section aria-labelledby="roster-preview-heading">
      <h2 id="roster-preview-heading" ref={headingRef} tabIndex={-1} className="mb-1 text-base font-semibold outline-none">
        {ti("preview.heading")}
      </h2>
      <p className="mb-3 text-sm text-neutral-600" data-testid="roster-preview-file">
        {ti("preview.file", { name: preview.fileName, encoding: t(`encoding.${preview.encoding ?? "unknown"}`), rows: formatNumber(preview.rowCount) })}
      </p>
      {preview.fileIssues.length === 0 ? (
        <dl className="mb-3 grid grid-cols-2 gap-2 sm:grid-cols-5" data-testid="roster-preview-counts">
          {(["create", "update", "remove", "unchanged", "error"] as const).map((k) => (
            <div key={k} className="rounded-lg border border-neutral-200 bg-white px-3 py-2">
              <dt className="text-xs text-neutral-600">{ti(`preview.counts.${k}`)}</dt>
              <dd className={cn("num text-xl font-semibold", k === "error" && counts.error > 0 && "text-red-700", k === "remove" && manyRemoved && "text-amber-700")} data-testid={`roster-count-preview-${k}`}>
                {formatNumber(counts[k])}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {refused ? (
        <p role="alert" className="mb-3 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {ti("apply.refused")}
        </p>
      ) : null}
      {preview.fileIssues.length > 0 ? (
        <div role="alert" className="mb-3 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          <p className="font-medium">{ti("preview.fileProblems")}</p>
          <ul className="mt-1 list-disc pl-5">
            {preview.fileIssues.map((issue, i) => (
              <li key={i}>{issueText(issue, false)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {preview.warnings.length > 0 || manyRemoved ? (
        <div className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <p className="font-medium">{ti("preview.fileWarnings")}</p>
          <ul className="mt-1 list-disc pl-5">
            {manyRemoved ? <li data-testid="roster-many-removed">{ti("preview.manyRemoved", { count: formatNumber(counts.remove), stored: formatNumber(preview.storedCount) })}</li> : null}
            {preview.warnings.map((issue, i) => (
              <li key={i}>{issueText(issue, false)}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {preview.rows.length > 0 ? (
        <>
          <fieldset className="mb-2 flex flex-wrap items-center gap-3 text-sm">
            <legend className="sr-only">{ti("preview.filter")}</legend>
            {[
              { all: false, label: ti("preview.changed", { count: formatNumber(changed.length) }) },
              { all: true, label: ti("preview.all", { count: formatNumber(preview.rows.length) }) },
            ].map((o) => (
              <label key={String(o.all)} className="inline-flex items-center gap-1.5">
                <input
                  type="radio"
                  name="roster-preview-rows"
                  checked={showAll === o.all}
                  onChange={() => {
                    setShowAll(o.all);
                    setLimit(PAGE);
                  }}
                />
                {o.label}
              </label>
            ))}
          </fieldset>
          {rows.length === 0 ? (
            <p className="rounded-lg border border-dashed border-neutral-300 bg-white px-4 py-6 text-center text-sm text-neutral-600">{ti("preview.noChangedRows")}</p>
          ) : (
            <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white">
              <table className="w-full text-left text-sm" data-testid="roster-preview-rows">
                <thead className="border-b border-neutral-200 bg-neutral-50 text-xs text-neutral-600">
                  <tr>
                    <th scope="col" className="px-3 py-2 text-right font-medium whitespace-nowrap">
                      {ti("preview.columns.row")}
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                      {ti("preview.columns.employeeNumber")}
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                      {ti("preview.columns.name")}
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                      {ti("preview.columns.action")}
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      {ti("preview.columns.details")}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-neutral-100">
                  {rows.slice(0, limit).map((r) => (
                    <tr key={r.row} data-row={r.row} className={r.action === "error" ? "bg-red-50/40" : undefined}>
                      <td className="num px-3 py-2 text-right align-top">{r.row}</td>
                      <td className="num px-3 py-2 align-top whitespace-nowrap">{r.employeeNumber || "—"}</td>
                      <td className="px-3 py-2 align-top whitespace-nowrap">{r.name || "—"}</td>
                      <td className="px-3 py-2 align-top">
                        <Badge tone={TONE[r.action]}>{ti(`action.${r.action}`)}</Badge>
                      </td>
                      <td className="px-3 py-2 align-top">
                        {r.errors.length > 0 ? (
                          <ul className="space-y-0.5 text-red-800">
                            {r.errors.map((issue, i) => (
                              <li key={i}>{issueText(issue)}</li>
                            ))}
                          </ul>
                        ) : r.action === "create" ? (
                          <p className="text-neutral-700">
                            {r.changes
                              .filter((c) => c.field !== "name")
                              .map((c) => ti("preview.value", { column: ti(`fields.${c.field}`), after: valueText(c, c.after) }))
                              .join(" ・ ")}
                          </p>
                        ) : (
                          <ul className="space-y-0.5 text-neutral-700">
                            {r.changes.map((c) => (
                              <li key={c.field}>{ti("preview.change", { column: ti(`fields.${c.field}`), before: valueText(c, c.before), after: valueText(c, c.after) })}</li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {rows.length > limit ? (
            <div className="mt-2 flex items-center gap-3 text-sm text-neutral-600">
              <span>{ti("preview.shown", { shown: formatNumber(limit), total: formatNumber(rows.length) })}</span>
              <Button type="button" size="sm" variant="secondary" onClick={() => setLimit(limit + PAGE)}>
                {ti("preview.showMore", { count: formatNumber(Math.min(PAGE, rows.length - limit)) })}
              </Button>
            </div>
          ) : null}
        </>
      ) : null}

      {preview.removed.length > 0 ? (
        // A long list (a partial file, most often) stays folded: the count and the warning above say it already.
        <details className="mt-5" open={preview.removed.length <= 20} data-testid="roster-preview-removed">
          <summary className="cursor-pointer text-sm font-semibold">{ti("preview.removedHeading", { count: formatNumber(preview.removed.length) })}</summary>
          <p className="mb-2 text-xs text-neutral-600">{ti("preview.removedHint")}</p>
          <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-neutral-200 bg-neutral-50 text-xs text-neutral-600">
                <tr>
                  {(["employeeNumber", "name", "department", "employmentStatus"] as const).map((k) => (
                    <th key={k} scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                      {ti(`preview.removedColumns.${k}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-neutral-100">
                {preview.removed.slice(0, removedLimit).map((r) => (
                  <tr key={r.employeeNumber}>
                    <td className="num px-3 py-2 whitespace-nowrap">{r.employeeNumber}</td>
                    <td className="px-3 py-2 whitespace-nowrap">{r.name}</td>
                    <td className="px-3 py-2">{r.department}</td>
                    <td className="px-3 py-2 whitespace-nowrap">{t(`employmentStatus.${r.employmentStatus}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.removed.length > removedLimit ? (
            <div className="mt-2 flex items-center gap-3 text-sm text-neutral-600">
              <span>{ti("preview.shown", { shown: formatNumber(removedLimit), total: formatNumber(preview.removed.length) })}</span>
              <Button type="button" size="sm" variant="secondary" onClick={() => setRemovedLimit(removedLimit + PAGE)}>
                {ti("preview.showMore", { count: formatNumber(Math.min(PAGE, preview.removed.length - removedLimit)) })}
              </Button>
            </div>
          ) : null}
        </details>
      ) : null}
    </section>
  );
}

function ApplyPanel({ preview, applying, progress, onApply }: { preview: HrImportPreview; applying: boolean; progress: HrImportProgress | null; onApply: () => void }) {
  const t = useTranslations("roster.import");
  const progressBox = useRef<HTMLDivElement>(null);
  // The button is at the foot of a long table: keep the progress in view once it starts.
  useEffect(() => {
    if (applying) progressBox.current?.scrollIntoView({ block: "nearest" });
  }, [applying]);
  const { create, update, remove, error } = preview.counts;
  const blocked = preview.fileIssues.length > 0 ? t("apply.blockedByFile") : error > 0 ? t("apply.blockedByErrors", { count: formatNumber(error) }) : null;
  return (
    <section aria-labelledby="roster-apply-heading" className="rounded-lg border border-neutral-200 bg-white p-4">
      <h2 id="roster-apply-heading" className="mb-2 text-base font-semibold">
        {t("apply.heading")}
      </h2>
      {blocked ? (
        <p id="roster-apply-blocked" className="mb-3 flex items-start gap-1.5 text-sm text-neutral-700">
          <Badge tone="red">{t("action.error")}</Badge>
          <span>{blocked}</span>
        </p>
      ) : (
        <p className="mb-3 text-sm text-neutral-700">{t("apply.note")}</p>
      )}
      <Button type="button" disabled={Boolean(blocked) || applying} aria-describedby={blocked ? "roster-apply-blocked" : undefined} onClick={onApply} data-testid="roster-apply">
        {applying ? t("apply.applying") : t("apply.button", { created: formatNumber(create), updated: formatNumber(update), removed: formatNumber(remove) })}
      </Button>
      {applying ? (
        <div ref={progressBox} className="mt-3">
          <ProgressBar progress={progress} />
        </div>
      ) : null}
    </section>
  );
}

function ProgressBar({ progress }: { progress: HrImportProgress | null }) {
  const t = useTranslations("roster.import.progress");
  const phase = progress?.phase ?? "read";
  const percent = progress && progress.total > 0 ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : 0;
  const text = t(phase, { done: formatNumber(progress?.done ?? 0), total: formatNumber(progress?.total ?? 0) });
  return (
    <div className="rounded-lg border border-neutral-200 bg-white p-4">
      <p className="mb-2 text-sm text-neutral-800" aria-live="polite">
        {text}
      </p>
      <div role="progressbar" aria-label={t("label")} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={text} data-phase={phase} className="h-2 w-full overflow-hidden rounded-full bg-neutral-200">
        <div className="h-full bg-accent-600 transition-[width] duration-200" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

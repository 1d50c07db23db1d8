"use client";
import { useRef, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { CheckCircle2, FileUp } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Label } from "@/components/ui/input";
import { formatNumber } from "@/lib/format";
import type { LineImportIssue } from "@/lib/policy/line-csv";
import type { LineImportOutcome, LineImportPreview, LineImportSummary } from "@/lib/schemas/line-import";

type Stage =
  | { kind: "idle" }
  | { kind: "busy"; file: File; preview: LineImportPreview | null }
  | { kind: "previewed"; file: File; preview: LineImportPreview; refused: boolean }
  | { kind: "applied"; summary: LineImportSummary }
  | { kind: "failed"; error: string };

const TONE = { create: "green", update: "blue", unchanged: "grey", error: "red" } as const;

async function send(mode: "preview" | "apply", file: File): Promise<{ ok: true; body: unknown } | { ok: false; status: number; error: string }> {
  const body = new FormData();
  body.set("mode", mode);
  body.set("file", file);
  try {
    const response = await fetch("/api/lines/import", { method: "POST", body });
    const json = (await response.json().catch(() => null)) as { key?: string | null; code?: string } | null;
    if (!response.ok) return { ok: false, status: response.status, error: json?.key ?? json?.code ?? "unavailable" };
    return { ok: true, body: json };
  } catch {
    return { ok: false, status: 0, error: "network" };
  }
}

// Lines from CSV: choose a file → dry run row by row → apply all or nothing → summary.
export function LineImportWorkbench({ maxMb, maxRows }: { maxMb: number; maxRows: number }) {
  const t = useTranslations("lines.import");
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [stage, setStage] = useState<Stage>({ kind: "idle" });
  const busy = stage.kind === "busy";

  const issueText = (issue: LineImportIssue, withPlace = true) => {
    const message = t(`issues.${issue.code}`, { ...issue.params, column: issue.column ?? "" });
    if (!withPlace || issue.row === null) return message;
    return issue.column ? t("at", { row: issue.row, column: issue.column, message }) : t("atRow", { row: issue.row, message });
  };

  async function check(file: File) {
    setStage({ kind: "busy", file, preview: null });
    const answer = await send("preview", file);
    if (answer.ok) setStage({ kind: "previewed", file, preview: answer.body as LineImportPreview, refused: false });
    else if (answer.status === 401) router.push("/sign-in?callbackUrl=%2Flines%2Fimport");
    else setStage({ kind: "failed", error: answer.error });
  }

  async function apply(file: File, preview: LineImportPreview) {
    setStage({ kind: "busy", file, preview });
    const answer = await send("apply", file);
    if (!answer.ok) {
      if (answer.status === 401) router.push("/sign-in?callbackUrl=%2Flines%2Fimport");
      else setStage({ kind: "failed", error: answer.error });
      return;
    }
    const outcome = answer.body as LineImportOutcome;
    if (outcome.status === "applied") setStage({ kind: "applied", summary: outcome.summary });
    else setStage({ kind: "previewed", file, preview: outcome.preview, refused: true });
  }

  if (stage.kind === "applied") {
    const s = stage.summary;
    return (
      <Card className="p-5">
        <div className="flex items-start gap-3">
          <CheckCircle2 className="mt-0.5 size-5 shrink-0 text-green-700" aria-hidden />
          <div>
            <h2 className="text-base font-semibold">{t("done.heading")}</h2>
            <p className="mt-1 text-sm text-neutral-700" data-testid="line-import-summary">
              {t("done.body", { file: s.fileName, created: formatNumber(s.created), updated: formatNumber(s.updated), unchanged: formatNumber(s.unchanged) })}
            </p>
            <div className="mt-4 flex gap-2">
              <Button asChild>
                <Link href="/lines">{t("done.toList")}</Link>
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

  const file = stage.kind === "busy" || stage.kind === "previewed" ? stage.file : null;
  const preview = stage.kind === "previewed" ? stage.preview : stage.kind === "busy" ? stage.preview : null;
  const blocked = preview
    ? preview.fileIssues.length > 0
      ? t("apply.blockedByFile")
      : preview.counts.error > 0
        ? t("apply.blockedByErrors", { count: formatNumber(preview.counts.error) })
        : preview.counts.create + preview.counts.update === 0
          ? t("apply.nothing")
          : null
    : null;

  return (
    <div className="space-y-6">
      <section aria-labelledby="line-upload-heading">
        <h2 id="line-upload-heading" className="mb-2 text-base font-semibold">
          {t("upload.heading")}
        </h2>
        <Label htmlFor="line-import-file">{t("upload.label")}</Label>
        <div className="flex flex-col items-center gap-2 rounded-lg border-2 border-dashed border-neutral-300 bg-white px-6 py-8 text-center">
          <FileUp className="size-6 text-neutral-500" aria-hidden />
          <Button type="button" size="sm" variant="secondary" disabled={busy} onClick={() => input.current?.click()}>
            {t("upload.choose")}
          </Button>
          <input
            ref={input}
            id="line-import-file"
            type="file"
            accept=".csv,text/csv"
            className="sr-only"
            tabIndex={-1}
            aria-describedby="line-import-hint"
            disabled={busy}
            onChange={(e) => {
              const chosen = e.target.files?.[0];
              if (chosen) void check(chosen);
              e.target.value = "";
            }}
          />
          {file ? (
            <p className="text-sm font-medium" data-testid="line-import-file-name">
              {file.name}
            </p>
          ) : null}
          {busy ? <p className="text-sm text-neutral-600">{t("upload.working")}</p> : null}
        </div>
        <p id="line-import-hint" className="mt-1 text-xs text-neutral-600">
          {t("upload.hint", { maxMb, maxRows: formatNumber(maxRows) })}
        </p>
      </section>

      {stage.kind === "failed" ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {t.has(`errors.${stage.error}`) ? t(`errors.${stage.error}`) : t("errors.unavailable")}
        </p>
      ) : null}

      {preview ? (
        <section aria-labelledby="line-preview-heading">
          <h2 id="line-preview-heading" className="mb-1 text-base font-semibold">
            {t("preview.heading")}
          </h2>
          <p className="mb-3 text-sm text-neutral-600">
            {t("preview.file", { name: preview.fileName, encoding: t(`encoding.${preview.encoding ?? "unknown"}`), rows: formatNumber(preview.rowCount) })}{" "}
            {t("preview.counts", {
              create: formatNumber(preview.counts.create),
              update: formatNumber(preview.counts.update),
              unchanged: formatNumber(preview.counts.unchanged),
              error: formatNumber(preview.counts.error),
            })}
          </p>
          {stage.kind === "previewed" && stage.refused ? (
            <p role="alert" className="mb-3 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
              {t("apply.refused")}
            </p>
          ) : null}
          {[...preview.fileIssues, ...preview.warnings].length > 0 ? (
            <ul className="mb-3 list-disc rounded-md border border-amber-200 bg-amber-50 py-3 pl-8 pr-4 text-sm text-amber-950">
              {[...preview.fileIssues, ...preview.warnings].map((issue, i) => (
                <li key={i}>{issueText(issue, false)}</li>
              ))}
            </ul>
          ) : null}
          {preview.rows.length > 0 ? (
            <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white">
              <table className="w-full text-left text-sm">
                <thead className="border-b border-neutral-200 bg-neutral-50 text-xs text-neutral-600">
                  <tr>
                    <th scope="col" className="px-3 py-2 text-right font-medium whitespace-nowrap">
                      {t("preview.row")}
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                      {t("preview.phoneNumber")}
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                      {t("preview.action")}
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      {t("preview.detail")}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-neutral-100">
                  {preview.rows.map((r) => (
                    <tr key={r.row} className={r.action === "error" ? "bg-red-50/40" : undefined}>
                      <td className="num px-3 py-2 text-right align-top">{r.row}</td>
                      <td className="num px-3 py-2 align-top whitespace-nowrap">{r.phoneNumber || "—"}</td>
                      <td className="px-3 py-2 align-top">
                        <Badge tone={TONE[r.action]}>{t(`action.${r.action}`)}</Badge>
                      </td>
                      <td className="px-3 py-2 align-top">
                        {r.errors.length > 0 ? (
                          <ul className="space-y-0.5 text-red-800">
                            {r.errors.map((issue, i) => (
                              <li key={i}>{issueText(issue)}</li>
                            ))}
                          </ul>
                        ) : (
                          <ul className="space-y-0.5 text-neutral-700">
                            {r.changes
                              .filter((c) => c.field !== "phoneNumber")
                              .map((c) => (
                                <li key={c.field}>
                                  {preview.headings[c.field] ?? c.field}: {c.before ?? t("empty")} → {c.after ?? t("empty")}
                                </li>
                              ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      ) : null}

      {preview && file ? (
        <section aria-labelledby="line-apply-heading" className="rounded-lg border border-neutral-200 bg-white p-4">
          <h2 id="line-apply-heading" className="mb-2 text-base font-semibold">
            {t("apply.heading")}
          </h2>
          {blocked ? (
            <p id="line-apply-blocked" className="mb-3 text-sm text-neutral-700">
              {blocked}
            </p>
          ) : null}
          <Button type="button" disabled={Boolean(blocked) || busy} aria-describedby={blocked ? "line-apply-blocked" : undefined} onClick={() => void apply(file, preview)}>
            {busy ? t("apply.applying") : t("apply.button", { created: formatNumber(preview.counts.create), updated: formatNumber(preview.counts.update) })}
          </Button>
        </section>
      ) : null}
    </div>
  );
}

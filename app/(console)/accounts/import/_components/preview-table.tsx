"use client";
import { useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { formatNumber } from "@/lib/format";
import { IMPORT_COLUMNS, type ImportField } from "@/lib/policy/account-csv";
import type { RowAction } from "@/lib/policy/account-import-plan";
import type {
  AccountImportPreview,
  ImportPreviewRow,
} from "@/lib/schemas/account-import";
import { useIssueText } from "./use-issue-text";

const PAGE = 100;
const FILTERS = ["all", "error", "create", "update", "unchanged"] as const;
type Filter = (typeof FILTERS)[number];
const actionTone: Record<RowAction, "blue" | "amber" | "grey" | "red"> = {
  create: "blue",
  update: "amber",
  unchanged: "grey",
  error: "red",
};
// The name and ID have their own columns; the details list the rest.
const SHOWN_IN_COLUMNS = new Set<ImportField>(["loginId"]);

// The dry run row by row: what each row would do, the fields it changes (before → after), and its errors.
export function PreviewTable({ preview }: { preview: AccountImportPreview }) {
  const t = useTranslations("accountImport");
  const issueText = useIssueText();
  const [filter, setFilter] = useState<Filter>(
    preview.counts.error > 0 ? "error" : "all",
  );
  const [limit, setLimit] = useState(PAGE);
  const rows = useMemo(
    () =>
      filter === "all"
        ? preview.rows
        : preview.rows.filter((r) => r.action === filter),
    [preview.rows, filter],
  );
  const heading = (field: ImportField) =>
    preview.headings[field] ??
    IMPORT_COLUMNS.find((c) => c.field === field)!.heading;
  const count = (f: Filter) =>
    f === "all" ? preview.rows.length : preview.counts[f];

  const details = (row: ImportPreviewRow) => {
    // A new account (or one that would be new but for its errors) lists its values; an existing one, before → after.
    const asValues =
      row.action === "create" ||
      (row.action === "error" && row.changes.every((c) => c.before === null));
    return (
      <>
        {row.errors.length > 0 ? (
          <ul className="space-y-0.5 text-red-800">
            {row.errors.map((issue, i) => (
              <li key={i}>{issueText(issue)}</li>
            ))}
          </ul>
        ) : null}
        {row.changes.length > 0 ? (
          <ul className="space-y-0.5 text-neutral-800">
            {row.changes
              .filter(
                (c) =>
                  !SHOWN_IN_COLUMNS.has(c.field) &&
                  !(asValues && c.field === "displayName"),
              )
              .map((c) => (
                <li key={c.field}>
                  {asValues
                    ? t("preview.value", {
                        column: heading(c.field),
                        after: c.after ?? t("preview.empty"),
                      })
                    : t("preview.change", {
                        column: heading(c.field),
                        before: c.before ?? t("preview.empty"),
                        after: c.after ?? t("preview.empty"),
                      })}
                </li>
              ))}
          </ul>
        ) : null}
        {row.warnings.length > 0 ? (
          <ul className="space-y-0.5 text-amber-900">
            {row.warnings.map((issue, i) => (
              <li key={i}>{issueText(issue)}</li>
            ))}
          </ul>
        ) : null}
      </>
    );
  };

  return (
    <div>
      <fieldset className="mb-2 flex flex-wrap items-center gap-1.5">
        <legend className="sr-only">{t("preview.filter")}</legend>
        {FILTERS.map((f) => (
          <label
            key={f}
            className={cn(
              "cursor-pointer rounded-full border px-3 py-1 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-accent-600",
              filter === f
                ? "border-accent-600 bg-accent-50 font-medium text-accent-800"
                : "border-neutral-300 bg-white text-neutral-700 hover:bg-neutral-100",
              f !== "all" && count(f) === 0 && "text-neutral-600",
            )}
          >
            <input
              type="radio"
              name="preview-filter"
              value={f}
              checked={filter === f}
              onChange={() => {
                setFilter(f);
                setLimit(PAGE);
              }}
              className="sr-only"
            />
            {f === "all"
              ? t("preview.all", { count: formatNumber(count(f)) })
              : `${t(`action.${f}`)} (${formatNumber(count(f))})`}
          </label>
        ))}
      </fieldset>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-neutral-300 bg-white px-4 py-8 text-center text-sm text-neutral-600">
          {t("preview.noRows")}
        </p>
      ) : (
        // Focusable, so a keyboard can scroll a wide table sideways.
        <div
          role="region"
          aria-labelledby="preview-heading"
          tabIndex={0}
          className="overflow-x-auto rounded-lg border border-neutral-200 bg-white focus-visible:ring-2 focus-visible:ring-accent-600"
        >
          <table
            className="w-full text-left text-sm"
            data-testid="import-preview"
          >
            <thead className="border-b border-neutral-200 bg-neutral-50 text-xs text-neutral-600">
              <tr>
                <th
                  scope="col"
                  className="px-3 py-2 text-right font-medium whitespace-nowrap"
                >
                  {t("preview.columns.row")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("preview.columns.loginId")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("preview.columns.displayName")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("preview.columns.action")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("preview.columns.details")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-neutral-100">
              {rows.slice(0, limit).map((row) => (
                <tr
                  key={row.row}
                  data-row={row.row}
                  className={cn(row.action === "error" && "bg-red-50/40")}
                >
                  <td className="num px-3 py-2 text-right align-top">
                    {formatNumber(row.row)}
                  </td>
                  <td className="min-w-48 px-3 py-2 align-top break-all">
                    {row.loginId}
                  </td>
                  <td className="min-w-28 px-3 py-2 align-top">
                    {row.displayName}
                  </td>
                  <td className="px-3 py-2 align-top">
                    <Badge tone={actionTone[row.action]}>
                      {t(`action.${row.action}`)}
                    </Badge>
                  </td>
                  <td className="min-w-72 px-3 py-2 align-top text-xs leading-5">
                    {details(row)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.length > 0 ? (
        <div className="mt-2 flex items-center justify-between gap-2 text-sm text-neutral-600">
          <span>
            {t("preview.shown", {
              shown: formatNumber(Math.min(limit, rows.length)),
              total: formatNumber(rows.length),
            })}
          </span>
          {rows.length > limit ? (
            <Button
              type="button"
              size="sm"
              variant="secondary"
              onClick={() => setLimit(limit + PAGE)}
            >
              {t("preview.showMore", {
                count: formatNumber(Math.min(PAGE, rows.length - limit)),
              })}
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

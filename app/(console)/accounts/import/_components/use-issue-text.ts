"use client";
import { useTranslations } from "next-intl";
import type { ImportIssue } from "@/lib/policy/account-csv";

/** An import problem in the reader's words: "3 行目「部署コード」: …", or the message alone for the file as a whole. */
export function useIssueText() {
  const t = useTranslations("accountImport.issue");
  return (issue: ImportIssue, { withPlace = true }: { withPlace?: boolean } = {}): string => {
    const params: Record<string, string | number> = { ...issue.params, column: issue.column ?? "" };
    if (issue.code === "too_large") params.maxMb = Math.round(Number(issue.params?.max ?? 0) / 1024 / 1024);
    if (issue.code === "unterminated_quote" && issue.row !== null) params.row = issue.row;
    const message = t(`codes.${issue.code}`, params);
    if (!withPlace || issue.row === null) return message;
    return issue.column ? t("at", { row: issue.row, column: issue.column, message }) : t("atRow", { row: issue.row, message });
  };
}

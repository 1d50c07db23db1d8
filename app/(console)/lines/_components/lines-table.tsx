"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format";
import { isMnpExpired } from "@/lib/policy/lines";
import type { LineRow } from "@/lib/server/lines/list-lines";
import { lineStatusTone } from "./line-status";

export function LinesTable({ rows, now, canSeeAccounts }: { rows: LineRow[]; now: Date; canSeeAccounts: boolean }) {
  const t = useTranslations();
  const router = useRouter();
  const headers = ["phoneNumber", "iccid", "simType", "planAllowance", "status", "holder", "mnp"] as const;
  return (
    <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-neutral-200 bg-neutral-50 text-xs text-neutral-600">
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                {t(`lines.columns.${h}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-100">
          {rows.map((line) => {
            const expired = isMnpExpired(line.mnpExpiresAt, new Date(now));
            return (
              <tr
                key={line.id}
                className="cursor-pointer hover:bg-neutral-50"
                onClick={(e) => {
                  if ((e.target as HTMLElement).closest("a")) return;
                  router.push(`/lines/${line.id}`);
                }}
              >
                <td className="px-3 py-2 whitespace-nowrap">
                  <Link href={`/lines/${line.id}`} className="num font-medium text-accent-700 hover:underline">
                    {line.phoneNumber}
                  </Link>
                </td>
                <td className="num px-3 py-2 text-xs whitespace-nowrap text-neutral-700">{line.iccid ?? "—"}</td>
                <td className="px-3 py-2 whitespace-nowrap">{t(`simType.${line.simType}`)}</td>
                <td className="px-3 py-2 whitespace-nowrap">
                  {line.plan}
                  <span className="num ml-1 text-xs text-neutral-600">({t("lines.gb", { value: line.dataAllowanceGb.toLocaleString("ja-JP") })})</span>
                </td>
                <td className="px-3 py-2">
                  <Badge tone={lineStatusTone[line.status]}>{t(`lineStatus.${line.status}`)}</Badge>
                </td>
                <td className="px-3 py-2">
                  {line.assignee ? (
                    canSeeAccounts ? (
                      <Link href={`/accounts/${line.assignee.id}`} className="text-accent-700 hover:underline" title={line.assignee.loginId}>
                        {line.assignee.displayName}
                      </Link>
                    ) : (
                      <span title={line.assignee.loginId}>{line.assignee.displayName}</span>
                    )
                  ) : (
                    <span className="text-neutral-500">{t("lines.unassigned")}</span>
                  )}
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  {line.mnpNumber ? (
                    <span className="flex flex-col">
                      <span className="num">{line.mnpNumber}</span>
                      <span className={expired ? "num text-xs text-red-700" : "num text-xs text-neutral-600"}>
                        {t("lines.mnpUntil", { date: formatDateTime(line.mnpExpiresAt) })}
                        {expired ? (
                          <Badge tone="red" className="ml-1">
                            {t("lines.mnpExpired")}
                          </Badge>
                        ) : null}
                      </span>
                    </span>
                  ) : (
                    <span className="text-neutral-500">—</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

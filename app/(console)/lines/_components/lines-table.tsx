"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { LineRow } from "@/lib/server/lines/list-lines";
import { lineStatusTone } from "./line-status";

export function LinesTable({ rows }: { rows: LineRow[] }) {
  const t = useTranslations();
  const router = useRouter();
  const headers = ["phoneNumber", "plan", "dataAllowance", "roaming", "status", "assignee", "costCenter"] as const;
  return (
    <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-neutral-200 bg-neutral-50 text-xs text-neutral-600">
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col" className={h === "dataAllowance" ? "px-3 py-2 text-right font-medium whitespace-nowrap" : "px-3 py-2 font-medium whitespace-nowrap"}>
                {t(`lines.columns.${h}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-100">
          {rows.map((line) => (
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
                <span className="ml-2 text-xs text-neutral-500">{t(`simType.${line.simType}`)}</span>
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{line.plan}</td>
              <td className="num px-3 py-2 text-right whitespace-nowrap">{t("lines.gb", { value: line.dataAllowanceGb.toLocaleString("ja-JP") })}</td>
              <td className="px-3 py-2">{line.internationalRoaming ? <Badge tone="blue">{t("lines.on")}</Badge> : <span className="text-neutral-600">{t("lines.off")}</span>}</td>
              <td className="px-3 py-2">
                <Badge tone={lineStatusTone[line.status]}>{t(`lineStatus.${line.status}`)}</Badge>
              </td>
              <td className="px-3 py-2">{line.assignee ? line.assignee.displayName : <span className="text-neutral-500">{t("lines.unassigned")}</span>}</td>
              <td className="px-3 py-2">{line.costCenter ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

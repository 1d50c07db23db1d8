"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useChangeText } from "@/components/changes/change-text";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format";
import type { ChangeRequestRow } from "@/lib/server/requests/list-change-requests";
import { requestStatusTone } from "./request-status";

export function RequestsTable({ rows }: { rows: ChangeRequestRow[] }) {
  const t = useTranslations("requests");
  const text = useChangeText();
  const router = useRouter();
  const headers = ["filedAt", "kind", "target", "requester", "changes", "status"] as const;
  return (
    <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-neutral-200 bg-neutral-50 text-xs text-neutral-600">
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col" className={h === "changes" ? "px-3 py-2 text-right font-medium whitespace-nowrap" : "px-3 py-2 font-medium whitespace-nowrap"}>
                {t(`columns.${h}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-100">
          {rows.map((r) => (
            <tr
              key={r.id}
              className="cursor-pointer hover:bg-neutral-50"
              onClick={(e) => {
                if ((e.target as HTMLElement).closest("a")) return;
                router.push(`/requests/${r.id}`);
              }}
            >
              <td className="num px-3 py-2 whitespace-nowrap">
                <Link href={`/requests/${r.id}`} className="text-accent-700 hover:underline">
                  {formatDateTime(r.createdAt)}
                </Link>
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{text.kind(r.kind)}</td>
              <td className="px-3 py-2">
                <span className="num">{r.targetLabel || "—"}</span>
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{r.requester}</td>
              <td className="num px-3 py-2 text-right whitespace-nowrap">{t("changesCount", { count: r.changedFields })}</td>
              <td className="px-3 py-2">
                <Badge tone={requestStatusTone[r.status]}>{text.status(r.status)}</Badge>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

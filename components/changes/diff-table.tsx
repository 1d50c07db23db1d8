import { useTranslations } from "next-intl";
import { ArrowRight } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { useChangeText, type ChangeValue } from "./change-text";

export interface ChangeRow {
  field: string;
  before: ChangeValue;
  after: ChangeValue;
}

// A request's changes: field, before, after. Fields the target no longer holds as filed are marked.
export function DiffTable({ kind, changes, staleFields = [], compact = false }: { kind: string; changes: ChangeRow[]; staleFields?: string[]; compact?: boolean }) {
  const t = useTranslations("requests.detail");
  const text = useChangeText();
  return (
    <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-neutral-200 bg-neutral-50 text-xs text-neutral-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
              {t("field")}
            </th>
            <th scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
              {t("before")}
            </th>
            <th scope="col" className="w-6 px-0 py-2">
              <span className="sr-only">→</span>
            </th>
            <th scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
              {t("after")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-100">
          {changes.map((c) => {
            const stale = staleFields.includes(c.field);
            return (
              <tr key={c.field} className={cn(stale && "bg-amber-50")}>
                <th scope="row" className={cn("px-3 text-left font-medium whitespace-nowrap", compact ? "py-1.5" : "py-2")}>
                  {text.field(kind, c.field)}
                  {stale ? (
                    <Badge tone="amber" className="ml-2">
                      {t("changedSince")}
                    </Badge>
                  ) : null}
                </th>
                <td className={cn("px-3 text-neutral-600", compact ? "py-1.5" : "py-2")}>
                 {text.value(kind, c.field, c.before)}
                </td>
                <td className="px-0 text-neutral-400">
                  <ArrowRight className="size-4" aria-hidden />
                </td>
                <td className={cn("px-3 font-medium text-neutral-900", compact ? "py-1.5" : "py-2")}>{text.value(kind, c.field, c.after)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

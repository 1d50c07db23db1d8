"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { Badge, accountStatusTone } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format";
import { hrefWith, type UrlState } from "@/lib/url-state";
import type { AccountRow } from "@/lib/server/accounts/list-accounts";

const SORTABLE = new Set(["displayName", "loginId", "employeeNumber", "department", "status", "lastSignInAt"]);

export function AccountsTable({ rows, state, defaults }: { rows: AccountRow[]; state: UrlState & { sort: string; dir: string }; defaults: UrlState }) {
  const t = useTranslations();
  const router = useRouter();
  const columns: ColumnDef<AccountRow>[] = [
    {
      id: "displayName",
      header: t("accounts.columns.displayName"),
      cell: ({ row }) => (
        <div>
          <Link href={`/accounts/${row.original.id}`} className="font-medium text-accent-700 hover:underline">
            {row.original.displayName}
          </Link>
          {row.original.nameKana ? <p className="text-xs text-neutral-500">{row.original.nameKana}</p> : null}
        </div>
      ),
    },
    { id: "loginId", header: t("accounts.columns.loginId"), cell: ({ row }) => <span className="break-all">{row.original.loginId}</span> },
    { id: "employeeNumber", header: t("accounts.columns.employeeNumber"), cell: ({ row }) => <span className="num">{row.original.employeeNumber ?? "—"}</span> },
    { id: "department", header: t("accounts.columns.department"), cell: ({ row }) => row.original.department ?? "—" },
    { id: "kind", header: t("accounts.columns.kind"), cell: ({ row }) => t(`kind.${row.original.kind}`) },
    {
      id: "status",
      header: t("accounts.columns.status"),
      cell: ({ row }) => <Badge tone={accountStatusTone[row.original.status]}>{t(`status.${row.original.status}`)}</Badge>,
    },
    {
      id: "lastSignInAt",
      header: t("accounts.columns.lastSignInAt"),
      cell: ({ row }) => (
        <span className="num whitespace-nowrap">{row.original.lastSignInAt ? formatDateTime(row.original.lastSignInAt) : t("accounts.neverSignedIn")}</span>
      ),
    },
  ];
  // eslint-disable-next-line react-hooks/incompatible-library -- rows come from the server per page; nothing downstream is memoized
  const table = useReactTable({ data: rows, columns, getCoreRowModel: getCoreRowModel(), manualSorting: true, manualPagination: true });

  const sortHref = (column: string) => {
    const dir = state.sort === column && state.dir === "asc" ? "desc" : "asc";
    return hrefWith("/accounts", state, { sort: column, dir, page: undefined }, defaults);
  };

  return (
    <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-neutral-200 bg-neutral-50 text-xs text-neutral-600">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = state.sort === header.id ? state.dir : null;
                const label = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className="px-3 py-2 font-medium whitespace-nowrap"
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                  >
                    {SORTABLE.has(header.id) ? (
                      <Link href={sortHref(header.id)} className="inline-flex items-center gap-1 hover:text-neutral-900">
                        {label}
                        {sorted === "asc" ? (
                          <ArrowUp className="size-3.5" aria-hidden />
                        ) : sorted === "desc" ? (
                          <ArrowDown className="size-3.5" aria-hidden />
                        ) : (
                          <ArrowUpDown className="size-3.5 text-neutral-400" aria-hidden />
                        )}
                      </Link>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-neutral-100">
          {table.getRowModel().rows.map((row) => (
            <tr
              key={row.id}
              className="cursor-pointer hover:bg-neutral-50"
              onClick={(e) => {
                if ((e.target as HTMLElement).closest("a")) return;
                router.push(`/accounts/${row.original.id}`);
              }}
            >
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} className="px-3 py-2 align-top">
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

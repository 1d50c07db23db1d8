// A small read-only table for detail tabs (lists with paging use components/data-table).
import { cn } from "./cn";

export interface SimpleColumn<T> {
  header: string;
  cell: (row: T) => React.ReactNode;
  /** Numbers are right-aligned, heading included. */
  align?: "right";
}

export function SimpleTable<T>({ columns, rows, rowKey, empty }: { columns: SimpleColumn<T>[]; rows: T[]; rowKey: (row: T) => string; empty: string }) {
  if (rows.length === 0) {
    return <p className="rounded-lg border border-dashed border-neutral-300 bg-white px-4 py-8 text-center text-sm text-neutral-600">{empty}</p>;
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-neutral-200 bg-neutral-50 text-xs text-neutral-600">
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" className={cn("px-3 py-2 font-medium whitespace-nowrap", c.align === "right" && "text-right")}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-100">
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => (
                <td key={c.header} className={cn("px-3 py-2 align-top", c.align === "right" && "num text-right")}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

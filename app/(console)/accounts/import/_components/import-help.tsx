import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { IMPORT_COLUMNS } from "@/lib/policy/account-csv";

// Under the upload, folded away until asked for: the columns a file may have, and the department codes and roles it may name.
export function ImportHelp({ departments, roles }: { departments: { code: string; name: string }[]; roles: { key: string | null; name: string }[] }) {
  const t = useTranslations("accountImport.help");
  return (
    <details className="rounded-lg border border-neutral-200 bg-white text-sm">
      <summary className="cursor-pointer px-4 py-3 font-medium">{t("heading")}</summary>
      <div className="border-t border-neutral-200 px-4 py-3">
        <p className="mb-3 text-neutral-700">{t("intro")}</p>
        <dl className="grid gap-x-6 gap-y-2 md:grid-cols-2">
          {IMPORT_COLUMNS.map((c) => (
            <div key={c.field}>
              <dt className="flex flex-wrap items-center gap-1.5 font-medium">
                {c.heading}
                <code className="text-xs font-normal text-neutral-600">{c.english}</code>
                {c.required ? <Badge tone="grey">{t("required")}</Badge> : null}
              </dt>
              <dd className="text-neutral-700">{t(`fields.${c.field}`)}</dd>
            </div>
          ))}
        </dl>
        <div className="mt-4 grid gap-6 md:grid-cols-2">
          <div>
            <h3 className="mb-1 font-medium">{t("departments")}</h3>
            {departments.length === 0 ? (
              <p className="text-neutral-600">{t("noDepartments")}</p>
            ) : (
              <ul className="space-y-0.5">
                {departments.map((d) => (
                  <li key={d.code}>
                    <code className="num mr-2">{d.code}</code>
                    {d.name}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <h3 className="mb-1 font-medium">{t("roles")}</h3>
            <ul className="space-y-0.5">
              {roles.map((r) => (
                <li key={r.key ?? r.name}>
                  {r.name}
                  {r.key ? <code className="ml-2 text-xs text-neutral-600">{r.key}</code> : null}
                </li>
              ))}
            </ul>
          </div>
        </div>
      </div>
    </details>
  );
}

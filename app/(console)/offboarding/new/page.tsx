import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ChevronLeft, Search } from "lucide-react";
import { Badge, accountStatusTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { formatNumber } from "@/lib/format";
import { getAccountOrThrow } from "@/lib/server/accounts/get-account-or-throw";
import { listAccounts } from "@/lib/server/accounts/list-accounts";
import { authorize } from "@/lib/server/authorize";
import { load } from "@/lib/server/page";
import { StartOffboardingForm } from "./_components/start-offboarding-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("offboarding.new"))("title") };
}

// Registering a case: find the person among the active accounts (a GET search, so the choice lives in the URL), then the form.
export default async function NewOffboardingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await load(() => authorize("offboarding", "manage"));
  const raw = await searchParams;
  const q = typeof raw.q === "string" ? raw.q.trim() : "";
  const chosenId = typeof raw.account === "string" ? raw.account : "";
  const [found, chosen] = await Promise.all([
    q ? load(() => listAccounts({ q, status: "active", pageSize: 25 })) : null,
    chosenId ? load(() => getAccountOrThrow({ id: chosenId })) : null,
  ]);
  const t = await getTranslations();
  const tn = await getTranslations("offboarding.new");
  return (
    <div className="max-w-4xl">
      <Link href="/offboarding" className="mb-3 inline-flex items-center gap-1 text-sm text-accent-700 hover:underline">
        <ChevronLeft className="size-4" aria-hidden />
        {tn("back")}
      </Link>
      <PageHeader title={tn("title")} description={tn("description")} />
      <Card className="mb-4 p-4" role="region" aria-labelledby="offboarding-step1">
        <h2 id="offboarding-step1" className="mb-3 text-sm font-semibold text-neutral-900">
          {tn("step1")}
        </h2>
        {chosen ? (
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <Badge tone="blue">{tn("chosen")}</Badge>
            <span className="font-medium">{chosen.displayName}</span>
            <span className="break-all text-neutral-600">{chosen.loginId}</span>
            <Link href={q ? `/offboarding/new?q=${encodeURIComponent(q)}` : "/offboarding/new"} className="text-accent-700 hover:underline">
              {tn("change")}
            </Link>
          </div>
        ) : (
          <>
            <form method="get" action="/offboarding/new" role="search" className="flex flex-wrap items-end gap-2">
              <div className="min-w-64 flex-1">
                <label htmlFor="offboarding-person-q" className="mb-1 block text-sm font-medium text-neutral-800">
                  {tn("search")}
                </label>
                <div className="relative">
                  <Search className="pointer-events-none absolute left-2.5 top-2.5 size-4 text-neutral-500" aria-hidden />
                  <Input
                    id="offboarding-person-q"
                    name="q"
                    type="search"
                    defaultValue={q}
                    placeholder={tn("searchPlaceholder")}
                    className="pl-8"
                    aria-describedby="offboarding-person-q-hint"
                  />
                </div>
                <p id="offboarding-person-q-hint" className="mt-1 text-xs text-neutral-600">
                  {tn("searchHint")}
                </p>
              </div>
              <Button type="submit" variant="secondary" className="mb-5">
                {tn("searchButton")}
              </Button>
            </form>
            {found ? (
              found.accounts.length === 0 ? (
                <p className="mt-3 text-sm text-neutral-600">{tn("noMatch")}</p>
              ) : (
                <ul className="mt-3 divide-y divide-neutral-100 rounded-md border border-neutral-200" aria-label={tn("search")}>
                  {found.accounts.map((a) => (
                    <li key={a.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
                      <span className="font-medium">{a.displayName}</span>
                      <span className="break-all text-neutral-600">{a.loginId}</span>
                      <span className="text-neutral-600">{a.department ?? ""}</span>
                      <Button asChild size="sm" variant="secondary" className="ml-auto">
                        <Link
                          href={`/offboarding/new?q=${encodeURIComponent(q)}&account=${a.id}`}
                          aria-label={`${tn("choose")}: ${a.displayName} (${a.loginId})`}
                        >
                          {tn("choose")}
                        </Link>
                      </Button>
                    </li>
                  ))}
                  {found.total > found.accounts.length ? (
                    <li className="px-3 py-2 text-xs text-neutral-600">
                      {tn("more", {
                        count: formatNumber(found.total - found.accounts.length),
                      })}
                    </li>
                  ) : null}
                </ul>
              )
            ) : null}
          </>
        )}
      </Card>
      {chosen ? (
        <Card className="p-4" role="region" aria-labelledby="offboarding-step2">
          <h2 id="offboarding-step2" className="mb-3 text-sm font-semibold text-neutral-900">
            {tn("step2")}
          </h2>
          <dl className="mb-4 grid grid-cols-1 gap-x-8 gap-y-3 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-xs text-neutral-600">{tn("person")}</dt>
              <dd className="mt-0.5">
                {chosen.displayName} <span className="break-all text-neutral-600">({chosen.loginId})</span>{" "}
                <Badge tone={accountStatusTone[chosen.status]}>{t(`status.${chosen.status}`)}</Badge>
              </dd>
            </div>
            <div>
              <dt className="text-xs text-neutral-600">{tn("department")}</dt>
              <dd className="mt-0.5">{chosen.department ?? "—"}</dd>
            </div>
            <div>
              <dt className="text-xs text-neutral-600">{tn("roles")}</dt>
              <dd className="mt-0.5 flex flex-wrap gap-1">
                {chosen.grants.filter((g) => !g.expired).length === 0
                  ? "—"
                  : chosen.grants
                      .filter((g) => !g.expired)
                      .map((g) => (
                        <Badge key={g.id} tone="grey">
                          {g.role.key && t.has(`roles.${g.role.key}`) ? t(`roles.${g.role.key}`) : g.role.name}
                        </Badge>
                      ))}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-neutral-600">{tn("lines")}</dt>
              <dd className="mt-0.5">
                {chosen.lines.length === 0 ? (
                  tn("noLines")
                ) : (
                  <ul>
                    {chosen.lines.map((l) => (
                      <li key={l.id}>
                        <span className="num">{l.phoneNumber}</span>{" "}
                        <span className="text-neutral-600">
                          {t(`simType.${l.simType}`)} · {t(`lineStatus.${l.status}`)}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
          </dl>
          <StartOffboardingForm
            account={{
              id: chosen.id,
              displayName: chosen.displayName,
              loginId: chosen.loginId,
            }}
            lines={chosen.lines.map((l) => ({
              id: l.id,
              phoneNumber: l.phoneNumber,
              simType: l.simType,
              status: l.status,
            }))}
          />
        </Card>
      ) : null}
    </div>
  );
}

"use client";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("common");
  return (
    <div className="mx-auto flex max-w-md flex-col items-center py-20 text-center">
      <h1 className="text-xl font-semibold">{t("errorTitle")}</h1>
      <p className="mt-2 text-sm text-neutral-600">{t("errorBody")}</p>
      <Button className="mt-6" variant="secondary" onClick={reset}>
        {t("retry")}
      </Button>
    </div>
  );
}

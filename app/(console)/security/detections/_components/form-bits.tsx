"use client";
import { useId } from "react";
import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { ActionResult } from "@/lib/server/action";

// Pieces the detection settings forms share: the card frame, the words for an error code, a field's error line.

/** The words for an action's error code (a field's, or the whole form's). */
export function useErrorText() {
  const t = useTranslations("detections.errors");
  return (code: string | undefined): string | undefined => (code ? (t.has(code) ? t(code) : t("invalid")) : undefined);
}

export function fieldErrorOf(result: ActionResult<unknown> | null, field: string): string | undefined {
  return result && !result.ok ? result.fieldErrors?.[field] : undefined;
}

export function SettingsCard({ title, description, children, aside }: { title: React.ReactNode; description?: React.ReactNode; children: React.ReactNode; aside?: React.ReactNode }) {
  const id = useId();
  return (
    <Card role="region" aria-labelledby={id} className="flex flex-col">
      <div className="flex items-start justify-between gap-3 border-b border-neutral-200 px-5 py-4">
        <div>
          <h3 id={id} className="text-base font-semibold text-neutral-900">
            {title}
          </h3>
          {description ? <p className="mt-1 text-sm text-neutral-600">{description}</p> : null}
        </div>
        {aside}
      </div>
      <div className="px-5 py-4">{children}</div>
    </Card>
  );
}

export function FieldError({ id, text }: { id: string; text?: string }) {
  return text ? (
    <p id={id} className="mt-1 text-sm text-red-700">
      {text}
    </p>
  ) : null;
}

export function StatusLine({ problem, success }: { problem?: string | null; success?: string | null }) {
  return (
    <p role="status" className={cn("mr-auto text-sm", problem ? "text-red-700" : "text-green-800")}>
      {problem ?? success ?? null}
    </p>
  );
}

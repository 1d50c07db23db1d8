"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useNotice } from "@/components/ui/notice";
import { useRolesErrors } from "../../_components/error-text";
import { useSubmit } from "../../_components/use-submit";
import { updateSodSettingsAction } from "../actions";

const OPTIONS = [
  { value: false, key: "refuse" },
  { value: true, key: "allow" },
] as const;

// Whether a grant or role change into a conflict is refused, or may go ahead with a written justification.
export function OverrideSetting({ overrideAllowed, canManage }: { overrideAllowed: boolean; canManage: boolean }) {
  const t = useTranslations("rolesArea.sod.settings");
  const notice = useNotice();
  const errors = useRolesErrors();
  const [choice, setChoice] = useState(overrideAllowed);
  const save = useSubmit(updateSodSettingsAction, (result) => {
    notice(result.changed ? t("saved", { setting: t(result.overrideAllowed ? "allow" : "refuse") }) : t("unchanged"));
  });
  const problem = errors.form(save.state);
  const current = OPTIONS.find((o) => o.value === overrideAllowed)!;

  return (
    <Card className="mb-6 p-4" role="region" aria-labelledby="sod-settings-heading">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="sod-settings-heading" className="text-sm font-semibold text-neutral-900">
          {t("heading")}
        </h2>
        <Badge tone={overrideAllowed ? "amber" : "grey"} data-testid="sod-setting">
          {t("current")}: {t(current.key)}
        </Badge>
      </div>
      {canManage ? (
        <form
          className="mt-3"
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData();
            form.set("overrideAllowed", String(choice));
            save.submit(form);
          }}
        >
          <fieldset>
            <legend className="sr-only">{t("heading")}</legend>
            <div className="grid gap-2 md:grid-cols-2">
              {OPTIONS.map((o) => (
                <label
                  key={o.key}
                  className="flex cursor-pointer gap-2 rounded-md border border-neutral-300 p-2.5 text-sm has-[:checked]:border-accent-600 has-[:checked]:bg-accent-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-accent-600"
                >
                  <input type="radio" name="overrideAllowed" checked={choice === o.value} onChange={() => setChoice(o.value)} className="mt-0.5 accent-accent-600" />
                  <span>
                    <span className="block font-medium">{t(o.key)}</span>
                    <span className="block text-xs text-neutral-600">{t(`${o.key}Hint`)}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="mt-3 flex items-center gap-3">
            <Button type="submit" size="sm" variant="secondary" disabled={save.pending || choice === overrideAllowed}>
              {t("save")}
            </Button>
            {problem ? (
              <p role="alert" className="text-sm text-red-700">
                {problem}
              </p>
            ) : null}
          </div>
        </form>
      ) : (
        <p className="mt-1 text-sm text-neutral-700">{t(`${current.key}Hint`)}</p>
      )}
    </Card>
  );
}

"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Plus } from "lucide-react";
import { Field, fieldAria } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogShell } from "@/components/ui/dialog-shell";
import { Input, Select } from "@/components/ui/input";
import { useNotice } from "@/components/ui/notice";
import { DOMAINS, LEVELS, type Domain, type Level } from "@/lib/permissions";
import type { SodRuleLike } from "@/lib/policy/separation-of-duties";
import { SOD_RULE_NAME_MAX } from "@/lib/schemas/roles";
import { useRolesErrors } from "../../_components/error-text";
import { useRuleName } from "../../_components/permission-text";
import { useSubmit } from "../../_components/use-submit";
import { createSodRuleAction, updateSodRuleAction } from "../actions";

/** The primary action: a dialog with the add form. */
export function AddRuleButton() {
  const t = useTranslations("rolesArea.sod.add");
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus className="size-4" aria-hidden />
        {t("button")}
      </Button>
      <RuleDialog open={open} onOpenChange={setOpen} rule={null} />
    </>
  );
}

/** Add (rule = null) or edit a rule. Closing the dialog drops the form; an error keeps what was typed. */
export function RuleDialog({ open, onOpenChange, rule }: { open: boolean; onOpenChange: (open: boolean) => void; rule: SodRuleLike | null }) {
  const t = useTranslations("rolesArea.sod.add");
  return (
    <DialogShell open={open} onOpenChange={onOpenChange} title={rule ? t("editTitle") : t("title")} description={t("description")} className="w-[min(36rem,94vw)]">
      <RuleForm rule={rule} onDone={() => onOpenChange(false)} />
    </DialogShell>
  );
}

function SideFields({ side, domain, level, error }: { side: "A" | "B"; domain?: Domain; level?: Level; error?: string }) {
  const t = useTranslations("rolesArea");
  const id = `rule-side-${side.toLowerCase()}`;
  return (
    <fieldset className="rounded-md border border-neutral-200 p-3" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="px-1 text-sm font-medium text-neutral-800">{t(side === "A" ? "sod.add.sideA" : "sod.add.sideB")}</legend>
      <div className="grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)] gap-2">
        <div>
          <label htmlFor={`${id}-domain`} className="mb-1 block text-xs text-neutral-600">
            {t("sod.add.domain")}
          </label>
          <Select id={`${id}-domain`} name={`domain${side}`} defaultValue={domain ?? ""} className="w-full" aria-invalid={error ? true : undefined}>
            <option value="" disabled>
              —
            </option>
            {DOMAINS.map((d) => (
              <option key={d} value={d}>
                {t(`domains.${d}`)}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor={`${id}-level`} className="mb-1 block text-xs text-neutral-600">
            {t("sod.add.level")}
          </label>
          <Select id={`${id}-level`} name={`level${side}`} defaultValue={level ?? "manage"} className="w-full">
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`sod.add.levelAtLeast.${l}`)}
              </option>
            ))}
          </Select>
        </div>
      </div>
      {error ? (
        <p id={`${id}-error`} className="mt-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function RuleForm({ rule, onDone }: { rule: SodRuleLike | null; onDone: () => void }) {
  const t = useTranslations("rolesArea.sod.add");
  const errors = useRolesErrors();
  const notice = useNotice();
  const ruleName = useRuleName();
  const run = useSubmit(rule ? updateSodRuleAction : createSodRuleAction, (saved) => {
    const name = ruleName(saved.name);
    if (rule) notice(saved.conflictCount > 0 ? t("savedWithConflicts", { name, count: saved.conflictCount }) : t("saved", { name }));
    else notice(saved.conflictCount > 0 ? t("addedWithConflicts", { name, count: saved.conflictCount }) : t("added", { name }));
    onDone();
  });
  const error = (field: string) => errors.field(run.state, field);
  const formError = errors.form(run.state, ["name", "domainA", "levelA", "domainB", "levelB"]);
  return (
    <form
      noValidate
      className="mt-4 flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        run.submit(new FormData(e.currentTarget));
      }}
    >
      {rule ? <input type="hidden" name="id" value={rule.id} /> : null}
      {formError ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {formError}
        </p>
      ) : null}
      <Field id="rule-name" label={t("name")} hint={t("nameHint")} error={error("name")}>
        <Input id="rule-name" name="name" defaultValue={rule ? ruleName(rule.name) : ""} maxLength={SOD_RULE_NAME_MAX + 20} autoComplete="off" {...fieldAria("rule-name", error("name"), true)} />
      </Field>
      <div className="flex flex-col gap-3">
        <SideFields side="A" domain={rule?.domainA} level={rule?.levelA} error={error("domainA") ?? error("levelA")} />
        <SideFields side="B" domain={rule?.domainB} level={rule?.levelB} error={error("domainB") ?? error("levelB")} />
      </div>
      <div className="flex justify-end gap-2 border-t border-neutral-100 pt-4">
        <DialogClose asChild>
          <Button type="button" variant="secondary">
            {t("cancel")}
          </Button>
        </DialogClose>
        <Button type="submit" disabled={run.pending} aria-disabled={run.pending}>
          {run.pending ? t("saving") : rule ? t("save") : t("submit")}
        </Button>
      </div>
    </form>
  );
}

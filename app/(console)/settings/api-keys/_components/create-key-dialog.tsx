"use client";
import { startTransition, useActionState, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { AlertTriangle, Check, Copy, Plus } from "lucide-react";
import { Field, fieldAria } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogShell } from "@/components/ui/dialog-shell";
import { Input } from "@/components/ui/input";
import { API_KEY_NAME_MAX, API_KEY_SCOPES } from "@/lib/schemas/api-keys";
import { createApiKeyAction } from "../actions";
import { useApiKeyErrorText } from "./error-text";

type Created = { name: string; prefix: string; key: string };

// The primary action. After creating, the same dialog shows the key once; closing it forgets the key for good.
export function CreateKeyDialog() {
  const t = useTranslations("apiKeys");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next && created) {
      setCreated(null);
      router.refresh();
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus className="size-4" aria-hidden />
        {t("create.button")}
      </Button>
      <DialogShell
        open={open}
        onOpenChange={onOpenChange}
        title={created ? t("created.title") : t("create.title")}
        description={created ? <ShownOnce /> : t("create.description")}
        className="w-[min(36rem,94vw)]"
      >
        {created ? <CreatedKey created={created} onDone={() => onOpenChange(false)} /> : <CreateForm onCreated={setCreated} />}
      </DialogShell>
    </>
  );
}

function ShownOnce() {
  const t = useTranslations("apiKeys.created");
  return (
    <p role="alert" className="flex gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">
      <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
      <span>{t("warning")}</span>
    </p>
  );
}

function CreateForm({ onCreated }: { onCreated: (created: Created) => void }) {
  const t = useTranslations("apiKeys.create");
  const ts = useTranslations("apiKeys.scope");
  const errorText = useApiKeyErrorText();
  const [state, dispatch, pending] = useActionState(async (_previous: Awaited<ReturnType<typeof createApiKeyAction>> | null, form: FormData) => {
    const result = await createApiKeyAction(null, form);
    if (result.ok) onCreated({ name: result.data.name, prefix: result.data.prefix, key: result.data.key });
    return result;
  }, null);
  const nameError = errorText.field(state, "name");
  const scopeError = errorText.field(state, "scopes");
  const formError = errorText.form(state, ["name", "scopes"]);
  return (
    <form
      noValidate
      className="mt-4 flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        startTransition(() => dispatch(form));
      }}
    >
      {formError ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {formError}
        </p>
      ) : null}
      <Field id="api-key-name" label={t("name")} hint={t("nameHint")} error={nameError}>
        <Input id="api-key-name" name="name" maxLength={API_KEY_NAME_MAX + 20} autoComplete="off" {...fieldAria("api-key-name", nameError, true)} />
      </Field>
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-neutral-800">{t("scopes")}</legend>
        {API_KEY_SCOPES.map((scope) => (
          <label key={scope} className="flex items-start gap-2 text-sm">
            <input type="checkbox" name="scopes" value={scope} defaultChecked className="mt-0.5 accent-accent-600" />
            <span>
              <span className="block font-medium">{ts(scope)}</span>
              <span className="block text-xs text-neutral-600">
                <code>{scope}</code> — {t("scopeHint")}
              </span>
            </span>
          </label>
        ))}
        {scopeError ? <p className="mt-1 text-sm text-red-700">{scopeError}</p> : null}
      </fieldset>
      <div className="flex justify-end gap-2 border-t border-neutral-100 pt-4">
        <DialogClose asChild>
          <Button type="button" variant="secondary">
            {t("cancel")}
          </Button>
        </DialogClose>
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {pending ? t("submitting") : t("submit")}
        </Button>
      </div>
    </form>
  );
}

function CreatedKey({ created, onDone }: { created: Created; onDone: () => void }) {
  const t = useTranslations("apiKeys.created");
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(created.key).catch(() => {});
    setCopied(true);
  };
  return (
    <div className="mt-4 flex flex-col gap-3">
      <div>
        <label htmlFor="api-key-value" className="mb-1 block text-sm font-medium text-neutral-800">
          {t("keyLabel")} — {created.name}
        </label>
        <div className="flex gap-2">
          <Input id="api-key-value" readOnly value={created.key} className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} data-testid="api-key-value" />
          <Button type="button" variant="secondary" onClick={copy}>
            {copied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
            {copied ? t("copied") : t("copy")}
          </Button>
        </div>
        <p className="mt-1 text-xs text-neutral-600">{t("usage")}</p>
      </div>
      <div className="flex justify-end border-t border-neutral-100 pt-4">
        <Button type="button" onClick={onDone}>
          {t("done")}
        </Button>
      </div>
    </div>
  );
}

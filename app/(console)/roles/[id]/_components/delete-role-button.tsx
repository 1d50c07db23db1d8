"use client";
import { startTransition, useActionState, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogShell } from "@/components/ui/dialog-shell";
import type { ActionResult } from "@/lib/server/action";
import { useRolesErrors } from "../../_components/error-text";
import { deleteRoleAction } from "../actions";

// Deleting is set apart in red behind a dialog naming the consequence; with holders the dialog says why it cannot.
export function DeleteRoleButton({ roleId, name, holderCount }: { roleId: string; name: string; holderCount: number }) {
  const t = useTranslations("rolesArea.delete");
  const tDetail = useTranslations("rolesArea.detail");
  const errors = useRolesErrors();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [result, dispatch, pending] = useActionState<ActionResult<{ id: string; name: string }> | null, void>(async () => {
    const answer = await deleteRoleAction(null, { id: roleId });
    if (answer.ok) router.push(`/roles?deleted=${encodeURIComponent(answer.data.name)}`);
    return answer;
  }, null);
  const held = holderCount > 0;
  const problem = errors.form(result);
  return (
    <>
      <Button variant="dangerOutline" onClick={() => setOpen(true)}>
        <Trash2 className="size-4" aria-hidden />
        {tDetail("delete")}
      </Button>
      <DialogShell
        open={open}
        onOpenChange={setOpen}
        title={t("title")}
        description={
          held ? (
            <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">{t("held", { name, count: holderCount })}</p>
          ) : (
            <p>{t("body", { name })}</p>
          )
        }
      >
        {problem ? (
          <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {problem}
          </p>
        ) : null}
        <div className="mt-5 flex justify-end gap-2">
          <DialogClose asChild>
            <Button type="button" variant="secondary">
              {t("cancel")}
            </Button>
          </DialogClose>
          {held ? null : (
            <Button type="button" variant="danger" disabled={pending} onClick={() => startTransition(() => dispatch())}>
              {t("confirm")}
            </Button>
          )}
        </div>
      </DialogShell>
    </>
  );
}

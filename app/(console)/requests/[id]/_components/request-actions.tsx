"use client";
import { startTransition, useActionState, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Dialog } from "radix-ui";
import { X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/input";
import { NOTE_MAX } from "@/lib/schemas/requests";
import type { ActionResult } from "@/lib/server/action";
import { cancelChangeRequestAction, decideChangeRequestAction } from "../actions";

type Kind = "approve" | "reject" | "cancel";

// The decider's approve and reject, the requester's cancel: each behind a dialog that names its consequence.
// Rendered on every request, so the confirmation outlives the refresh that takes the buttons away.
export function RequestActions({ requestId, canDecide, canCancel }: { requestId: string; canDecide: boolean; canCancel: boolean }) {
  const t = useTranslations("requests.actions");
  const router = useRouter();
  const [open, setOpen] = useState<Kind | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [result, dispatch, pending] = useActionState<{ kind: Kind; answer: ActionResult<{ status: string }> } | null, { kind: Kind; form: FormData }>(
    async (_previous, { kind, form }) => {
      const answer = kind === "cancel" ? await cancelChangeRequestAction(null, form) : await decideChangeRequestAction(null, form);
      if (answer.ok) setDone(t(kind === "approve" ? "approved" : kind === "reject" ? "rejected" : "cancelled"));
      // A conflict means the request or its target moved on: close the dialog and show the latest state.
      if (answer.ok || answer.code === "conflict") {
        setOpen(null);
        router.refresh();
      }
      return { kind, answer };
    },
    null,
  );
  const failure = result && !result.answer.ok ? result.answer : null;
  const noteError = failure?.fieldErrors?.note;
  const problem = failure && !noteError ? (t.has(failure.code) ? t(failure.code) : t("unavailable")) : null;
  const kinds: Kind[] = [...(canDecide ? (["approve", "reject"] as const) : []), ...(canCancel ? (["cancel"] as const) : [])];

  return (
    <div className="flex flex-col items-end gap-2">
      {kinds.length > 0 ? (
        <div className="flex flex-wrap justify-end gap-2">
          {kinds.map((kind) => (
            <Button key={kind} variant={kind === "approve" ? "primary" : kind === "reject" ? "dangerOutline" : "secondary"} onClick={() => setOpen(kind)}>
              {t(kind)}
            </Button>
          ))}
        </div>
      ) : null}
      <p role="status" className="text-sm text-green-800">
        {done}
      </p>
      {problem && open === null ? (
        <p role="alert" className="max-w-md text-right text-sm text-red-700">
          {problem}
        </p>
      ) : null}
      <Dialog.Root open={open !== null} onOpenChange={(o) => !o && setOpen(null)}>
        <Dialog.Portal>
          <Dialog.Overlay className="fixed inset-0 z-40 bg-black/30" />
          <Dialog.Content className="fixed left-1/2 top-1/2 z-50 w-[min(30rem,94vw)] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-5 shadow-lg">
            {open ? (
              <form
                noValidate
                onSubmit={(e) => {
                  e.preventDefault();
                  const form = new FormData(e.currentTarget);
                  startTransition(() => dispatch({ kind: open, form }));
                }}
              >
                <div className="flex items-start justify-between gap-4">
                  <Dialog.Title className="text-base font-semibold text-neutral-900">{t(`${open}Title`)}</Dialog.Title>
                  <Dialog.Close className="-mr-1 -mt-1 rounded p-1 text-neutral-500 hover:bg-neutral-100 hover:text-neutral-800" aria-label={t("keep")}>
                    <X className="size-4" aria-hidden />
                  </Dialog.Close>
                </div>
                <Dialog.Description className="mt-2 text-sm text-neutral-700">{t(`${open}Consequence`)}</Dialog.Description>
                <input type="hidden" name="id" value={requestId} />
                {open !== "cancel" ? (
                  <>
                    <input type="hidden" name="decision" value={open} />
                    <Label htmlFor="decision-note" className="mt-4">
                      {open === "reject" ? t("noteRequired") : t("noteOptional")}
                    </Label>
                    <textarea
                      id="decision-note"
                      name="note"
                      rows={3}
                      maxLength={NOTE_MAX + 20}
                      required={open === "reject"}
                      aria-invalid={noteError && result?.kind === open ? true : undefined}
                      aria-describedby={noteError && result?.kind === open ? "decision-note-error decision-note-hint" : "decision-note-hint"}
                      className="w-full rounded-md border border-neutral-300 bg-white px-3 py-2 text-sm focus:border-accent-600 aria-[invalid=true]:border-red-600"
                    />
                    {noteError && result?.kind === open ? (
                      <p id="decision-note-error" className="mt-1 text-sm text-red-700">
                        {noteError === "too_long" ? t("noteTooLong", { max: NOTE_MAX }) : t("noteMissing")}
                      </p>
                    ) : null}
                    <p id="decision-note-hint" className="mt-1 text-xs text-neutral-600">
                      {t("noteHint")}
                    </p>
                  </>
                ) : null}
                {problem && result?.kind === open ? (
                  <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
                    {problem}
                  </p>
                ) : null}
                <div className="mt-5 flex justify-end gap-2">
                  <Dialog.Close asChild>
                    <Button type="button" variant="secondary">
                      {t("keep")}
                    </Button>
                  </Dialog.Close>
                  <Button type="submit" variant={open === "reject" ? "danger" : "primary"} disabled={pending}>
                    {pending ? t("working") : t(open === "approve" ? "confirmApprove" : open === "reject" ? "confirmReject" : "confirmCancel")}
                  </Button>
                </div>
              </form>
            ) : null}
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </div>
  );
}

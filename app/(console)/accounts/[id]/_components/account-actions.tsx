"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Dialog } from "radix-ui";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/server/action";
import {
  disableAccountAction,
  endSessionsAction,
  reactivateAccountAction,
  requirePasswordChangeAction,
  resendInvitationAction,
  resetSecondFactorAction,
  suspendAccountAction,
  unlockAccountAction,
} from "../actions";

type Kind = "unlock" | "resetMfa" | "requirePassword" | "endSessions" | "disable" | "suspend" | "reactivate" | "resendInvitation";
const ACTIONS: Record<Kind, (prev: ActionResult<void> | null, input: { id: string; reason?: string }) => Promise<ActionResult<void>>> = {
  unlock: unlockAccountAction,
  resetMfa: resetSecondFactorAction,
  requirePassword: requirePasswordChangeAction,
  endSessions: endSessionsAction,
  disable: disableAccountAction,
  suspend: suspendAccountAction,
  reactivate: reactivateAccountAction,
  resendInvitation: resendInvitationAction,
};

const DANGEROUS = new Set<Kind>(["resetMfa", "suspend", "disable"]);
const PRIMARY = new Set<Kind>(["unlock", "reactivate", "resendInvitation"]);

type Status = "invited" | "active" | "locked" | "suspended" | "disabled";

function kindsFor(status: Status, locked: boolean, self: boolean): Kind[] {
  if (status === "disabled") return [];
  if (status === "invited") return ["resendInvitation", ...(self ? [] : (["disable"] as const))];
  if (status === "suspended") return ["reactivate", ...(self ? [] : (["disable"] as const))];
  return [...(locked ? (["unlock"] as const) : []), "endSessions", "requirePassword", "resetMfa", ...(self ? [] : (["suspend", "disable"] as const))];
}

// The detail page's security actions, each behind a dialog that names its consequence.
export function AccountActions({ accountId, status, locked, self }: { accountId: string; status: Status; locked: boolean; self: boolean }) {
  const t = useTranslations("accountActions");
  const te = useTranslations("accountErrors");
  const errorText = (key: string) => (te.has(key) ? te(key) : t("failed"));
  const [open, setOpen] = useState<Kind | null>(null);
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const kinds = kindsFor(status, locked, self);
  const run = (kind: Kind) =>
    start(async () => {
      const result = await ACTIONS[kind](null, { id: accountId, ...(reason ? { reason } : {}) });
      setMessage(result.ok ? { ok: true, text: t(`${kind}.done`) } : { ok: false, text: errorText(result.message) });
      setOpen(null);
      setReason("");
    });
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap items-center justify-end gap-2">
        {kinds.filter((k) => !DANGEROUS.has(k)).map((kind) => (
          <Button key={kind} variant={PRIMARY.has(kind) ? "primary" : "secondary"} size="sm" onClick={() => setOpen(kind)}>
            {t(`${kind}.button`)}
          </Button>
        ))}
        {kinds.some((k) => DANGEROUS.has(k)) ? <span aria-hidden className="mx-1 h-6 w-px bg-neutral-300" /> : null}
        {kinds.filter((k) => DANGEROUS.has(k)).map((kind) => (
          <Button key={kind} variant="dangerOutline" size="sm" onClick={() => setOpen(kind)}>
            {t(`${kind}.button`)}
          </Button>
        ))}
      </div>
      {message ? (
        <p role="status" className={message.ok ? "text-sm text-green-800" : "text-sm text-red-700"}>
          {message.text}
        </p>
      ) : null}
      <Dialog.Root open={open !== null} onOpenChange={(o) => !o && setOpen(null)}>
        <Dialog.Portal>
          <Dialog.Overlay className="fixed inset-0 bg-black/30" />
          <Dialog.Content className="fixed left-1/2 top-1/2 w-[min(28rem,92vw)] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-5 shadow-lg">
            {open ? (
              <>
                <Dialog.Title className="text-base font-semibold">{t(`${open}.title`)}</Dialog.Title>
                <Dialog.Description className="mt-2 text-sm text-neutral-700">{t(`${open}.consequence`)}</Dialog.Description>
                <label htmlFor="action-reason" className="mt-4 block text-sm font-medium">
                  {t("reason")}
                </label>
                <input
                  id="action-reason"
                  value={reason}
                  maxLength={500}
                  onChange={(e) => setReason(e.target.value)}
                  className="mt-1 h-9 w-full rounded-md border border-neutral-300 px-3 text-sm"
                />
                <div className="mt-5 flex justify-end gap-2">
                  <Dialog.Close asChild>
                    <Button variant="secondary">{t("cancel")}</Button>
                  </Dialog.Close>
                  <Button variant={DANGEROUS.has(open) ? "danger" : "primary"} disabled={pending} onClick={() => run(open)}>
                    {t(`${open}.confirm`)}
                  </Button>
                </div>
              </>
            ) : null}
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </div>
  );
}

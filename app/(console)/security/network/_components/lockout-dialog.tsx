"use client";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogShell } from "@/components/ui/dialog-shell";

// Asked when the server refuses a change that would lock the acting admin out; confirming resends it.
export function LockoutDialog({
  open,
  onOpenChange,
  ip,
  pending,
  onConfirm,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  ip: string | null;
  pending: boolean;
  onConfirm: () => void;
}) {
  const t = useTranslations("network");
  return (
    <DialogShell
      open={open}
      onOpenChange={onOpenChange}
      title={t("lockout.title")}
      description={
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-900">
          <p>{t("lockout.body", { ip: ip ?? t("policy.unknownIp") })}</p>
          <p className="mt-2">{t("lockout.advice")}</p>
        </div>
      }
    >
      <div className="mt-5 flex justify-end gap-2">
        <DialogClose asChild>
          <Button type="button" variant="secondary">
            {t("lockout.cancel")}
          </Button>
        </DialogClose>
        <Button type="button" variant="danger" disabled={pending} onClick={onConfirm}>
          {t("lockout.confirm")}
        </Button>
      </div>
    </DialogShell>
  );
}

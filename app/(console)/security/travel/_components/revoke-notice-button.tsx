"use client";
import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { useNotice } from "@/components/ui/notice";
import { revokeTravelNoticeAction } from "../actions";

export function RevokeNoticeButton({ id }: { id: string }) {
  const t = useTranslations("detections");
  const notice = useNotice();
  const router = useRouter();
  const [pending, start] = useTransition();
  const revoke = () => {
    if (!window.confirm(t("travel.revokeConfirm"))) return;
    start(async () => {
      const r = await revokeTravelNoticeAction(null, { id });
      notice(r.ok ? t("travel.revoked") : t.has(`errors.${r.message}`) ? t(`errors.${r.message}`) : t("errors.unavailable"));
      router.refresh();
    });
  };
  return (
    <Button type="button" size="sm" variant="dangerOutline" onClick={revoke} disabled={pending}>
      {t("travel.revoke")}
    </Button>
  );
}

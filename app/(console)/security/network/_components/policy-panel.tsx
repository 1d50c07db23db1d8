"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ALLOWLIST_SCOPES, type AllowlistScope } from "@/lib/schemas/network";
import { updateNetworkPolicyAction } from "../actions";
import { DialogClose, DialogShell } from "@/components/ui/dialog-shell";
import { useErrorText } from "./error-text";
import { LockoutDialog } from "./lockout-dialog";
import { useNotice } from "@/components/ui/notice";
import { useGuardedAction } from "./use-guarded-action";

export interface PolicyPanelProps {
  policy: { enforced: boolean; scope: AllowlistScope };
  currentAddress: { ip: string | null; allowedNow: boolean; allowedIfEnforced: boolean };
  canManage: boolean;
}

const policyForm = (enforced: boolean, scope: AllowlistScope) => {
  const form = new FormData();
  form.set("enforced", String(enforced));
  form.set("scope", scope);
  return form;
};

// Enforcement on/off (behind a dialog naming the consequence), whom it covers, and where the caller stands.
export function PolicyPanel({ policy, currentAddress, canManage }: PolicyPanelProps) {
  const t = useTranslations("network");
  const notice = useNotice();
  const errorText = useErrorText();
  const [confirming, setConfirming] = useState(false);
  const [scope, setScope] = useState<AllowlistScope>(policy.scope);
  const toggle = useGuardedAction(updateNetworkPolicyAction, (result) => {
    notice(result.changed ? t(result.policy.enforced ? "policy.enabled" : "policy.disabled") : t("policy.unchanged"));
  });
  const saveScope = useGuardedAction(updateNetworkPolicyAction, (result) => {
    notice(result.changed ? t("policy.scopeSaved", { scope: t(`policy.scopeOptions.${result.policy.scope}`) }) : t("policy.unchanged"));
  });
  const enabling = !policy.enforced;
  const toggleError = errorText.form(toggle.state);
  const scopeError = errorText.form(saveScope.state);

  return (
    <Card className="mb-6 grid gap-5 p-4 md:grid-cols-3 md:gap-0 md:divide-x md:divide-neutral-200 md:p-0">
      <section aria-labelledby="policy-enforcement" className="md:p-4">
        <h2 id="policy-enforcement" className="text-xs font-medium text-neutral-600">
          {t("policy.heading")}
        </h2>
        <p className="mt-1.5">
          <Badge tone={policy.enforced ? "green" : "grey"} className="text-sm">
            {policy.enforced ? t("policy.enforced") : t("policy.notEnforced")}
          </Badge>
        </p>
        <p className="mt-2 text-sm text-neutral-700">{policy.enforced ? t("policy.enforcedHint") : t("policy.notEnforcedHint")}</p>
        {canManage ? (
          <Button className="mt-3" size="sm" variant={enabling ? "primary" : "secondary"} disabled={toggle.pending} onClick={() => setConfirming(true)}>
            {enabling ? t("policy.enable") : t("policy.disable")}
          </Button>
        ) : null}
        {toggleError ? (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {toggleError}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="policy-scope" className="md:p-4">
        <h2 id="policy-scope" className="text-xs font-medium text-neutral-600">
          {t("policy.scope")}
        </h2>
        {canManage ? (
          <form
            className="mt-1.5"
            onSubmit={(e) => {
              e.preventDefault();
              saveScope.submit(policyForm(policy.enforced, scope));
            }}
          >
            <fieldset>
              <legend className="sr-only">{t("policy.scope")}</legend>
              <div className="flex flex-col gap-1.5">
                {ALLOWLIST_SCOPES.map((s) => (
                  <label key={s} className="flex cursor-pointer gap-2 text-sm">
                    <input type="radio" name="scope" value={s} checked={scope === s} onChange={() => setScope(s)} className="mt-1 accent-accent-600" />
                    <span>
                      <span className="font-medium">{t(`policy.scopeOptions.${s}`)}</span>
                      <span className="block text-xs text-neutral-600">{t(`policy.scopeHints.${s}`)}</span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
            <Button type="submit" size="sm" variant="secondary" className="mt-3" disabled={saveScope.pending || scope === policy.scope}>
              {t("policy.saveScope")}
            </Button>
            {scopeError ? (
              <p role="alert" className="mt-2 text-sm text-red-700">
                {scopeError}
              </p>
            ) : null}
          </form>
        ) : (
          <>
            <p className="mt-1.5 text-sm font-medium">{t(`policy.scopeOptions.${policy.scope}`)}</p>
            <p className="mt-0.5 text-xs text-neutral-600">{t(`policy.scopeHints.${policy.scope}`)}</p>
          </>
        )}
      </section>

      <section aria-labelledby="policy-current-ip" className="md:p-4">
        <h2 id="policy-current-ip" className="text-xs font-medium text-neutral-600">
          {t("policy.currentIp")}
        </h2>
        <p className="mt-1.5 flex flex-wrap items-center gap-2">
          <span className="num font-mono text-sm" data-testid="current-ip">
            {currentAddress.ip ?? t("policy.unknownIp")}
          </span>
          {policy.enforced ? (
            <Badge tone={currentAddress.allowedNow ? "green" : "red"}>{currentAddress.allowedNow ? t("policy.allowed") : t("policy.notAllowed")}</Badge>
          ) : (
            <Badge tone="grey">{t("policy.notEnforcedBadge")}</Badge>
          )}
        </p>
        {!policy.enforced ? (
          <p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-neutral-700">
            {t("policy.ifEnforced")}:
            <Badge tone={currentAddress.allowedIfEnforced ? "green" : "red"}>
              {currentAddress.allowedIfEnforced ? t("policy.wouldBeAllowed") : t("policy.wouldNotBeAllowed")}
            </Badge>
          </p>
        ) : null}
        {!policy.enforced && !currentAddress.allowedIfEnforced && canManage ? <p className="mt-2 text-xs text-amber-900">{t("policy.addSelfFirst")}</p> : null}
      </section>

      <DialogShell
        open={confirming}
        onOpenChange={setConfirming}
        title={enabling ? t("policy.enableTitle") : t("policy.disableTitle")}
        description={enabling ? t("policy.enableConsequence") : t("policy.disableConsequence")}
      >
        <div className="mt-5 flex justify-end gap-2">
          <DialogClose asChild>
            <Button type="button" variant="secondary">
              {t("cancel")}
            </Button>
          </DialogClose>
          <Button
            type="button"
            variant={enabling ? "primary" : "danger"}
            disabled={toggle.pending}
            onClick={() => {
              setConfirming(false);
              toggle.submit(policyForm(enabling, policy.scope));
            }}
          >
            {enabling ? t("policy.enableConfirm") : t("policy.disableConfirm")}
          </Button>
        </div>
      </DialogShell>
      <LockoutDialog open={toggle.lockout.open} onOpenChange={toggle.lockout.setOpen} ip={currentAddress.ip} pending={toggle.pending} onConfirm={toggle.lockout.confirm} />
      <LockoutDialog open={saveScope.lockout.open} onOpenChange={saveScope.lockout.setOpen} ip={currentAddress.ip} pending={saveScope.pending} onConfirm={saveScope.lockout.confirm} />
    </Card>
  );
}

"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Field, fieldAria, textareaClass } from "@/components/forms/field";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogShell } from "@/components/ui/dialog-shell";
import { Input } from "@/components/ui/input";
import { useNotice } from "@/components/ui/notice";
import { formatDateTime } from "@/lib/format";
import { REVIEW_DECISIONS, type ReviewDecisionValue, type ReviewFlag } from "@/lib/policy/reviews";
import { REVIEW_COMMENT_MAX } from "@/lib/schemas/reviews";
import type { ActionResult } from "@/lib/server/action";
import { decideReviewItemAction } from "../actions";
import { flagTone } from "./campaign-text";
import { RoleChips, day, useRoleName, type ReviewItem } from "./review-item-bits";
import { useCampaignErrors } from "./use-campaign-errors";

const FIELDS = ["decision", "comment", "grantIds", "endsAt"] as const;

/** A calendar day (yyyy-mm-dd) in Japan, for the end-date field. */
const jstDay = (d: Date | string) => new Date(new Date(d).getTime() + 9 * 3600_000).toISOString().slice(0, 10);

// Deciding one item: keep, revoke (the whole account or some roles) or modify (some roles get an end date), with a
// comment that keeping a flagged account requires. The server's refusal shows under its field; typed input stays.
export function DecideDialog({ item, dormantDays, today, open, onOpenChange }: { item: ReviewItem; dormantDays: number; today: string; open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations("campaigns");
  const s = item.snapshot;
  return (
    <DialogShell open={open} onOpenChange={onOpenChange} title={t("decide.title", { name: s.displayName })} description={t("decide.description")} className="w-[min(44rem,94vw)]">
      <Snapshot item={item} dormantDays={dormantDays} />
      <DecideForm item={item} today={today} onDone={() => onOpenChange(false)} />
    </DialogShell>
  );
}

function Snapshot({ item, dormantDays }: { item: ReviewItem; dormantDays: number }) {
  const t = useTranslations();
  const s = item.snapshot;
  const rows: [string, React.ReactNode][] = [
    [t("campaigns.columns.person"), `${s.displayName} (${s.loginId})${s.kind === "contractor" ? ` · ${t("kind.contractor")}` : ""}`],
    [t("campaigns.columns.lastSignIn"), s.lastSignInAt ? formatDateTime(s.lastSignInAt) : t("campaigns.item.never")],
    [t("campaigns.columns.roles"), <RoleChips key="roles" grants={s.grants} />],
    [t("campaigns.columns.lines"), s.lines.length ? s.lines.join("、") : t("common.none")],
  ];
  return (
    <section aria-label={t("campaigns.decide.snapshot")} className="mt-4 rounded-md border border-neutral-200 bg-neutral-50 px-3 py-2 text-sm">
      <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1.5">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-xs text-neutral-600">{label}</dt>
            <dd className="min-w-0 break-words">{value}</dd>
          </div>
        ))}
        <dt className="text-xs text-neutral-600">{t("campaigns.columns.flags")}</dt>
        <dd>
          {item.flags.length === 0 ? (
            t("campaigns.item.noFlags")
          ) : (
            <ul className="space-y-1">
              {(item.flags as ReviewFlag[]).map((f) => (
                <li key={f} className="flex flex-wrap items-baseline gap-x-2">
                  <Badge tone={flagTone[f] ?? "grey"}>{t(`campaigns.flag.${f}`)}</Badge>
                  <span className="text-xs text-neutral-700">{t(`campaigns.flagHint.${f}`, { days: dormantDays })}</span>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
    </section>
  );
}

function DecideForm({ item, today, onDone }: { item: ReviewItem; today: string; onDone: () => void }) {
  const t = useTranslations("campaigns");
  const errors = useCampaignErrors();
  const notice = useNotice();
  const roleName = useRoleName();
  const [decision, setDecision] = useState<ReviewDecisionValue | "">(item.decision ?? "");
  const [scope, setScope] = useState<"whole" | "some">(item.decision === "revoke" && item.revokeGrantIds.length > 0 ? "some" : "whole");
  const [grantIds, setGrantIds] = useState<string[]>(item.revokeGrantIds);
  const [endsAt, setEndsAt] = useState(item.modifyEndsAt ? jstDay(item.modifyEndsAt) : "");
  const [comment, setComment] = useState(item.comment ?? "");
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, start] = useTransition();
  const id = (field: string) => `decide-${item.id}-${field}`;
  const error = (field: string) => errors.field(result, field);
  const formError = errors.form(result, FIELDS);
  // The member role is everyone's baseline: it is not revoked or given an end one by one.
  const choosable = item.snapshot.grants.filter((g) => g.roleKey !== "member");
  const commentRequired = decision === "keep" && item.flags.length > 0;

  const submit = () => {
    // No role chosen means the whole account to the server: "some roles" with none chosen must not become that.
    if (decision === "revoke" && scope === "some" && grantIds.length === 0) {
      setResult({ ok: false, code: "invalid", message: "grants_required", fieldErrors: { grantIds: "grants_required" } });
      return;
    }
    start(async () => {
      const r = await decideReviewItemAction(null, {
        itemId: item.id,
        decision: decision as ReviewDecisionValue,
        comment,
        grantIds: decision === "modify" || (decision === "revoke" && scope === "some") ? grantIds : [],
        endsAt: decision === "modify" ? endsAt : "",
      });
      setResult(r);
      if (r.ok) {
        notice(t("decide.saved", { name: item.snapshot.displayName, decision: t(`decision.${decision || "undecided"}`) }));
        onDone();
      }
    });
  };

  const roleBoxes = (legend: string) => (
    <fieldset className="mt-2" aria-describedby={error("grantIds") ? id("grantIds-error") : undefined}>
      <legend className="mb-1 text-sm font-medium text-neutral-800">{legend}</legend>
      {choosable.length === 0 ? (
        <p className="text-sm text-neutral-600">{t("decide.noGrants")}</p>
      ) : (
        <div className="flex flex-wrap gap-x-5 gap-y-1.5">
          {choosable.map((g) => (
            <label key={g.grantId} className="inline-flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={grantIds.includes(g.grantId)}
                onChange={(e) => setGrantIds((ids) => (e.target.checked ? [...ids, g.grantId] : ids.filter((x) => x !== g.grantId)))}
                className="size-4 accent-accent-600"
              />
              {roleName(g)}
              {g.endsAt ? <span className="num text-xs text-neutral-600">{t("item.until", { date: day(g.endsAt) })}</span> : null}
            </label>
          ))}
        </div>
      )}
      {error("grantIds") ? (
        <p id={id("grantIds-error")} className="mt-1 text-sm text-red-700">
          {error("grantIds")}
        </p>
      ) : null}
    </fieldset>
  );

  const choice = "flex items-start gap-2 rounded-md border border-neutral-200 px-3 py-2 text-sm has-[:checked]:border-accent-600 has-[:checked]:bg-accent-50";
  return (
    <form
      noValidate
      className="mt-4 space-y-4"
      aria-label={t("decide.legend")}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {formError ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {formError}
        </p>
      ) : null}
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-neutral-800">{t("decide.legend")}</legend>
        <div className="grid gap-2 sm:grid-cols-3">
          {REVIEW_DECISIONS.map((d) => (
            <label key={d} className={choice}>
              <input type="radio" name={id("decision")} value={d} checked={decision === d} onChange={() => setDecision(d)} className="mt-0.5 size-4 accent-accent-600" />
              <span>
                <span className="font-medium">{t(`decide.${d}`)}</span>
                <span className="block text-xs text-neutral-700">{t(`decide.${d}Hint`)}</span>
              </span>
            </label>
          ))}
        </div>
        {error("decision") ? <p className="mt-1 text-sm text-red-700">{error("decision")}</p> : null}
      </fieldset>

      {decision === "revoke" ? (
        <fieldset className="rounded-md border border-neutral-200 px-3 py-2">
          <legend className="px-1 text-sm font-medium text-neutral-800">{t("decide.scope")}</legend>
          <div className="space-y-2">
            <label className="flex items-start gap-2 text-sm">
              <input type="radio" name={id("scope")} checked={scope === "whole"} onChange={() => setScope("whole")} className="mt-0.5 size-4 accent-accent-600" />
              <span>
                <span className="font-medium">{t("decide.whole")}</span>
                <span className="block text-xs text-neutral-700">{t("decide.wholeHint")}</span>
              </span>
            </label>
            <label className="flex items-start gap-2 text-sm">
              <input type="radio" name={id("scope")} checked={scope === "some"} onChange={() => setScope("some")} className="mt-0.5 size-4 accent-accent-600" />
              <span>
                <span className="font-medium">{t("decide.some")}</span>
                <span className="block text-xs text-neutral-700">{t("decide.someHint")}</span>
              </span>
            </label>
          </div>
          {scope === "some" ? roleBoxes(t("decide.revokeRoles")) : null}
        </fieldset>
      ) : null}

      {decision === "modify" ? (
        <div className="space-y-3 rounded-md border border-neutral-200 px-3 py-2">
          {roleBoxes(t("decide.modifyRoles"))}
          <Field id={id("endsAt")} label={t("decide.endsAt")} hint={t("decide.endsAtHint")} error={error("endsAt")} className="max-w-xs">
            <Input id={id("endsAt")} type="date" value={endsAt} min={today} onChange={(e) => setEndsAt(e.target.value)} className="num" {...fieldAria(id("endsAt"), error("endsAt"), true)} />
          </Field>
        </div>
      ) : null}

      <div>
        <label htmlFor={id("comment")} className="mb-1 flex items-baseline gap-2 text-sm font-medium text-neutral-800">
          {t("decide.comment")}
          {commentRequired ? (
            <span className="rounded bg-red-50 px-1.5 text-xs font-medium text-red-800 ring-1 ring-inset ring-red-600/30">{t("decide.required")}</span>
          ) : (
            <span className="text-xs font-normal text-neutral-600">{t("decide.optional")}</span>
          )}
        </label>
        <textarea
          id={id("comment")}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          rows={3}
          maxLength={REVIEW_COMMENT_MAX}
          className={textareaClass}
          aria-required={commentRequired || undefined}
          {...fieldAria(id("comment"), error("comment"), true)}
        />
        {error("comment") ? (
          <p id={`${id("comment")}-error`} className="mt-1 text-sm text-red-700">
            {error("comment")}
          </p>
        ) : null}
        <p id={`${id("comment")}-hint`} className="mt-1 text-xs text-neutral-600">
          {commentRequired ? t("decide.commentHintFlagged") : t("decide.commentHint")}
        </p>
      </div>

      <div className="flex justify-end gap-2">
        <DialogClose asChild>
          <Button type="button" variant="secondary">
            {t("decide.cancel")}
          </Button>
        </DialogClose>
        <Button type="submit" disabled={pending || decision === ""}>
          {pending ? t("decide.saving") : t("decide.save")}
        </Button>
      </div>
    </form>
  );
}

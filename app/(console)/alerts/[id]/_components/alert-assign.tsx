"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { useNotice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/server/action";
import { assignAlertAction } from "../actions";
import { useAlertErrors } from "./use-alert-errors";

// Who works on the alert: anyone of the organization with a security permission, or nobody.
export function AlertAssign({
  alertId,
  assigneeId,
  viewerId,
  people,
}: {
  alertId: string;
  assigneeId: string | null;
  viewerId: string;
  people: { id: string; loginId: string; displayName: string }[];
}) {
  const t = useTranslations("alerts");
  const errors = useAlertErrors();
  const notice = useNotice();
  const [chosen, setChosen] = useState(assigneeId ?? "");
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, start] = useTransition();
  const assign = (id: string) =>
    start(async () => {
      const r = await assignAlertAction(null, { id: alertId, assigneeId: id });
      setResult(r);
      if (r.ok) {
        setChosen(id);
        notice(t("detail.assigned"));
      }
    });
  const error = errors.field(result, "assigneeId") ?? errors.form(result, ["assigneeId"]);
  const viewerCanTake = assigneeId !== viewerId && people.some((p) => p.id === viewerId);
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        assign(chosen);
      }}
    >
      <label htmlFor="alert-assignee" className="sr-only">
        {t("detail.changeAssignee")}
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <Select
          id="alert-assignee"
          value={chosen}
          onChange={(e) => setChosen(e.target.value)}
          className="min-w-0 flex-1"
          aria-invalid={error ? true : undefined}
        >
          <option value="">{t("unassigned")}</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.displayName} ({p.loginId})
            </option>
          ))}
        </Select>
        <Button type="submit" size="sm" variant="secondary" disabled={pending || chosen === (assigneeId ?? "")}>
          {t("detail.assignSave")}
        </Button>
      </div>
      {viewerCanTake ? (
        <button type="button" className="text-sm text-accent-700 hover:underline" disabled={pending} onClick={() => assign(viewerId)}>
          {t("detail.assignMe")}
        </button>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}

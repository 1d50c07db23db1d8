"use client";
import { useTranslations } from "next-intl";
import { ChangeForm, FormField, type ChangeMode, type PendingRequestView } from "@/components/changes/change-form";
import { Input } from "@/components/ui/input";
import { assignLineAction, requestLineAssignmentAction } from "../actions";

// Who holds the line: an OCN ID of an active account, or empty to take it back. lines:manage at once, lines:request by request.
export function LineAssignmentForm({ lineId, mode, holderLoginId, pendingRequest }: { lineId: string; mode: ChangeMode; holderLoginId: string | null; pendingRequest: PendingRequestView | null }) {
  const t = useTranslations("lines.assign");
  return (
    <ChangeForm
      mode={mode}
      kind="line_assignment"
      title={t("title")}
      description={t("description")}
      directAction={assignLineAction}
      requestAction={requestLineAssignmentAction}
      hidden={{ id: lineId }}
      limits={{ holderLoginId: { max: 254 } }}
      pendingRequest={pendingRequest}
    >
      {(error) => (
        <FormField id="line-holder" label={t("holder")} hint={t("holderHint")} error={error("holderLoginId")}>
          {(describedBy) => (
            <Input
              id="line-holder"
              name="holderLoginId"
              autoComplete="off"
              defaultValue={holderLoginId ?? ""}
              aria-invalid={error("holderLoginId") ? true : undefined}
              aria-describedby={describedBy}
              className="sm:max-w-md"
            />
          )}
        </FormField>
      )}
    </ChangeForm>
  );
}

import "server-only";
// The kinds of change request the console knows. Registering one is one line here: its definition lives with its
// domain (see request-kind.ts for what a kind provides) and its words in messages under requests.kinds/fields.
import { roleGrantKind } from "../access/role-grant-kind";
import { billingProfileKind } from "../billing/billing-profile-kind";
import { dataAddonKind } from "../billing/data-addon-kind";
import { paymentMethodKind } from "../billing/payment-method-kind";
import { AppError } from "../errors";
import { lineAssignmentKind } from "../lines/line-assignment-kind";
import { lineSettingsKind } from "../lines/line-settings-kind";
import type { RequestKind } from "./request-kind";

export const REQUEST_KINDS: readonly RequestKind[] = [
  lineSettingsKind,
  lineAssignmentKind,
  billingProfileKind,
  paymentMethodKind,
  dataAddonKind,
  roleGrantKind,
];

export function findRequestKind(kind: string): RequestKind | undefined {
  return REQUEST_KINDS.find((k) => k.kind === kind);
}

export function requestKindOrThrow(kind: string): RequestKind {
  const found = findRequestKind(kind);
  if (!found) throw new AppError("invalid", `There is no kind of change request called "${kind}".`, "kind");
  return found;
}

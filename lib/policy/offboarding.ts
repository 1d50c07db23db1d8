// Offboarding rules shared by the server and the UI: when access ends, which triggers end it, and what a leaver's
// holdings turn into as tasks.

/** Whether an account's access has ended by `now` (an offboarding case's effective time has come). */
export function accessEnded(accessEndsAt: Date | null | undefined, now: Date): boolean {
  return accessEndsAt != null && accessEndsAt.getTime() <= now.getTime();
}

export const OFFBOARDING_TRIGGERS = ["leaving", "transfer", "contract_end"] as const;
export type PersonTrigger = (typeof OFFBOARDING_TRIGGERS)[number];

/** A leaver and a contract end lose access at the effective time; a transfer keeps it but loses its roles. */
export function endsAccess(trigger: string): boolean {
  return trigger === "leaving" || trigger === "contract_end";
}

export type TaskKind =
  | "wipe_device_credentials"
  | "return_sim"
  | "delete_esim"
  | "decide_line"
  | "export_statements"
  | "reevaluate_roles";

/** Who does a task: the built-in role that owns it, and the permission that lets someone complete it. */
export const TASK_OWNERS: Record<TaskKind, { roleKey: string; domain: "accounts" | "lines" | "billing" | "offboarding" }> = {
  wipe_device_credentials: { roleKey: "account_admin", domain: "accounts" },
  return_sim: { roleKey: "line_operator", domain: "lines" },
  delete_esim: { roleKey: "line_operator", domain: "lines" },
  decide_line: { roleKey: "line_operator", domain: "lines" },
  export_statements: { roleKey: "billing_manager", domain: "billing" },
  reevaluate_roles: { roleKey: "account_admin", domain: "accounts" },
};

export interface HeldLine {
  id: string;
  simType: "physical" | "esim";
  status: string;
}

export interface PlannedTask {
  kind: TaskKind;
  lineId: string | null;
  ownerRoleKey: string;
  dueAt: Date;
}

const DAY = 86_400_000;

/** Lines that still need deciding: not already cancelled, ported out or returned. */
export function liveLine(line: HeldLine): boolean {
  return line.status !== "cancelled" && line.status !== "ported_out" && line.status !== "returned";
}

/**
 * The tasks an offboarding case starts with, from what the person holds. Leavers and contract ends: wipe the device
 * credentials (the next day), and for each line still live: return the physical SIM (within simReturnDays) or delete
 * the eSIM profile (the next day), export its statements and decide it (within a week). Transfers: re-evaluate roles
 * for the new department (within a week); lines stay with the person.
 */
export function planOffboardingTasks(trigger: PersonTrigger, effectiveAt: Date, lines: HeldLine[], simReturnDays: number): PlannedTask[] {
  const at = (days: number) => new Date(effectiveAt.getTime() + days * DAY);
  const task = (kind: TaskKind, lineId: string | null, dueAt: Date): PlannedTask => ({ kind, lineId, ownerRoleKey: TASK_OWNERS[kind].roleKey, dueAt });
  if (trigger === "transfer") return [task("reevaluate_roles", null, at(7))];
  const tasks = [task("wipe_device_credentials", null, at(1))];
  for (const line of lines.filter(liveLine)) {
    tasks.push(line.simType === "physical" ? task("return_sim", line.id, at(simReturnDays)) : task("delete_esim", line.id, at(1)));
    tasks.push(task("export_statements", line.id, at(7)));
    tasks.push(task("decide_line", line.id, at(7)));
  }
  return tasks;
}

/** A device or SIM retired outside offboarding: the credential wipe when it had a holder, and its return or deletion. */
export function planDisposalTasks(line: HeldLine, hasHolder: boolean, now: Date, simReturnDays: number): PlannedTask[] {
  const tasks: PlannedTask[] = [];
  if (hasHolder) tasks.push({ kind: "wipe_device_credentials", lineId: line.id, ownerRoleKey: TASK_OWNERS.wipe_device_credentials.roleKey, dueAt: new Date(now.getTime() + DAY) });
  tasks.push(
    line.simType === "physical"
      ? { kind: "return_sim", lineId: line.id, ownerRoleKey: TASK_OWNERS.return_sim.roleKey, dueAt: new Date(now.getTime() + simReturnDays * DAY) }
      : { kind: "delete_esim", lineId: line.id, ownerRoleKey: TASK_OWNERS.delete_esim.roleKey, dueAt: new Date(now.getTime() + DAY) },
  );
  return tasks;
}

/** Overdue: open and past its due time. */
export function isOverdue(task: { status: string; dueAt: Date }, now: Date): boolean {
  return task.status === "open" && task.dueAt.getTime() < now.getTime();
}

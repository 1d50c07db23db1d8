import { describe, expect, it } from "vitest";
import { accessEnded, endsAccess, isOverdue, planDisposalTasks, planOffboardingTasks } from "@/lib/policy/offboarding";

const at = new Date("2026-11-30T09:00:00Z");
const DAY = 86_400_000;

describe("accessEnded", () => {
  it("holds from the effective instant on, not a millisecond before", () => {
    expect(accessEnded(at, new Date(at.getTime() - 1))).toBe(false);
    expect(accessEnded(at, at)).toBe(true);
    expect(accessEnded(null, at)).toBe(false);
  });
});

describe("planOffboardingTasks", () => {
  const lines = [
    { id: "p", simType: "physical" as const, status: "active" },
    { id: "e", simType: "esim" as const, status: "suspended" },
    { id: "gone", simType: "physical" as const, status: "cancelled" },
  ];

  it("a leaver: the wipe, and per live line its return or eSIM deletion, statements and decision, with due dates", () => {
    const tasks = planOffboardingTasks("leaving", at, lines, 14);
    expect(tasks.map((t) => `${t.kind}:${t.lineId ?? "-"}:${(t.dueAt.getTime() - at.getTime()) / DAY}`)).toEqual([
      "wipe_device_credentials:-:1",
      "return_sim:p:14",
      "export_statements:p:7",
      "decide_line:p:7",
      "delete_esim:e:1",
      "export_statements:e:7",
      "decide_line:e:7",
    ]);
    expect(planOffboardingTasks("contract_end", at, [lines[0]!], 21).find((t) => t.kind === "return_sim")!.dueAt.getTime() - at.getTime()).toBe(21 * DAY);
  });

  it("a transfer: only the role review; the lines stay", () => {
    expect(planOffboardingTasks("transfer", at, lines, 14).map((t) => t.kind)).toEqual(["reevaluate_roles"]);
    expect(endsAccess("transfer")).toBe(false);
    expect(endsAccess("leaving") && endsAccess("contract_end")).toBe(true);
  });

  it("a disposal: the wipe only when someone held the device", () => {
    expect(planDisposalTasks(lines[0]!, true, at, 14).map((t) => t.kind)).toEqual(["wipe_device_credentials", "return_sim"]);
    expect(planDisposalTasks(lines[1]!, false, at, 14).map((t) => t.kind)).toEqual(["delete_esim"]);
  });

  it("overdue: open and past due", () => {
    expect(isOverdue({ status: "open", dueAt: at }, new Date(at.getTime() + 1))).toBe(true);
    expect(isOverdue({ status: "done", dueAt: at }, new Date(at.getTime() + 1))).toBe(false);
    expect(isOverdue({ status: "open", dueAt: at }, at)).toBe(false);
  });
});

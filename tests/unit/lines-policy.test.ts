import { describe, expect, it } from "vitest";
import { parseLineCsv, planLineImport, type ExistingLine } from "@/lib/policy/line-csv";
import {
  allowedChanges,
  isMnpExpired,
  mnpReservationProblem,
  normalizeIccid,
  normalizeMnpNumber,
  normalizePhoneNumber,
  statusAfter,
  transitionProblem,
} from "@/lib/policy/lines";

const now = new Date("2026-11-24T00:30:00Z"); // 09:30 JST
const physical = (status: ExistingLine["status"]) => ({ status, simType: "physical" as const });

describe("MNP reservation numbers", () => {
  it("takes full-width digits and hyphens, and is 10 digits", () => {
    expect(normalizeMnpNumber("１２３４-５６７８９０")).toBe("1234567890");
    expect(mnpReservationProblem({ number: "123456789", expiresAt: new Date("2026-12-01T00:00:00Z") }, now)).toEqual({ problem: "mnp_number_format", field: "mnpNumber" });
    expect(mnpReservationProblem({ number: "12345678ab", expiresAt: new Date("2026-12-01T00:00:00Z") }, now)?.problem).toBe("mnp_number_format");
    expect(mnpReservationProblem({ number: "", expiresAt: null }, now)).toEqual({ problem: "mnp_number_required", field: "mnpNumber" });
    expect(mnpReservationProblem({ number: "1234567890", expiresAt: null }, now)).toEqual({ problem: "mnp_expiry_required", field: "mnpExpiresAt" });
  });

  it("is good up to its expiry, and expired at and after it", () => {
    const expiresAt = new Date(now.getTime() + 1000);
    expect(mnpReservationProblem({ number: "1234567890", expiresAt }, now)).toBeNull();
    expect(mnpReservationProblem({ number: "1234567890", expiresAt: now }, now)).toEqual({ problem: "mnp_expired", field: "mnpExpiresAt" });
    expect(mnpReservationProblem({ number: "1234567890", expiresAt: new Date(now.getTime() - 60_000) }, now)?.problem).toBe("mnp_expired");
    expect(isMnpExpired(now, now)).toBe(true);
    expect(isMnpExpired(expiresAt, now)).toBe(false);
    expect(isMnpExpired(null, now)).toBe(false);
  });
});

describe("line transitions", () => {
  it("finished lines change no more, except that their statements may still be exported", () => {
    for (const status of ["cancelled", "ported_out"] as const) {
      for (const kind of ["suspend", "resume", "cancel", "port_out", "reassign", "unassign", "mark_pending_return", "mark_returned"] as const) {
        expect(transitionProblem(kind, physical(status)), `${kind} from ${status}`).toBe("line_finished");
      }
      expect(transitionProblem("statements_exported", physical(status))).toBeNull();
    }
  });

  it("suspend only an active line, resume only a suspended one, return only one awaiting return", () => {
    expect(transitionProblem("suspend", physical("active"))).toBeNull();
    expect(transitionProblem("suspend", physical("suspended"))).toBe("not_from_status");
    expect(transitionProblem("resume", physical("active"))).toBe("not_from_status");
    expect(transitionProblem("resume", physical("suspended"))).toBeNull();
    expect(transitionProblem("mark_returned", physical("active"))).toBe("not_from_status");
    expect(transitionProblem("mark_returned", physical("pending_return"))).toBeNull();
    expect(transitionProblem("mark_pending_return", { status: "active", simType: "esim" })).toBe("esim_no_return");
  });

  it("says where each change leaves the line", () => {
    expect(statusAfter("suspend", "active")).toBe("suspended");
    expect(statusAfter("resume", "suspended")).toBe("active");
    expect(statusAfter("cancel", "returned")).toBe("cancelled");
    expect(statusAfter("port_out", "active")).toBe("ported_out");
    expect(statusAfter("reassign", "suspended")).toBe("suspended");
    expect(allowedChanges(physical("pending_return"))).toEqual(["reassign", "unassign", "cancel", "port_out", "mark_returned", "statements_exported"]);
  });
});

describe("phone numbers and ICCIDs", () => {
  it("normalizes what people type", () => {
    expect(normalizePhoneNumber("０９０１２３４５６７８")).toBe("090-1234-5678");
    expect(normalizePhoneNumber("080-1111-2222")).toBe("080-1111-2222");
    expect(normalizePhoneNumber("03-1234-5678")).toBeNull();
    expect(normalizeIccid("８９８１１０１２３４５６７８９０１２３")).toBe("8981101234567890123");
    expect(normalizeIccid("1234567890123456789")).toBeNull();
  });
});

describe("lines CSV", () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  const empty = { byPhone: new Map(), iccidOwners: new Map(), holders: new Map() };

  it("names both rows of an ICCID that appears twice", () => {
    const csv = [
      "phoneNumber,iccid,simType,plan,dataAllowanceGb",
      "09011110001,8981100000000000001,physical,OCNモバイル 10GB,10",
      "09011110002,8981100000000000002,esim,OCNモバイル 10GB,10",
      "09011110003,8981100000000000001,物理,OCNモバイル 10GB,10",
    ].join("\n");
    const plan = planLineImport(parseLineCsv(bytes(csv)), empty);
    expect(plan.counts).toEqual({ create: 1, update: 0, unchanged: 0, error: 2 });
    for (const row of [2, 4]) {
      expect(plan.rows.find((r) => r.row === row)?.errors).toContainEqual({ row, column: "iccid", code: "duplicate_iccid_in_file", params: { value: "8981100000000000001", rows: "2, 4" } });
    }
  });

  it("names the row and column of a bad cell, and an MNP number without its expiry", () => {
    const csv = ["電話番号,ICCID,SIM種別,プラン,データ容量GB,MNP予約番号,MNP有効期限", "090-1111-0004,8981100000000000004,USIM,OCNモバイル 10GB,0,12345,"].join("\r\n");
    const [row] = parseLineCsv(bytes(csv)).rows;
    expect(row!.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [2, "SIM種別", "sim_type_unknown"],
      [2, "データ容量GB", "allowance_range"],
      [2, "MNP予約番号", "mnp_number_format"],
      [2, "MNP有効期限", "mnp_expiry_required"],
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { phoneSearchPatterns } from "@/lib/schemas/lines";

// A number typed without hyphens, or only in part, finds the stored 090-1234-5678 form.
const matches = (stored: string, typed: string) => phoneSearchPatterns(typed).some((p) => stored.includes(p));

describe("phone number search", () => {
  it("finds a whole number typed with or without hyphens", () => {
    expect(matches("090-1234-5678", "09012345678")).toBe(true);
    expect(matches("090-1234-5678", "090-1234-5678")).toBe(true);
    expect(matches("090-1234-5678", "090 1234 5678")).toBe(true);
  });

  it("finds a part of a number, across a hyphen too", () => {
    expect(matches("090-1234-5678", "12345678")).toBe(true);
    expect(matches("090-1234-5678", "0123")).toBe(true);
    expect(matches("090-1234-5678", "45")).toBe(true);
    expect(matches("090-1234-5678", "5678")).toBe(true);
  });

  it("does not find digits the number does not have in that order", () => {
    expect(matches("090-1234-5678", "09056781234")).toBe(false);
    expect(matches("090-1234-5678", "0912")).toBe(false);
    expect(matches("090-1234-5678", "123456789012")).toBe(false);
  });

  it("searches other text as typed", () => {
    expect(phoneSearchPatterns("佐藤")).toEqual(["佐藤"]);
  });
});

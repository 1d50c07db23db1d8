import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MESSAGE_FILES } from "@/lib/i18n/messages";

// Every text exists in Japanese and English, and no two files claim the same top-level key.
const dir = path.resolve("lib/i18n/messages");
const load = (locale: string, file: string) => JSON.parse(fs.readFileSync(path.join(dir, locale, `${file}.json`), "utf8"));

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("messages", () => {
  it("lists every message file", () => {
    for (const locale of ["ja", "en"]) {
      expect(fs.readdirSync(path.join(dir, locale)).map((f) => f.replace(/\.json$/, "")).sort()).toEqual([...MESSAGE_FILES].sort());
    }
  });
  it.each([...MESSAGE_FILES])("%s has the same keys in Japanese and English", (file) => {
    expect(keys(load("en", file)).sort()).toEqual(keys(load("ja", file)).sort());
  });
  it("has no top-level key in two files", () => {
    const seen = new Map<string, string>();
    for (const file of MESSAGE_FILES) {
      for (const key of Object.keys(load("ja", file))) {
        expect(seen.get(key), `${key} in ${file} and ${seen.get(key)}`).toBeUndefined();
        seen.set(key, file);
      }
    }
  });
  it("has no empty text", () => {
    for (const file of MESSAGE_FILES) for (const locale of ["ja", "en"]) {
      const flat = keys(load(locale, file));
      for (const k of flat) {
        const v = k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], load(locale, file));
        expect(typeof v === "string" && v.trim().length > 0, `${locale}/${file}: ${k}`).toBe(true);
      }
    }
  });
});

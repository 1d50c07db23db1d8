import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COMMON_PASSWORDS } from "@/lib/policy/common-passwords";
import {
  checkPasswordStrength,
  normalizePassword,
  passwordExpiry,
  type PasswordProblemCode,
  type PasswordStrengthOptions,
} from "@/lib/policy/password";

const kenta: PasswordStrengthOptions = {
  minLength: 12,
  personal: ["kenta.sato@minato-shoji.example.jp", "kenta.sato@minato-shoji.example.jp", "佐藤 健太", "サトウ ケンタ", "E20417"],
  organization: ["株式会社みなと商事", "0072950148", "minato-shoji.example.jp"],
};

const codes = (password: string, options: PasswordStrengthOptions = kenta): PasswordProblemCode[] =>
  checkPasswordStrength(password, options).map((p) => p.code);

/** Printable ASCII as typed with the IME in full-width mode. */
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/ /g, "\u3000");

describe("normalizePassword", () => {
  it("is NFKC: full-width letters, digits, symbols and spaces become ASCII; case and spaces are kept", () => {
    expect(normalizePassword("ＰａｓｓＷｏｒｄ１２３！")).toBe("PassWord123!");
    expect(normalizePassword("ｶﾀｶﾅ\u3000ﾊﾟｽ")).toBe("カタカナ パス");
    expect(normalizePassword("  Keep Case  ")).toBe("  Keep Case  ");
  });
  it("makes a full-width password equal its ASCII form", () => {
    const ascii = "Lantern oyster quiet 42!";
    expect(normalizePassword(fullWidth(ascii))).toBe(ascii);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..." !#%&*+-/0123456789:=?@ABCXYZ_abcxyz~"), minLength: 1 }), (s) => {
        expect(normalizePassword(fullWidth(s))).toBe(s);
        expect(checkPasswordStrength(fullWidth(s), kenta)).toEqual(checkPasswordStrength(s, kenta));
      }),
    );
  });
  it("is idempotent", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme" }), (s) => normalizePassword(normalizePassword(s)) === normalizePassword(s)));
  });
});

describe("checkPasswordStrength: length", () => {
  it("reports too_short with the minimum", () => {
    expect(checkPasswordStrength("kx7#qz", kenta)).toEqual([{ code: "too_short", min: 12 }]);
    expect(checkPasswordStrength("kx7#qz-v9!Lw", kenta)).toEqual([]);
    expect(checkPasswordStrength("kx7#qz-v9!L", { minLength: 8 })).toEqual([]);
  });
  it("counts code points, after normalization", () => {
    // 11 emoji are 22 UTF-16 units but 11 characters.
    expect(codes("🍣🍜🍙🍡🍵🗻🌸🎌🏯🚄🎍")).toEqual(["too_short"]);
    expect(codes("🍣🍜🍙🍡🍵🗻🌸🎌🏯🚄🎍🍢")).toEqual([]);
  });
  it("accepts 128 characters and reports too_long beyond, with the maximum", () => {
    const passphrase = "Umbrella tangerine lighthouse 7 quietly orbiting violet marmalade, juniper canyons whisper; 42 brass kettles hum beneath foggy piers at dawn";
    const p128 = passphrase.slice(0, 128);
    expect([...p128]).toHaveLength(128);
    expect(checkPasswordStrength(p128, kenta)).toEqual([]);
    expect(checkPasswordStrength(p128 + "x", kenta)).toEqual([{ code: "too_long", max: 128 }]);
    // A smaller maximum is raised to 128; a larger one is honoured.
    expect(checkPasswordStrength(p128, { ...kenta, maxLength: 64 })).toEqual([]);
    expect(checkPasswordStrength(p128 + "x", { ...kenta, maxLength: 200 })).toEqual([]);
    expect(checkPasswordStrength("x".repeat(5000), kenta)).toEqual([{ code: "too_long", max: 128 }]);
  });
  it("has no composition rules: lower-case words, kana or a long phrase pass", () => {
    for (const ok of ["correcthorsebatterystaple", "lantern oyster quiet magnet harbor violin", "かぎはつくえのひきだしにある", "Tr0ub4dor&3xq"]) {
      expect(checkPasswordStrength(ok, kenta), ok).toEqual([]);
    }
  });
});

describe("checkPasswordStrength: common passwords", () => {
  it("rejects blocklisted passwords, in any case or width", () => {
    for (const p of ["password1234", "qwerty123456", "abc123456789", "iloveyou1234", "PASSWORD1234", "ｐａｓｓｗｏｒｄ１２３４", "passwordpassword"]) {
      expect(codes(p), p).toContain("common");
    }
    expect(codes("ocn12345678", { minLength: 8 })).toEqual(["common", "repetitive"]);
    expect(codes("ocn-tower-8", { minLength: 8 })).toEqual([]);
  });
  it("rejects a blocklisted word with only digits and symbols around it", () => {
    for (const p of ["Password2026!!", "Summer2026!!!", "sakura-2026-!!", "welcome@2026", "changeme2026#", "2026!!Dragon!!", "docomo-7391-0481", "Tanaka2026!!"]) {
      expect(codes(p), p).toContain("common");
    }
  });
  it("reads common substitutions and ignores separators", () => {
    for (const p of ["P@ssw0rd2026", "Pa$$word-2026", "p4ssw0rd!!!!", "Nihon-2026!!", "Tokyo_1234_!!", "pass-word-7391"]) {
      expect(codes(p), p).toContain("common");
    }
  });
  it("allows a common word inside an otherwise good phrase", () => {
    expect(codes("the password manager knows")).toEqual([]);
    expect(codes("my dragon eats 7 lanterns")).toEqual([]);
  });
  it("has a plain, normalized list of 1,000–2,000 entries", () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(1000);
    expect(COMMON_PASSWORDS.size).toBeLessThanOrEqual(2000);
    for (const w of COMMON_PASSWORDS) expect(w, w).toBe(w.normalize("NFKC").toLowerCase());
    for (const w of ["123456", "password", "qwerty123456", "password1234", "sakura", "nihon2026", "tokyo1234", "ocn", "docomo", "welcome", "changeme"]) {
      expect(COMMON_PASSWORDS.has(w), w).toBe(true);
    }
  });
});

describe("checkPasswordStrength: personal and organization names", () => {
  it("rejects the login ID and its latin parts", () => {
    expect(codes("Kenta-is-great-71")).toEqual(["contains_personal"]);
    expect(codes("xSato#4471pq!")).toEqual(["contains_personal"]);
    expect(codes("zz KENTA.SATO zz")).toEqual(["contains_personal"]);
  });
  it("rejects the display name, the kana name in either kana, and the employee number", () => {
    expect(codes("佐藤健太の会社用パスワード")).toEqual(["contains_personal"]);
    expect(codes("さとうけんた-8812-zq")).toEqual(["contains_personal"]);
    expect(codes("ｻﾄｳｹﾝﾀ-8812-zq!!")).toEqual(["contains_personal"]);
    expect(codes("zq-20417-月曜日の朝")).toEqual(["contains_personal"]);
  });
  it("ignores name parts under 4 characters", () => {
    expect(codes("ito-ai-kq7#z19x", { minLength: 12, personal: ["ai.ito@x.jp", "伊藤 愛"], organization: [] })).toEqual([]);
  });
  it("skips missing values", () => {
    expect(codes("kx7#qz-v9!Lw", { minLength: 12, personal: [null, undefined, ""], organization: [null] })).toEqual([]);
  });
  it("rejects Minato2026!! for 株式会社みなと商事 at minato-shoji.example.jp: the token comes from the domain", () => {
    const minato = { minLength: 12, personal: [], organization: ["株式会社みなと商事", "minato-shoji.example.jp"] };
    expect(codes("Minato2026!!", minato)).toEqual(["contains_organization"]);
    expect(codes("Minato2026!!", { ...minato, organization: ["株式会社みなと商事"] })).toEqual([]);
  });
  it("rejects the organization name, customer number and domain labels, but not a bare legal form", () => {
    expect(codes("みなと商事2026年度の鍵")).toEqual(["contains_organization"]);
    expect(codes("x0072950148y!pq")).toEqual(["contains_organization"]);
    expect(codes("shoji-kq7#z19x!")).toEqual(["contains_organization"]);
    expect(codes("株式会社の新しい鍵2026")).toEqual([]);
  });
  it("counts the domain of a mail address given as personal as the organization's", () => {
    expect(codes("shoji-kq7#z19x!", { minLength: 12, personal: ["kenta.sato@minato-shoji.example.jp"], organization: [] })).toEqual([
      "contains_organization",
    ]);
  });
});

describe("checkPasswordStrength: repetitive", () => {
  it("rejects runs, repeated blocks and sequences along the alphabet, digits, keyboard and kana", () => {
    for (const p of ["aaaaaaaaaaaa", "123412341234", "qwertyuiop12", "1qaz2wsx3edc", "abcdefghijkl", "zyxwvutsrqpo", "741852963zzz", "あいうえおかきくけこさし", "xyxyxyxyxyxy"]) {
      expect(codes(p), p).toContain("repetitive");
    }
  });
  it("accepts a few short patterns inside an otherwise varied password", () => {
    expect(codes("abc-lantern-Q7kz")).toEqual([]);
    expect(codes("kx7#qz!!!v9Lwm")).toEqual([]);
  });
});

describe("checkPasswordStrength: properties", () => {
  // 60 characters: ASCII letters, digits, symbols and a few kanji and kana.
  const ALPHABET = [..."Q7k!Zp2%Lm9#Xr4&Vt6*Hb8?Nw3=Jd5+Fy0~Gs1_Ca-Eu日本語の鍵山川空海花雪ahoxz"];
  const BLOCKLISTED = [...COMMON_PASSWORDS].filter((w) => w.length >= 6);
  const NAMES = ["kenta", "sato", "佐藤健太", "さとうけんた", "20417", "みなと商事", "0072950148", "minato", "shoji", "example"];

  it("find nothing in random strings without blocklisted words or names, and never call them repetitive", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 16, maxLength: 128 }), (s) => {
        const lower = s.toLowerCase();
        fc.pre(!BLOCKLISTED.some((w) => lower.includes(w)) && !NAMES.some((n) => lower.includes(n)));
        expect(checkPasswordStrength(s, kenta)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
  it("never call a random string of a 40-character alphabet repetitive", () => {
    const forty = [..."abcdefghijklmnopqrstuvwxyz0123456789!#%&"];
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...forty), minLength: 16, maxLength: 64 }), (s) => {
        expect(codes(s, { minLength: 16 })).not.toContain("repetitive");
      }),
      { numRuns: 300 },
    );
  });
  it("report each code at most once, too_short exactly below the minimum", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.integer({ min: 1, max: 30 }), (s, minLength) => {
        const found = codes(s, { ...kenta, minLength });
        expect(new Set(found).size).toBe(found.length);
        expect(found.includes("too_short")).toBe([...normalizePassword(s)].length < minLength);
      }),
    );
  });
});

describe("passwordExpiry", () => {
  const changedAt = new Date("2026-01-01T09:00:00+09:00");
  const expiresAt = new Date("2026-04-01T09:00:00+09:00"); // 90 days later
  const at = (ms: number) => new Date(expiresAt.getTime() + ms);
  const DAY = 86_400_000;

  it("is ok until the last 14 days, then warns, then expires at the instant", () => {
    expect(passwordExpiry(changedAt, 90, changedAt)).toEqual({ state: "ok", expiresAt, daysLeft: 90 });
    expect(passwordExpiry(changedAt, 90, at(-14 * DAY - 1))).toEqual({ state: "ok", expiresAt, daysLeft: 15 });
    expect(passwordExpiry(changedAt, 90, at(-14 * DAY))).toEqual({ state: "warn", expiresAt, daysLeft: 14 });
    expect(passwordExpiry(changedAt, 90, at(-DAY))).toEqual({ state: "warn", expiresAt, daysLeft: 1 });
    expect(passwordExpiry(changedAt, 90, at(-1))).toEqual({ state: "warn", expiresAt, daysLeft: 1 });
    expect(passwordExpiry(changedAt, 90, at(0))).toEqual({ state: "expired", expiresAt, daysLeft: 0 });
    expect(passwordExpiry(changedAt, 90, at(30 * DAY))).toEqual({ state: "expired", expiresAt, daysLeft: 0 });
  });
  it("never expires without a maximum age", () => {
    expect(passwordExpiry(changedAt, null, new Date("2040-01-01T00:00:00Z"))).toEqual({ state: "ok", expiresAt: null, daysLeft: null });
  });
  it("is expired when no password was ever set, whatever the policy", () => {
    expect(passwordExpiry(null, 90, changedAt)).toEqual({ state: "expired", expiresAt: null, daysLeft: 0 });
    expect(passwordExpiry(null, null, changedAt)).toEqual({ state: "expired", expiresAt: null, daysLeft: 0 });
  });
  it("warns from the start when the maximum age is under 14 days", () => {
    expect(passwordExpiry(changedAt, 7, changedAt)).toMatchObject({ state: "warn", daysLeft: 7 });
  });
  it("refuses a maximum age that is not a positive integer, and invalid dates", () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => passwordExpiry(changedAt, bad, changedAt), String(bad)).toThrow(RangeError);
    expect(() => passwordExpiry(new Date("nope"), 90, changedAt)).toThrow(RangeError);
  });
  it("has daysLeft within 1..14 exactly when warning", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: -500 * DAY, max: 500 * DAY }), (maxAgeDays, offset) => {
        const r = passwordExpiry(changedAt, maxAgeDays, new Date(changedAt.getTime() + offset));
        expect(r.state === "warn").toBe(r.daysLeft! >= 1 && r.daysLeft! <= 14);
        expect(r.state === "expired").toBe(r.daysLeft === 0);
      }),
    );
  });
});

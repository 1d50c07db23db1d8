import { execFileSync } from "node:child_process";
import fs from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BACKUP_CODE_ALPHABET,
  base32Decode,
  base32Encode,
  generateBackupCodes,
  generateTotpSecret,
  normalizeBackupCode,
  otpauthUri,
  totpCode,
  totpStep,
  verifyTotp,
} from "@/lib/policy/totp";

const OATHTOOL = "/usr/bin/oathtool";
const hasOathtool = fs.existsSync(OATHTOOL);
const oathtool = (...args: string[]) => execFileSync(OATHTOOL, ["--totp", "-b", ...args], { encoding: "utf8" }).trim();

// RFC 6238 Appendix B, SHA-1 column; the seed is the ASCII string "12345678901234567890".
const RFC_SECRET = base32Encode(Buffer.from("12345678901234567890", "ascii"));
const RFC_VECTORS: [seconds: number, code: string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

const at = (seconds: number) => new Date(seconds * 1000);
const NOON = new Date("2026-11-26T12:00:00Z");

describe("base32", () => {
  it("matches RFC 4648 and round-trips", () => {
    expect(base32Encode(Buffer.from("foobar"))).toBe("MZXW6YTBOI");
    expect(base32Decode("mzxw 6ytb oi======").toString()).toBe("foobar");
    expect(RFC_SECRET).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => base32Decode(base32Encode(bytes)).equals(Buffer.from(bytes))));
  });
  it("refuses characters outside the alphabet", () => {
    expect(() => base32Decode("ABC1")).toThrow();
  });
});

describe("TOTP codes", () => {
  it.each(RFC_VECTORS)("match RFC 6238 Appendix B at T=%i", (seconds, code) => {
    expect(totpCode(RFC_SECRET, at(seconds), 0, { digits: 8 })).toBe(code);
    expect(totpCode(RFC_SECRET, at(seconds))).toBe(code.slice(2)); // 6 digits: the same number mod 10^6
  });

  it("generates 160-bit secrets, base32 without padding", () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
    expect(generateTotpSecret()).not.toBe(secret);
  });

  it.skipIf(!hasOathtool)("agree with Debian's oathtool at a fixed time", () => {
    for (let i = 0; i < 5; i++) {
      const secret = generateTotpSecret();
      const code = oathtool("--now", "2026-11-26 12:00:00 UTC", secret);
      expect(totpCode(secret, NOON)).toBe(code);
      expect(verifyTotp(secret, code, NOON, null)).toEqual({ ok: true, step: totpStep(NOON) });
    }
    expect(oathtool("--now", "2026-11-26 12:00:00 UTC", "JBSWY3DPEHPK3PXP")).toBe("718421");
    expect(totpCode("JBSWY3DPEHPK3PXP", NOON)).toBe("718421");
  });

  it.skipIf(!hasOathtool)("accept oathtool's code for the current time", () => {
    const secret = generateTotpSecret();
    const code = oathtool(secret);
    // Run a moment apart, the two clocks may straddle a step boundary; the ±1 window absorbs that.
    expect(verifyTotp(secret, code, new Date(), null).ok).toBe(true);
  });

  if (!hasOathtool) {
    it.skip(`oathtool comparison skipped: ${OATHTOOL} is missing (apt-get install oathtool)`, () => {});
  }
});

describe("verifyTotp", () => {
  const secret = generateTotpSecret();
  const step = totpStep(NOON);

  it("accepts the current step and one either side, and says which", () => {
    for (const offset of [-1, 0, 1]) {
      expect(verifyTotp(secret, totpCode(secret, NOON, offset), NOON, null)).toEqual({ ok: true, step: step + offset });
    }
  });

  it("refuses codes two or more steps away", () => {
    for (const offset of [-3, -2, 2, 3]) {
      const code = totpCode(secret, NOON, offset);
      // A 6-digit code can collide with a neighbour's by chance (1 in 10^6); only count it if it truly differs.
      const collides = [-1, 0, 1].some((o) => totpCode(secret, NOON, o) === code);
      if (!collides) expect(verifyTotp(secret, code, NOON, null)).toEqual({ ok: false });
    }
  });

  it("accepts each step once: a step at or before lastUsedStep is refused", () => {
    const code = totpCode(secret, NOON);
    const first = verifyTotp(secret, code, NOON, null);
    expect(first).toEqual({ ok: true, step });
    expect(verifyTotp(secret, code, NOON, step)).toEqual({ ok: false });
    expect(verifyTotp(secret, code, new Date(NOON.getTime() + 20_000), step)).toEqual({ ok: false });
    expect(verifyTotp(secret, totpCode(secret, NOON, -1), NOON, step)).toEqual({ ok: false });
    expect(verifyTotp(secret, totpCode(secret, NOON, 1), NOON, step)).toEqual({ ok: true, step: step + 1 });
  });

  it("normalizes full-width digits, spaces and hyphens", () => {
    const code = totpCode(secret, NOON);
    const fullWidth = [...code].map((d) => String.fromCharCode(0xff10 + Number(d))).join("");
    expect(verifyTotp(secret, fullWidth, NOON, null).ok).toBe(true);
    expect(verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, NOON, null).ok).toBe(true);
    expect(verifyTotp(secret, `${code.slice(0, 3)}　${code.slice(3)}`, NOON, null).ok).toBe(true); // ideographic space
    expect(verifyTotp(secret, `${code.slice(0, 3)}－${code.slice(3)}`, NOON, null).ok).toBe(true);
  });

  it("normalizes １２３４５６ to 123456", () => {
    const fixed = "JBSWY3DPEHPK3PXP";
    const when = new Date("1970-11-22T10:35:00Z"); // step 937270, found by search; oathtool agrees
    expect(totpCode(fixed, when)).toBe("123456");
    expect(verifyTotp(fixed, "１２３４５６", when, null).ok).toBe(true);
    expect(verifyTotp(fixed, "１２３ ４５６", when, null).ok).toBe(true);
  });

  it("refuses malformed input", () => {
    for (const bad of ["", "12345", "1234567", "abcdef", "12345a", "１２３４５"]) {
      expect(verifyTotp(secret, bad, NOON, null), bad).toEqual({ ok: false });
    }
  });

  it("accepts totpCode for any secret and time (property)", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 10, maxLength: 64 }),
        fc.date({ min: new Date(0), max: new Date("2200-01-01T00:00:00Z"), noInvalidDate: true }),
        (bytes, when) => {
          const s = base32Encode(bytes);
          const result = verifyTotp(s, totpCode(s, when), when, null);
          return result.ok && result.step === totpStep(when);
        },
      ),
    );
  });
});

describe("otpauth URI", () => {
  it("follows the Key URI Format with the console as issuer", () => {
    const uri = otpauthUri({ secret: "jbswy3dpehpk3pxp", accountName: "yamada@example.jp" });
    expect(uri).toBe(
      "otpauth://totp/OCN%20Business%20Console:yamada%40example.jp?secret=JBSWY3DPEHPK3PXP&issuer=OCN%20Business%20Console&algorithm=SHA1&digits=6&period=30",
    );
    const url = new URL(uri);
    expect(url.searchParams.get("issuer")).toBe("OCN Business Console");
  });
  it("escapes colons and non-ASCII in the account name", () => {
    const uri = otpauthUri({ secret: "JBSWY3DPEHPK3PXP", accountName: "山田:太郎", issuer: "Acme" });
    expect(uri.startsWith("otpauth://totp/Acme:%E5%B1%B1%E7%94%B0%3A%E5%A4%AA%E9%83%8E?")).toBe(true);
  });
});

describe("backup codes", () => {
  it("are ten distinct xxxx-xxxx codes without look-alike characters", () => {
    const codes = generateBackupCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) {
      expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}$/);
      expect(code).not.toMatch(/[01oOlIi]/);
    }
    expect(BACKUP_CODE_ALPHABET).not.toMatch(/[01oOlIi]/);
    expect(generateBackupCodes(3)).toHaveLength(3);
  });
  it("normalize to lower case without separators", () => {
    expect(normalizeBackupCode(" ＡＢＣＤ－ｅｆｇｈ ")).toBe("abcdefgh");
    expect(normalizeBackupCode("abcd efgh")).toBe("abcdefgh");
    fc.assert(fc.property(fc.string(), (s) => normalizeBackupCode(normalizeBackupCode(s)) === normalizeBackupCode(s)));
    for (const code of generateBackupCodes()) expect(normalizeBackupCode(code.toUpperCase())).toBe(code.replace("-", ""));
  });
});

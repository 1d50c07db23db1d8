import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// The module caches its key, so each case sets the variable and imports a fresh copy.
const KEY_A = crypto.randomBytes(32).toString("base64");
const KEY_B = crypto.randomBytes(32).toString("hex");
const saved = process.env.TOTP_ENCRYPTION_KEY;

async function box(key: string | undefined) {
  if (key === undefined) delete process.env.TOTP_ENCRYPTION_KEY;
  else process.env.TOTP_ENCRYPTION_KEY = key;
  vi.resetModules();
  return import("@/lib/server/secret-box");
}

beforeEach(() => vi.resetModules());
afterEach(() => {
  if (saved === undefined) delete process.env.TOTP_ENCRYPTION_KEY;
  else process.env.TOTP_ENCRYPTION_KEY = saved;
});

describe("sealSecret / openSecret", () => {
  it("round-trip, with a fresh IV every time", async () => {
    const { sealSecret, openSecret } = await box(KEY_A);
    for (const plain of ["JBSWY3DPEHPK3PXP", "", "山田太郎の秘密🔑"]) {
      const sealed = sealSecret(plain);
      expect(sealed).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]*$/);
      expect(openSecret(sealed)).toBe(plain);
    }
    expect(sealSecret("same")).not.toBe(sealSecret("same"));
  });

  it("accept hex keys and base64url keys", async () => {
    const hex = await box(KEY_B);
    expect(hex.openSecret(hex.sealSecret("x"))).toBe("x");
    const url = await box(Buffer.from(KEY_A, "base64").toString("base64url"));
    const sealed = url.sealSecret("y");
    // The same 32 bytes, written as base64, open it.
    expect((await box(KEY_A)).openSecret(sealed)).toBe("y");
  });

  it("detect tampering with any part", async () => {
    const { sealSecret, openSecret, SecretBoxError } = await box(KEY_A);
    const sealed = sealSecret("JBSWY3DPEHPK3PXP");
    const [v, iv, tag, ct] = sealed.split(":") as [string, string, string, string];
    const flip = (part: string) => {
      const bytes = Buffer.from(part, "base64url");
      bytes[0]! ^= 1;
      return bytes.toString("base64url");
    };
    for (const bad of [
      [v, flip(iv), tag, ct],
      [v, iv, flip(tag), ct],
      [v, iv, tag, flip(ct)],
      [v, iv, tag, ct + "AA"],
    ]) {
      expect(() => openSecret(bad.join(":"))).toThrow(SecretBoxError);
    }
    for (const malformed of ["", "v1:abc", `v2:${iv}:${tag}:${ct}`, `v1:${iv}:${tag}`, `v1:${iv}:${tag}:${ct}:x`, `v1:${iv}!:${tag}:${ct}`]) {
      expect(() => openSecret(malformed), malformed).toThrow(/Malformed/);
    }
  });

  it("refuse a secret sealed under another key", async () => {
    const sealed = (await box(KEY_A)).sealSecret("JBSWY3DPEHPK3PXP");
    const other = await box(KEY_B);
    expect(() => other.openSecret(sealed)).toThrow(/another key/);
  });

  it("bind the optional context, so a value copied to another account will not open", async () => {
    const { sealSecret, openSecret } = await box(KEY_A);
    const sealed = sealSecret("JBSWY3DPEHPK3PXP", "account:1");
    expect(openSecret(sealed, "account:1")).toBe("JBSWY3DPEHPK3PXP");
    expect(() => openSecret(sealed, "account:2")).toThrow();
    expect(() => openSecret(sealed)).toThrow();
  });
});

describe("TOTP_ENCRYPTION_KEY validation", () => {
  it.each([
    ["too short", "abc"],
    ["31 bytes of hex", "ab".repeat(31)],
    ["33 bytes of base64", crypto.randomBytes(33).toString("base64")],
    ["not an encoding", "!".repeat(44)],
  ])("names the variable and the expected form when %s", async (_label, value) => {
    const { sealSecret } = await box(value);
    expect(() => sealSecret("x")).toThrow(/^TOTP_ENCRYPTION_KEY must be 32 bytes written as base64 \(44 characters\) or hex \(64 characters\)/);
  });

  it("never echoes the value", async () => {
    const value = "s3cr3t-but-wrong-length";
    const { sealSecret } = await box(value);
    expect(() => sealSecret("x")).toThrow(expect.objectContaining({ message: expect.not.stringContaining(value) }));
  });

  it("parses directly, with the source named", async () => {
    const { parseEncryptionKey } = await box(KEY_A);
    expect(parseEncryptionKey(` ${KEY_B}\n`)).toEqual(Buffer.from(KEY_B, "hex"));
    expect(() => parseEncryptionKey("nope", "/tmp/x/totp-key")).toThrow(/^\/tmp\/x\/totp-key must be 32 bytes/);
  });
});

describe("fallback key file", () => {
  it("is created 0600 on first use and read back afterwards", async () => {
    const { readOrCreateKeyFile } = await box(KEY_A);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-box-"));
    try {
      const file = path.join(dir, ".data", "totp-key");
      const first = readOrCreateKeyFile(file);
      expect(first).toHaveLength(32);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(readOrCreateKeyFile(file)).toEqual(first);
      fs.writeFileSync(file, "garbage");
      expect(() => readOrCreateKeyFile(file)).toThrow(/totp-key must be 32 bytes/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("is what an unset or empty variable falls back to (.data/totp-key under the working directory)", async () => {
    const projectKey = path.resolve(".data", "totp-key");
    const projectKeyExisted = fs.existsSync(projectKey);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-box-"));
    const cwd = vi.spyOn(process, "cwd").mockReturnValue(dir); // path.resolve reads process.cwd()
    try {
      const sealed = (await box(undefined)).sealSecret("local");
      const file = path.join(dir, ".data", "totp-key");
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect((await box("")).openSecret(sealed)).toBe("local");
      expect((await box(fs.readFileSync(file, "utf8"))).openSecret(sealed)).toBe("local");
      cwd.mockRestore();
      expect(fs.existsSync(projectKey)).toBe(projectKeyExisted); // the project's own .data was left alone
    } finally {
      cwd.mockRestore();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("backup code hashes", () => {
  it("are keyed, deterministic and normalize the input", async () => {
    const a = await box(KEY_A);
    const hash = a.hashBackupCode("abcd-efgh");
    expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.hashBackupCode(" ＡＢＣＤ－ＥＦＧＨ ")).toBe(hash);
    expect(a.hashBackupCode("abcd-efgj")).not.toBe(hash);
    expect(hash).not.toBe(crypto.createHash("sha256").update("abcdefgh").digest("base64url"));
    const b = await box(KEY_B);
    expect(b.hashBackupCode("abcd-efgh")).not.toBe(hash);
  });

  it("match against the stored list", async () => {
    const { hashBackupCode, matchBackupCode } = await box(KEY_A);
    const stored = ["aaaa-bbbb", "cccc-dddd", "eeee-ffff"].map(hashBackupCode);
    expect(matchBackupCode("CCCC DDDD", stored)).toBe(stored[1]);
    expect(matchBackupCode("cccc-dddx", stored)).toBeNull();
    expect(matchBackupCode("cccc-dddd", [])).toBeNull();
  });
});

import "server-only";
import { hash, verify } from "@node-rs/argon2";
import { normalizePassword } from "@/lib/policy/password";

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
const options = { algorithm: 2 /* Algorithm.Argon2id, a const enum */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Passwords are NFKC-normalized first, so full-width and half-width input are the same password. */
export function hashPassword(password: string): Promise<string> {
  return hash(normalizePassword(password), options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, normalizePassword(password));
  } catch {
    return false;
  }
}

// Verifying against this keeps an unknown ID as slow as a known one.
let dummyHash: Promise<string> | undefined;
export function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword("ocn-dummy-password-for-timing");
  return dummyHash;
}

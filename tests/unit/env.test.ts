// lib/server/env.ts: DATABASE_REPLICA_URL is optional, a PostgreSQL URL, and only valid next to DATABASE_URL.
import { afterEach, describe, expect, it, vi } from "vitest";

const PRIMARY = "postgresql://ocn_app@db.example.jp:5432/ocn";
const REPLICA = "postgresql://ocn_app@replica.example.jp:5432/ocn";

/** env() reads process.env once per module instance: load a fresh one with just these database variables. */
async function envWith(vars: {
  DATABASE_URL?: string;
  DATABASE_REPLICA_URL?: string;
}) {
  vi.resetModules();
  vi.stubEnv("DATABASE_URL", vars.DATABASE_URL);
  vi.stubEnv("DATABASE_REPLICA_URL", vars.DATABASE_REPLICA_URL);
  vi.stubEnv("MIGRATION_DATABASE_URL", undefined);
  const { env } = await import("@/lib/server/env");
  return env;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("DATABASE_REPLICA_URL", () => {
  it("is unset by default, and an empty value counts as unset", async () => {
    expect(
      (await envWith({ DATABASE_URL: PRIMARY }))().DATABASE_REPLICA_URL,
    ).toBeUndefined();
    expect(
      (await envWith({ DATABASE_URL: PRIMARY, DATABASE_REPLICA_URL: "  " }))()
        .DATABASE_REPLICA_URL,
    ).toBeUndefined();
  });

  it("is taken as it is next to DATABASE_URL", async () => {
    expect(
      (
        await envWith({ DATABASE_URL: PRIMARY, DATABASE_REPLICA_URL: REPLICA })
      )().DATABASE_REPLICA_URL,
    ).toBe(REPLICA);
  });

  it.each([
    "mysql://ocn@replica.example.jp/ocn",
    "replica.example.jp:5432",
    "postgresql://",
    "postgresql://replica example/ocn",
  ])(
    "refuses %j with a message naming the variable and the expected form",
    async (value) => {
      const env = await envWith({
        DATABASE_URL: PRIMARY,
        DATABASE_REPLICA_URL: value,
      });
      expect(() => env()).toThrow(
        "Invalid configuration:\n  DATABASE_REPLICA_URL: must be a postgresql://user@host:port/database URL",
      );
    },
  );

  it("refuses a replica without DATABASE_URL: the embedded database has no replica", async () => {
    const env = await envWith({ DATABASE_REPLICA_URL: REPLICA });
    expect(() => env()).toThrow(
      /^Invalid configuration:\n {2}DATABASE_REPLICA_URL: needs DATABASE_URL as well/,
    );
  });
});

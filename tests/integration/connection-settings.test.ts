// What every connection of the console's pool sets (lib/server/db.ts openPostgres).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.drop());

describe.skipIf(!process.env.TEST_DATABASE_URL)("connection settings (PostgreSQL)", () => {
  it("compiles no plan with JIT: under row-level security the log's cost estimates are high, and compiling took seconds", async () => {
    const [row] = await t.app.sql.rows<{ jit: string }>("SELECT current_setting('jit') AS jit");
    expect(row?.jit).toBe("off");
  });
});

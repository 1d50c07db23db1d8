// Prisma CLI configuration: the WebAssembly schema engine ("js") so nothing is downloaded; the driver
// adapter points at DATABASE_URL when set, otherwise at the embedded PGlite data directory.
import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";

const dataDir = process.env.PGLITE_DATA_DIR ?? path.join(".data", "pglite");

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (url) {
      const pg = (await import("pg")).default;
      // prisma/orm#27403: columns of type "name" (oid 19) cannot be deserialized; read them as text.
      const proto = (pg as unknown as { Result: { prototype: { addFields: (f: { dataTypeID: number }[]) => void } } }).Result.prototype;
      const addFields = proto.addFields;
      proto.addFields = function (fields) {
        for (const field of fields) if (field.dataTypeID === 19) field.dataTypeID = 25;
        return addFields.call(this, fields);
      };
      const { PrismaPg } = await import("@prisma/adapter-pg");
      return new PrismaPg({ connectionString: url, idleTimeoutMillis: 200 });
    }
    const lock = `${path.resolve(dataDir)}.lock`;
    if (fs.existsSync(lock)) {
      throw new Error(`The embedded database in ${dataDir} is open in another process (${lock}); stop it first.`);
    }
    fs.mkdirSync(dataDir, { recursive: true });
    const { PGlite } = await import("@electric-sql/pglite");
    const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    return new PrismaPGlite(new PGlite(dataDir, { extensions: { pg_trgm } }));
  },
});

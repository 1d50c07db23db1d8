import "server-only";
import { z } from "zod";

const postgresUrl = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .refine((v) => v === undefined || (/^postgres(ql)?:\/\/\S+$/.test(v) && URL.canParse(v)), {
    message: "must be a postgresql://user@host:port/database URL",
  });

// Read and validated once; a bad value stops start-up with one line per problem.
const schema = z.object({
  DATABASE_URL: postgresUrl,
  // The tables' owner, for db:migrate, db:seed and db:app-role when DATABASE_URL is the application's role.
  MIGRATION_DATABASE_URL: postgresUrl,
  // A read replica of DATABASE_URL for dashboards and exports (lib/server/db.ts replicaDb); the same roles and policies.
  DATABASE_REPLICA_URL: postgresUrl,
  APP_DATABASE_ROLE: z.string().trim().regex(/^[a-z_][a-z0-9_]{0,62}$/, "must be a plain role name: lower-case letters, digits, _").default("ocn_app"),
  APP_DATABASE_PASSWORD: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(16, "must be at least 16 characters").optional()),
  PGLITE_DATA_DIR: z.string().trim().min(1).default(".data/pglite"),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  TRUSTED_PROXIES: z.string().default(""),
  NEXTAUTH_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url("must be the console's public URL, e.g. https://console.example.jp").optional()),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  SMTP_URL: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^smtps?:\/\/\S+$/.test(v), { message: "must be smtp://user:pass@host:587 or smtps://…" }),
  MAIL_FROM: z.string().default("OCN ビジネスコンソール <no-reply@console.ocn.example>"),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  // How often the sweeper records ended grants and sends their notices; 0 turns it off (tests call it directly).
  SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
}).superRefine((v, ctx) => {
  if (v.DATABASE_REPLICA_URL && !v.DATABASE_URL) {
    ctx.addIssue({
      code: "custom",
      path: ["DATABASE_REPLICA_URL"],
      message: "needs DATABASE_URL as well: a replica serves reads for a PostgreSQL primary, and the embedded database has none",
    });
  }
});

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {}

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

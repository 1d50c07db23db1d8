// The bad-input suite's tools: a fingerprint of everything the database holds (to prove a refused request wrote
// nothing), server actions called by their id as the console's own JavaScript calls them, uploads, and answers read
// back as JSON, NDJSON or an action's result.
import path from "node:path";
import { actionId, actionResultOf, encodeReply } from "@/scripts/lib/server-action";
import type { ClusterDatabase } from "./cluster";

export type Fingerprint = Map<string, string>;

/**
 * Every table of the public schema (a partitioned table such as audit_events counted once, through its parent) as
 * "rows:newest xmin". An INSERT or DELETE changes the count, an UPDATE the newest xmin (the row's new version is
 * written by a newer transaction): one query tells whether anything was written.
 */
export async function fingerprinter(database: ClusterDatabase) {
  const tables = await database.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> '_prisma_migrations'
      ORDER BY 1`,
  );
  if (!tables.some((t) => t.name === "audit_events"))
    throw new Error("audit_events is not among the tables fingerprinted");
  const sql = tables
    .map(
      ({ name }) =>
        `SELECT '${name}' AS name, count(*) || ':' || coalesce(max(xmin::text::bigint), 0) AS print FROM "${name}"`,
    )
    .join(" UNION ALL ");
  return {
    tables: tables.map((t) => t.name),
    async take(): Promise<Fingerprint> {
      const rows = await database.query<{ name: string; print: string }>(sql);
      return new Map(rows.map((r) => [r.name, r.print]));
    },
  };
}

/** The tables whose fingerprint differs, with before → after. */
export function changedTables(
  before: Fingerprint,
  after: Fingerprint,
): { table: string; change: string }[] {
  return [...after].flatMap(([table, print]) =>
    before.get(table) === print
      ? []
      : [{ table, change: `${before.get(table) ?? "absent"} → ${print}` }],
  );
}

/** What the server printed between two reads of an instance's output (the buffer keeps the last 200 kB). */
export function outputSince(previous: string, now: string): string {
  if (now.startsWith(previous)) return now.slice(previous.length);
  const tail = previous.slice(-2000);
  const at = tail ? now.lastIndexOf(tail) : -1;
  return at >= 0 ? now.slice(at + tail.length) : now;
}

/** Lines of server output that mean a request failed on our side: Next's unhandled-error mark, or our own logs of one. */
export const SERVER_FAILURE =
  /⨯|\b(step|operation|action|reminder|request|reset|acceptance|export|ingestion|import) failed\b|Unhandled|TypeError|RangeError|URIError/;

/** A server action's id in this build, by its file and export (ids change with every build). */
export function serverActionIds(root: string): (file: string, name: string) => string {
  if (path.resolve(root) !== process.cwd()) throw new Error("server action ids are read from this checkout's build");
  return actionId;
}

export interface Answer {
  status: number;
  type: string;
  location: string;
  text: string;
}

async function answerOf(response: Response): Promise<Answer> {
  return {
    status: response.status,
    type: response.headers.get("content-type") ?? "",
    location: response.headers.get("location") ?? "",
    text: await response.text(),
  };
}

export interface RequestOptions {
  method?: string;
  cookie?: string;
  headers?: Record<string, string>;
  body?: BodyInit;
  /** Send no Origin header (the default is the console's own). */
  noOrigin?: boolean;
}

export async function send(
  url: string,
  pathname: string,
  options: RequestOptions = {},
): Promise<Answer> {
  const headers: Record<string, string> = {
    ...(options.noOrigin ? {} : { origin: url }),
    ...(options.cookie ? { cookie: options.cookie } : {}),
    ...options.headers,
  };
  const body = options.body;
  const init: RequestInit & { duplex?: "half" } = {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
    redirect: "manual",
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  };
  return answerOf(await fetch(`${url}${pathname}`, init));
}

/** Calls a server action as the console's JavaScript does: POST to the page with Next-Action and the arguments as JSON. */
export function callAction(
  url: string,
  pathname: string,
  actionId: string,
  args: unknown[],
  cookie: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return send(url, pathname, {
    cookie,
    headers: {
      "next-action": actionId,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      ...headers,
    },
    body: encodeReply(args),
  });
}

/** The action's return value in its RSC answer (row 1, with the text rows it refers to), or undefined. */
export function actionResult(answer: Answer): unknown {
  return actionResultOf(answer.text);
}

/** A multipart upload as the import pages send it: `file` (omitted when null) and the extra fields. */
export function upload(
  file: { bytes: Uint8Array | string; name?: string } | null,
  fields: Record<string, string>,
): FormData {
  const form = new FormData();
  if (file)
    form.append(
      "file",
      new Blob([
        typeof file.bytes === "string" ? file.bytes : Buffer.from(file.bytes),
      ]),
      file.name ?? "bad.csv",
    );
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}

export function json(answer: Answer): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(answer.text) as unknown;
    return value && typeof value === "object"
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The result line of an NDJSON answer (progress lines, then {"type":"result",…}). */
export function ndjsonResult(
  answer: Answer,
): Record<string, unknown> | undefined {
  const lines = answer.text
    .split("\n")
    .filter(Boolean)
    .map(
      (l) =>
        JSON.parse(l) as { type?: string; result?: Record<string, unknown> },
    );
  return lines.find((l) => l.type === "result")?.result;
}

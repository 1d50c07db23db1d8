import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTIONS, PAGES, ROUTES } from "@/tests/authz-matrix";

const appDir = path.resolve("app");

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)]));
}

const files = walk(appDir).map((f) => path.relative(process.cwd(), f));
const urlOf = (file: string) =>
  "/" +
  path
    .dirname(path.relative("app", file))
    .split(path.sep)
    .filter((seg) => seg !== "." && !/^\(.*\)$/.test(seg))
    .join("/");

describe("authorization matrix", () => {
  it("lists every page", () => {
    const pages = files.filter((f) => f.endsWith("page.tsx")).map(urlOf).sort();
    expect(pages).toEqual(Object.keys(PAGES).sort());
  });

  it("lists every route handler and method", () => {
    const routes = files
      .filter((f) => /route\.tsx?$/.test(f))
      .flatMap((f) => {
        const source = fs.readFileSync(f, "utf8");
        return [...source.matchAll(/export (?:async function|const) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => `${m[1]} ${urlOf(f)}`);
      })
      .sort();
    expect(routes).toEqual(Object.keys(ROUTES).sort());
  });

  it("lists every server action", () => {
    const actions = files
      .filter((f) => /(^|\/)actions\.tsx?$/.test(f) || fs.readFileSync(f, "utf8").startsWith('"use server"'))
      .flatMap((f) => {
        const source = fs.readFileSync(f, "utf8");
        expect(source.startsWith('"use server"'), `${f} must start with "use server"`).toBe(true);
        return [...source.matchAll(/export (?:async function|const) (\w+)/g)].map((m) => `${f}#${m[1]}`);
      })
      .sort();
    expect(actions).toEqual(Object.keys(ACTIONS).sort());
  });

  it("has every page that needs a permission call authorize for it", () => {
    for (const [url, requirement] of Object.entries(PAGES)) {
      if (typeof requirement !== "object") continue;
      const file = files.find((f) => f.endsWith("page.tsx") && urlOf(f) === url)!;
      const source = fs.readFileSync(file, "utf8");
      const direct = source.includes(`authorize("${requirement.domain}", "${requirement.level}")`);
      // Pages with data call an operation in lib/server that authorizes as its first line.
      const viaOperation = [...source.matchAll(/from "@\/lib\/server\/([\w/-]+)"/g)].some((m) => {
        const op = path.join("lib/server", `${m[1]}.ts`);
        return fs.existsSync(op) && fs.readFileSync(op, "utf8").includes(`authorize("${requirement.domain}", "${requirement.level}")`);
      });
      expect(direct || viaOperation, `${url} must authorize ${requirement.domain}:${requirement.level}`).toBe(true);
    }
  });
});

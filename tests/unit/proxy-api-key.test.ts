// proxy.ts lets other OCN services reach /api/v1/ with an API key (no cookies, no Origin), and nothing else past
// its same-origin check.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";

const post = (path: string, headers: Record<string, string>) => proxy(new NextRequest(`http://console.example${path}`, { method: "POST", headers: { host: "console.example", ...headers } }));

describe("proxy and the ingestion API", () => {
  it("passes a POST to /api/v1/ that carries a bearer key, with no Origin and no cookie", async () => {
    const response = await post("/api/v1/events", { authorization: "Bearer ocnk_0123456789_abc" });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });

  it("answers 401 with a message to a POST to /api/v1/ without a key", async () => {
    const response = await post("/api/v1/events", {});
    expect(response.status).toBe(401);
    expect((await response.json()).message).toContain("Authorization: Bearer");
  });

  it("still refuses a cross-site POST anywhere else, bearer header or not", async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: "Bearer ocnk_0123456789_abc" }, { origin: "https://evil.example", cookie: "authjs.session-token=x" }];
    for (const headers of attempts) {
      const response = await post("/api/accounts/import", headers);
      expect(response.status).toBe(403);
      expect((await response.json()).error).toBe("cross_site_request");
    }
  });
});

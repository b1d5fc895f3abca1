// Scale-out: two replicas of the built server in stateless mode behind a real nginx, configured with
// the README's own blocks. The SDK's clients go through nginx, and both replicas serve tool calls.
// nginx comes from the Debian package, which .ci/run installs; this test installs nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_ACCOUNT_IDS } from "../../src/sandbox/index.js";
import { connectClient, type HttpServerProcess, startHttpServer } from "../support/http.js";
import { findNginx, type Nginx, startNginx } from "../support/http-nginx.js";
import { minutesFromNow } from "../support/sandbox.js";

const nginxBinary = findNginx();
const TOKEN = "nginx-replicas-share-this-bearer-token";

if (!nginxBinary) {
  if (process.env.CI) {
    describe("nginx", () => {
      it("is installed (.ci/run installs the Debian package)", () => {
        expect.fail("nginx is not installed, and CI must run the scale-out test: apt-get install -y nginx");
      });
    });
  } else {
    console.warn("skipping the nginx scale-out test: nginx is not installed (apt-get install -y nginx)");
  }
}

describe.skipIf(!nginxBinary)("two stateless replicas behind nginx", () => {
  let replicas: HttpServerProcess[] = [];
  let nginx: Nginx;

  beforeAll(async () => {
    replicas = await Promise.all(
      [0, 1].map(() =>
        startHttpServer({
          args: ["--sandbox", "--stateless", "--log-level", "debug"],
          env: { GENVIRAL_MCP_TOKEN: TOKEN },
        }),
      ),
    );
    nginx = await startNginx(
      nginxBinary as string,
      replicas.map((r) => r.port),
    );
  });
  afterAll(async () => {
    await nginx?.stop();
    await Promise.all(replicas.map((r) => r.stop()));
  });

  /** Tool calls each replica served, from its own log. */
  const toolCallsServed = (): number[] =>
    replicas.map((r) => (r.stderr().match(/POST \/mcp: tools\/call/g) ?? []).length);

  it("drives Streamable HTTP through nginx, and both replicas serve tool calls", async () => {
    const before = toolCallsServed();
    const client = await connectClient(nginx.url, { token: TOKEN });
    try {
      for (let i = 0; i < 6; i++) {
        const listed = await client.call("list_accounts");
        expect(listed.isError).toBeFalsy();
        expect(JSON.stringify(listed.structuredContent)).toContain(SEED_ACCOUNT_IDS.tiktokByo);
      }
      const created = await client.call("schedule_post", {
        caption: "Through the load balancer",
        media: { type: "video", url: "https://cdn.example.com/lb.mp4" },
        accounts: [{ id: SEED_ACCOUNT_IDS.tiktokByo }],
        scheduled_at: minutesFromNow(45),
        external_id: "through-nginx-1",
      });
      expect(created.isError).toBeFalsy();
      expect(created.structuredContent).toMatchObject({
        status: "scheduled",
        external_id: "through-nginx-1",
      });
    } finally {
      await client.close();
    }
    const served = toolCallsServed().map((n, i) => n - (before[i] ?? 0));
    expect(served.reduce((a, b) => a + b, 0)).toBe(7);
    expect(served[0]).toBeGreaterThan(0);
    expect(served[1]).toBeGreaterThan(0);

    // nginx's own account agrees: POSTs to /mcp answered 200 by both upstreams.
    const upstreams = new Set(
      nginx
        .accessLog()
        .filter((line) => line.startsWith("POST /mcp 200"))
        .map((line) => line.split("upstream=")[1]),
    );
    expect([...upstreams].sort()).toEqual(replicas.map((r) => `127.0.0.1:${r.port}`).sort());
  });

  it("serves concurrent clients through nginx", async () => {
    const clients = await Promise.all([0, 1, 2].map(() => connectClient(nginx.url, { token: TOKEN })));
    try {
      const results = await Promise.all(
        clients.flatMap((c) => [c.call("list_accounts"), c.call("list_posts", { limit: 5 })]),
      );
      for (const result of results) expect(result.isError).toBeFalsy();
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
  });

  it("keeps the token check behind nginx", async () => {
    await expect(connectClient(nginx.url)).rejects.toThrow(/401|Unauthorized/);
  });

  it("serves legacy SSE through the sticky upstream", async () => {
    const client = await connectClient(nginx.url, { kind: "sse", token: TOKEN });
    try {
      for (let i = 0; i < 3; i++) expect((await client.call("list_accounts")).isError).toBeFalsy();
    } finally {
      await client.close();
    }
  });
});

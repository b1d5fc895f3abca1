import { describe, expect, it } from "vitest";
import { DEFAULT_API_URL, DEFAULT_TIMEOUT_MS, parseCli, UsageError } from "../../src/config.js";

const run = (argv: string[], env: NodeJS.ProcessEnv = {}) => {
  const action = parseCli(argv, env);
  if (action.kind !== "run") throw new Error(`expected run, got ${action.kind}`);
  return action.config;
};

describe("parseCli", () => {
  it("defaults to stdio against the real API with no key", () => {
    const config = run([]);
    expect(config).toMatchObject({
      transport: "stdio",
      host: "127.0.0.1",
      sandbox: false,
      apiUrl: DEFAULT_API_URL,
      apiKey: undefined,
      timeoutMs: DEFAULT_TIMEOUT_MS,
    });
  });

  it("reads the environment", () => {
    const config = run([], {
      GENVIRAL_API_KEY: " gva_live_x.secret ",
      GENVIRAL_API_URL: "http://127.0.0.1:9/api/partner/v1/",
      GENVIRAL_TIMEOUT_MS: "2500",
      GENVIRAL_MCP_TOKEN: "tok",
    });
    expect(config.apiKey).toBe("gva_live_x.secret");
    expect(config.apiUrl).toBe("http://127.0.0.1:9/api/partner/v1");
    expect(config.timeoutMs).toBe(2500);
    expect(config.totalBudgetMs).toBeLessThan(60_000);
    expect(config.mcpToken).toBe("tok");
  });

  it("takes flags in both spellings", () => {
    expect(run(["--sandbox", "--sandbox-state", "/tmp/s.json"])).toMatchObject({
      sandbox: true,
      sandboxStateFile: "/tmp/s.json",
    });
    expect(run(["--transport=http", "--port=4000", "--host", "0.0.0.0"])).toMatchObject({
      transport: "http",
      port: 4000,
      host: "0.0.0.0",
    });
    expect(parseCli(["--help"], {}).kind).toBe("help");
    expect(parseCli(["-v"], {}).kind).toBe("version");
  });

  it("refuses bad usage with a reason", () => {
    expect(() => run(["--transport", "carrier-pigeon"])).toThrow(/--transport must be stdio or http/);
    expect(() => run(["--port", "-1"])).toThrow(UsageError);
    expect(() => run(["--bogus"])).toThrow(/unknown option "--bogus"/);
    expect(() => run(["--sandbox-state", "x.json"])).toThrow(/needs --sandbox/);
    expect(() => run([], { GENVIRAL_TIMEOUT_MS: "soon" })).toThrow(/GENVIRAL_TIMEOUT_MS/);
    expect(() => run([], { GENVIRAL_API_URL: "ftp://x" })).toThrow(/GENVIRAL_API_URL/);
  });
});

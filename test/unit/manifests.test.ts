// The manifests other programs read (MCP registry, Claude Desktop MCPB, Smithery, host configs) agree
// with the package: same name, same version, the same env vars, the key marked secret.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { VERSION } from "../../src/version.js";
import { ROOT } from "../support/paths.js";

const read = (path: string) => readFileSync(`${ROOT}/${path}`, "utf8");
// biome-ignore lint/suspicious/noExplicitAny: manifests are free-form JSON read field by field in assertions
const json = (path: string) => JSON.parse(read(path)) as Record<string, any>;
const pkg = json("package.json");

describe("versions and names", () => {
  it("package.json, src/version.ts, server.json and the MCPB manifest carry one version", () => {
    const server = json("manifests/server.json");
    const mcpb = json("manifests/mcpb/manifest.json");
    expect([VERSION, server.version, server.packages[0].version, mcpb.version]).toEqual(
      Array(4).fill(pkg.version),
    );
  });

  it("server.json is named by package.json's mcpName and points at this npm package", () => {
    const server = json("manifests/server.json");
    expect(server.name).toBe(pkg.mcpName);
    expect(server.description.length).toBeLessThanOrEqual(100);
    expect(server.packages[0]).toMatchObject({
      registryType: "npm",
      identifier: pkg.name,
      transport: { type: "stdio" },
    });
  });
});

describe("environment", () => {
  it("server.json describes the env vars, the key required and secret", () => {
    const vars = json("manifests/server.json").packages[0].environmentVariables as Array<
      Record<string, unknown>
    >;
    const key = vars.find((v) => v.name === "GENVIRAL_API_KEY");
    expect(key).toMatchObject({ isRequired: true, isSecret: true });
    for (const v of vars) expect(String(v.description).length).toBeGreaterThan(10);
    for (const name of vars.map((v) => v.name)) expect(read("README.md")).toContain(String(name));
  });

  it("the MCPB manifest maps a sensitive user_config key to GENVIRAL_API_KEY", () => {
    const mcpb = json("manifests/mcpb/manifest.json");
    const env = mcpb.server.mcp_config.env as Record<string, string>;
    const match = /^\$\{user_config\.(\w+)\}$/.exec(env.GENVIRAL_API_KEY ?? "");
    expect(match).not.toBeNull();
    expect(mcpb.user_config[match?.[1] ?? ""]).toMatchObject({
      type: "string",
      sensitive: true,
      required: true,
    });
  });

  it("the MCPB manifest lists exactly the server's tools", async () => {
    const { allTools } = await import("../../src/tools/index.js");
    const listed = (json("manifests/mcpb/manifest.json").tools as Array<{ name: string }>).map((t) => t.name);
    expect(listed.sort()).toEqual(allTools.map((t) => t.name).sort());
  });

  it("passes `mcpb validate`", () => {
    const out = execFileSync(
      `${ROOT}/node_modules/.bin/mcpb`,
      ["validate", `${ROOT}/manifests/mcpb/manifest.json`],
      {
        encoding: "utf8",
      },
    );
    expect(out).toMatch(/validation passes/i);
  });
});

describe("smithery.yaml and host configs", () => {
  it("smithery.yaml starts the package over stdio with the key from its config schema", () => {
    const yaml = read("smithery.yaml");
    expect(yaml).toMatch(/type: stdio/);
    expect(yaml).toMatch(/required: \[genviralApiKey\]/);
    expect(yaml).toMatch(/GENVIRAL_API_KEY: config\.genviralApiKey/);
    expect(yaml).toContain(`"${pkg.name}"`);
  });

  it("every JSON host config launches this package with GENVIRAL_API_KEY", () => {
    const files = readdirSync(`${ROOT}/manifests/hosts`).filter((f) => f.endsWith(".json"));
    expect(files.sort()).toEqual(["claude-desktop.json", "cursor.json", "vscode.json", "windsurf.json"]);
    for (const file of files) {
      const config = json(`manifests/hosts/${file}`);
      const servers = (config.mcpServers ?? config.servers) as Record<
        string,
        { command: string; args: string[]; env: Record<string, string> }
      >;
      const server = servers.genviral;
      expect(server?.command, file).toBe("npx");
      expect(server?.args, file).toContain(pkg.name);
      expect(Object.keys(server?.env ?? {}), file).toContain("GENVIRAL_API_KEY");
    }
  });

  it("the Claude Code line adds this package", () => {
    expect(read("manifests/hosts/claude-code.sh")).toMatch(
      new RegExp(`claude mcp add genviral .*-- npx -y ${pkg.name}`),
    );
  });
});

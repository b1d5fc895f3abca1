// `npm run pack:mcpb` makes a Claude Desktop extension whose server runs on its own: unpacked, the
// bundle starts with no node_modules beside it and answers like the built server.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { expect, it } from "vitest";
import { ROOT } from "../support/paths.js";

/** MCPB's placeholder for the unpacked bundle's directory. */
const DIRNAME_PLACEHOLDER = "$" + "{__dirname}";

it("packs a bundle that unpacks into a working server", async () => {
  const dir = mkdtempSync(join(tmpdir(), "genviral-mcpb-test-"));
  const bundle = join(dir, "genviral.mcpb");
  execFileSync(process.execPath, [join(ROOT, "scripts/pack-mcpb.ts"), bundle], { stdio: "pipe" });
  const unpacked = join(dir, "unpacked");
  execFileSync(join(ROOT, "node_modules/.bin/mcpb"), ["unpack", bundle, unpacked], { stdio: "pipe" });

  const manifest = JSON.parse(readFileSync(join(unpacked, "manifest.json"), "utf8")) as {
    server: { entry_point: string; mcp_config: { command: string; args: string[] } };
  };
  // Started the way Claude Desktop does: node with the manifest's args (${__dirname} = the unpacked
  // bundle), the key from user_config in the env (here --sandbox instead).
  const args = manifest.server.mcp_config.args.map((a) => a.replace(DIRNAME_PLACEHOLDER, unpacked));
  expect(args).toContain(join(unpacked, manifest.server.entry_point));
  const client = new Client({ name: "mcpb-test", version: "0" });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [...args, "--sandbox"],
      env: { PATH: process.env.PATH ?? "" },
      cwd: dir,
      stderr: "pipe",
    }),
  );
  try {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain("schedule_post");
    const accounts = await client.callTool({ name: "list_accounts", arguments: {} });
    expect(accounts.isError).toBeFalsy();
  } finally {
    await client.close();
  }
}, 60_000);

// The official MCP Inspector, run as the README shows, lists every tool of the built server and finds
// nothing to flag in their schemas (it prints "Schema portability: …" only when it finds something).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { BUILT_ENTRY, ROOT } from "../support/paths.js";

const run = promisify(execFile);

it("lists every tool with annotations and an output schema, and grades the schemas clean", async () => {
  const { stdout, stderr } = await run(
    `${ROOT}/node_modules/.bin/mcp-inspector`,
    ["--cli", process.execPath, BUILT_ENTRY, "--method", "tools/list"],
    { env: { PATH: process.env.PATH ?? "" }, timeout: 60_000 },
  );
  expect(stderr).not.toMatch(/Schema portability/);
  const { tools } = JSON.parse(stdout) as {
    tools: Array<{ name: string; annotations?: Record<string, boolean>; outputSchema?: { type: string } }>;
  };
  expect(tools.length).toBeGreaterThanOrEqual(9);
  for (const tool of tools) {
    expect(tool.outputSchema?.type, tool.name).toBe("object");
    expect(Object.keys(tool.annotations ?? {}).sort(), tool.name).toEqual([
      "destructiveHint",
      "idempotentHint",
      "openWorldHint",
      "readOnlyHint",
    ]);
  }
}, 90_000);

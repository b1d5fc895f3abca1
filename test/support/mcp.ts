// Spawns the BUILT server and speaks MCP to it over real stdio with the SDK's own client.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { BUILT_ENTRY } from "./paths.js";

export interface SpawnedServer {
  client: Client;
  stderr: () => string;
  call: (name: string, args?: Record<string, unknown>) => Promise<CallToolResult>;
  close: () => Promise<void>;
}

export async function spawnServer(
  options: { args?: string[]; env?: Record<string, string> } = {},
): Promise<SpawnedServer> {
  // Start from a clean environment so a developer's own GENVIRAL_* settings never leak into a test.
  const env: Record<string, string> = { PATH: process.env.PATH ?? "", ...options.env };
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BUILT_ENTRY, ...(options.args ?? [])],
    env,
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const client = new Client({ name: "genviral-mcp-tests", version: "0.0.0" });
  await client.connect(transport);
  // Output schemas are cached by listTools; callTool then validates structuredContent against them.
  await client.listTools();
  return {
    client,
    stderr: () => stderr,
    call: async (name, args = {}) => (await client.callTool({ name, arguments: args })) as CallToolResult,
    close: () => client.close(),
  };
}

export function textOf(result: CallToolResult): string {
  return result.content
    .filter((c): c is { type: "text"; text: string } => c.type === "text")
    .map((c) => c.text)
    .join("\n");
}

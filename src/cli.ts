// CLI mode for shell-driven agents (an OpenClaw skill, a script): `genviral-mcp tools` prints the
// tools with their schemas; `genviral-mcp call <tool> '<json>'` runs one through the same validator
// and client as MCP and prints its structured result as JSON. Exit 0 done, 1 refused or failed,
// 2 bad usage.
import type { Config } from "./config.js";
import type { Logger } from "./log.js";
import type { Redactor } from "./redact.js";

export const CLI_USAGE = `Usage:
  genviral-mcp tools [options]                 Print every tool with its input schema (JSON)
  genviral-mcp call <tool> '<json>' [options]  Run one tool; print its structured result (JSON)

  The arguments may also come on stdin: genviral-mcp call schedule_post - < post.json
  Options are the server's (--sandbox, --sandbox-state FILE, --check-media, --log-level …).
  With --sandbox, add --sandbox-state FILE to keep posts between calls.
  Exit status: 0 done, 1 refused or failed (the JSON says why), 2 bad usage.
`;

export type CliCommand = { kind: "tools" } | { kind: "call"; tool: string; json: string };

export class CliUsageError extends Error {
  override name = "CliUsageError";
}

/** Splits `tools …` / `call <tool> <json> …` from the server flags that follow. */
export function parseCommand(argv: readonly string[]): { command: CliCommand; flags: string[] } | undefined {
  const [verb, ...rest] = argv;
  if (verb === "tools") return { command: { kind: "tools" }, flags: rest };
  if (verb !== "call") return undefined;
  const [tool, json, ...flags] = rest;
  if (!tool || tool.startsWith("-"))
    throw new CliUsageError("call needs a tool name, e.g. call list_accounts '{}'");
  if (json === undefined || (json.startsWith("--") && json !== "-")) {
    throw new CliUsageError(`call ${tool} needs its arguments as JSON, e.g. '{}'`);
  }
  return { command: { kind: "call", tool, json }, flags };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function runCli(
  command: CliCommand,
  config: Config,
  logger: Logger,
  redact: Redactor,
): Promise<number> {
  const { buildRegistry, callTool } = await import("./server.js");
  const registry = buildRegistry();
  if (command.kind === "tools") {
    const tools = [...registry.values()].map(({ listing }) => listing);
    process.stdout.write(`${JSON.stringify({ tools }, null, 2)}\n`);
    return 0;
  }
  const tool = registry.get(command.tool);
  if (!tool) {
    process.stderr.write(
      `genviral-mcp: unknown tool "${command.tool}". Tools: ${[...registry.keys()].join(", ")}\n`,
    );
    return 2;
  }
  let args: unknown;
  try {
    args = JSON.parse(command.json === "-" ? await readStdin() : command.json);
  } catch (error) {
    process.stderr.write(`genviral-mcp: the arguments are not valid JSON (${(error as Error).message})\n`);
    return 2;
  }
  if (args === null || typeof args !== "object" || Array.isArray(args)) {
    process.stderr.write("genviral-mcp: the arguments must be a JSON object, e.g. '{}'\n");
    return 2;
  }
  const { startBackend } = await import("./backend.js");
  const backend = await startBackend(config, logger);
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    const result = await callTool(
      tool,
      args,
      { provider: backend.provider, logger, redact, checkMedia: config.checkMedia, allowLocalFiles: true },
      controller.signal,
    );
    process.stdout.write(`${JSON.stringify(result.structuredContent ?? {}, null, 2)}\n`);
    // The short text rendering goes to stderr: a person sees it, a parser of stdout does not.
    const text = result.content
      .map((c) => (c.type === "text" ? c.text : ""))
      .filter(Boolean)
      .join("\n");
    if (text) process.stderr.write(`${text}\n`);
    return result.isError ? 1 : 0;
  } finally {
    await backend.close();
  }
}

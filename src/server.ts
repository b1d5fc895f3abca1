// createServer(deps) → an MCP server with every tool registered. Transport-agnostic: the CLI picks
// stdio or HTTP and connects it.
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import { AccountDirectory } from "./accounts/account-directory.js";
import type { Logger } from "./log.js";
import { violationsFromIssues } from "./preflight/schema-issues.js";
import { renderViolations, type Violation } from "./preflight/violation.js";
import { registerPrompts } from "./prompts.js";
import type { PostingProvider } from "./providers/provider.js";
import { ProviderError } from "./providers/provider-error.js";
import type { Redactor } from "./redact.js";
import { registerResources } from "./resources.js";
import { allTools } from "./tools/index.js";
import {
  type JsonObject,
  toFullInputJsonSchema,
  toInputJsonSchema,
  toOutputJsonSchema,
} from "./tools/json-schema.js";
import { decodeJsonStrings } from "./tools/json-strings.js";
import type { ToolDefinition } from "./tools/tool.js";
import { VERSION } from "./version.js";

export interface ServerDeps {
  provider: PostingProvider;
  /** Shared by every server on the same provider unless given. */
  accounts?: AccountDirectory;
  logger: Logger;
  redact: Redactor;
  now?: () => number;
  tools?: readonly ToolDefinition[];
}

interface RegisteredTool {
  definition: ToolDefinition;
  listing: Tool;
  inputJsonSchema: JsonObject;
}

const INSTRUCTIONS =
  "Schedule and track social posts through the Genviral Partner API. Start with list_accounts to get account ids. schedule_post checks every documented rule before sending and explains any refusal field by field; fix what it names and call again. The resource genviral://rules lists every limit.";

/** Built once per process: schemas do not change between calls or sessions. */
let registryCache: { tools: readonly ToolDefinition[]; registered: Map<string, RegisteredTool> } | undefined;

export function buildRegistry(tools: readonly ToolDefinition[] = allTools): Map<string, RegisteredTool> {
  if (registryCache?.tools === tools) return registryCache.registered;
  const registered = new Map<string, RegisteredTool>();
  for (const definition of tools) {
    const inputJsonSchema = toFullInputJsonSchema(definition.input);
    registered.set(definition.name, {
      definition,
      inputJsonSchema,
      listing: {
        name: definition.name,
        title: definition.annotations.title,
        description: definition.description,
        inputSchema: (definition.publishedInput ??
          toInputJsonSchema(definition.input)) as Tool["inputSchema"],
        outputSchema: toOutputJsonSchema(definition.output) as Tool["outputSchema"],
        annotations: {
          readOnlyHint: definition.annotations.readOnlyHint,
          destructiveHint: definition.annotations.destructiveHint,
          idempotentHint: definition.annotations.idempotentHint,
          openWorldHint: definition.annotations.openWorldHint,
        },
      },
    });
  }
  registryCache = { tools, registered };
  return registered;
}

function refusal(violations: Violation[], warnings: Violation[], redact: Redactor): CallToolResult {
  return {
    isError: true,
    content: [{ type: "text", text: redact(renderViolations(violations, warnings)) }],
    structuredContent: JSON.parse(redact(JSON.stringify({ ok: false, violations, warnings }))),
  };
}

/** One directory per provider, so every session (and every stateless HTTP request) shares the cache. */
const directories = new WeakMap<PostingProvider, AccountDirectory>();
export function accountDirectoryFor(provider: PostingProvider): AccountDirectory {
  let directory = directories.get(provider);
  if (!directory) {
    directory = new AccountDirectory(provider);
    directories.set(provider, directory);
  }
  return directory;
}

function failure(message: string, error: JsonObject, redact: Redactor): CallToolResult {
  return {
    isError: true,
    content: [{ type: "text", text: redact(message) }],
    structuredContent: JSON.parse(redact(JSON.stringify({ ok: false, error }))),
  };
}

export async function callTool(
  tool: RegisteredTool,
  rawArgs: unknown,
  deps: ServerDeps,
  signal: AbortSignal,
): Promise<CallToolResult> {
  const { definition } = tool;
  const { redact, logger } = deps;
  const decoded = decodeJsonStrings(rawArgs ?? {}, tool.inputJsonSchema);
  const normalized =
    definition.normalize && decoded && typeof decoded === "object" && !Array.isArray(decoded)
      ? definition.normalize(decoded as Record<string, unknown>)
      : decoded;
  const parsed = definition.input.safeParse(normalized);
  if (!parsed.success) return refusal(violationsFromIssues(parsed.error.issues, normalized), [], redact);

  try {
    const outcome = await definition.run(parsed.data, {
      provider: deps.provider,
      accounts: deps.accounts ?? accountDirectoryFor(deps.provider),
      logger,
      signal,
      now: deps.now ?? Date.now,
    });
    if (!outcome.ok) return refusal(outcome.violations, outcome.warnings ?? [], redact);
    const structured = JSON.parse(redact(JSON.stringify(outcome.result))) as JsonObject;
    return {
      content: [{ type: "text", text: redact(definition.render(outcome.result)) }],
      structuredContent: structured,
    };
  } catch (error) {
    if (error instanceof ProviderError) {
      logger.info(
        `${definition.name}: ${error.kind}${error.status ? ` ${error.status}` : ""} ${error.errorCode ?? ""}`,
      );
      return failure(error.message, error.toJSON(), redact);
    }
    // A bug of ours must not take the server down or leave the host waiting.
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    logger.error(`${definition.name} failed unexpectedly: ${detail}`);
    return failure(
      `genviral-mcp hit an unexpected error in ${definition.name}: ${error instanceof Error ? error.message : String(error)}. Check with list_posts before repeating a write.`,
      { kind: "internal", message: error instanceof Error ? error.message : String(error) },
      redact,
    );
  }
}

export function createServer(deps: ServerDeps): Server {
  const registry = buildRegistry(deps.tools);
  const listing = [...registry.values()].map((t) => t.listing);
  const server = new Server(
    { name: "genviral-mcp", title: "Genviral", version: VERSION },
    {
      capabilities: { tools: { listChanged: false }, resources: {}, prompts: {}, logging: {} },
      instructions: INSTRUCTIONS,
    },
  );

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listing }));
  registerResources(server, deps.accounts ?? accountDirectoryFor(deps.provider), deps.redact);
  registerPrompts(server);
  server.setRequestHandler(CallToolRequestSchema, (request, extra) => {
    const tool = registry.get(request.params.name);
    if (!tool) {
      throw new McpError(
        ErrorCode.InvalidParams,
        `Unknown tool "${deps.redact(request.params.name.slice(0, 100))}". Available: ${[...registry.keys()].join(", ")}.`,
      );
    }
    return callTool(tool, request.params.arguments, deps, extra.signal);
  });

  // Warnings and errors also reach the host as MCP log notifications (the host sets the level).
  const unsubscribe = deps.logger.addSink((level, text) => {
    if (level === "debug" || level === "info") return;
    server
      .sendLoggingMessage({
        level: level === "warn" ? "warning" : "error",
        logger: "genviral-mcp",
        data: text,
      })
      .catch(() => {});
  });
  const previousOnClose = server.onclose;
  server.onclose = () => {
    unsubscribe();
    previousOnClose?.();
  };
  return server;
}

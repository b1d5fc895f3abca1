// createServer(deps) → an MCP server with every tool registered. Transport-agnostic: the CLI picks
// stdio or HTTP and connects it.
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { Protocol } from "@modelcontextprotocol/sdk/shared/protocol.js";
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  ListToolsRequestSchema,
  type LoggingLevel,
  McpError,
  SetLevelRequestSchema,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";

/** RFC 5424 order, as MCP logging uses it. */
const LOGGING_SEVERITY: Record<LoggingLevel, number> = {
  debug: 0,
  info: 1,
  notice: 2,
  warning: 3,
  error: 4,
  critical: 5,
  alert: 6,
  emergency: 7,
};

import { AccountDirectory } from "./accounts/account-directory.js";
import { type Logger, MCP_LOG_LEVEL } from "./log.js";
import { violationsFromIssues } from "./preflight/schema-issues.js";
import { renderViolations, type Violation } from "./preflight/violation.js";
import { registerPrompts } from "./prompts.js";
import type { PostingProvider } from "./providers/provider.js";
import { ProviderError } from "./providers/provider-error.js";
import { NO_REDACTION, type Redactor } from "./redact.js";
import { registerResources } from "./resources.js";
import { EMBEDDED_INPUT_SCHEMAS } from "./tools/embedded-schemas.js";
import { allTools } from "./tools/index.js";
import {
  type JsonObject,
  toFullInputJsonSchema,
  toInputJsonSchema,
  toOutputJsonSchema,
} from "./tools/json-schema.js";
import { decodeJsonStrings } from "./tools/json-strings.js";
import type { ToolContext, ToolDefinition } from "./tools/tool.js";
import { EMBEDDED_STARTUP } from "./transports/startup-data.js";
import { VERSION } from "./version.js";

export interface ServerDeps {
  provider: PostingProvider;
  /** Shared by every server on the same provider unless given. */
  accounts?: AccountDirectory;
  logger: Logger;
  redact: Redactor;
  now?: () => number;
  tools?: readonly ToolDefinition[];
  /** --check-media: inspect media URLs before every schedule/update. */
  checkMedia?: boolean;
  /** Local caller (stdio): upload_media may read local files. False unless set: HTTP never does. */
  allowLocalFiles?: boolean;
}

interface RegisteredTool {
  definition: ToolDefinition;
  listing: Tool;
  inputJsonSchema: JsonObject;
}

const INSTRUCTIONS =
  "Schedule and track social posts through the Genviral Partner API. Start with list_accounts to get account ids. schedule_post checks every documented rule before sending and explains any refusal field by field; fix what it names and call again. A refused or failed call is isError with structuredContent { ok: false, violations: [{ code, field, message, limit, actual, hint }] } or { ok: false, error: { status, error_code, message, retryable, write_may_have_happened } }. The resource genviral://rules lists every limit.";

/** Built once per process: schemas do not change between calls or sessions. */
let registryCache: { tools: readonly ToolDefinition[]; registered: Map<string, RegisteredTool> } | undefined;

export function buildRegistry(tools: readonly ToolDefinition[] = allTools): Map<string, RegisteredTool> {
  if (registryCache?.tools === tools) return registryCache.registered;
  // In the bundle, the schemas and listings of the built-in tools come computed at build time.
  const builtIn = tools === allTools;
  const listings = builtIn ? (EMBEDDED_STARTUP?.toolsList.tools as Tool[] | undefined) : undefined;
  const inputs = builtIn ? EMBEDDED_INPUT_SCHEMAS : undefined;
  const registered = new Map<string, RegisteredTool>();
  for (const definition of tools) {
    registered.set(definition.name, {
      definition,
      inputJsonSchema: inputs?.[definition.name] ?? toFullInputJsonSchema(definition.input),
      listing: listings?.find((t) => t.name === definition.name) ?? listingOf(definition),
    });
  }
  registryCache = { tools, registered };
  return registered;
}

function listingOf(definition: ToolDefinition): Tool {
  return {
    name: definition.name,
    title: definition.annotations.title,
    description: definition.description,
    inputSchema: (definition.publishedInput ?? toInputJsonSchema(definition.input)) as Tool["inputSchema"],
    outputSchema: toOutputJsonSchema(definition.output) as Tool["outputSchema"],
    annotations: {
      readOnlyHint: definition.annotations.readOnlyHint,
      destructiveHint: definition.annotations.destructiveHint,
      idempotentHint: definition.annotations.idempotentHint,
      openWorldHint: definition.annotations.openWorldHint,
    },
  };
}

/** Every built-in tool's full input JSON Schema, by name: embedded in the bundle by scripts/build.ts. */
export function toolInputSchemas(): Record<string, JsonObject> {
  return Object.fromEntries([...buildRegistry().values()].map((t) => [t.definition.name, t.inputJsonSchema]));
}

/** The value with every secret redacted; the same object, uncopied, when it holds none (the usual case). */
function redactValue(value: JsonObject, redact: Redactor): JsonObject {
  if (redact === NO_REDACTION) return value;
  const json = JSON.stringify(value);
  const clean = redact(json);
  return clean === json ? value : (JSON.parse(clean) as JsonObject);
}

function refusal(violations: Violation[], warnings: Violation[], redact: Redactor): CallToolResult {
  return {
    isError: true,
    content: [{ type: "text", text: redact(renderViolations(violations, warnings)) }],
    structuredContent: redactValue({ ok: false, violations, warnings }, redact),
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
    structuredContent: redactValue({ ok: false, error }, redact),
  };
}

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * The path of a key that could reach an object's prototype, or undefined. Checked before anything
 * else: zod copies objects by assignment, so such a key would be dropped or become a prototype
 * silently. A top-level "__proto__" may already have become the arguments' prototype on the way in.
 */
export function prototypeKeyPath(value: unknown, path = ""): string | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null)
    return path ? `${path}.__proto__` : "__proto__";
  for (const key of Object.keys(value)) {
    const at = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) return at;
    const inner = prototypeKeyPath((value as Record<string, unknown>)[key], at);
    if (inner) return inner;
  }
  return undefined;
}

export async function callTool(
  tool: RegisteredTool,
  rawArgs: unknown,
  deps: ServerDeps,
  signal: AbortSignal,
  reportProgress?: ToolContext["reportProgress"],
): Promise<CallToolResult> {
  const { definition } = tool;
  const { redact, logger } = deps;
  const polluted = prototypeKeyPath(rawArgs);
  if (polluted !== undefined) {
    return refusal(
      [
        {
          code: "forbidden_key",
          field: polluted,
          message: `\`${polluted}\` is not a field anyone can set: keys named __proto__, constructor or prototype are refused`,
          hint: "Remove that key.",
        },
      ],
      [],
      redact,
    );
  }
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
      checkMedia: deps.checkMedia ?? false,
      allowLocalFiles: deps.allowLocalFiles ?? false,
      ...(reportProgress ? { reportProgress } : {}),
    });
    if (!outcome.ok) return refusal(outcome.violations, outcome.warnings ?? [], redact);
    const structured = redactValue(outcome.result as JsonObject, redact);
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

const SERVER_INFO = { name: "genviral-mcp", title: "Genviral", version: VERSION };
const CAPABILITIES = { tools: { listChanged: false }, resources: {}, prompts: {}, logging: {} };

/**
 * What this server answers to initialize (but the negotiated version) and tools/list: computed at
 * build time into the bundle, so a cold start answers them before loading the SDK (fast-start.ts).
 * test/e2e/fast-start.e2e.test.ts checks they equal the full server's own answers.
 */
export function startupAnswers(): { initialize: JsonObject; toolsList: JsonObject } {
  const tools = [...buildRegistry().values()].map((t) => t.listing);
  return {
    initialize: { capabilities: CAPABILITIES, serverInfo: SERVER_INFO, instructions: INSTRUCTIONS },
    toolsList: { tools },
  };
}

export function createServer(deps: ServerDeps): Server {
  const registry = buildRegistry(deps.tools);
  const listing = [...registry.values()].map((t) => t.listing);
  const server = new Server(SERVER_INFO, { capabilities: CAPABILITIES, instructions: INSTRUCTIONS });

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listing }));
  registerResources(server, deps.accounts ?? accountDirectoryFor(deps.provider), deps.redact);
  registerPrompts(server);
  // Registered past Server's own tools/call wrapper, which parses the request a second time and
  // re-parses every result with zod: the request is parsed once by the protocol layer, and results are
  // built here from typed parts (the client validates structuredContent against the output schema).
  Protocol.prototype.setRequestHandler.call(server, CallToolRequestSchema, (request, extra) => {
    const tool = registry.get(request.params.name);
    if (!tool) {
      throw new McpError(
        ErrorCode.InvalidParams,
        `Unknown tool "${deps.redact(request.params.name.slice(0, 100))}". Available: ${[...registry.keys()].join(", ")}.`,
      );
    }
    // Progress only when the host asked for it (MCP: a progressToken in the request's _meta).
    const progressToken = request.params._meta?.progressToken;
    const reportProgress: ToolContext["reportProgress"] =
      progressToken === undefined
        ? undefined
        : (progress, total, message) => {
            extra
              .sendNotification({
                method: "notifications/progress",
                params: {
                  progressToken,
                  progress,
                  ...(total === undefined ? {} : { total }),
                  ...(message === undefined ? {} : { message }),
                },
              })
              .catch(() => {});
          };
    return callTool(tool, request.params.arguments, deps, extra.signal, reportProgress);
  });

  // Warnings and errors also reach the host as MCP log notifications (the host sets the level).
  // Until the host picks a level with logging/setLevel, only warnings and errors are sent.
  let hostLevel: LoggingLevel | undefined;
  server.setRequestHandler(SetLevelRequestSchema, (request) => {
    hostLevel = request.params.level;
    return {};
  });
  const unsubscribe = deps.logger.addSink((level, text) => {
    const mcpLevel = MCP_LOG_LEVEL[level];
    if (LOGGING_SEVERITY[mcpLevel] < LOGGING_SEVERITY[hostLevel ?? "warning"]) return;
    server.sendLoggingMessage({ level: mcpLevel, logger: "genviral-mcp", data: text }).catch(() => {});
  });
  const previousOnClose = server.onclose;
  server.onclose = () => {
    unsubscribe();
    previousOnClose?.();
  };
  return server;
}

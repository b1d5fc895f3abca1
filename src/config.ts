// Flags + environment → one validated config object. Pure: no I/O, so it is unit-testable.

export const DEFAULT_API_URL = "https://www.genviral.io/api/partner/v1";
export const DEFAULT_POSTEVERYWHERE_API_URL = "https://app.posteverywhere.ai/api/v1";
/** Per attempt. Hosts give a tool call ~60 s in all, so attempts and retries must fit well inside that. */
export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_TOTAL_BUDGET_MS = 45_000;
export const DEFAULT_HTTP_PORT = 3333;

export type TransportKind = "stdio" | "http";
export type ProviderKind = "genviral" | "posteverywhere";
const PROVIDERS: readonly ProviderKind[] = ["genviral", "posteverywhere"];

export interface Config {
  /** The posting backend; apiUrl and apiKey are that backend's (GENVIRAL_* or POSTEVERYWHERE_*). */
  provider: ProviderKind;
  transport: TransportKind;
  host: string;
  port: number;
  sandbox: boolean;
  sandboxStateFile: string | undefined;
  apiUrl: string;
  /** Undefined when no key is configured: the server still starts and every call explains how to set one. */
  apiKey: string | undefined;
  timeoutMs: number;
  totalBudgetMs: number;
  mcpToken: string | undefined;
  /** HTTP: no per-process session state, so replicas can sit behind any load balancer. */
  stateless: boolean;
  /** HTTP: Host names accepted besides loopback and the bind address (no port). */
  allowedHosts: string[];
  /** HTTP: browser origins accepted besides those on an allowed host (e.g. "https://app.example.com"). */
  allowedOrigins: string[];
  logLevel: LogLevelName;
  /** Inspect media URLs (HEAD + small Range reads) on every schedule/update/validate. */
  checkMedia: boolean;
}

export type LogLevelName = "debug" | "info" | "warn" | "error" | "silent";
const LOG_LEVELS: readonly LogLevelName[] = ["debug", "info", "warn", "error", "silent"];

export class UsageError extends Error {
  override name = "UsageError";
}

export const USAGE = `Usage: genviral-mcp [options]

Runs the Genviral MCP server. With no options it speaks MCP over stdio (what hosts launch).

Options:
  --sandbox                 Run against the built-in simulation of the Genviral API (no key needed)
  --sandbox-state FILE      With --sandbox: keep the simulated posts in FILE across restarts
  --provider NAME           Posting backend: genviral (default) or posteverywhere
  --transport stdio|http    Transport (default: stdio)
  --host HOST               HTTP bind address (default: 127.0.0.1; others need GENVIRAL_MCP_TOKEN)
  --port PORT               HTTP port (default: ${DEFAULT_HTTP_PORT}; 0 picks a free one)
  --stateless               HTTP: keep no session state, for replicas behind a load balancer
  --allowed-hosts LIST      HTTP: comma-separated Host names to accept besides loopback
  --allowed-origins LIST    HTTP: comma-separated browser origins to accept besides allowed hosts
  --check-media             Inspect media URLs before every post (reachable, type, size, duration)
  --log-level LEVEL         debug | info | warn | error | silent (default: info); logs go to stderr
  -h, --help                Show this help
  -v, --version             Show the version

Environment:
  GENVIRAL_API_KEY          Partner API key (required unless --sandbox)
  GENVIRAL_API_URL          API base URL (default: ${DEFAULT_API_URL})
  GENVIRAL_TIMEOUT_MS       Timeout per attempt in ms (default: ${DEFAULT_TIMEOUT_MS})
  GENVIRAL_MCP_TOKEN        Bearer token HTTP clients must present
  GENVIRAL_PROVIDER         Posting backend, as --provider (the flag wins)
  POSTEVERYWHERE_API_KEY    PostEverywhere API key (with --provider posteverywhere)
  POSTEVERYWHERE_API_URL    PostEverywhere base URL (default: ${DEFAULT_POSTEVERYWHERE_API_URL})
`;

export type CliAction = { kind: "run"; config: Config } | { kind: "help" } | { kind: "version" };

function takeValue(argv: readonly string[], index: number, flag: string): string {
  const value = argv[index + 1];
  if (value === undefined || value.startsWith("--")) throw new UsageError(`${flag} needs a value`);
  return value;
}

function positiveInt(raw: string, what: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new UsageError(`${what} must be a positive integer, got "${raw}"`);
  return value;
}

function portNumber(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535 || raw.trim() === "")
    throw new UsageError(`--port must be an integer from 0 to 65535 (0 picks a free port), got "${raw}"`);
  return value;
}

function list(raw: string): string[] {
  return raw
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv): CliAction {
  let transport: TransportKind = "stdio";
  let host = "127.0.0.1";
  let port = DEFAULT_HTTP_PORT;
  let sandbox = false;
  let sandboxStateFile: string | undefined;
  let logLevel: LogLevelName = "info";
  let checkMedia = false;
  let providerFlag: string | undefined;
  let stateless = false;
  const allowedHosts: string[] = [];
  const allowedOrigins: string[] = [];
  const httpOnly: string[] = [];

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    // Accept --flag=value as well as --flag value.
    const eq = arg.indexOf("=");
    const flag = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith("--") && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = takeValue(argv, i, flag);
      i++;
      return next;
    };
    switch (flag) {
      case "-h":
      case "--help":
        return { kind: "help" };
      case "-v":
      case "--version":
        return { kind: "version" };
      case "--sandbox":
        sandbox = true;
        break;
      case "--check-media":
        checkMedia = true;
        break;
      case "--sandbox-state":
        sandboxStateFile = value();
        break;
      case "--provider":
        providerFlag = value();
        break;
      case "--transport": {
        const t = value();
        if (t !== "stdio" && t !== "http")
          throw new UsageError(`--transport must be stdio or http, got "${t}"`);
        transport = t;
        break;
      }
      case "--host":
        host = value();
        break;
      case "--port":
        port = portNumber(value());
        break;
      case "--stateless":
        stateless = true;
        httpOnly.push(flag);
        break;
      case "--allowed-hosts":
        allowedHosts.push(...list(value()));
        httpOnly.push(flag);
        break;
      case "--allowed-origins":
        allowedOrigins.push(...list(value()));
        httpOnly.push(flag);
        break;
      case "--log-level": {
        const level = value();
        if (!LOG_LEVELS.includes(level as LogLevelName)) {
          throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(", ")}, got "${level}"`);
        }
        logLevel = level as LogLevelName;
        break;
      }
      default:
        throw new UsageError(`unknown option "${arg}"`);
    }
  }
  if (sandboxStateFile !== undefined && !sandbox) throw new UsageError("--sandbox-state needs --sandbox");
  if (httpOnly.length > 0 && transport !== "http")
    throw new UsageError(`${httpOnly[0]} needs --transport http`);

  const providerName = (providerFlag ?? env.GENVIRAL_PROVIDER?.trim()) || "genviral";
  if (!PROVIDERS.includes(providerName as ProviderKind)) {
    throw new UsageError(
      `${providerFlag === undefined ? "GENVIRAL_PROVIDER" : "--provider"} must be genviral or posteverywhere, got "${providerName}"`,
    );
  }
  const provider = providerName as ProviderKind;
  const pe = provider === "posteverywhere";
  const keyVar = pe ? "POSTEVERYWHERE_API_KEY" : "GENVIRAL_API_KEY";
  const urlVar = pe ? "POSTEVERYWHERE_API_URL" : "GENVIRAL_API_URL";
  const apiKey = env[keyVar]?.trim() || undefined;
  const timeoutMs = env.GENVIRAL_TIMEOUT_MS
    ? positiveInt(env.GENVIRAL_TIMEOUT_MS, "GENVIRAL_TIMEOUT_MS")
    : DEFAULT_TIMEOUT_MS;
  const apiUrl = (env[urlVar]?.trim() || (pe ? DEFAULT_POSTEVERYWHERE_API_URL : DEFAULT_API_URL)).replace(
    /\/+$/,
    "",
  );
  try {
    const url = new URL(apiUrl);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("protocol");
  } catch {
    throw new UsageError(`${urlVar} must be an http(s) URL, got "${apiUrl}"`);
  }

  return {
    kind: "run",
    config: {
      provider,
      transport,
      host,
      port,
      sandbox,
      sandboxStateFile,
      apiUrl,
      apiKey,
      timeoutMs,
      // The whole call must finish before the host gives up (~60 s), whatever the per-attempt timeout.
      totalBudgetMs: Math.max(DEFAULT_TOTAL_BUDGET_MS, Math.min(timeoutMs, 55_000)),
      mcpToken: env.GENVIRAL_MCP_TOKEN?.trim() || undefined,
      stateless,
      allowedHosts,
      allowedOrigins,
      logLevel,
      checkMedia,
    },
  };
}

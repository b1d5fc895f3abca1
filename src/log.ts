// Logs go to stderr only: stdout belongs to JSON-RPC in stdio mode.
import type { LogLevelName } from "./config.js";
import type { Redactor } from "./redact.js";

const RANK: Record<LogLevelName, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
/** One log line at most this long: a huge argument echoed in an error must not flood the host's log. */
export const MAX_LOG_CHARS = 16_384;

export type LogLevel = Exclude<LogLevelName, "silent">;
export type LogSink = (level: LogLevel, message: string) => void;

/** MCP's names for our levels (notifications/message). */
export const MCP_LOG_LEVEL = {
  debug: "debug",
  info: "info",
  warn: "warning",
  error: "error",
} as const satisfies Record<LogLevel, string>;

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Extra destinations (e.g. MCP logging notifications); each receives redacted text. */
  addSink(sink: LogSink): () => void;
}

/** Redacts first (so a cut can never leave half a key), then shortens. */
export function logText(message: string, redact: Redactor): string {
  const text = redact(message);
  return text.length > MAX_LOG_CHARS
    ? `${text.slice(0, MAX_LOG_CHARS)}… (${text.length - MAX_LOG_CHARS} more characters)`
    : text;
}

// A host that closed our stderr must not turn every later log line into an error that is logged again.
let stderrOpen = true;
let watchingStderr = false;

export function createLogger(level: LogLevelName, redact: Redactor): Logger {
  const threshold = RANK[level];
  const sinks = new Set<LogSink>();
  if (!watchingStderr) {
    watchingStderr = true;
    process.stderr.on("error", () => {
      stderrOpen = false;
    });
  }
  const write = (lvl: LogLevel, message: string): void => {
    // Below the level and nobody else listening: nothing to redact or write.
    if (RANK[lvl] < threshold && sinks.size === 0) return;
    const text = logText(message, redact);
    if (stderrOpen && RANK[lvl] >= threshold) {
      try {
        process.stderr.write(`[genviral-mcp] ${lvl}: ${text}\n`);
      } catch {
        stderrOpen = false;
      }
    }
    for (const sink of sinks) {
      try {
        sink(lvl, text);
      } catch {
        // A failing sink must not break logging for the others or the caller.
      }
    }
  };
  return {
    debug: (m) => write("debug", m),
    info: (m) => write("info", m),
    warn: (m) => write("warn", m),
    error: (m) => write("error", m),
    addSink(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
  };
}

// Logs go to stderr only: stdout belongs to JSON-RPC in stdio mode.
import type { LogLevelName } from "./config.js";
import type { Redactor } from "./redact.js";

const RANK: Record<LogLevelName, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export type LogLevel = Exclude<LogLevelName, "silent">;
export type LogSink = (level: LogLevel, message: string) => void;

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Extra destinations (e.g. MCP logging notifications); each receives redacted text. */
  addSink(sink: LogSink): () => void;
}

export function createLogger(level: LogLevelName, redact: Redactor): Logger {
  const threshold = RANK[level];
  const sinks = new Set<LogSink>();
  const write = (lvl: LogLevel, message: string): void => {
    const text = redact(message);
    if (RANK[lvl] >= threshold) process.stderr.write(`[genviral-mcp] ${lvl}: ${text}\n`);
    for (const sink of sinks) sink(lvl, text);
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

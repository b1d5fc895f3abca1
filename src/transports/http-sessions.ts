// Stateful HTTP: one MCP Server and one transport per client session, never shared, dropped when the
// client ends the session, its stream closes, or it has been idle too long.
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { Logger, LogSink } from "../log.js";
import type { Redactor } from "../redact.js";

/** Sessions one process holds at most; past that, new sessions get 503 until old ones end. */
export const MAX_SESSIONS = 1_000;
/** A session with no request in flight and none for this long is closed (its client went away). */
export const SESSION_IDLE_MS = 30 * 60_000;

export interface Session<T extends Transport = Transport> {
  id: string;
  server: Server;
  transport: T;
  /** Requests (and open streams) of this session now being served: never expire while > 0. */
  open: number;
  lastSeen: number;
}

export class SessionTable<T extends Transport> {
  private readonly sessions = new Map<string, Session<T>>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly kind: string,
    private readonly logger: Logger,
    private readonly idleMs = SESSION_IDLE_MS,
  ) {
    this.sweeper = setInterval(() => this.sweep(), Math.min(60_000, idleMs));
    this.sweeper.unref();
  }

  get size(): number {
    return this.sessions.size;
  }

  full(): boolean {
    return this.sessions.size >= MAX_SESSIONS;
  }

  add(session: Session<T>): void {
    this.sessions.set(session.id, session);
    this.logger.debug(`${this.kind} session ${session.id} opened (${this.sessions.size} open)`);
  }

  get(id: string): Session<T> | undefined {
    return this.sessions.get(id);
  }

  /** Marks a request of the session as started; the returned function marks it finished. */
  begin(session: Session<T>): () => void {
    session.open++;
    session.lastSeen = Date.now();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      session.open--;
      session.lastSeen = Date.now();
    };
  }

  /** Forgets the session (its transport closed); idempotent. */
  forget(id: string): void {
    const session = this.sessions.get(id);
    if (!session) return;
    this.sessions.delete(id);
    this.logger.debug(`${this.kind} session ${id} closed (${this.sessions.size} open)`);
    void session.server.close().catch(() => {});
  }

  async close(id: string): Promise<void> {
    const session = this.sessions.get(id);
    if (!session) return;
    this.sessions.delete(id);
    await Promise.allSettled([session.transport.close(), session.server.close()]);
  }

  async closeAll(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.allSettled([...this.sessions.keys()].map((id) => this.close(id)));
  }

  private sweep(): void {
    const cutoff = Date.now() - this.idleMs;
    for (const session of this.sessions.values()) {
      if (session.open === 0 && session.lastSeen < cutoff) {
        this.logger.debug(`${this.kind} session ${session.id} idle too long`);
        void this.close(session.id);
      }
    }
  }
}

/**
 * A logger for one session (or one stateless request): lines still go to stderr through `parent`,
 * but MCP log notifications reach only this session's client — never another client's.
 */
export function sessionLogger(parent: Logger, redact: Redactor): Logger {
  const sinks = new Set<LogSink>();
  const write =
    (level: "debug" | "info" | "warn" | "error") =>
    (message: string): void => {
      parent[level](message);
      if (sinks.size === 0) return;
      const text = redact(message);
      for (const sink of sinks) {
        try {
          sink(level, text);
        } catch {
          // One broken sink must not break the caller.
        }
      }
    };
  return {
    debug: write("debug"),
    info: write("info"),
    warn: write("warn"),
    error: write("error"),
    addSink(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
  };
}

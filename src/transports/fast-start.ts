// Answers what a host asks first — initialize, tools/list, ping — from data built into the bundle,
// before the MCP SDK and the tools are loaded; loads them on the first other request (or when idle)
// and hands the session over. Hosts launch stdio servers on every session, often several at once, and
// the SDK's import alone costs more than the rest of a cold start.
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";

type RequestId = string | number;

/** What the full server would answer to initialize (but the version) and tools/list. */
export interface StartupAnswers {
  /** Protocol versions the SDK supports, newest first. */
  protocolVersions: string[];
  initialize: Record<string, unknown>;
  toolsList: Record<string, unknown>;
}

/** The minimal surface of the line transport this needs. */
export interface MessageChannel {
  onmessage?: (message: JSONRPCMessage) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  send(message: JSONRPCMessage): Promise<void>;
  close(): Promise<void>;
}

/** Connects a freshly loaded server to a transport. */
export type ConnectServer = (transport: Transport) => Promise<void>;

/** The id the replayed initialize carries: its answer was already given, so it is dropped. */
const REPLAY_ID = `genviral-mcp:replayed-initialize:${globalThis.crypto.randomUUID()}`;
/** Load the rest this long after the last fast answer, so the first tools/call finds it ready. */
const PRELOAD_AFTER_MS = 25;

const isRequest = (m: JSONRPCMessage): m is Extract<JSONRPCMessage, { method: string; id: RequestId }> =>
  "method" in m && "id" in m;

/** The transport the SDK server sees once loaded: the same channel, minus the replay's answer. */
class HandedOverTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;

  constructor(private readonly channel: MessageChannel) {}

  async start(): Promise<void> {}

  send(message: JSONRPCMessage): Promise<void> {
    if (!("method" in message) && "id" in message && message.id === REPLAY_ID) return Promise.resolve();
    return this.channel.send(message);
  }

  close(): Promise<void> {
    return this.channel.close();
  }
}

export function negotiateVersion(requested: unknown, supported: readonly string[]): string {
  return typeof requested === "string" && supported.includes(requested)
    ? requested
    : (supported[0] as string);
}

export class FastStart {
  #state: "fast" | "loading" | "ready" | "failed" = "fast";
  /** The session so far, replayed to the server when it loads: initialize and initialized. */
  readonly #replay: JSONRPCMessage[] = [];
  /** Messages that arrived before the server was ready, in order. */
  readonly #queue: JSONRPCMessage[] = [];
  readonly #handedOver: HandedOverTransport;
  #preload: NodeJS.Timeout | undefined;

  constructor(
    private readonly channel: MessageChannel,
    private readonly answers: StartupAnswers,
    private readonly load: () => Promise<ConnectServer>,
    private readonly onLoadError: (error: unknown) => void,
  ) {
    this.#handedOver = new HandedOverTransport(channel);
    channel.onmessage = (message) => this.#receive(message);
    channel.onclose = () => this.#handedOver.onclose?.();
    channel.onerror = (error) => this.#handedOver.onerror?.(error);
  }

  get state(): string {
    return this.#state;
  }

  #receive(message: JSONRPCMessage): void {
    if (this.#state === "ready") {
      this.#handedOver.onmessage?.(message);
      return;
    }
    if (this.#state === "failed") {
      this.#refuse(message);
      return;
    }
    if (this.#state === "fast" && this.#answerFast(message)) {
      this.#schedulePreload();
      return;
    }
    this.#queue.push(message);
    this.#startLoading();
  }

  /** True when the message was answered (or recorded) without the server. */
  #answerFast(message: JSONRPCMessage): boolean {
    if (!("method" in message)) return false;
    if (message.method === "notifications/initialized") {
      this.#replay.push(message);
      return true;
    }
    if (!isRequest(message)) return false;
    const reply = (result: Record<string, unknown>) => {
      void this.channel.send({ jsonrpc: "2.0", id: message.id, result } as JSONRPCMessage);
    };
    switch (message.method) {
      case "initialize": {
        const params = (message.params ?? {}) as Record<string, unknown>;
        reply({
          protocolVersion: negotiateVersion(params.protocolVersion, this.answers.protocolVersions),
          ...this.answers.initialize,
        });
        this.#replay.length = 0;
        this.#replay.push({ ...message, id: REPLAY_ID } as JSONRPCMessage);
        return true;
      }
      case "tools/list":
        reply(this.answers.toolsList);
        return true;
      case "ping":
        reply({});
        return true;
      default:
        return false;
    }
  }

  #schedulePreload(): void {
    clearTimeout(this.#preload);
    this.#preload = setTimeout(() => this.#startLoading(), PRELOAD_AFTER_MS);
    this.#preload.unref();
  }

  #startLoading(): void {
    if (this.#state !== "fast") return;
    clearTimeout(this.#preload);
    this.#state = "loading";
    this.load()
      .then(async (connect) => {
        await connect(this.#handedOver);
        // The server sees the session as it happened, then everything that waited, in order.
        for (const message of [...this.#replay, ...this.#queue.splice(0)])
          this.#handedOver.onmessage?.(message);
        this.#state = "ready";
      })
      .catch((error: unknown) => {
        this.#state = "failed";
        this.onLoadError(error);
        for (const message of this.#queue.splice(0)) this.#refuse(message);
      });
  }

  #refuse(message: JSONRPCMessage): void {
    if (!isRequest(message)) return;
    void this.channel.send({
      jsonrpc: "2.0",
      id: message.id,
      error: { code: -32603, message: "genviral-mcp could not load its tools; see its log (stderr)." },
    } as JSONRPCMessage);
  }
}

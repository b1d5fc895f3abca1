// stdio: what hosts launch. stdout carries JSON-RPC only; everything else goes to stderr.
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { Logger } from "../log.js";

export async function serveStdio(
  server: Server,
  logger: Logger,
  onShutdown: () => Promise<void>,
): Promise<void> {
  const transport = new StdioServerTransport();
  let closing = false;
  const shutdown = (why: string): void => {
    if (closing) return;
    closing = true;
    logger.debug(`shutting down: ${why}`);
    // Whatever is in flight, the process is gone within a second: hosts wait on us to exit.
    setTimeout(() => process.exit(0), 1_000).unref();
    void Promise.allSettled([server.close(), onShutdown()]).then(() => process.exit(0));
  };
  process.stdin.on("end", () => shutdown("stdin closed"));
  process.stdin.on("close", () => shutdown("stdin closed"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
  await server.connect(transport);
}

#!/usr/bin/env node
// bin: flags/env → config → provider → server → transport.
import { type Config, parseCli, USAGE, UsageError } from "./config.js";
import { createLogger, type Logger } from "./log.js";
import { GenviralClient } from "./providers/genviral/client.js";
import { missingKeyProvider } from "./providers/genviral/missing-key.js";
import type { PostingProvider } from "./providers/provider.js";
import { createRedactor } from "./redact.js";
import { createServer } from "./server.js";
import { VERSION } from "./version.js";

/** The key the built-in sandbox accepts; it is a local simulation, so this is no secret. */
const SANDBOX_KEY = "gva_sandbox.local-simulation";

interface Backend {
  provider: PostingProvider;
  close: () => Promise<void>;
}

async function startBackend(config: Config, logger: Logger): Promise<Backend> {
  if (config.sandbox) {
    // The sandbox is a real HTTP server on 127.0.0.1; the same client talks to it as to the real API.
    const { startSandbox } = await import("./sandbox/index.js");
    const sandbox = await startSandbox({ apiKey: SANDBOX_KEY, stateFile: config.sandboxStateFile });
    logger.info(
      `sandbox: simulated Genviral API at ${sandbox.url}${config.sandboxStateFile ? ` (state in ${config.sandboxStateFile})` : ""}`,
    );
    const provider = new GenviralClient({ ...config, apiUrl: sandbox.url, apiKey: SANDBOX_KEY });
    return { provider, close: () => sandbox.close() };
  }
  if (!config.apiKey) {
    logger.warn(
      "GENVIRAL_API_KEY is not set: tools are listed, and every call explains how to set it (or use --sandbox).",
    );
    return { provider: missingKeyProvider, close: async () => {} };
  }
  return { provider: new GenviralClient({ ...config, apiKey: config.apiKey }), close: async () => {} };
}

async function main(): Promise<void> {
  let action: ReturnType<typeof parseCli>;
  try {
    action = parseCli(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`genviral-mcp: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    throw error;
  }
  // --help and --version are typed by people, not hosts: stdout is fine for them.
  if (action.kind === "help") {
    process.stdout.write(USAGE);
    return;
  }
  if (action.kind === "version") {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  const { config } = action;
  const redact = createRedactor([config.apiKey, config.mcpToken]);
  const logger = createLogger(config.logLevel, redact);

  // Never crash on anything a caller sends: log, keep serving.
  process.on("uncaughtException", (error) => logger.error(`uncaught: ${error.stack ?? error.message}`));
  process.on("unhandledRejection", (reason) =>
    logger.error(
      `unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`,
    ),
  );

  if (config.transport === "http") {
    // HTTP code is loaded only here, so stdio start-up never pays for it.
    const http = await import("./transports/http.js");
    const refusal = http.bindRefusal(config.host, config.mcpToken);
    if (refusal) {
      process.stderr.write(`genviral-mcp: ${refusal}\n`);
      process.exit(2);
    }
    const backend = await startBackend(config, logger);
    await http.runHttp({
      config,
      logger,
      redact,
      newServer: (sessionLogger) =>
        createServer({
          provider: backend.provider,
          logger: sessionLogger,
          redact,
          checkMedia: config.checkMedia,
        }),
      onShutdown: backend.close,
    });
    return;
  }

  const backend = await startBackend(config, logger);
  const server = createServer({ provider: backend.provider, logger, redact, checkMedia: config.checkMedia });
  const { serveStdio } = await import("./transports/stdio.js");
  await serveStdio(server, logger, backend.close);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `genviral-mcp: failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});

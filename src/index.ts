#!/usr/bin/env node
// bin: flags/env → config → a CLI command, the HTTP transport, or stdio (the default). Only what the
// chosen mode needs is loaded; on stdio even the MCP SDK waits until a call needs it (fast-start.ts).
import { CLI_USAGE, CliUsageError, parseCommand, runCli } from "./cli.js";
import { parseCli, USAGE, UsageError } from "./config.js";
import { createLogger } from "./log.js";
import { createRedactor, NO_REDACTION } from "./redact.js";
import { VERSION } from "./version.js";

function usageExit(message: string): never {
  process.stderr.write(`genviral-mcp: ${message}\n\n${USAGE}\n${CLI_USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  let parsed: ReturnType<typeof parseCommand>;
  let action: ReturnType<typeof parseCli>;
  try {
    parsed = parseCommand(argv);
    action = parseCli(parsed?.flags ?? argv, process.env);
  } catch (error) {
    if (error instanceof UsageError || error instanceof CliUsageError) usageExit(error.message);
    throw error;
  }
  // --help and --version are typed by people, not hosts: stdout is fine for them.
  if (action.kind === "help") {
    process.stdout.write(`${USAGE}\n${CLI_USAGE}`);
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

  if (parsed) {
    const code = await runCli(parsed.command, config, logger, redact);
    // Pipes are written synchronously on Linux; the callback covers the others before exiting.
    process.stdout.write("", () => process.exit(code));
    return;
  }

  if (config.transport === "http") {
    // HTTP code is loaded only here, so stdio start-up never pays for it.
    const http = await import("./transports/http.js");
    const refusal = http.bindRefusal(config.host, config.mcpToken);
    if (refusal) {
      process.stderr.write(`genviral-mcp: ${refusal}\n`);
      process.exit(2);
    }
    const [{ startBackend }, { createServer }] = await Promise.all([
      import("./backend.js"),
      import("./server.js"),
    ]);
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

  const [{ serveStdio }, { EMBEDDED_STARTUP }] = await Promise.all([
    import("./transports/stdio.js"),
    import("./transports/startup-data.js"),
  ]);
  await serveStdio({
    logger,
    redact,
    startup: EMBEDDED_STARTUP,
    load: async () => {
      const [{ startBackend }, { createServer }] = await Promise.all([
        import("./backend.js"),
        import("./server.js"),
      ]);
      const backend = await startBackend(config, logger);
      // stdio: the caller is on this machine, so upload_media may read its files. Every line the
      // transport writes is redacted as a whole, so the server's results are not redacted (and
      // serialized) a second time on the way.
      const server = createServer({
        provider: backend.provider,
        logger,
        redact: NO_REDACTION,
        checkMedia: config.checkMedia,
        allowLocalFiles: true,
      });
      return { server, close: backend.close };
    },
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `genviral-mcp: failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});

#!/usr/bin/env node
/**
 * Standalone sandbox: `node dist/sandbox/cli.js [--port P] [--host H] [--state FILE] [--api-key K]`.
 * Prints the API base URL as one line on stdout, then serves until SIGINT/SIGTERM.
 */
import { startSandbox } from "./server.js";
import type { SandboxOptions } from "./types.js";

const USAGE = "Usage: genviral-sandbox [--port P] [--host H] [--state FILE] [--api-key K]";

function parseArgs(argv: string[]): SandboxOptions {
  const options: SandboxOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const eq = arg.indexOf("=");
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => {
      const v = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (v === undefined || v === "") throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--port": {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error("--port must be 0-65535");
        options.port = port;
        break;
      }
      case "--host":
        options.host = value();
        break;
      case "--state":
        options.stateFile = value();
        break;
      case "--api-key":
        options.apiKey = value();
        break;
      case "--help":
      case "-h":
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown argument: ${arg}`);
    }
  }
  return options;
}

async function main() {
  let options: SandboxOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  const sandbox = await startSandbox(options);
  process.stdout.write(`${sandbox.url}\n`);
  const stop = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `sandbox failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});

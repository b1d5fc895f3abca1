// flags → the posting backend: the Genviral API, its built-in simulation (--sandbox), or another
// provider. Loaded only when a call needs it, so a cold start never pays for the HTTP client.
import type { Config } from "./config.js";
import type { Logger } from "./log.js";
import { GenviralClient } from "./providers/genviral/client.js";
import { missingKeyProvider } from "./providers/genviral/missing-key.js";
import type { PostingProvider } from "./providers/provider.js";
import { unusableKeyBackend } from "./providers/unusable-key.js";

/** The key the built-in sandbox accepts; it is a local simulation, so this is no secret. */
const SANDBOX_KEY = "gva_sandbox.local-simulation";

export interface Backend {
  provider: PostingProvider;
  close: () => Promise<void>;
}

export async function startBackend(config: Config, logger: Logger): Promise<Backend> {
  if (config.provider === "posteverywhere") {
    // Loaded only for this backend, so Genviral start-up never pays for it.
    const { startPostEverywhereBackend } = await import("./providers/posteverywhere/backend.js");
    return startPostEverywhereBackend(config, logger);
  }
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
  const unusable = unusableKeyBackend(
    config.apiKey,
    { backend: "Genviral", variable: "GENVIRAL_API_KEY", where: "the API Keys page at www.genviral.io" },
    logger,
  );
  if (unusable) return unusable;
  return { provider: new GenviralClient({ ...config, apiKey: config.apiKey }), close: async () => {} };
}

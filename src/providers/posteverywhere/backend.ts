// `--provider posteverywhere`: the client against the real API, its simulator with --sandbox, or the
// missing-key provider that explains how to set POSTEVERYWHERE_API_KEY.
import type { Config } from "../../config.js";
import type { Logger } from "../../log.js";
import type { PostingProvider } from "../provider.js";
import { unusableKeyBackend } from "../unusable-key.js";
import { PostEverywhereClient } from "./client.js";
import { peMissingKeyProvider } from "./missing-key.js";

/** The key the built-in simulator accepts; a local simulation, so no secret. */
const SANDBOX_KEY = "pe_sandbox_local-simulation";

export async function startPostEverywhereBackend(
  config: Config,
  logger: Logger,
): Promise<{ provider: PostingProvider; close: () => Promise<void> }> {
  if (config.sandbox) {
    if (config.sandboxStateFile)
      logger.warn("--sandbox-state is not supported with --provider posteverywhere; state is in memory.");
    const { startPeSandbox } = await import("../../sandbox-posteverywhere/index.js");
    const sandbox = await startPeSandbox({ apiKey: SANDBOX_KEY });
    logger.info(`sandbox: simulated PostEverywhere API at ${sandbox.url}`);
    const provider = new PostEverywhereClient({ ...config, apiUrl: sandbox.url, apiKey: SANDBOX_KEY });
    return { provider, close: () => sandbox.close() };
  }
  if (!config.apiKey) {
    logger.warn(
      "POSTEVERYWHERE_API_KEY is not set: tools are listed, and every call explains how to set it.",
    );
    return { provider: peMissingKeyProvider, close: async () => {} };
  }
  const unusable = unusableKeyBackend(
    config.apiKey,
    { backend: "PostEverywhere", variable: "POSTEVERYWHERE_API_KEY", where: "PostEverywhere's API settings" },
    logger,
  );
  if (unusable) return unusable;
  return { provider: new PostEverywhereClient({ ...config, apiKey: config.apiKey }), close: async () => {} };
}

// Without GENVIRAL_API_KEY the server still starts and lists its tools; every call explains how to
// set the key.
import { notConfiguredProvider } from "../not-configured.js";

export const MISSING_KEY_MESSAGE =
  "GENVIRAL_API_KEY is not set, so genviral-mcp cannot call the Genviral API. Create a Partner API key on the API Keys page at www.genviral.io and set GENVIRAL_API_KEY in this MCP server's environment (the host's config \"env\" block), then restart the server. To try every tool without a key, start it with --sandbox.";

export const missingKeyProvider = notConfiguredProvider("Genviral", MISSING_KEY_MESSAGE);

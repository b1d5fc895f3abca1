// Without POSTEVERYWHERE_API_KEY the server still starts and lists its tools; every call explains.
import { notConfiguredProvider } from "../not-configured.js";

export const PE_MISSING_KEY_MESSAGE =
  "POSTEVERYWHERE_API_KEY is not set, so genviral-mcp cannot call PostEverywhere. Create an API key in PostEverywhere's developer settings and set POSTEVERYWHERE_API_KEY in this MCP server's environment (the host's config \"env\" block), then restart the server. To try every tool without a key, start it with --sandbox --provider posteverywhere.";

export const peMissingKeyProvider = notConfiguredProvider("PostEverywhere", PE_MISSING_KEY_MESSAGE);

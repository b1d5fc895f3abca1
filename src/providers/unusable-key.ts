// A key pasted with a space, a line break or a typographic quote inside cannot be sent in an HTTP
// header (Node refuses it before anything leaves the machine), which would otherwise surface as a
// misleading "could not reach the API". Such a key is treated like a missing one: the server starts,
// and every call says what is wrong with it, without showing it.
import type { Logger } from "../log.js";
import { notConfiguredProvider } from "./not-configured.js";
import type { PostingProvider } from "./provider.js";

/** Where a key has a character an HTTP header cannot carry (anything but visible ASCII), 1-based. */
export function unusableKeyPosition(key: string): number | undefined {
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    if (code < 0x21 || code > 0x7e) return i + 1;
  }
  return undefined;
}

/**
 * For a key that cannot be sent: a backend whose every call says so (logged once at start), or
 * undefined when the key is usable.
 */
export function unusableKeyBackend(
  key: string,
  names: { backend: string; variable: string; where: string },
  logger: Logger,
): { provider: PostingProvider; close: () => Promise<void> } | undefined {
  const position = unusableKeyPosition(key);
  if (position === undefined) return undefined;
  const { backend, variable, where } = names;
  const message = `${variable} has a character an HTTP header cannot carry at position ${position} (a space, a line break or a typographic quote picked up while copying), so genviral-mcp cannot call the ${backend} API with it. Copy the key again from ${where}, set ${variable} in this MCP server's environment, then restart the server.`;
  logger.warn(message);
  return { provider: notConfiguredProvider(backend, message), close: async () => {} };
}

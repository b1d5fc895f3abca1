// The HTTP gate: which Host and Origin headers are accepted (DNS-rebinding protection), the bearer
// token, and the refusal to listen beyond loopback without one. Pure checks over request headers.
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { isIP } from "node:net";
import { networkInterfaces } from "node:os";

export interface Refusal {
  status: 401 | 403;
  message: string;
  headers?: Record<string, string>;
}

const REALM = 'Bearer realm="genviral-mcp"';
/** Query parameters that look like a credential; a token in a URL ends up in logs and browser history. */
const CREDENTIAL_PARAMS = new Set([
  "token",
  "access_token",
  "accesstoken",
  "auth",
  "authorization",
  "bearer",
  "api_key",
  "apikey",
  "key",
]);

/** "localhost", "127.x.x.x", "::1" (with or without brackets), and IPv4-mapped loopback. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (h === "localhost") return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  if (isIP(h) === 6) {
    if (h === "::1" || h === "0:0:0:0:0:0:0:1") return true;
    return h.startsWith("::ffff:") && isLoopback(h.slice("::ffff:".length));
  }
  return false;
}

const isWildcard = (host: string): boolean => ["0.0.0.0", "::", "[::]", ""].includes(host);

/** Why the server must not start on this address, or undefined when it may. */
export function bindRefusal(host: string, token: string | undefined): string | undefined {
  if (token || isLoopback(host)) return undefined;
  return (
    `refusing to listen on ${host} without GENVIRAL_MCP_TOKEN: anyone who can reach that address could ` +
    "post on your social accounts. Set GENVIRAL_MCP_TOKEN to a long random secret (e.g. `openssl rand -hex 32`) " +
    "and give it to your clients as `Authorization: Bearer <token>`, or listen on 127.0.0.1 (the default)."
  );
}

/** A host as the URL parser writes it: lower case, IPv6 in brackets, no trailing dot. */
export function normalizeHostname(host: string): string {
  const bare = host.trim().replace(/^\[(.*)\]$/, "$1");
  if (isIP(bare) === 6) {
    try {
      return new URL(`http://[${bare}]`).hostname;
    } catch {
      return `[${bare.toLowerCase()}]`;
    }
  }
  try {
    return new URL(`http://${bare}`).hostname.replace(/\.$/, "");
  } catch {
    return bare.toLowerCase();
  }
}

/**
 * Host names a request may carry: loopback always (a rebinding attack carries the attacker's name,
 * never "localhost"), the bind address, every local interface address when bound to all of them, and
 * whatever the operator lists (the public name behind a proxy).
 */
export function allowedHostnames(bindHost: string, extra: readonly string[]): Set<string> {
  const names = new Set(["localhost", "127.0.0.1", "[::1]"]);
  if (isWildcard(bindHost)) {
    for (const addresses of Object.values(networkInterfaces())) {
      for (const { address } of addresses ?? []) {
        if (!address.includes("%")) names.add(normalizeHostname(address));
      }
    }
  } else {
    names.add(normalizeHostname(bindHost));
  }
  for (const host of extra) names.add(normalizeHostname(host));
  return names;
}

/** A plain name or IP with an optional port; anything else (userinfo, paths) is not a Host. */
const HOST_HEADER = /^(?:[a-z0-9\-_.]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

function hostnameOf(hostHeader: string): string | undefined {
  if (!HOST_HEADER.test(hostHeader)) return undefined;
  try {
    return new URL(`http://${hostHeader}`).hostname.replace(/\.$/, "");
  } catch {
    return undefined;
  }
}

function sha256(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

export interface GateOptions {
  hosts: Set<string>;
  /** Exact origins (scheme://host[:port]) accepted besides those whose host is in `hosts`. */
  origins: readonly string[];
  token: string | undefined;
}

export interface Gate {
  /** Host and Origin: DNS-rebinding protection, before anything else. */
  checkHeaders(headers: IncomingHttpHeaders): Refusal | undefined;
  /** The bearer token, when one is configured. */
  checkToken(headers: IncomingHttpHeaders, query: URLSearchParams): Refusal | undefined;
  /** True when the request carries an Origin that passed the check (CORS answers echo it). */
  allowedOrigin(headers: IncomingHttpHeaders): string | undefined;
}

export function createGate(options: GateOptions): Gate {
  const origins = new Set(options.origins.map((o) => o.replace(/\/+$/, "").toLowerCase()));
  // Digests of equal length, so timingSafeEqual never throws and the time never depends on the token.
  const expected = options.token ? sha256(options.token) : undefined;
  const matches = (presented: string): boolean =>
    expected !== undefined && timingSafeEqual(sha256(presented), expected);

  const originOk = (origin: string): boolean => {
    if (origins.has(origin.toLowerCase())) return true;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false; // includes "null" (sandboxed frames, file: pages)
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return false;
    return options.hosts.has(url.hostname);
  };

  return {
    checkHeaders(headers) {
      const host = headers.host;
      const hostname = host ? hostnameOf(host) : undefined;
      if (!hostname || !options.hosts.has(hostname)) {
        return {
          status: 403,
          message: `Forbidden: Host header ${JSON.stringify(host ?? "")} is not one this server answers to (DNS-rebinding protection). Start it with --allowed-hosts NAME to accept another name.`,
        };
      }
      const origin = headers.origin;
      if (origin !== undefined && !originOk(origin)) {
        return {
          status: 403,
          message: `Forbidden: Origin ${JSON.stringify(origin)} is not allowed (DNS-rebinding protection). Start the server with --allowed-origins ORIGIN to accept it.`,
        };
      }
      return undefined;
    },

    checkToken(headers, query) {
      if (expected === undefined) return undefined;
      for (const [name, value] of query) {
        if (CREDENTIAL_PARAMS.has(name.toLowerCase()) || (value.length > 0 && matches(value))) {
          return {
            status: 401,
            message:
              "Unauthorized: credentials are not accepted in the URL (they end up in logs); send the token as `Authorization: Bearer <token>`.",
            headers: {
              "WWW-Authenticate": `${REALM}, error="invalid_request", error_description="send the token in the Authorization header, not the URL"`,
            },
          };
        }
      }
      const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? "");
      if (!match) {
        return {
          status: 401,
          message:
            "Unauthorized: this server needs `Authorization: Bearer <token>` (the GENVIRAL_MCP_TOKEN).",
          headers: { "WWW-Authenticate": REALM },
        };
      }
      if (!matches(match[1] as string)) {
        return {
          status: 401,
          message: "Unauthorized: the bearer token is not the one this server was started with.",
          headers: {
            "WWW-Authenticate": `${REALM}, error="invalid_token", error_description="the token is not valid"`,
          },
        };
      }
      return undefined;
    },

    allowedOrigin(headers) {
      const origin = headers.origin;
      return origin !== undefined && originOk(origin) ? origin : undefined;
    },
  };
}

// Path patterns ("/posts/:id") matched segment by segment, in table order: shared by the simulators.

export interface Route<H> {
  segments: string[];
  methods: Record<string, H>;
}

export interface RouteMatchOf<H> {
  methods: Record<string, H>;
  params: Record<string, string>;
}

export function route<H>(pattern: string, methods: Record<string, H>): Route<H> {
  return { segments: pattern.split("/").filter(Boolean), methods };
}

/** The first route whose segments match `path`, with its decoded `:params`. */
export function matchIn<H>(routes: readonly Route<H>[], path: string): RouteMatchOf<H> | undefined {
  const parts = path.split("/").filter(Boolean);
  for (const candidate of routes) {
    if (candidate.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = candidate.segments.every((segment, i) => {
      const part = parts[i] ?? "";
      if (!segment.startsWith(":")) return segment === part;
      try {
        params[segment.slice(1)] = decodeURIComponent(part);
        return true;
      } catch {
        return false;
      }
    });
    if (ok) return { methods: candidate.methods, params };
  }
  return undefined;
}

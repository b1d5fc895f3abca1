// response-pattern.txt: every endpoint answers {ok, code, message, data} on success and
// {ok: false, code, message, error_code} on failure.
import { z } from "zod";

export const failureEnvelope = z.looseObject({
  ok: z.literal(false),
  code: z.number().optional(),
  message: z.string().optional(),
  error_code: z.string().optional(),
});

export const successEnvelope = z.looseObject({
  ok: z.literal(true),
  code: z.number().optional(),
  message: z.string().optional(),
  data: z.unknown(),
});

export const envelope = z.discriminatedUnion("ok", [successEnvelope, failureEnvelope]);
export type Envelope = z.infer<typeof envelope>;

/** Parses a body into an envelope, or undefined when it is not one (HTML, empty, truncated…). */
export function parseEnvelope(body: unknown): Envelope | undefined {
  let value = body;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const parsed = envelope.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** A short, safe description of a body that is not an envelope, for error messages. */
export function describeBody(body: unknown, contentType: string | null): string {
  if (body === undefined || body === "") return "an empty body";
  if (typeof body === "string") {
    const looksHtml = /^\s*</.test(body) || contentType?.includes("html");
    return looksHtml ? "an HTML page instead of JSON" : `a ${contentType ?? "non-JSON"} body instead of JSON`;
  }
  return "JSON that is not the documented {ok, code, message, data} envelope";
}

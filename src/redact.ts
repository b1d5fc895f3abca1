// The API key must never reach a result, a log line or an error. Everything that leaves the
// process as text passes through a redactor built once from the secrets it must hide.

export type Redactor = (text: string) => string;

const REDACTED = "[redacted]";
/** Very short secrets would redact ordinary words; real keys are long. */
const MIN_SECRET_LENGTH = 6;
/** The secret half of a `<public_id>.<secret>` key is hidden on its own once it is this long. */
const MIN_SECRET_HALF_LENGTH = 12;
// A bearer credential seen in text (e.g. an echoed header) whatever key it holds. Only RFC 6750 token
// characters, so it never runs past a JSON string's closing quote, and long enough to spare prose.
const BEARER = /\b(Bearer\s+)[A-Za-z0-9\-._~+/]{16,}=*/gi;

/** Every spelling under which a secret can show up in text: as is, URL-encoded, JSON-escaped. */
function spellings(secret: string): string[] {
  const forms = [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];
  const dot = secret.lastIndexOf(".");
  const half = dot >= 0 ? secret.slice(dot + 1) : "";
  if (half.length >= MIN_SECRET_HALF_LENGTH) forms.push(half);
  return forms;
}

export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const hidden = [
    ...new Set(
      secrets
        .filter((s): s is string => typeof s === "string" && s.length >= MIN_SECRET_LENGTH)
        .flatMap(spellings),
    ),
  ].sort((a, b) => b.length - a.length); // longest first, so a whole key goes before its half
  return (text) => {
    let out = text;
    for (const secret of hidden) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out.replace(BEARER, `$1${REDACTED}`);
  };
}

/**
 * For a server whose transport redacts every message it writes as a whole (stdio's LineTransport):
 * results pass through as they are, without being serialized once more just to be searched.
 */
export const NO_REDACTION: Redactor = (text) => text;

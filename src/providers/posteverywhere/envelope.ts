// PostEverywhere's envelope `{ data, error, meta }` (api-summary.md) and the shapes inside `data`, in
// zod. Objects are loose: fields it adds later pass through instead of failing the call.
import { z } from "zod";

export const peError = z.looseObject({ message: z.string(), code: z.string() });

export const peEnvelope = z.looseObject({
  data: z.unknown(),
  error: peError.nullable(),
  meta: z.looseObject({ request_id: z.string().optional(), timestamp: z.string().optional() }).optional(),
});

export type ParsedEnvelope =
  | { ok: true; data: unknown; requestId: string | undefined }
  | { ok: false; code: string; message: string; requestId: string | undefined };

/** The envelope from a body (text or parsed JSON), or undefined when it is not one (HTML, empty, other JSON). */
export function parsePeEnvelope(body: unknown): ParsedEnvelope | undefined {
  let json: unknown = body;
  if (typeof body === "string") {
    try {
      json = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  if (json === null || typeof json !== "object" || !("data" in json)) return undefined;
  const parsed = peEnvelope.safeParse(json);
  if (!parsed.success) return undefined;
  const requestId = parsed.data.meta?.request_id;
  if (parsed.data.error) return { ok: false, ...parsed.data.error, requestId };
  return { ok: true, data: parsed.data.data, requestId };
}

const nullableString = z.string().nullable().optional();
/** Integer ids; a string of digits is accepted too. */
const intId = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);

export const peAccount = z.looseObject({
  id: intId,
  platform: z.string(),
  username: nullableString,
  name: nullableString,
  display_name: nullableString,
  status: nullableString,
  health: nullableString,
});
export type PeAccount = z.infer<typeof peAccount>;

export const peAccounts = z.union([
  z.array(peAccount),
  z.looseObject({ accounts: z.array(peAccount) }).transform((d) => d.accounts),
]);

export const peCreated = z.looseObject({
  post_id: z.string(),
  status: z.string(),
  scheduled_for: nullableString,
  accounts_count: z.number().optional(),
  message: z.string().optional(),
});

export const peDestination = z.looseObject({
  account_id: intId,
  platform: z.string().optional(),
  status: z.string(),
  published_url: nullableString,
  published_at: nullableString,
  error_message: nullableString,
});

export const peMedia = z.looseObject({
  id: z.string(),
  url: z.string().optional(),
  type: z.string().optional(),
  mime_type: z.string().optional(),
});

export const pePost = z.looseObject({
  id: z.string(),
  content: z.string().optional(),
  status: z.string(),
  scheduled_for: nullableString,
  timezone: nullableString,
  created_at: z.string().optional(),
  account_ids: z.array(intId).optional(),
  media: z.array(peMedia).optional(),
  platform_content: z.record(z.string(), z.looseObject({})).nullable().optional(),
  destinations: z.array(peDestination).optional(),
});
export type PePost = z.infer<typeof pePost>;

export const pePosts = z.union([
  z.array(pePost).transform((posts) => ({ posts, total: undefined as number | undefined })),
  z
    .looseObject({
      posts: z.array(pePost),
      pagination: z.looseObject({ total: z.number().optional() }).optional(),
      total: z.number().optional(),
    })
    .transform((d) => ({ posts: d.posts, total: d.pagination?.total ?? d.total })),
]);

export const peUpdated = z.looseObject({
  id: z.string().optional(),
  post_id: z.string().optional(),
  status: z.string(),
  scheduled_for: nullableString,
});

export const peUploaded = z
  .looseObject({ id: z.string().optional(), media_id: z.string().optional() })
  .refine((d) => d.id ?? d.media_id, "a media id");

export const anyData = z.unknown();

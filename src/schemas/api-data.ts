// What the Partner API answers inside `data`, in zod. Objects are loose: fields the API adds later
// pass through to the agent instead of being dropped.
import { z } from "zod";

const nullableString = z.string().nullable();

// get-accounts.txt; capabilities are only described in prose there, so their inner shape is open.
export const account = z.looseObject({
  id: z.string(),
  platform: z.string(),
  type: z.string(),
  username: nullableString.optional(),
  display_name: nullableString.optional(),
  status: z.string(),
  capabilities: z.looseObject({}).nullable().optional(),
});
export type Account = z.infer<typeof account>;

export const accountsData = z.looseObject({ accounts: z.array(account) });

// seed-create-post.txt "Response"; warnings per the example.
export const apiWarning = z.looseObject({
  field: z.string().optional(),
  message: z.string(),
  code: z.string().optional(),
});

export const createdPost = z.looseObject({
  id: z.string(),
  status: z.string(),
  scheduled_at: nullableString.optional(),
  duplicate: z.boolean().optional(),
  warnings: z.array(apiWarning).optional(),
});
export type CreatedPost = z.infer<typeof createdPost>;

export const updatedPost = createdPost;
export type UpdatedPost = CreatedPost;

// seed-data-structures.txt "Account States".
export const accountState = z.looseObject({
  account_id: z.string(),
  status: z.string(),
  published_at: nullableString.optional(),
  published_url: nullableString.optional(),
  error_message: nullableString.optional(),
  last_attempted_at: nullableString.optional(),
});

// seed-data-structures.txt "Post".
export const post = z.looseObject({
  id: z.string(),
  status: z.string(),
  caption: z.string().optional(),
  scheduled_at: nullableString.optional(),
  created_at: z.string().optional(),
  media: z.looseObject({}).nullable().optional(),
  music_url: nullableString.optional(),
  tiktok: z.looseObject({}).nullable().optional(),
  pinterest: z.looseObject({}).nullable().optional(),
  accounts: z.looseObject({ total: z.number(), states: z.array(accountState) }).optional(),
});
export type Post = z.infer<typeof post>;

// seed-list-posts.txt "summary".
export const postsSummary = z.looseObject({
  total: z.number(),
  pending: z.number().optional(),
  published: z.number().optional(),
  by_status: z.record(z.string(), z.number()).optional(),
});

export const postsPage = z.looseObject({ summary: postsSummary, posts: z.array(post) });
export type PostsPage = z.infer<typeof postsPage>;

// delete-posts.txt "Response".
export const deleteResult = z.looseObject({
  deletedIds: z.array(z.string()),
  blockedStatuses: z.array(z.looseObject({ id: z.string(), status: z.string() })),
  skipped: z.array(z.string()),
  errors: z.record(z.string(), z.string()).optional(),
});
export type DeleteResult = z.infer<typeof deleteResult>;

// retry-posts.txt "Response".
export const retryResult = z.looseObject({
  retried: z.number(),
  ids: z.array(z.string()),
  failed: z.array(z.string()).optional(),
  errors: z.record(z.string(), z.string()).optional(),
});
export type RetryResult = z.infer<typeof retryResult>;

// upload-file.txt "Response": where to PUT the bytes, and the CDN URL they will have.
export const uploadTarget = z.looseObject({
  uploadUrl: z.url({ protocol: /^https?$/ }),
  url: z.url({ protocol: /^https?$/ }),
  contentType: z.string(),
  expiresIn: z.number().optional(),
});
export type UploadTargetData = z.infer<typeof uploadTarget>;

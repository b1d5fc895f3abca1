// The seam between tools and a posting backend. Tools call these methods with the Genviral API's
// own shapes and know nothing of HTTP; a backend (Genviral today) knows HTTP and nothing of MCP.
import type {
  Account,
  CreatedPost,
  DeleteResult,
  Post,
  PostsPage,
  RetryResult,
  UpdatedPost,
} from "../schemas/api-data.js";
import type { CreatePostBody, ListPostsQuery, UpdatePostBody } from "../schemas/post-input.js";

export interface CallOptions {
  /** Aborted when the host cancels the tool call. */
  signal?: AbortSignal;
}

export interface PostingProvider {
  /** Human name for messages, e.g. "Genviral". */
  readonly name: string;
  listAccounts(options?: CallOptions): Promise<Account[]>;
  /** `body.external_id` must be set: it is what makes a retried create safe. */
  createPost(body: CreatePostBody & { external_id: string }, options?: CallOptions): Promise<CreatedPost>;
  updatePost(postId: string, patch: UpdatePostBody, options?: CallOptions): Promise<UpdatedPost>;
  listPosts(query: ListPostsQuery, options?: CallOptions): Promise<PostsPage>;
  getPost(postId: string, options?: CallOptions): Promise<Post>;
  deletePosts(postIds: string[], options?: CallOptions): Promise<DeleteResult>;
  retryPosts(
    postIds: string[],
    accountIds: string[] | undefined,
    options?: CallOptions,
  ): Promise<RetryResult>;
  /**
   * Where to upload a file (upload-file.txt: POST /files): a presigned `uploadUrl` to PUT the bytes to,
   * and the CDN `url` the file will have. Optional: a backend without uploads leaves it out and
   * upload_media says so.
   */
  createUpload?(request: UploadRequest, options?: CallOptions): Promise<UploadTarget>;
}

export interface UploadRequest {
  contentType: string;
  filename?: string;
  /** Bytes, when known; stored with the file so /posts can validate it. */
  size?: number;
  /** A video's length in seconds, when known; stored with the file likewise. */
  durationSec?: number;
}

export interface UploadTarget {
  uploadUrl: string;
  url: string;
  contentType: string;
  expiresIn?: number;
}

/** The public JSON shape of a post (internal fields such as the fingerprint stay out). */
import type { Post } from "../types.js";

export function toApiPost(post: Post) {
  return {
    id: post.id,
    caption: post.caption,
    status: post.status,
    scheduled_at: post.scheduled_at,
    created_at: post.created_at,
    media: post.media,
    music_url: post.music_url,
    tiktok: post.tiktok,
    pinterest: post.pinterest,
    settings: post.settings,
    external_id: post.external_id,
    accounts: {
      total: post.states.length,
      states: post.states.map((s) => ({
        account_id: s.account_id,
        status: s.status,
        published_at: s.published_at,
        error_message: s.error_message,
        last_attempted_at: s.last_attempted_at,
        published_url: s.published_url,
      })),
    },
  };
}

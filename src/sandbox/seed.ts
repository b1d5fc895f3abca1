/** Demo workspace: fixed accounts and posts so tests can refer to them by id. */

import { freshState } from "./posts/states.js";
import type { Account, AccountCapabilities, AccountState, Post, PostStatus } from "./types.js";

export const SEED_WORKSPACE_ID = "4cb5d3fd-8c8f-4ed7-a17c-4ffb52c7e6ac";
export const SEED_OWNER_USER_ID = "7be83ba4-14e5-47ba-a662-0ad42d852111";

export const SEED_ACCOUNT_IDS = {
  tiktokByo: "3e30c8d1-0bc0-42d8-9a1a-bb63fe6c3c16",
  tiktokHosted: "0f4f54d4-8cce-4fb7-8c7b-befbcb8af812",
  instagramByo: "6b0c8c9c-55ac-4fcb-85ec-70b5a8b0d089",
  youtubeByo: "9a7e2c41-5b3d-4f8e-a1c6-2d4b8e0f7a31",
  pinterestByo: "c5d8f3a2-7e1b-4c9d-8f6a-3b2e1d0c9a84",
  linkedinByo: "e2b4a6c8-1d3f-4a5b-9c7e-5f8a0b2d4c61",
  facebookByo: "a8c1e3f5-2b4d-4e6f-b8a0-7c9e1f3a5b27",
  instagramPaused: "d4f6b8a0-3c5e-4f7a-9b1d-8e0a2c4f6b93",
} as const;

export const SEED_POST_IDS = {
  posted: "5d2f8a1c-9b3e-4c7d-8e6f-1a2b3c4d5e6f",
  failed: "7e4a9c2b-1d5f-4e8a-9b3c-2d6e8f0a1b3c",
  partial: "8f5b0d3c-2e6a-4f9b-a4d8-3e7f9a1b2c4d",
  canceled: "9a6c1e4d-3f7b-4a0c-b5e9-4f8a0b2c3d5e",
  draft: "1b7d2f5e-4a8c-4b1d-86fa-5a9b1c3d4e6f",
} as const;

const MB = 1024 * 1024;

function capabilities(
  kinds: AccountCapabilities["supported_content_kinds"],
  captionLimit: number,
  maxSlides: number,
): AccountCapabilities {
  return {
    supported_content_kinds: kinds,
    caption_limit: captionLimit,
    media_limits: { max_slides: maxSlides, video_max_bytes: 100 * MB, image_max_bytes: 5 * MB },
  };
}

function account(
  id: string,
  platform: Account["platform"],
  type: Account["type"],
  username: string,
  displayName: string,
  extra: Partial<Account> = {},
): Account {
  return {
    id,
    platform,
    type,
    username,
    display_name: displayName,
    status: "active",
    workspace_id: SEED_WORKSPACE_ID,
    ...extra,
  };
}

// TikTok and Instagram accounts deliberately carry no capabilities, so clients must fall back to their own
// per-platform table for those.
export function seedAccounts(): Account[] {
  const ids = SEED_ACCOUNT_IDS;
  return [
    account(ids.tiktokByo, "tiktok", "byo", "genviral_studio", "Genviral Studio"),
    account(ids.tiktokHosted, "tiktok", "hosted", "ugc_trends_42", "Hosted Trends 42"),
    account(ids.instagramByo, "instagram", "byo", "brandhq", "Brand HQ"),
    account(ids.youtubeByo, "youtube", "byo", "brandhq_tv", "Brand HQ TV", {
      capabilities: capabilities(["video"], 5000, 1),
    }),
    account(ids.pinterestByo, "pinterest", "byo", "brandhq_pins", "Brand HQ Pins"),
    account(ids.linkedinByo, "linkedin", "byo", "brand-hq", "Brand HQ (LinkedIn)", {
      capabilities: capabilities(["video", "slideshow", "text_only"], 3000, 20),
    }),
    account(ids.facebookByo, "facebook", "byo", "brandhq.page", "Brand HQ Page", {
      capabilities: capabilities(["video", "slideshow", "text_only"], 63206, 10),
    }),
    account(ids.instagramPaused, "instagram", "byo", "brandhq_archive", "Brand HQ Archive", {
      status: "paused",
    }),
  ];
}

function state(accountId: string, status: PostStatus, extra: Partial<AccountState> = {}): AccountState {
  return { ...freshState(accountId, status), ...extra };
}

function post(
  fields: Pick<Post, "id" | "caption" | "status" | "created_at" | "states"> & Partial<Post>,
): Post {
  return {
    scheduled_at: null,
    media: null,
    music_url: null,
    tiktok: null,
    pinterest: null,
    settings: null,
    external_id: null,
    fingerprint: null,
    ...fields,
  };
}

// Fixed timestamps (autumn 2026, in the past relative to the sandbox's creation) keep seeds deterministic.
export function seedPosts(): Post[] {
  const a = SEED_ACCOUNT_IDS;
  const p = SEED_POST_IDS;
  return [
    post({
      id: p.posted,
      caption: "Holiday drops start Monday! #holiday",
      status: "posted",
      created_at: "2026-10-01T09:00:00.000Z",
      scheduled_at: "2026-10-01T15:00:00.000Z",
      media: { type: "video", url: "https://cdn.example.com/seed/holidays.mp4", duration_sec: 32 },
      music_url: "https://www.tiktok.com/@genviral/video/1234567890",
      external_id: "seed-posted-1",
      states: [
        state(a.tiktokByo, "posted", {
          published_at: "2026-10-01T15:00:12.000Z",
          last_attempted_at: "2026-10-01T15:00:05.000Z",
          published_url: "https://www.tiktok.com/@genviral_studio/video/7400000000000000001",
        }),
      ],
    }),
    post({
      id: p.failed,
      caption: "3 looks for the long weekend",
      status: "failed",
      created_at: "2026-10-03T10:30:00.000Z",
      scheduled_at: "2026-10-03T18:00:00.000Z",
      media: {
        type: "slideshow",
        urls: ["https://cdn.example.com/seed/look-01.jpg", "https://cdn.example.com/seed/look-02.jpg"],
      },
      states: [
        state(a.instagramByo, "failed", {
          error_message: "Instagram rejected the media: aspect ratio is outside the supported range",
          last_attempted_at: "2026-10-03T18:00:04.000Z",
        }),
      ],
    }),
    post({
      id: p.partial,
      caption: "Weekly product recap",
      status: "partial",
      created_at: "2026-10-05T08:15:00.000Z",
      scheduled_at: "2026-10-05T12:00:00.000Z",
      media: { type: "video", url: "https://cdn.example.com/seed/recap.mp4", duration_sec: 42 },
      settings: { youtube: { title: "Weekly product recap", type: "public" } },
      states: [
        state(a.linkedinByo, "posted", {
          published_at: "2026-10-05T12:00:09.000Z",
          last_attempted_at: "2026-10-05T12:00:03.000Z",
          published_url: "https://www.linkedin.com/feed/update/urn:li:share:7300000000000000001",
        }),
        state(a.youtubeByo, "failed", {
          error_message: "YouTube quota exceeded for this channel",
          last_attempted_at: "2026-10-05T12:00:03.000Z",
        }),
      ],
    }),
    post({
      id: p.canceled,
      caption: "We are closed for the public holiday.",
      status: "canceled",
      created_at: "2026-10-07T14:00:00.000Z",
      scheduled_at: "2026-10-08T09:00:00.000Z",
      states: [state(a.facebookByo, "canceled")],
    }),
    post({
      id: p.draft,
      caption: "Draft: hiring announcement for the design team",
      status: "draft",
      created_at: "2026-10-09T16:45:00.000Z",
      states: [state(a.linkedinByo, "draft")],
    }),
  ];
}

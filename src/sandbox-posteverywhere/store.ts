/** The simulated PostEverywhere workspace: accounts, media and posts, with a fixed seed. */
import { randomUUID } from "node:crypto";

export interface SimAccount {
  id: number;
  platform: string;
  username: string;
  name: string;
  health: "healthy" | "needs_reconnect";
  status: "active" | "disconnected";
}

export interface SimMedia {
  id: string;
  url: string;
  type: "video" | "image";
}

export interface SimDestination {
  account_id: number;
  platform: string;
  status: string;
  published_url: string | null;
  published_at: string | null;
  error_message: string | null;
}

export interface SimPost {
  id: string;
  content: string;
  status: string;
  scheduled_for: string | null;
  timezone: string;
  created_at: string;
  account_ids: number[];
  media_ids: string[];
  platform_content: Record<string, unknown> | null;
  destinations: SimDestination[];
}

export const PE_SEED_ACCOUNT_IDS = {
  instagram: 2280,
  tiktok: 2281,
  youtube: 2282,
  linkedin: 2283,
  x: 2284,
  facebook: 2285,
  threads: 2286,
  bluesky: 2287,
  pinterest: 2288,
  instagramDisconnected: 2289,
} as const;

export const PE_SEED_POST_IDS = {
  published: "a1f3c5e7-0b2d-4f6a-8c9e-1d3f5a7b9c01",
  failed: "b2e4d6f8-1c3e-4a7b-9d0f-2e4a6b8c0d12",
  partial: "c3f5e7a9-2d4f-4b8c-8e1a-3f5b7c9d1e23",
  draft: "d4a6f8b0-3e5a-4c9d-9f2b-4a6c8d0e2f34",
  scheduled: "e5b7a9c1-4f6b-4d0e-8a3c-5b7d9e1f3a45",
} as const;

function seedAccounts(): SimAccount[] {
  const a = (
    id: number,
    platform: string,
    username: string,
    extra: Partial<SimAccount> = {},
  ): SimAccount => ({
    id,
    platform,
    username,
    name: `Demo ${platform}`,
    health: "healthy",
    status: "active",
    ...extra,
  });
  const ids = PE_SEED_ACCOUNT_IDS;
  return [
    a(ids.instagram, "instagram", "pe_studio"),
    a(ids.tiktok, "tiktok", "pe_studio"),
    a(ids.youtube, "youtube", "pe_studio_tv"),
    a(ids.linkedin, "linkedin", "pe-studio"),
    a(ids.x, "x", "pe_studio"),
    a(ids.facebook, "facebook", "pestudio"),
    a(ids.threads, "threads", "pe_studio"),
    a(ids.bluesky, "bluesky", "pestudio.bsky.social"),
    a(ids.pinterest, "pinterest", "pestudio"),
    a(ids.instagramDisconnected, "instagram", "pe_archive", {
      health: "needs_reconnect",
      status: "disconnected",
    }),
  ];
}

function seedPosts(now: number): SimPost[] {
  const iso = (offsetMin: number) => new Date(now + offsetMin * 60_000).toISOString();
  const dest = (
    account_id: number,
    platform: string,
    status: string,
    extra: Partial<SimDestination> = {},
  ) => ({
    account_id,
    platform,
    status,
    published_url: null,
    published_at: null,
    error_message: null,
    ...extra,
  });
  const ids = PE_SEED_POST_IDS;
  const acc = PE_SEED_ACCOUNT_IDS;
  const post = (
    id: string,
    status: string,
    created: number,
    destinations: SimDestination[],
    extra: Partial<SimPost> = {},
  ): SimPost => ({
    id,
    content: `Seed post (${status})`,
    status,
    scheduled_for: null,
    timezone: "UTC",
    created_at: iso(created),
    account_ids: destinations.map((d) => d.account_id),
    media_ids: [],
    platform_content: null,
    destinations,
    ...extra,
  });
  return [
    post(ids.published, "published", -600, [
      dest(acc.x, "x", "published", {
        published_url: "https://x.com/pe_studio/status/1",
        published_at: iso(-590),
      }),
    ]),
    post(ids.failed, "failed", -500, [
      dest(acc.linkedin, "linkedin", "failed", {
        error_message: "LinkedIn rejected the token; reconnect the account.",
      }),
    ]),
    post(ids.partial, "partially_failed", -400, [
      dest(acc.threads, "threads", "published", {
        published_url: "https://threads.net/@pe_studio/post/1",
        published_at: iso(-390),
      }),
      dest(acc.bluesky, "bluesky", "failed", { error_message: "Bluesky was unavailable." }),
    ]),
    post(ids.draft, "draft", -300, [dest(acc.facebook, "facebook", "draft")]),
    post(ids.scheduled, "scheduled", -200, [dest(acc.x, "x", "scheduled")], { scheduled_for: iso(24 * 60) }),
  ];
}

export class PeStore {
  accounts: SimAccount[] = [];
  posts: SimPost[] = [];
  media = new Map<string, SimMedia>();

  constructor(private readonly now: () => number) {
    this.reset();
  }

  reset(): void {
    this.accounts = seedAccounts();
    this.posts = seedPosts(this.now());
    this.media.clear();
  }

  addMedia(url: string): SimMedia {
    const media: SimMedia = {
      id: randomUUID(),
      url,
      type: /\.(mp4|mov|m4v|avi|webm)(\?|#|$)/i.test(url) ? "video" : "image",
    };
    this.media.set(media.id, media);
    return media;
  }

  post(id: string): SimPost | undefined {
    return this.posts.find((p) => p.id === id);
  }
}

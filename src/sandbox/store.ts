/** In-memory sandbox state with optional JSON-file persistence (atomic write after every mutation). */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { seedAccounts, seedPosts } from "./seed.js";
import type { Account, Post } from "./types.js";

/** A create without external_id, remembered for the short-window duplicate guard. */
export interface RecentCreate {
  fingerprint: string;
  postId: string;
  at: number;
}

interface StateFile {
  version: 1;
  accounts: Account[];
  posts: Post[];
  recentCreates: RecentCreate[];
}

export class SandboxStore {
  accounts: Account[] = [];
  /** Insertion order; listing sorts by created_at and breaks ties by this order. */
  posts: Post[] = [];
  recentCreates: RecentCreate[] = [];

  constructor(private readonly stateFile?: string) {
    if (stateFile && existsSync(stateFile)) this.load(stateFile);
    else this.reset();
  }

  reset(): void {
    this.accounts = seedAccounts();
    this.posts = seedPosts();
    this.recentCreates = [];
    this.persist();
  }

  account(id: string): Account | undefined {
    return this.accounts.find((a) => a.id === id);
  }

  post(id: string): Post | undefined {
    return this.posts.find((p) => p.id === id);
  }

  postByExternalId(externalId: string): Post | undefined {
    return this.posts.find((p) => p.external_id === externalId);
  }

  /** The newest still-existing post created (without external_id) from this fingerprint at or after `since`. */
  recentPostByFingerprint(fingerprint: string, since: number): Post | undefined {
    for (let i = this.recentCreates.length - 1; i >= 0; i--) {
      const entry = this.recentCreates[i];
      if (!entry || entry.at < since) continue;
      if (entry.fingerprint !== fingerprint) continue;
      const found = this.post(entry.postId);
      if (found) return found;
    }
    return undefined;
  }

  insertPost(post: Post, recent?: RecentCreate): void {
    this.posts.push(post);
    if (recent) this.recentCreates.push(recent);
    this.persist();
  }

  deletePosts(ids: string[]): void {
    const doomed = new Set(ids);
    this.posts = this.posts.filter((p) => !doomed.has(p.id));
    this.recentCreates = this.recentCreates.filter((r) => !doomed.has(r.postId));
    this.persist();
  }

  /** Forgets duplicate-guard entries older than `before`; persisted with the next mutation. */
  pruneRecentCreates(before: number): void {
    this.recentCreates = this.recentCreates.filter((r) => r.at >= before);
  }

  /** Call after mutating a post object in place. */
  commit(): void {
    this.persist();
  }

  private load(file: string): void {
    // A corrupt state file is an error rather than silently replaced: it may hold someone's test fixture.
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<StateFile>;
    if (parsed.version !== 1 || !Array.isArray(parsed.accounts) || !Array.isArray(parsed.posts)) {
      throw new Error(`Sandbox state file ${file} is not a version 1 sandbox state`);
    }
    this.accounts = parsed.accounts;
    this.posts = parsed.posts;
    this.recentCreates = Array.isArray(parsed.recentCreates) ? parsed.recentCreates : [];
  }

  private persist(): void {
    if (!this.stateFile) return;
    const state: StateFile = {
      version: 1,
      accounts: this.accounts,
      posts: this.posts,
      recentCreates: this.recentCreates,
    };
    // Write beside the target and rename, so a reader never sees a half-written file.
    const tmp = join(
      dirname(this.stateFile),
      `.${basename(this.stateFile)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
    );
    try {
      writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
      renameSync(tmp, this.stateFile);
    } catch (error) {
      rmSync(tmp, { force: true });
      throw error;
    }
  }
}

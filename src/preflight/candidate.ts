// The post as pre-flight sees it: on create, the request body; on update, the stored post with the
// patch applied. Pure data.
import type { Account } from "../schemas/api-data.js";
import type { Violation } from "./violation.js";

export type JsonRecord = Record<string, unknown>;

export type CandidateMedia =
  | ({ type: "video"; url: string } & JsonRecord)
  | ({ type: "slideshow"; urls: string[] } & JsonRecord);

export interface Candidate {
  caption: string | undefined;
  media: CandidateMedia | null | undefined;
  music_url: string | null | undefined;
  tiktok: JsonRecord | null | undefined;
  pinterest: JsonRecord | null | undefined;
  settings: JsonRecord | null | undefined;
}

export interface CheckContext {
  candidate: Candidate;
  /** The resolved, known target accounts (unknown ids are reported separately and left out). */
  targets: readonly Account[];
}

export type Check = (context: CheckContext) => Violation[];

export interface PreflightResult {
  violations: Violation[];
  warnings: Violation[];
}

/** "tiktok BYO @handle" — how messages name an account. */
export function accountLabel(account: Account): string {
  const platform = platformName(account.platform);
  const type = account.type === "hosted" ? "hosted" : account.type === "byo" ? "BYO" : account.type;
  return `${platform} ${type} ${account.username ? `@${account.username}` : account.id}`;
}

const PLATFORM_NAMES: Record<string, string> = {
  tiktok: "TikTok",
  instagram: "Instagram",
  youtube: "YouTube",
  pinterest: "Pinterest",
  linkedin: "LinkedIn",
  facebook: "Facebook",
};

export function platformName(platform: string): string {
  return PLATFORM_NAMES[platform] ?? platform;
}

export function listLabels(accounts: readonly Account[]): string {
  return accounts.map(accountLabel).join(", ");
}

// MCP prompts for the common jobs. Each returns one user message that walks the model through the
// tools in the order that avoids refusals and never posts twice.
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  ErrorCode,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  McpError,
  type Prompt,
} from "@modelcontextprotocol/sdk/types.js";

interface PromptDefinition extends Prompt {
  render(args: Record<string, string>): string;
}

const PROMPTS: PromptDefinition[] = [
  {
    name: "cross_post_video",
    title: "Cross-post a video",
    description: "Post one video to every suitable account, adapted per platform, without posting twice.",
    arguments: [
      { name: "video_url", description: "Public URL of the MP4/MOV video (15–60 s)", required: true },
      { name: "caption", description: "The caption to start from", required: true },
      { name: "when", description: "ISO 8601 time with offset, or empty to publish now" },
    ],
    render: ({ video_url, caption, when }) =>
      [
        `Cross-post this video: ${video_url}`,
        `Caption: ${caption}`,
        when ? `Publish at: ${when}` : "Publish now.",
        "",
        "Steps:",
        "1. Call list_accounts; use only accounts with status active that take video (not text-only accounts without video).",
        "2. Read genviral://rules if unsure of a limit: the strictest targeted account's caption limit applies to all (e.g. hosted accounts 500 characters, Instagram 2,200).",
        "3. If one caption cannot fit every platform, split the accounts into groups and make one schedule_post per group.",
        "4. Run validate_post with the exact arguments first; fix every violation it names.",
        "5. Call schedule_post with an external_id of your choosing per group (e.g. cross-post-<date>-<group>). If a call times out, repeat it with the same external_id: it returns the original post instead of posting twice.",
        "6. Report each post's id, status and scheduled time.",
      ].join("\n"),
  },
  {
    name: "weekly_slideshow_plan",
    title: "Plan a week of slideshows",
    description: "Turn a theme and images into seven scheduled slideshow posts, one a day.",
    arguments: [
      { name: "theme", description: "What the week is about", required: true },
      { name: "image_urls", description: "Public JPG/PNG URLs, comma- or newline-separated", required: true },
      { name: "start_date", description: "First day (YYYY-MM-DD); default tomorrow" },
      { name: "time_of_day", description: "Local time with offset, e.g. 18:00+01:00; default 17:00Z" },
    ],
    render: ({ theme, image_urls, start_date, time_of_day }) =>
      [
        `Plan and schedule a week of slideshow posts about: ${theme}`,
        `Images to use: ${image_urls}`,
        `Start: ${start_date || "tomorrow"}, every day at ${time_of_day || "17:00Z"}, for 7 days.`,
        "",
        "Steps:",
        "1. Call list_accounts and pick active accounts that take slideshows (TikTok, Instagram, Pinterest, LinkedIn, Facebook; not YouTube).",
        "2. Split the images into 7 slideshows of 2–10 images each (Instagram carousels take at most 10; TikTok up to 35). Only JPG/JPEG/PNG.",
        "3. Write a caption per day that fits the strictest targeted account (genviral://rules has every limit).",
        "4. For TikTok photo posts you may add tiktok: {post_mode: 'DIRECT_POST', privacy_level: 'PUBLIC_TO_EVERYONE'} — only when every target is a TikTok BYO account.",
        "5. For each day: validate_post, then schedule_post with scheduled_at (ISO 8601 with offset, at least 2 minutes ahead) and external_id week-<start>-day-<n>.",
        "6. Finish with list_posts {status: 'scheduled'} and a table of day, post id, accounts and time.",
      ].join("\n"),
  },
  {
    name: "fix_refused_post",
    title: "Fix a refused post",
    description: "Read a refusal from schedule_post or update_post and make the post go through.",
    arguments: [
      { name: "refusal", description: "The refusal text or structuredContent", required: true },
      { name: "arguments", description: "The arguments of the refused call (JSON)" },
    ],
    render: ({ refusal, arguments: args }) =>
      [
        "This post was refused:",
        refusal,
        args ? `\nThe call's arguments were:\n${args}` : "",
        "",
        "Each violation names a field, the rule, the limit against the actual value, and a fix.",
        "1. Apply every fix at once (shorten captions to the stated limit, drop or split accounts, remove settings a target cannot take, move the time at least 2 minutes ahead).",
        "2. If the fix changes who sees the post (dropping accounts), say so before going on.",
        "3. Run validate_post with the corrected arguments until ok is true.",
        "4. Then repeat the original call. For schedule_post keep the same external_id only if the payload is unchanged; a changed payload needs a new external_id.",
      ].join("\n"),
  },
];

export function registerPrompts(server: Server): void {
  const listing: Prompt[] = PROMPTS.map(({ render: _render, ...prompt }) => prompt);
  server.setRequestHandler(ListPromptsRequestSchema, () => ({ prompts: listing }));
  server.setRequestHandler(GetPromptRequestSchema, (request) => {
    const prompt = PROMPTS.find((p) => p.name === request.params.name);
    if (!prompt) {
      throw new McpError(
        ErrorCode.InvalidParams,
        `Unknown prompt "${request.params.name.slice(0, 100)}". Available: ${PROMPTS.map((p) => p.name).join(", ")}.`,
      );
    }
    const args = request.params.arguments ?? {};
    const missing = (prompt.arguments ?? []).filter((a) => a.required && !args[a.name]?.trim());
    if (missing.length) {
      throw new McpError(
        ErrorCode.InvalidParams,
        `Prompt ${prompt.name} needs ${missing.map((a) => a.name).join(", ")}.`,
      );
    }
    return {
      description: prompt.description,
      messages: [{ role: "user", content: { type: "text", text: prompt.render(args) } }],
    };
  });
}

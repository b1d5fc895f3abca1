import { z } from "zod";
import { account } from "../schemas/api-data.js";
import { defineTool, succeed } from "./tool.js";

export const listAccountsTool = defineTool({
  name: "list_accounts",
  description:
    "List the social accounts this API key can post to (TikTok, Instagram, YouTube, Pinterest, LinkedIn, Facebook; BYO or hosted). Call it first: schedule_post needs these ids, and only accounts with status active can be targeted.",
  annotations: {
    title: "List accounts",
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  input: z.strictObject({}),
  output: z.object({ accounts: z.array(account) }),
  async run(_args, { accounts, signal }) {
    // Always fresh, and it refreshes the cache pre-flight reads.
    return succeed({ accounts: await accounts.refresh({ signal }) });
  },
  render({ accounts }) {
    if (accounts.length === 0) return "No accounts in this key's scope. Connect one at www.genviral.io.";
    const lines = accounts.map(
      (a) =>
        `- ${a.platform} ${a.type} @${a.username ?? "?"}${a.display_name ? ` (${a.display_name})` : ""} — ${a.status} — id ${a.id}`,
    );
    return `${accounts.length} account${accounts.length === 1 ? "" : "s"}:\n${lines.join("\n")}`;
  },
});

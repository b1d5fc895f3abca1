import { z } from "zod";
import { formatMb } from "../preflight/media/media-rules.js";
import { typeLabel } from "../preflight/media/sniff.js";
import { openLocalFile, resolveLocalPath } from "../uploads/local-file.js";
import { progressMeter } from "../uploads/progress.js";
import { putFile } from "../uploads/put-file.js";
import { openRemoteFile } from "../uploads/remote-file.js";
import type { Opened } from "../uploads/source.js";
import { defineTool, refuse, succeed } from "./tool.js";

const input = z.strictObject({
  path: z.string().min(1).max(4096).optional(),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .optional(),
  filename: z.string().min(1).max(255).optional(),
});

const output = z.object({
  /** What schedule_post takes in media.url / media.urls. */
  url: z.string(),
  contentType: z.string(),
  size: z.number(),
  filename: z.string().optional(),
  /** A video's length read from its bytes: schedule_post's media.duration_sec. */
  duration_sec: z.number().optional(),
});

export const uploadMediaTool = defineTool({
  name: "upload_media",
  description:
    // Limits (JPG/PNG < 5 MB, MP4/MOV/M4V/AVI < 100 MB) are left to refusals and genviral://rules:
    // every token here is paid on every turn.
    "Upload an image or video (local `path`, stdio only; or `url`) to Genviral's CDN; returns the `url` for schedule_post media.",
  annotations: {
    title: "Upload media",
    readOnlyHint: false,
    destructiveHint: false,
    // Each call stores another copy under a new URL.
    idempotentHint: false,
    openWorldHint: true,
  },
  input,
  // The limits (lengths, URL format) are still checked; the listing only names the fields.
  publishedInput: {
    type: "object",
    properties: { path: { type: "string" }, url: { type: "string" }, filename: { type: "string" } },
    additionalProperties: false,
  },
  output,
  async run(args, context) {
    const { provider, signal } = context;
    if ((args.path === undefined) === (args.url === undefined)) {
      return refuse([
        {
          code: "one_source",
          field: args.path === undefined ? "path" : "url",
          message: "give exactly one of `path` (a local file) or `url` (a file on the web)",
          hint: "Send either path or url, not both and not neither.",
        },
      ]);
    }
    if (args.path !== undefined && !context.allowLocalFiles) {
      // Over HTTP the caller is on another machine: reading this server's disk for it would hand out
      // whatever the server can read. The path is not even looked at.
      return refuse([
        {
          code: "local_path_remote",
          field: "path",
          message:
            "local files can be uploaded only when genviral-mcp runs over stdio on your machine; over HTTP the server never reads its own disk for a remote caller",
          hint: "Upload from a public URL instead ({ url: 'https://…/file.mp4' }), or run genviral-mcp over stdio where the file is.",
        },
      ]);
    }
    if (!provider.createUpload) {
      return refuse([
        {
          code: "uploads_unsupported",
          field: args.path === undefined ? "url" : "path",
          message: `${provider.name} offers no file upload`,
          hint: "Host the file yourself and pass its public URL to schedule_post.",
        },
      ]);
    }

    const local = args.path === undefined ? undefined : resolveLocalPath(args.path);
    let opened: Opened;
    if (local) opened = await openLocalFile(local, args.filename);
    else
      opened = await openRemoteFile(args.url as string, args.filename, {
        signal,
        allowPrivate: context.allowLocalFiles,
      });
    if (!opened.ok) return refuse(opened.violations);

    const { source } = opened;
    const contentType = source.type.contentType;
    try {
      const { durationSec } = source;
      const target = await provider.createUpload(
        {
          contentType,
          filename: source.filename,
          size: source.size,
          ...(durationSec === undefined ? {} : { durationSec }),
        },
        { signal },
      );
      const meter = progressMeter(context.reportProgress, source.size, `Uploading ${source.filename}`);
      // The presigned URL is signed for the type we asked for; send exactly that.
      await putFile(target.uploadUrl, source.open(), {
        contentType,
        size: source.size,
        signal,
        onBytes: (sent) => meter.update(sent),
      });
      meter.done();
      context.logger.info(`upload_media: ${source.filename} (${contentType}, ${source.size} bytes) uploaded`);
      return succeed({
        url: target.url,
        contentType,
        size: source.size,
        filename: source.filename,
        ...(durationSec === undefined ? {} : { duration_sec: durationSec }),
      });
    } finally {
      await source.release();
    }
  },
  render(r) {
    const what = `${r.filename ?? "file"} (${typeLabel(r.contentType)}, ${formatMb(r.size)})`;
    const kind = r.contentType.startsWith("video/")
      ? `media: { type: "video", url${r.duration_sec === undefined ? "" : `, duration_sec: ${r.duration_sec}`} }`
      : 'media: { type: "slideshow", urls: [url, …] }';
    return `Uploaded ${what}: ${r.url}\nUse this url in schedule_post as ${kind}.`;
  },
});

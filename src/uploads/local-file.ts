// A file on this machine (stdio only: the tool refuses paths for remote callers). Its type comes from
// its first bytes and its size from stat, both judged before anything is sent.
import { type FileHandle, open, stat } from "node:fs/promises";
import { homedir } from "node:os";
import { basename, isAbsolute, resolve } from "node:path";
import { judgeSize, judgeType, SNIFF_BYTES } from "./media-type.js";
import { cleanFilename, type Opened, refused } from "./source.js";
import { videoDurationSec } from "./video-duration.js";

export interface ResolvedPath {
  path: string;
  /** Set when a relative path was resolved against the working directory. */
  relativeTo?: string;
}

/** `~` and `~/…` → the home directory; a relative path → against the server's working directory. */
export function resolveLocalPath(input: string, cwd = process.cwd()): ResolvedPath {
  if (input === "~" || input.startsWith("~/")) return { path: resolve(homedir(), input.slice(2)) };
  if (isAbsolute(input)) return { path: resolve(input) };
  return { path: resolve(cwd, input), relativeTo: cwd };
}

export async function openLocalFile(resolved: ResolvedPath, filename: string | undefined): Promise<Opened> {
  const field = "path";
  const { path } = resolved;
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      return refused({
        code: "not_a_file",
        field,
        message: `${path} is ${info.isDirectory() ? "a directory" : "not a regular file"}`,
        hint: "Give the path of the image or video file itself.",
      });
    }
    size = info.size;
  } catch (error) {
    return refused(fileError(error, resolved, field));
  }

  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    return refused(fileError(error, resolved, field));
  }
  try {
    // One read, offset and length given, of the file as it is now (the upload reads it again).
    const readAt = async (offset: number, length: number): Promise<Uint8Array> => {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      return buffer.subarray(0, bytesRead);
    };
    let head: Uint8Array;
    try {
      head = await readAt(0, SNIFF_BYTES);
    } catch (error) {
      return refused(fileError(error, resolved, field));
    }
    const name = basename(path);
    const type = judgeType(head, field, name);
    if ("code" in type) return refused(type);
    const tooBig = judgeSize(size, type, field, name);
    if (tooBig) return refused(tooBig);
    // The length is a courtesy to the API: a file whose boxes cannot be read uploads without it.
    const durationSec = type.contentType.startsWith("video/")
      ? await videoDurationSec(type.contentType, head, size, readAt).catch(() => undefined)
      : undefined;
    return {
      ok: true,
      source: {
        type,
        size,
        filename: cleanFilename(filename, name),
        ...(durationSec === undefined ? {} : { durationSec }),
        // putFile reads exactly `size` bytes: a file that grows meanwhile cannot overrun Content-Length.
        open: () => ({ file: path }),
        release: async () => {},
      },
    };
  } finally {
    await handle.close();
  }
}

function fileError(error: unknown, { path, relativeTo }: ResolvedPath, field: string) {
  const code = (error as { code?: unknown }).code;
  if (code === "ENOENT" || code === "ENOTDIR") {
    return {
      code: "file_not_found",
      field,
      message: `no file at ${path}${relativeTo ? ` (a relative path, resolved against the server's working directory ${relativeTo})` : ""}`,
      hint: "Check the path (an absolute path is safest), or upload from a URL instead.",
    };
  }
  if (code === "EACCES" || code === "EPERM") {
    return {
      code: "file_unreadable",
      field,
      message: `${path} cannot be read by the server (permission denied)`,
      hint: "Make the file readable by the user that runs genviral-mcp, or copy it somewhere readable.",
    };
  }
  return {
    code: "file_unreadable",
    field,
    message: `${path} cannot be read: ${(error as Error).message}`,
    hint: "Check the path and the file.",
  };
}

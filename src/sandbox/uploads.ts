/**
 * The simulated file storage behind POST /files: presigned upload URLs (a signature and an expiry in
 * the query string, as S3's are — no Authorization header), the PUT target that streams the bytes to a
 * temp file, and a CDN that serves them back (HEAD and Range included, so media inspection works).
 */
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { send } from "./http-io.js";

export const UPLOAD_PREFIX = "/__uploads/";
export const CDN_PREFIX = "/cdn/";
/** upload-file.txt: "expiresIn - Seconds until the upload URL expires (600)". */
export const UPLOAD_EXPIRES_IN = 600;
/** Above the largest file a post may use (100 MB video), so the sandbox never refuses what the API takes. */
const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

// upload-file.txt "Body Parameters": the supported content types, and the extension each is stored with.
export const UPLOAD_CONTENT_TYPES: Readonly<Record<string, string>> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/gif": "gif",
  "image/webp": "webp",
  "image/heic": "heic",
  "image/heif": "heif",
  "video/mp4": "mp4",
  "video/quicktime": "mov",
  "video/x-msvideo": "avi",
  "video/webm": "webm",
  "video/x-m4v": "m4v",
};

export interface UploadRecord {
  key: string;
  /** The type POST /files was asked for; the PUT must send the same Content-Type. */
  contentType: string;
  filename?: string;
  /** `size` as declared to POST /files, when it was. */
  declaredSize?: number;
  expiresAt: number;
  /** Set once the PUT completed. */
  uploaded?: { size: number; sha256: string; at: number };
}

export interface PresignedUpload {
  uploadUrl: string;
  url: string;
  contentType: string;
  expiresIn: number;
}

export class SandboxUploads {
  /** "http://127.0.0.1:PORT", set once the server listens. */
  origin = "";
  readonly #dir = mkdtempSync(join(tmpdir(), "genviral-sandbox-uploads-"));
  readonly #secret = randomBytes(32);
  readonly #records = new Map<string, UploadRecord>();

  constructor(private readonly now: () => number) {}

  list(): UploadRecord[] {
    return [...this.#records.values()].map((r) => structuredClone(r));
  }

  /** POST /files: a key, its presigned PUT URL and its CDN URL. */
  presign(contentType: string, filename?: string, declaredSize?: number): PresignedUpload {
    const extension = UPLOAD_CONTENT_TYPES[contentType] ?? "bin";
    const key = `${randomUUID()}.${extension}`;
    const expiresAt = this.now() + UPLOAD_EXPIRES_IN * 1000;
    const record: UploadRecord = { key, contentType, expiresAt };
    if (filename !== undefined) record.filename = filename;
    if (declaredSize !== undefined) record.declaredSize = declaredSize;
    this.#records.set(key, record);
    const expires = Math.floor(expiresAt / 1000);
    const sig = this.#sign(key, expires, contentType);
    return {
      uploadUrl: `${this.origin}${UPLOAD_PREFIX}${key}?expires=${expires}&sig=${sig}`,
      url: `${this.origin}${CDN_PREFIX}${key}`,
      contentType,
      expiresIn: UPLOAD_EXPIRES_IN,
    };
  }

  #sign(key: string, expires: number, contentType: string): string {
    return createHmac("sha256", this.#secret).update(`${key}\n${expires}\n${contentType}`).digest("hex");
  }

  /** PUT /__uploads/<key>?expires=…&sig=…: streams the body to disk, counting and hashing it. */
  async receive(req: IncomingMessage, res: ServerResponse, url: URL): Promise<number> {
    const key = url.pathname.slice(UPLOAD_PREFIX.length);
    const record = this.#records.get(key);
    const refuse = (status: number, code: string, message: string): number => {
      req.resume(); // drain, so the client reads the answer instead of a reset
      send(res, status, `<Error><Code>${code}</Code><Message>${message}</Message></Error>`, {
        "content-type": "application/xml",
      });
      return status;
    };
    if (req.method !== "PUT") return refuse(405, "MethodNotAllowed", "Use PUT");
    if (!record) return refuse(404, "NoSuchUpload", "Unknown upload key");
    const expires = Number(url.searchParams.get("expires"));
    const sig = url.searchParams.get("sig") ?? "";
    // The signature covers the Content-Type, as an S3 presigned PUT's does.
    const expected = Buffer.from(this.#sign(key, expires, req.headers["content-type"] ?? ""));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return refuse(403, "SignatureDoesNotMatch", "The signature or the Content-Type does not match");
    }
    if (expires * 1000 < this.now()) return refuse(403, "AccessDenied", "Request has expired");
    const declared = Number(req.headers["content-length"]);
    if (!Number.isInteger(declared) || declared < 0)
      return refuse(411, "MissingContentLength", "Content-Length is required");
    if (declared > MAX_UPLOAD_BYTES) return refuse(413, "EntityTooLarge", "Upload exceeds the size limit");

    const hash = createHash("sha256");
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(req, counter, createWriteStream(this.#path(key)));
    } catch {
      return 0; // the client went away mid-body; nothing to answer
    }
    if (size !== declared) return refuse(400, "IncompleteBody", "Body length differs from Content-Length");
    record.uploaded = { size, sha256: hash.digest("hex"), at: this.now() };
    send(res, 200, "", { etag: `"${record.uploaded.sha256.slice(0, 32)}"` });
    return 200;
  }

  /** GET or HEAD /cdn/<key>, with single byte ranges. */
  serve(req: IncomingMessage, res: ServerResponse, url: URL): number {
    const key = url.pathname.slice(CDN_PREFIX.length);
    const uploaded = this.#records.get(key)?.uploaded;
    const record = this.#records.get(key);
    if (!record || !uploaded) {
      send(res, 404, "Not Found", { "content-type": "text/plain" });
      return 404;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      send(res, 405, "Method Not Allowed", { allow: "GET, HEAD" });
      return 405;
    }
    let start = 0;
    let end = uploaded.size - 1;
    let status = 200;
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? "");
    if (range && uploaded.size > 0) {
      const [, from = "", to = ""] = range;
      if (from === "") start = Math.max(0, uploaded.size - Number(to));
      else {
        start = Number(from);
        if (to !== "") end = Math.min(end, Number(to));
      }
      if (start > end || start >= uploaded.size) {
        send(res, 416, "", { "content-range": `bytes */${uploaded.size}` });
        return 416;
      }
      status = 206;
    }
    const headers: Record<string, string> = {
      "content-type": record.contentType,
      "content-length": String(end - start + 1 < 0 ? 0 : end - start + 1),
      "accept-ranges": "bytes",
    };
    if (status === 206) headers["content-range"] = `bytes ${start}-${end}/${uploaded.size}`;
    res.writeHead(status, headers);
    if (req.method === "HEAD" || uploaded.size === 0) {
      res.end();
      return status;
    }
    pipeline(createReadStream(this.#path(key), { start, end }), res).catch(() => {});
    return status;
  }

  #path(key: string): string {
    return join(this.#dir, key);
  }

  close(): void {
    rmSync(this.#dir, { recursive: true, force: true });
  }

  /** Forgets every upload (sandbox reset); files are removed with the directory at close. */
  clear(): void {
    this.#records.clear();
  }
}

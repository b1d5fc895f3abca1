import { describe, expect, it } from "vitest";
import { parseAvi } from "../../src/preflight/media/avi.js";
import { parseContentRange } from "../../src/preflight/media/http-read.js";
import { exifOrientation, parseJpeg, parsePng } from "../../src/preflight/media/image.js";
import { parseMoov, readBoxHeader, walkTopLevel } from "../../src/preflight/media/mp4.js";
import { sniffType } from "../../src/preflight/media/sniff.js";
import {
  aviFile,
  box,
  concatBytes,
  exifSegment,
  gifFile,
  heicFile,
  htmlPage,
  jpegFile,
  moov,
  mp4File,
  pngFile,
  webmFile,
  webpFile,
} from "../support/media-files.js";

const head = (bytes: Uint8Array) => bytes.subarray(0, 64 * 1024);

describe("sniffType", () => {
  it("tells each format by its first bytes", () => {
    const mp4 = (brand: string) => mp4File({ durationSec: 20, width: 1080, height: 1920, brand }).bytes();
    expect(sniffType(mp4("isom"))).toBe("video/mp4");
    expect(sniffType(mp4("mp42"))).toBe("video/mp4");
    expect(sniffType(mp4("qt  "))).toBe("video/quicktime");
    expect(sniffType(mp4("M4V "))).toBe("video/x-m4v");
    expect(sniffType(mp4("3gp5"))).toBe("video/3gpp");
    expect(sniffType(aviFile({ frames: 1, microSecPerFrame: 1, width: 1, height: 1 }))).toBe(
      "video/x-msvideo",
    );
    expect(sniffType(pngFile(2, 2))).toBe("image/png");
    expect(sniffType(jpegFile(8, 8))).toBe("image/jpeg");
    expect(sniffType(gifFile(1, 1))).toBe("image/gif");
    expect(sniffType(webpFile())).toBe("image/webp");
    expect(sniffType(heicFile())).toBe("image/heic");
    expect(sniffType(webmFile())).toBe("video/webm");
    expect(sniffType(htmlPage())).toBe("text/html");
    // A QuickTime file from before ftyp existed starts straight with moov.
    expect(sniffType(moov({ durationSec: 20, width: 1, height: 1 }))).toBe("video/quicktime");
  });

  it("returns undefined for bytes it does not know, and for too few bytes", () => {
    expect(sniffType(new TextEncoder().encode("just some text, not media"))).toBeUndefined();
    expect(sniffType(new Uint8Array(0))).toBeUndefined();
    expect(sniffType(new Uint8Array([0xff, 0xd8]))).toBeUndefined();
  });
});

describe("ISO BMFF boxes", () => {
  it("walks top-level boxes and says where the next one starts, past the bytes it has", () => {
    const file = mp4File({
      durationSec: 20,
      width: 1080,
      height: 1920,
      moovFirst: false,
      mdatBytes: 2_000_000,
    });
    const walk = walkTopLevel(file.slice(0, 64 * 1024));
    expect(walk.boxes.map((b) => b.type)).toEqual(["ftyp", "mdat"]);
    const mdat = walk.boxes[1];
    expect(mdat?.size).toBe(2_000_008);
    expect(walk.next).toBe((mdat?.start ?? 0) + 2_000_008);
    // Reading from there finds free then moov, with offsets in file terms.
    const at = walk.next ?? 0;
    const tail = walkTopLevel(file.slice(at, file.size), at);
    expect(tail.boxes.map((b) => [b.type, b.start])).toEqual([
      ["free", at],
      ["moov", at + 16],
    ]);
  });

  it("reads 64-bit sizes and boxes that run to the end of the file", () => {
    const large = concatBytes(
      new Uint8Array([0, 0, 0, 1]),
      new TextEncoder().encode("mdat"),
      new Uint8Array([0, 0, 0, 1, 0, 0, 0, 0]), // 2^32
    );
    expect(readBoxHeader(large, 0)).toMatchObject({ type: "mdat", headerSize: 16, size: 2 ** 32 });
    const toEnd = concatBytes(new Uint8Array(4), new TextEncoder().encode("mdat"));
    expect(walkTopLevel(toEnd)).toMatchObject({
      boxes: [{ type: "mdat", size: undefined }],
      next: undefined,
    });
    const broken = concatBytes(new Uint8Array([0, 0, 0, 4]), new TextEncoder().encode("junk"));
    expect(walkTopLevel(broken).malformed).toBe(true);
  });

  it.each([
    { mvhdVersion: 0, tkhdVersion: 0 },
    { mvhdVersion: 1, tkhdVersion: 1 },
  ] as const)(
    "reads duration and video size from moov (mvhd v$mvhdVersion, tkhd v$tkhdVersion)",
    (versions) => {
      const facts = parseMoov(
        moov({ durationSec: 23.45, width: 1080, height: 1920, timescale: 90000, ...versions }),
      );
      expect(facts.durationSec).toBeCloseTo(23.45, 2);
      expect(facts).toMatchObject({ width: 1080, height: 1920 });
    },
  );

  it("picks the video track even when an audio track (no size) comes first", () => {
    expect(parseMoov(moov({ durationSec: 30, width: 720, height: 1280, audioFirst: true }))).toMatchObject({
      width: 720,
      height: 1280,
    });
  });

  it("applies a 90° track matrix: landscape frames shown as portrait", () => {
    expect(parseMoov(moov({ durationSec: 30, width: 1920, height: 1080, rotate90: true }))).toMatchObject({
      width: 1080,
      height: 1920,
    });
  });

  it("takes a fragmented MP4's duration from mvex/mehd", () => {
    const facts = parseMoov(moov({ durationSec: 42, width: 1080, height: 1920, fragmented: true }));
    expect(facts.durationSec).toBeCloseTo(42, 2);
  });

  it("reads the duration from a moov that was cut short, and nothing from something else", () => {
    const full = moov({
      durationSec: 33.3,
      width: 1080,
      height: 1920,
      audioFirst: true,
      sampleTableBytes: 10_000,
    });
    const cut = parseMoov(full.subarray(0, 200));
    expect(cut.durationSec).toBeCloseTo(33.3, 2);
    expect(cut.width).toBeUndefined();
    expect(parseMoov(box("free", new Uint8Array(100)))).toEqual({});
    expect(parseMoov(new Uint8Array(4))).toEqual({});
  });

  it("treats an all-ones duration as unknown", () => {
    const bytes = moov({ durationSec: 0, width: 1080, height: 1920 });
    // mvhd v0 duration sits at moov header (8) + mvhd header (8) + 16.
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(8 + 8 + 16, 0xffffffff);
    expect(parseMoov(bytes).durationSec).toBeUndefined();
  });
});

describe("image headers", () => {
  it("reads PNG IHDR", () => {
    expect(parsePng(pngFile(1080, 1920))).toEqual({ width: 1080, height: 1920 });
    expect(parsePng(pngFile(3, 2).subarray(0, 20))).toBeUndefined();
  });

  it("reads the JPEG frame header, skipping other segments", () => {
    expect(parseJpeg(jpegFile(1080, 1920))).toEqual({
      size: { width: 1080, height: 1920 },
      truncated: false,
    });
  });

  it("swaps the JPEG size for EXIF orientations that turn the picture a quarter", () => {
    expect(parseJpeg(jpegFile(1920, 1080, { orientation: 6 })).size).toEqual({ width: 1080, height: 1920 });
    expect(parseJpeg(jpegFile(1920, 1080, { orientation: 8 })).size).toEqual({ width: 1080, height: 1920 });
    expect(parseJpeg(jpegFile(1920, 1080, { orientation: 3 })).size).toEqual({ width: 1920, height: 1080 });
    // Little-endian ("II") EXIF too.
    expect(exifOrientation(exifSegment(6, true).subarray(4))).toBe(6);
    expect(exifOrientation(exifSegment(8, false).subarray(4))).toBe(8);
  });

  it("says when the frame header lies past the bytes it has", () => {
    const big = jpegFile(1080, 1920, { appPaddingBytes: 150_000 });
    expect(parseJpeg(head(big))).toEqual({ truncated: true });
    expect(parseJpeg(big).size).toEqual({ width: 1080, height: 1920 });
    expect(parseJpeg(pngFile(2, 2))).toEqual({ truncated: false });
  });
});

describe("AVI and Content-Range", () => {
  it("reads avih: size and frames × time per frame", () => {
    const facts = parseAvi(aviFile({ frames: 900, microSecPerFrame: 33_333, width: 720, height: 1280 }));
    expect(facts.durationSec).toBeCloseTo(29.9997, 3);
    expect(facts).toMatchObject({ width: 720, height: 1280 });
    expect(parseAvi(webpFile())).toEqual({});
  });

  it("parses Content-Range", () => {
    expect(parseContentRange("bytes 0-65535/2000000")).toEqual({ first: 0, total: 2000000 });
    expect(parseContentRange("bytes */2000")).toEqual({ total: 2000 });
    expect(parseContentRange("bytes 10-20/*")).toEqual({ first: 10 });
    expect(parseContentRange("nonsense")).toEqual({});
    expect(parseContentRange(null)).toEqual({});
  });
});

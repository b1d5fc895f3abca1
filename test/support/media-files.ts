// Real, small media files built byte by byte for the media-inspection tests (no binary fixtures,
// no ffmpeg). Files are "virtual": runs of bytes and runs of zeros, so a 120 MB video costs no memory.
import { crc32, deflateSync } from "node:zlib";

export type Segment = Uint8Array | { zeros: number };

export class VirtualFile {
  readonly size: number;
  readonly segments: readonly Segment[];
  constructor(segments: readonly Segment[]) {
    this.segments = segments;
    this.size = segments.reduce((n, s) => n + segmentLength(s), 0);
  }

  /** Bytes [start, end) of the file. */
  slice(start: number, end: number): Uint8Array {
    const out = new Uint8Array(Math.max(0, Math.min(end, this.size) - start));
    let offset = 0;
    for (const segment of this.segments) {
      const length = segmentLength(segment);
      const from = Math.max(start, offset);
      const to = Math.min(end, offset + length);
      if (from < to && segment instanceof Uint8Array)
        out.set(segment.subarray(from - offset, to - offset), from - start);
      offset += length;
      if (offset >= end) break;
    }
    return out;
  }

  /** The whole file in memory; for small files only. */
  bytes(): Uint8Array {
    return this.slice(0, this.size);
  }
}

const segmentLength = (s: Segment): number => (s instanceof Uint8Array ? s.byteLength : s.zeros);

export const fromBytes = (bytes: Uint8Array): VirtualFile => new VirtualFile([bytes]);

// ---------- bytes ----------

const ascii = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "latin1"));
export const concatBytes = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts));

function u8(n: number): Uint8Array {
  return new Uint8Array([n & 0xff]);
}
function u16(n: number, little = false): Uint8Array {
  const b = Buffer.alloc(2);
  little ? b.writeUInt16LE(n) : b.writeUInt16BE(n);
  return new Uint8Array(b);
}
function u32(n: number, little = false): Uint8Array {
  const b = Buffer.alloc(4);
  little ? b.writeUInt32LE(n >>> 0) : b.writeUInt32BE(n >>> 0);
  return new Uint8Array(b);
}
function u64(n: bigint | number): Uint8Array {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return new Uint8Array(b);
}
const zeros = (n: number): Uint8Array => new Uint8Array(n);

// ---------- ISO BMFF (MP4 / MOV / M4V) ----------

export function box(type: string, ...payload: Uint8Array[]): Uint8Array {
  const body = concatBytes(...payload);
  return concatBytes(u32(8 + body.byteLength), ascii(type), body);
}

function fullBox(type: string, version: number, ...payload: Uint8Array[]): Uint8Array {
  return box(type, u8(version), zeros(3), ...payload);
}

function fullBoxWithFlags(type: string, version: number, flags: number, ...payload: Uint8Array[]) {
  return box(type, u8(version), u32(flags).subarray(1), ...payload);
}

const IDENTITY_MATRIX = [0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000];
// A 90° turn, as phones write for portrait video stored as landscape frames.
const ROTATE_90_MATRIX = [0, 0x10000, 0, -0x10000, 0, 0, 0, 0, 0x40000000];
const matrix = (values: readonly number[]) => concatBytes(...values.map((v) => u32(v)));

export function mvhd(version: 0 | 1, timescale: number, duration: number | bigint): Uint8Array {
  const times =
    version === 1
      ? concatBytes(u64(0), u64(0), u32(timescale), u64(duration))
      : concatBytes(u32(0), u32(0), u32(timescale), u32(Number(duration)));
  return fullBox(
    "mvhd",
    version,
    times,
    u32(0x10000), // rate 1.0
    u16(0x100), // volume 1.0
    zeros(10),
    matrix(IDENTITY_MATRIX),
    zeros(24),
    u32(3), // next track id
  );
}

export function tkhd(
  version: 0 | 1,
  width: number,
  height: number,
  rotate90 = false,
  trackId = 1,
): Uint8Array {
  const times =
    version === 1
      ? concatBytes(u64(0), u64(0), u32(trackId), zeros(4), u64(0))
      : concatBytes(u32(0), u32(0), u32(trackId), zeros(4), u32(0));
  return fullBoxWithFlags(
    "tkhd",
    version,
    0x3, // enabled, in movie
    times,
    zeros(8),
    zeros(8), // layer, alternate group, volume, reserved
    matrix(rotate90 ? ROTATE_90_MATRIX : IDENTITY_MATRIX),
    u32(Math.round(width * 65536)),
    u32(Math.round(height * 65536)),
  );
}

function hdlr(handler: string): Uint8Array {
  return fullBox("hdlr", 0, zeros(4), ascii(handler), zeros(12), ascii("handler\0"));
}

export function trak(handler: "vide" | "soun", width: number, height: number, options: TrackOptions = {}) {
  return box(
    "trak",
    tkhd(options.tkhdVersion ?? 0, width, height, options.rotate90, handler === "vide" ? 2 : 1),
    box("mdia", hdlr(handler), box("minf", box("stbl", zeros(options.sampleTableBytes ?? 16)))),
  );
}

interface TrackOptions {
  tkhdVersion?: 0 | 1;
  rotate90?: boolean;
  /** Filler standing in for the sample tables, which make real moov boxes large. */
  sampleTableBytes?: number;
}

export interface Mp4Options {
  durationSec: number;
  width: number;
  height: number;
  /** Major brand of ftyp: "isom" (MP4), "qt  " (MOV), "M4V " (M4V). */
  brand?: string;
  timescale?: number;
  mvhdVersion?: 0 | 1;
  tkhdVersion?: 0 | 1;
  /** moov before mdat ("faststart") or after it. */
  moovFirst?: boolean;
  /** Size of the media data (zeros). */
  mdatBytes?: number;
  rotate90?: boolean;
  /** An audio track (no size) before the video track, as many encoders write. */
  audioFirst?: boolean;
  /** Extra filler inside the video track, to make moov large. */
  sampleTableBytes?: number;
  /** Fragmented MP4: mvhd duration 0, the real one in mvex/mehd. */
  fragmented?: boolean;
}

export function moov(o: Mp4Options): Uint8Array {
  const timescale = o.timescale ?? 600;
  const units = Math.round(o.durationSec * timescale);
  const tracks: Uint8Array[] = [];
  if (o.audioFirst) tracks.push(trak("soun", 0, 0));
  const trackOptions: TrackOptions = {};
  if (o.tkhdVersion !== undefined) trackOptions.tkhdVersion = o.tkhdVersion;
  if (o.rotate90 !== undefined) trackOptions.rotate90 = o.rotate90;
  if (o.sampleTableBytes !== undefined) trackOptions.sampleTableBytes = o.sampleTableBytes;
  tracks.push(trak("vide", o.width, o.height, trackOptions));
  const parts = [mvhd(o.mvhdVersion ?? 0, timescale, o.fragmented ? 0 : units)];
  if (o.fragmented) parts.push(box("mvex", fullBox("mehd", 0, u32(units))));
  return box("moov", ...parts, ...tracks);
}

export function mp4File(o: Mp4Options): VirtualFile {
  const brand = o.brand ?? "isom";
  const ftyp = box("ftyp", ascii(brand), u32(0x200), ascii(brand), ascii("mp41"));
  const mdatBytes = o.mdatBytes ?? 4096;
  const mdatHeader = concatBytes(u32(8 + mdatBytes), ascii("mdat"));
  const movie = moov(o);
  const free = box("free", zeros(8));
  return o.moovFirst === false
    ? new VirtualFile([ftyp, mdatHeader, { zeros: mdatBytes }, free, movie])
    : new VirtualFile([ftyp, movie, mdatHeader, { zeros: mdatBytes }]);
}

// ---------- PNG ----------

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const typeAndData = concatBytes(ascii(type), data);
  return concatBytes(u32(data.byteLength), typeAndData, u32(crc32(typeAndData)));
}

/** A real, decodable RGB PNG of one colour; `padBytes` adds a tEXt comment to make it big. */
export function pngFile(width: number, height: number, padBytes = 0): Uint8Array {
  const ihdr = concatBytes(u32(width), u32(height), u8(8), u8(2), u8(0), u8(0), u8(0));
  const row = new Uint8Array(1 + width * 3).fill(0x80);
  row[0] = 0; // filter: none
  const raw = new Uint8Array(row.byteLength * height);
  for (let y = 0; y < height; y++) raw.set(row, y * row.byteLength);
  const chunks = [pngChunk("IHDR", ihdr), pngChunk("IDAT", new Uint8Array(deflateSync(raw)))];
  if (padBytes > 0)
    chunks.push(pngChunk("tEXt", concatBytes(ascii("Comment\0"), new Uint8Array(padBytes).fill(0x61))));
  chunks.push(pngChunk("IEND", zeros(0)));
  return concatBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ...chunks);
}

// ---------- JPEG ----------

function jpegSegment(marker: number, payload: Uint8Array): Uint8Array {
  return concatBytes(new Uint8Array([0xff, marker]), u16(payload.byteLength + 2), payload);
}

/** APP1 "Exif" with just IFD0/Orientation, big- or little-endian. */
export function exifSegment(orientation: number, littleEndian = false): Uint8Array {
  const le = littleEndian;
  const tiff = concatBytes(
    ascii(le ? "II" : "MM"),
    u16(42, le),
    u32(8, le), // IFD0 right after the header
    u16(1, le), // one entry
    u16(0x0112, le),
    u16(3, le), // SHORT
    u32(1, le),
    u16(orientation, le),
    zeros(2),
    u32(0, le), // no next IFD
  );
  return jpegSegment(0xe1, concatBytes(ascii("Exif\0\0"), tiff));
}

export interface JpegOptions {
  /** EXIF orientation; 6 and 8 mean the picture is shown turned a quarter. */
  orientation?: number;
  /** Bytes of APP2 segments (like a big ICC profile) before the frame header. */
  appPaddingBytes?: number;
  /** Extra bytes at the end (after EOI), to make the file big. */
  trailingBytes?: number;
}

/**
 * A real, decodable baseline greyscale JPEG of flat mid-grey: every coefficient is zero, so with
 * one-symbol Huffman tables each 8×8 block is two 0 bits (DC difference 0, end of block).
 */
export function jpegFile(width: number, height: number, options: JpegOptions = {}): Uint8Array {
  const parts: Uint8Array[] = [new Uint8Array([0xff, 0xd8])];
  if (options.orientation !== undefined) parts.push(exifSegment(options.orientation));
  let padding = options.appPaddingBytes ?? 0;
  while (padding > 0) {
    const n = Math.min(padding, 65533 - 2);
    parts.push(jpegSegment(0xe2, new Uint8Array(n).fill(0x20)));
    padding -= n;
  }
  parts.push(jpegSegment(0xdb, concatBytes(u8(0), new Uint8Array(64).fill(1)))); // DQT
  parts.push(jpegSegment(0xc0, concatBytes(u8(8), u16(height), u16(width), u8(1), u8(1), u8(0x11), u8(0)))); // SOF0
  const oneSymbol = (symbol: number) => concatBytes(u8(1), zeros(15), u8(symbol));
  parts.push(jpegSegment(0xc4, concatBytes(u8(0x00), oneSymbol(0)))); // DC table 0: only "difference 0"
  parts.push(jpegSegment(0xc4, concatBytes(u8(0x10), oneSymbol(0)))); // AC table 0: only "end of block"
  parts.push(jpegSegment(0xda, concatBytes(u8(1), u8(1), u8(0x00), u8(0), u8(63), u8(0)))); // SOS
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const bits = blocks * 2;
  const scan = new Uint8Array(Math.ceil(bits / 8));
  if (bits % 8 !== 0) scan[scan.length - 1] = 0xff >> (bits % 8); // pad with 1 bits
  parts.push(scan, new Uint8Array([0xff, 0xd9]));
  if (options.trailingBytes) parts.push(zeros(options.trailingBytes));
  return concatBytes(...parts);
}

// ---------- other formats ----------

export function gifFile(width: number, height: number): Uint8Array {
  // Header, logical screen descriptor (no colour table), trailer.
  return concatBytes(ascii("GIF89a"), u16(width, true), u16(height, true), u8(0), u8(0), u8(0), u8(0x3b));
}

export function webpFile(): Uint8Array {
  const vp8l = concatBytes(ascii("VP8L"), u32(5, true), new Uint8Array([0x2f, 0, 0, 0, 0]), zeros(1));
  return concatBytes(ascii("RIFF"), u32(4 + vp8l.byteLength, true), ascii("WEBP"), vp8l);
}

export function webmFile(): Uint8Array {
  // EBML header with DocType "webm", then the start of a Segment.
  const docType = concatBytes(new Uint8Array([0x42, 0x82, 0x84]), ascii("webm"));
  return concatBytes(
    new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0x87]),
    docType,
    new Uint8Array([0x18, 0x53, 0x80, 0x67]),
    zeros(64),
  );
}

export function heicFile(): Uint8Array {
  return concatBytes(
    box("ftyp", ascii("heic"), u32(0), ascii("mif1"), ascii("heic")),
    box("meta", zeros(32)),
  );
}

export function aviFile(o: { frames: number; microSecPerFrame: number; width: number; height: number }) {
  const avih = concatBytes(
    ascii("avih"),
    u32(56, true),
    u32(o.microSecPerFrame, true),
    u32(0, true),
    u32(0, true),
    u32(0x10, true),
    u32(o.frames, true),
    u32(0, true),
    u32(1, true),
    u32(0, true),
    u32(o.width, true),
    u32(o.height, true),
    zeros(16),
  );
  const hdrl = concatBytes(ascii("LIST"), u32(4 + avih.byteLength, true), ascii("hdrl"), avih);
  const movi = concatBytes(ascii("LIST"), u32(4 + 64, true), ascii("movi"), zeros(64));
  const body = concatBytes(ascii("AVI "), hdrl, movi);
  return concatBytes(ascii("RIFF"), u32(body.byteLength, true), body);
}

export const htmlPage = (): Uint8Array =>
  ascii("<!DOCTYPE html>\n<html><head><title>Shared file</title></head><body>Download</body></html>\n");

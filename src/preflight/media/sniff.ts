// What a file is, judged from its first bytes (magic numbers), never from its name or its
// Content-Type header: CDNs often label files wrongly, and a share link may serve a web page.

export type SniffedType =
  | "video/mp4"
  | "video/quicktime"
  | "video/x-m4v"
  | "video/x-msvideo"
  | "video/webm"
  | "video/x-matroska"
  | "video/3gpp"
  | "audio/mp4"
  | "image/jpeg"
  | "image/png"
  | "image/gif"
  | "image/webp"
  | "image/heic"
  | "image/avif"
  | "text/html";

const ascii = (bytes: Uint8Array, start: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(start, start + length));

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean =>
  magic.every((b, i) => bytes[i] === b);

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const EBML_MAGIC = [0x1a, 0x45, 0xdf, 0xa3];

const HEIC_BRANDS = new Set(["heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs", "mif1", "msf1"]);
const M4V_BRANDS = new Set(["M4V ", "M4VH", "M4VP"]);
// Top-level atoms that open QuickTime files written before `ftyp` existed.
const LEGACY_QT_ATOMS = new Set(["moov", "mdat", "wide", "free", "skip", "pnot"]);

/** The ISO BMFF family member, from the major brand of `ftyp`. */
function isoBrandType(brand: string): SniffedType {
  if (brand === "qt  ") return "video/quicktime";
  if (M4V_BRANDS.has(brand)) return "video/x-m4v";
  if (HEIC_BRANDS.has(brand)) return "image/heic";
  if (brand === "avif" || brand === "avis") return "image/avif";
  if (brand === "M4A " || brand === "M4B " || brand === "M4P ") return "audio/mp4";
  if (brand.startsWith("3g")) return "video/3gpp";
  return "video/mp4";
}

export function sniffType(bytes: Uint8Array): SniffedType | undefined {
  if (bytes.length >= 12 && ascii(bytes, 4, 4) === "ftyp") return isoBrandType(ascii(bytes, 8, 4));
  if (bytes.length >= 8 && LEGACY_QT_ATOMS.has(ascii(bytes, 4, 4))) return "video/quicktime";
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF") {
    const form = ascii(bytes, 8, 4);
    if (form === "AVI ") return "video/x-msvideo";
    if (form === "WEBP") return "image/webp";
  }
  if (startsWith(bytes, PNG_SIGNATURE)) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(ascii(bytes, 0, 6))) return "image/gif";
  if (startsWith(bytes, EBML_MAGIC)) {
    // The EBML header names its DocType within its first few dozen bytes.
    return ascii(bytes, 0, Math.min(bytes.length, 64)).includes("webm") ? "video/webm" : "video/x-matroska";
  }
  if (looksLikeHtml(bytes)) return "text/html";
  return undefined;
}

function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = ascii(bytes, 0, Math.min(bytes.length, 512))
    .replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, "")
    .trimStart()
    .toLowerCase();
  return head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<head");
}

/** A short name for a sniffed type, for messages: "GIF", "MP4". */
export function typeLabel(type: string): string {
  const labels: Record<string, string> = {
    "video/mp4": "MP4",
    "video/quicktime": "MOV",
    "video/x-m4v": "M4V",
    "video/x-msvideo": "AVI",
    "video/webm": "WEBM",
    "video/x-matroska": "MKV",
    "video/3gpp": "3GP",
    "audio/mp4": "M4A audio",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/gif": "GIF",
    "image/webp": "WEBP",
    "image/heic": "HEIC",
    "image/avif": "AVIF",
    "text/html": "an HTML web page",
  };
  return labels[type] ?? type;
}

// Image dimensions from the first bytes of PNG and JPEG files.

export interface ImageSize {
  width: number;
  height: number;
}

/** PNG: the IHDR chunk always comes first, right after the 8-byte signature. */
export function parsePng(bytes: Uint8Array): ImageSize | undefined {
  if (bytes.length < 24) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== "IHDR") return undefined;
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  return width > 0 && height > 0 ? { width, height } : undefined;
}

export interface JpegScan {
  /** Display size: EXIF orientations 5–8 turn the picture a quarter, so they swap the stored size. */
  size?: ImageSize;
  /** The bytes ended before a frame header was found: reading further may find one. */
  truncated: boolean;
}

// Start-of-frame markers C0–CF carry the size, except DHT (C4), JPG (C8) and DAC (CC).
const isStartOfFrame = (marker: number): boolean =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
// Markers that stand alone, without a length: TEM, RST0–7, SOI.
const isStandalone = (marker: number): boolean => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8);

/**
 * Walks the JPEG's marker segments from the start of the file to the first frame header. Segment
 * lengths let it skip EXIF thumbnails (which hold frame headers of their own) and ICC profiles.
 */
export function parseJpeg(bytes: Uint8Array): JpegScan {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return { truncated: false };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let orientation = 1;
  let at = 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) return { truncated: false }; // not a marker: corrupt
    while (bytes[at] === 0xff) at++; // fill bytes
    if (at >= bytes.length) break;
    const marker = bytes[at] as number;
    at++;
    if (isStandalone(marker)) continue;
    if (marker === 0xd9 || marker === 0xda) return { truncated: false }; // end of image / scan before any frame
    if (at + 2 > bytes.length) break;
    const length = view.getUint16(at);
    if (length < 2) return { truncated: false };
    if (isStartOfFrame(marker)) {
      if (at + 7 > bytes.length) break;
      const height = view.getUint16(at + 3);
      const width = view.getUint16(at + 5);
      if (width === 0 || height === 0) return { truncated: false };
      const quarterTurn = orientation >= 5 && orientation <= 8;
      return { size: quarterTurn ? { width: height, height: width } : { width, height }, truncated: false };
    }
    if (marker === 0xe1 && at + length <= bytes.length) {
      orientation = exifOrientation(bytes.subarray(at + 2, at + length)) ?? orientation;
    }
    at += length;
  }
  return { truncated: true };
}

/** The Orientation tag (0x0112) of IFD0 in an APP1 "Exif" segment's payload. */
export function exifOrientation(payload: Uint8Array): number | undefined {
  if (payload.length < 14 || String.fromCharCode(...payload.subarray(0, 6)) !== "Exif\0\0") return undefined;
  const tiff = payload.subarray(6);
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const order = String.fromCharCode(tiff[0] as number, tiff[1] as number);
  if (order !== "II" && order !== "MM") return undefined;
  const little = order === "II";
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return undefined;
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return undefined;
    if (view.getUint16(entry, little) === 0x0112) return view.getUint16(entry + 8, little);
  }
  return undefined;
}

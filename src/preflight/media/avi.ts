// AVI (RIFF): the main AVI header `avih` gives the frame size, the frame count and the time per
// frame, hence the duration.

export interface AviFacts {
  durationSec?: number;
  width?: number;
  height?: number;
}

/** Finds `avih` inside `RIFF AVI / LIST hdrl`, which writers put first. */
export function parseAvi(bytes: Uint8Array): AviFacts {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 12 || text(0) !== "RIFF" || text(8) !== "AVI ") return {};
  // Chunks after the form type: look for LIST hdrl, whose first chunk is avih.
  let at = 12;
  while (at + 12 <= bytes.length) {
    const id = text(at);
    const size = view.getUint32(at + 4, true);
    if (id === "LIST" && text(at + 8) === "hdrl") {
      const avih = at + 12;
      if (avih + 8 + 40 > bytes.length || text(avih) !== "avih") return {};
      const data = avih + 8;
      const microSecPerFrame = view.getUint32(data, true);
      const totalFrames = view.getUint32(data + 16, true);
      const width = view.getUint32(data + 32, true);
      const height = view.getUint32(data + 36, true);
      const facts: AviFacts = {};
      if (microSecPerFrame > 0 && totalFrames > 0) facts.durationSec = (totalFrames * microSecPerFrame) / 1e6;
      if (width > 0 && height > 0) Object.assign(facts, { width, height });
      return facts;
    }
    at += 8 + size + (size % 2); // chunks are padded to even sizes
  }
  return {};
}

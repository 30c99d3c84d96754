/**
 * Reads the parts of a zip package (an .xlsx) with node's zlib alone — not with the JSZip the writer uses —
 * to check what was written.
 */
import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";

/** Every entry (folders included, as written) → its uncompressed bytes. */
export function zipParts(file: string | Uint8Array): Map<string, Buffer> {
  const buf = typeof file === "string" ? readFileSync(file) : Buffer.from(file);
  const what = typeof file === "string" ? file : "zip";
  let eocd = -1;
  for (let i = buf.length - 22; i >= 0; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${what}: not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const parts = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${what}: bad central directory`);
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    if (parts.has(name)) throw new Error(`${what}: duplicate entry ${name}`);
    parts.set(name, method === 8 ? inflateRawSync(raw) : Buffer.from(raw));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return parts;
}

/** Every entry → its text (UTF-8). */
export function zipEntries(file: string | Uint8Array): Map<string, string> {
  return new Map([...zipParts(file)].map(([name, bytes]) => [name, bytes.toString("utf8")]));
}

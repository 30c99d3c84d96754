import { deflateRawSync } from "node:zlib";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import {
  crc32,
  crc32Combine,
  inflateChunks,
  inflateEntry,
  inflateEntryAsync,
  readZip,
  writeZip,
  ZipError,
  type ZipEntry,
} from "../../../src/cli/ooxml/zip";
import { zipParts } from "../zip";

async function jszip(files: Record<string, string | Uint8Array>, compression: "DEFLATE" | "STORE" = "DEFLATE") {
  const z = new JSZip();
  for (const [name, data] of Object.entries(files)) {
    if (name.endsWith("/")) z.folder(name.slice(0, -1));
    else z.file(name, data);
  }
  return z.generateAsync({ type: "uint8array", compression });
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const out: Uint8Array[] = [];
  for await (const c of chunks) out.push(c);
  return Buffer.concat(out);
}

const BIG = "<row>".repeat(100_000) + "中文".repeat(50_000);

describe("readZip and inflate", () => {
  it("lists the entries in order, and inflates them whole or in chunks, stored or deflated", async () => {
    for (const compression of ["DEFLATE", "STORE"] as const) {
      const bytes = await jszip({ "a.xml": "<a/>", "dir/": "", "dir/b.xml": BIG, "名字.xml": "x" }, compression);
      const entries = readZip(bytes);
      expect(entries.map((e) => e.name)).toEqual(["a.xml", "dir/", "dir/b.xml", "名字.xml"]);
      const b = entries[2];
      expect(Buffer.from(inflateEntry(b, 1e9)).toString()).toBe(BIG);
      expect((await collect(inflateChunks(b))).toString()).toBe(BIG);
      expect(Buffer.from(inflateEntry(entries[0], 100)).toString()).toBe("<a/>");
    }
  });

  it("refuses what is not a zip, a truncated one, and an entry whose data do not match its CRC or size", async () => {
    expect(() => readZip(Buffer.from("姓名,单位\n"))).toThrow(ZipError);
    const bytes = await jszip({ "a.xml": BIG });
    expect(() => readZip(bytes.subarray(0, bytes.length - 30))).toThrow(ZipError);
    expect(() => readZip(bytes.subarray(200))).toThrow(ZipError);

    const [entry] = readZip(bytes);
    const badCrc: ZipEntry = { ...entry, crc: (entry.crc + 1) >>> 0 };
    expect(() => inflateEntry(badCrc, 1e9)).toThrow(/已损坏/);
    await expect(collect(inflateChunks(badCrc))).rejects.toThrow(/已损坏/);
    // A "zip bomb" that says it is small: inflating stops at the size it admits to.
    const liar: ZipEntry = { ...entry, size: 1000 };
    expect(() => inflateEntry(liar, 1e9)).toThrow(ZipError);
    await expect(collect(inflateChunks(liar))).rejects.toThrow(ZipError);
    // One that says it is large is refused before inflating when read whole.
    expect(() => inflateEntry(entry, 1000)).toThrow(/过大/);
    const garbage: ZipEntry = { ...entry, raw: Buffer.from("not deflate data at all") };
    await expect(collect(inflateChunks(garbage))).rejects.toThrow(ZipError);
  });

  it("inflates in zlib's threads (checked by gunzip) what inflateEntry does, and refuses the same", async () => {
    const bytes = await jszip({ "a.xml": BIG, "e.xml": "" });
    const [entry, empty] = readZip(bytes);
    const outcome = (f: () => Uint8Array | Promise<Uint8Array>) =>
      Promise.resolve()
        .then(f)
        .then(
          (out) => ({ out: Buffer.from(out).toString() }),
          (e: Error) => ({ error: `${e.name}: ${e.message}` }),
        );
    const cases: ZipEntry[] = [
      entry,
      empty,
      { ...entry, crc: (entry.crc + 1) >>> 0 },
      { ...entry, size: 1000 },
      { ...entry, size: entry.size + 1 },
      { ...entry, raw: Buffer.from("not deflate data at all") },
      { ...entry, raw: entry.raw.subarray(0, entry.raw.length - 5) },
      // Bytes after the deflate stream: ignored by inflateRaw, so by the async one too.
      { ...entry, raw: Buffer.concat([entry.raw, Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])]) },
    ];
    for (const e of cases) {
      expect(await outcome(() => inflateEntryAsync(e, 1e9))).toStrictEqual(await outcome(() => inflateEntry(e, 1e9)));
    }
    expect(await outcome(() => inflateEntryAsync(entry, 1000))).toStrictEqual(
      await outcome(() => inflateEntry(entry, 1000)),
    );
  });

  it("computes the CRC-32 of zip (continuing from a previous value)", () => {
    const data = Buffer.from("The quick brown fox jumps over the lazy dog");
    expect(crc32(data)).toBe(0x414fa339);
    expect(crc32(data.subarray(10), crc32(data.subarray(0, 10)))).toBe(0x414fa339);
  });
});

describe("writeZip", () => {
  it("copies entries as they were compressed and deflates new ones; every zip reader reads the result", async () => {
    const bytes = await jszip({ "a.xml": BIG, "dir/": "", "b.bin": new Uint8Array([0, 1, 2, 255]) });
    const entries = readZip(bytes);
    const out = writeZip([
      { kind: "copy", entry: entries[0] },
      { kind: "copy", entry: entries[1] },
      { kind: "data", name: "c/新.xml", data: Buffer.from("<新/>"), time: 0, date: (20 << 9) | (1 << 5) | 1 },
      { kind: "copy", entry: entries[2] },
    ]);
    const again = readZip(out);
    expect(again.map((e) => e.name)).toEqual(["a.xml", "dir/", "c/新.xml", "b.bin"]);
    expect(Buffer.from(again[0].raw).equals(Buffer.from(entries[0].raw))).toBe(true); // not recompressed
    expect(again[2].method).toBe(8);
    const parts = zipParts(out);
    expect(parts.get("a.xml")!.toString()).toBe(BIG);
    expect(parts.get("c/新.xml")!.toString()).toBe("<新/>");
    const z = await JSZip.loadAsync(out);
    expect(await z.file("b.bin")!.async("uint8array")).toEqual(new Uint8Array([0, 1, 2, 255]));
    expect(z.file("c/新.xml")!.date.getUTCFullYear()).toBe(2000);
    expect(deflateRawSync(Buffer.from("<新/>")).length).toBe(again[2].compressedSize);
  });
});

describe("crc32Combine", () => {
  it("gives the CRC-32 of two pieces joined from the CRC-32 of each", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const [a, b] of [
      [0, 0],
      [1, 0],
      [0, 1],
      [5, 1],
      [3, 17],
      [1000, 4096],
      [70_000, 131_073],
    ]) {
      const x = Buffer.from(Array.from({ length: a }, () => Math.floor(random() * 256)));
      const y = Buffer.from(Array.from({ length: b }, () => Math.floor(random() * 256)));
      expect(crc32Combine(crc32(x), crc32(y), y.length)).toBe(crc32(Buffer.concat([x, y])));
    }
  });
});

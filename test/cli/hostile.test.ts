/**
 * The command line against hostile paths and files (issue 12, item 5): outputs never destroy a file — checked
 * before anything is written, written all or none, modes kept — and messages that say what to do.
 * Run as root here, so read-only files are made by their mode bits, never by a permission error alone.
 */
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonPieces, OutputStage, writeFailure } from "../../src/cli/files";
import { jsonForTerminal, terminalSafe } from "../../src/cli/io";
import { chartFileName } from "../../src/cli/png";
import { displayWidth } from "../../src/cli/table";
import { runCli } from "../../src/cli/main";
import { EXAMPLES_DIR } from "../support/examples";
import { zipEntries } from "./zip";
import { bigBook, gridBookToExcelJS } from "../excel/bigBook";
import { MAX_DECK_PORTRAITS } from "../../src/cli/commands/score";
import { crc32, DeflatingWriter, inflateEntry, readZip, writeZip, writeZipPieces } from "../../src/cli/ooxml/zip";
import { readXlsx } from "../../src/cli/xlsx";

const EX1 = join(EXAMPLES_DIR, "example-1.xlsx");
const ROOT = join(__dirname, "../..");

let dir: string;
let method: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kaoping-hostile-"));
  const example = JSON.parse(await readFile(join(EXAMPLES_DIR, "example-1.json"), "utf8")) as { method: unknown };
  method = join(dir, "method.json");
  await writeFile(method, JSON.stringify(example.method));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    today: () => "2025-06-30",
  });
  return { code, stdout, stderr };
}

/** A fresh directory per test. */
async function place(name: string): Promise<string> {
  const d = join(dir, name);
  await rm(d, { recursive: true, force: true });
  await mkdir(d, { recursive: true });
  return d;
}

/** Files left in a directory, temporary ones included. */
const listing = async (d: string) => (await readdir(d)).sort();

describe("outputs are checked before anything is written", () => {
  it("refuses --json on the --font file and leaves the font as it was", async () => {
    const d = await place("font");
    const font = join(d, "font.ttf");
    await writeFile(font, "not really a font");
    const r = await cli(["score", EX1, "--method", method, "--charts", join(d, "c"), "--font", font, "--json", font]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--json 不能与--font 字体文件是同一个文件/);
    expect(await readFile(font, "utf8")).toBe("not really a font");
    expect(existsSync(join(d, "c"))).toBe(false);
  });

  it("refuses a read-only existing output (by its mode bits) and keeps its content and mode", async () => {
    const d = await place("readonly");
    const json = join(d, "r.json");
    await writeFile(json, "keep");
    await chmod(json, 0o444);
    const r = await cli(["score", EX1, "--method", method, "--json", json, "-q"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--json 指向只读文件：${json}`);
    expect(await readFile(json, "utf8")).toBe("keep");
    expect(statSync(json).mode & 0o777).toBe(0o444);
  });

  it("refuses a target that is not a regular file (a named pipe) and leaves it in place", async () => {
    const d = await place("fifo");
    const fifo = join(d, "pipe");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const r = await cli(["score", EX1, "--method", method, "--json", fifo, "-q"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--json 指向的不是普通文件/);
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it("names the part of the path that is a file where a directory should be", async () => {
    const d = await place("notdir");
    await writeFile(join(d, "plain"), "x");
    const json = join(d, "r.json");
    const r = await cli(["score", EX1, "--method", method, "--json", json, "--out", join(d, "plain", "o.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(d, "plain")} 是文件而不是目录`);
    expect(r.stderr).not.toMatch(/ENOTDIR|EEXIST/);
    expect(await listing(d)).toEqual(["plain"]);
  });

  it("refuses two outputs on one file, also through a symbolic link", async () => {
    const d = await place("twice");
    await writeFile(join(d, "a.xlsx"), "old");
    await symlink(join(d, "a.xlsx"), join(d, "link.xlsx"));
    const r = await cli(["score", EX1, "--method", method, "--out", join(d, "a.xlsx"), "--json", join(d, "link.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out 与 --json 不能是同一个文件/);
    expect(await readFile(join(d, "a.xlsx"), "utf8")).toBe("old");
  });
});

describe("every command checks its outputs the same way", () => {
  it.each([["tally"], ["ballots"]])("%s refuses a read-only --out and leaves it as it was", async (command) => {
    const d = await place(`readonly-${command}`);
    const out = join(d, "o.xlsx");
    await writeFile(out, "keep");
    await chmod(out, 0o400);
    const r = await cli([command, EX1, "--out", out, "-q"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--out 指向只读文件：${out}`);
    expect(await readFile(out, "utf8")).toBe("keep");
  });

  it("term refuses --json on one of its workbooks", async () => {
    const r = await cli(["term", EX1, "--json", EX1, "-q"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--json 不能与第 1 个工作簿是同一个文件/);
  });
});

describe("all outputs or none", () => {
  it("leaves an earlier output untouched when a later one (a chart) cannot be written", async () => {
    const d = await place("none");
    const json = join(d, "r.json");
    await writeFile(json, "earlier run");
    const charts = join(d, "charts");
    // A directory where the first chart's file goes: found only when the charts are written.
    await mkdir(join(charts, "01-综合得分排名.png"), { recursive: true });
    const r = await cli(["score", EX1, "--method", method, "--json", json, "--charts", charts]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/01-综合得分排名\.png/);
    expect(r.stderr).toContain("未写出任何文件");
    expect(await readFile(json, "utf8")).toBe("earlier run");
    expect(await listing(d)).toEqual(["charts", "r.json"]);
    expect(await listing(charts)).toEqual(["01-综合得分排名.png"]);
  });

  it("keeps the mode of a file it replaces", async () => {
    const d = await place("mode");
    const json = join(d, "r.json");
    await writeFile(json, "old");
    await chmod(json, 0o640);
    const r = await cli(["score", EX1, "--method", method, "--json", json, "-q"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(await readFile(json, "utf8"))).toHaveProperty("leaders");
    expect(statSync(json).mode & 0o777).toBe(0o640);
  });

  it("puts back the files it replaced when a rename fails part-way, and leaves no temporary file", async () => {
    const d = await place("rollback");
    await writeFile(join(d, "a.txt"), "old a");
    const stage = new OutputStage();
    await stage.add(join(d, "a.txt"), "--a", "new a");
    await stage.add(join(d, "b.txt"), "--b", "new b");
    await stage.add(join(d, "c.txt"), "--c", "new c");
    // After staging, c.txt becomes a non-empty directory: renaming onto it fails.
    await mkdir(join(d, "c.txt", "inside"), { recursive: true });
    await expect(stage.commit()).rejects.toThrow(/无法写入 .*c\.txt/);
    expect(await readFile(join(d, "a.txt"), "utf8")).toBe("old a");
    expect(await listing(d)).toEqual(["a.txt", "c.txt"]);
  });

  it("writes bytes given in pieces whole and in order, more pieces than one system call takes", async () => {
    const d = await place("pieces");
    const pieces: Uint8Array[] = [];
    for (let i = 0; i < 3000; i++) pieces.push(i % 7 === 0 ? new Uint8Array(0) : Buffer.from(`${i},`.repeat(i % 50)));
    pieces.push(Buffer.alloc(3 << 20, 0x41));
    const stage = new OutputStage();
    await stage.add(join(d, "out.bin"), "--out", pieces);
    await stage.commit();
    expect(Buffer.compare(await readFile(join(d, "out.bin")), Buffer.concat(pieces))).toBe(0);
  });

  it("removes the directories it created when nothing is written", async () => {
    const d = await place("dirs");
    const stage = new OutputStage();
    await stage.add(join(d, "x", "y", "r.json"), "--json", "{}");
    await stage.abort();
    expect(await listing(d)).toEqual([]);
  });
});

describe("--charts into a folder of an earlier run", () => {
  it("removes only the PNGs named as --charts names them and not written again; says so", async () => {
    const d = await place("stale");
    const charts = join(d, "charts");
    await mkdir(charts);
    const mine = ["画像-99-旧人.png", "01-综合得分排名-7.png"];
    const theirs = ["照片.png", "notes.txt", "1-mine.png", "画像-封面.png"];
    for (const f of [...mine, ...theirs]) await writeFile(join(charts, f), "x");
    const r = await cli(["score", EX1, "--method", method, "--charts", charts]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/删除了上次生成、本次没有的 2 张旧图表/);
    const after = await listing(charts);
    for (const f of mine) expect(after).not.toContain(f);
    for (const f of theirs) expect(after).toContain(f);
    expect(after).toContain("01-综合得分排名.png");
    expect(after.filter((f) => f.endsWith(".tmp"))).toEqual([]);
    const loud = await cli(["score", EX1, "--method", method, "--charts", charts]);
    expect(loud.stdout).not.toMatch(/旧图表/); // nothing stale the second time
  });
});

describe("write failures in words", () => {
  it.each([
    ["EACCES", "没有写入权限"],
    ["ENOTDIR", "不是目录"],
    ["EEXIST", "已有同名的文件"],
    ["ENOSPC", "磁盘空间不足"],
    ["EROFS", "只读"],
  ])("%s names the path, the cause and that nothing was written", (code, words) => {
    const message = writeFailure("/x/r.json", Object.assign(new Error(code), { code }));
    expect(message).toContain("/x/r.json");
    expect(message).toContain(words);
    expect(message).toContain("未写出任何文件");
    expect(message).not.toContain(code);
  });
});

/** example-1 with its parts changed by `edit` (a JSZip of the package). */
async function repackaged(name: string, edit: (zip: JSZip) => Promise<void> | void): Promise<string> {
  const zip = await JSZip.loadAsync(await readFile(EX1));
  await edit(zip);
  const file = join(dir, name);
  await writeFile(file, await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
  return file;
}

const SHEET_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
const MACRO_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";

/** example-1 as a macro-enabled workbook: its content type, and a VBA project part with its relationship. */
async function xlsm(): Promise<string> {
  return repackaged("macro.xlsm", async (zip) => {
    const types = await zip.file("[Content_Types].xml")!.async("string");
    expect(types).toContain(SHEET_MAIN);
    zip.file(
      "[Content_Types].xml",
      types
        .replace(SHEET_MAIN, MACRO_MAIN)
        .replace("</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'),
    );
    const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
    zip.file(
      "xl/_rels/workbook.xml.rels",
      rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>',
      ),
    );
    zip.file("xl/vbaProject.bin", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]));
  });
}

describe("input files that are not what they claim", () => {
  it("refuses a device as the workbook at once, without reading it", async () => {
    const r = await cli(["score", "/dev/zero", "-q"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\/dev\/zero 不是普通文件/);
  });

  it("refuses a device as the method file at once", async () => {
    const r = await cli(["score", EX1, "--method", "/dev/zero", "-q"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/考核方法文件 \/dev\/zero：不是普通文件/);
  });

  it("says once that an OpenDocument spreadsheet is not an .xlsx", async () => {
    const zip = new JSZip();
    zip.file("mimetype", "application/vnd.oasis.opendocument.spreadsheet", { compression: "STORE" });
    zip.file(
      "content.xml",
      '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
    );
    zip.file("META-INF/manifest.xml", "<manifest/>");
    const ods = join(dir, "book.ods");
    await writeFile(ods, await zip.generateAsync({ type: "uint8array" }));
    const r = await cli(["score", ods, "-q"]);
    expect(r.code).toBe(2);
    expect(r.stderr.match(/不是有效的 \.xlsx 工作簿/g)).toHaveLength(1);
    expect(r.stderr).toMatch(/OpenDocument/);
    expect(r.stderr).not.toMatch(/缺少工作表/);
  });

  it("says once that a package whose sheets cannot be found is not a valid .xlsx (not 缺少工作表 four times)", async () => {
    const broken = await repackaged("lost-sheets.xlsx", async (zip) => {
      const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
      zip.file("xl/_rels/workbook.xml.rels", rels.replace(/Id="rId/g, 'Id="xId'));
    });
    const r = await cli(["score", broken, "-q"]);
    expect(r.code).toBe(2);
    expect(r.stderr.match(/不是有效的 \.xlsx 工作簿/g)).toHaveLength(1);
    expect(r.stderr).not.toMatch(/缺少工作表/);
  });

  it("keeps a macro workbook's macros and content type in an .xlsm copy, and refuses an .xlsx name for it", async () => {
    const input = await xlsm();
    const d = await place("xlsm");
    const wrong = await cli(["score", input, "--method", method, "--out", join(d, "scored.xlsx"), "-q"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/含宏（\.xlsm）.*--out 的文件名应以 \.xlsm 结尾/);
    expect(await listing(d)).toEqual([]);

    const out = join(d, "scored.xlsm");
    const r = await cli(["score", input, "--method", method, "--out", out, "-q"]);
    expect(r.code, r.stderr).toBe(0);
    const parts = zipEntries(out);
    expect(parts.get("[Content_Types].xml")).toContain(MACRO_MAIN);
    expect(parts.get("[Content_Types].xml")).not.toContain(SHEET_MAIN);
    expect(parts.has("xl/vbaProject.bin")).toBe(true);
    expect(parts.get("xl/workbook.xml")).toContain("考核结果");
  });

  it("refuses an .xlsm name for the copy of a workbook without macros (its content type says .xlsx)", async () => {
    const d = await place("not-xlsm");
    const r = await cli(["score", EX1, "--method", method, "--out", join(d, "scored.xlsm"), "-q"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/不含宏（\.xlsx）.*应以 \.xlsx 结尾/);
    expect(await listing(d)).toEqual([]);
    const ok = await cli(["score", EX1, "--method", method, "--out", join(d, "scored.xlsx"), "-q"]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(zipEntries(join(d, "scored.xlsx")).get("[Content_Types].xml")).toContain(SHEET_MAIN);
  });

  it("reads a method file saved as UTF-16 with its byte-order mark, and refuses one without it in words", async () => {
    const text = await readFile(method, "utf8");
    const expected = await cli(["score", EX1, "--method", method, "--json", "-"]);
    expect(expected.code, expected.stderr).toBe(0);
    const le = join(dir, "method-utf16le.json");
    await writeFile(le, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    const be = join(dir, "method-utf16be.json");
    await writeFile(be, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]));
    for (const file of [le, be]) {
      const r = await cli(["score", EX1, "--method", file, "--json", "-"]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(expected.stdout);
    }
    const bare = join(dir, "method-utf16-nobom.json");
    await writeFile(bare, Buffer.from(text, "utf16le"));
    const r = await cli(["score", EX1, "--method", bare, "-q"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/不是 UTF-8 编码的文本.*另存为 UTF-8/);
  });
});

describe("--json -", () => {
  it("writes the result document to stdout alone, and no file named -", async () => {
    const d = await place("stdout");
    // As a user runs it, from their own folder: the bundle is rebuilt first when a source changed.
    const r = spawnSync(
      "npm",
      ["--prefix", ROOT, "run", "--silent", "cli", "--", "score", EX1, "--method", method, "--json", "-"],
      { cwd: d, encoding: "utf8", timeout: 60_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { leaders: { name: string }[] };
    expect(doc.leaders.map((l) => l.name)).toContain("甲");
    expect(await listing(d)).toEqual([]);
  });

  it("keeps the notes of the other outputs off stdout", async () => {
    const d = await place("stdout-notes");
    const r = await cli(["score", EX1, "--method", method, "--json", "-", "--out", join(d, "o.xlsx")]);
    expect(r.code, r.stderr).toBe(0);
    expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
    expect(r.stderr).toContain(`已写入 ${join(d, "o.xlsx")}`);
  });
});

/** What a terminal acts on: C0 but tab and newline, DEL, C1, bidirectional controls. */
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** example-1 with 甲's name (in every sheet) holding a colour sequence, a C1 CSI, a right-to-left override, BEL. */
const hostileNames = () =>
  repackaged("escapes.xlsx", async (zip) => {
    for (const name of Object.keys(zip.files).filter((n) => n.startsWith("xl/worksheets/"))) {
      const xml = await zip.file(name)!.async("string");
      zip.file(name, xml.replaceAll("<t>&#30002;</t>", "<t>&#30002;&#x1b;[31m&#x9b;2J&#x202e;&#x7;&#x200b;/..</t>"));
    }
  });

describe("text from the workbook never drives the terminal", () => {
  it("shows escape and bidirectional characters in the stdout table as <U+…>, the columns still aligned", async () => {
    const r = await cli(["score", await hostileNames(), "--method", method]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(RAW);
    expect(r.stderr).not.toMatch(RAW);
    const rows = r.stdout.split("\n").filter((l) => /^\s+\d+\s/.test(l));
    expect(rows.length).toBeGreaterThan(1);
    // 单位 starts in the same column on every row (the escape shown, not measured as zero-width).
    const column = (l: string) => displayWidth(l.slice(0, l.search(/[一二三四]公司/)));
    expect(new Set(rows.map(column)).size).toBe(1);
  });

  it("neutralizes them in the stderr lines too", async () => {
    // Without the method the example's leaders are held back, each named in a warning on stderr.
    const r = await cli(["score", await hostileNames(), "-q"]);
    expect(r.stderr).toMatch(/甲/);
    expect(r.stderr).not.toMatch(RAW);
  });

  it("terminalSafe shows every unsafe character and keeps the rest; JSON for a terminal is the same value", () => {
    const text = "a\u001b[2Jb\u009b\u202e\u2066c\rd\u007f\te\n中";
    expect(terminalSafe(text)).toBe("a<U+001B>[2Jb<U+009B><U+202E><U+2066>c<U+000D>d<U+007F>\te\n中");
    const json = JSON.stringify({ name: "甲\u009b\u202e\u001b" });
    expect(jsonForTerminal(json)).not.toMatch(RAW);
    expect(JSON.parse(jsonForTerminal(json))).toEqual(JSON.parse(json));
  });
});

describe("PNG file names from leader names", () => {
  it.each([
    ["画像-01-张\u202egnp.exe", "画像-01-张gnp.exe.png"],
    ["画像-01-张\u200b三\u200d\u2060\u00ad\ufeff", "画像-01-张三.png"],
    ["画像-01-a/b\\c:d", "画像-01-a_b_c_d.png"],
    ["画像-01-x\u0007\u001b\u0085y", "画像-01-x__y.png"],
    ["CON", "_CON.png"],
    ["lpt1.txt", "_lpt1.txt.png"],
    ["\u202e", "_.png"],
  ])("%j → %j", (name, file) => {
    expect(chartFileName(name)).toBe(file);
  });

  it("--charts writes portraits whose names hold no override, invisible or control character", async () => {
    const d = await place("png-names");
    const r = await cli(["score", await hostileNames(), "--method", method, "--charts", d, "-q"]);
    expect(r.code, r.stderr).toBe(0);
    const files = await listing(d);
    expect(files.some((f) => f.startsWith("画像-01-甲"))).toBe(true);
    for (const f of files) {
      expect(f).not.toMatch(RAW);
      expect(f).not.toMatch(/[\u200b-\u200d\u2060\ufeff]/);
    }
  });
});

describe("memory bounds", () => {
  it("refuses a portrait slide per leader beyond the cap, before building the deck, and points to --charts", async () => {
    const d = await place("portraits");
    const book = join(d, "big.xlsx");
    await gridBookToExcelJS(bigBook(MAX_DECK_PORTRAITS + 1)).xlsx.writeFile(book);
    const deck = join(d, "deck.pptx");
    const r = await cli(["score", book, "--pptx", deck, "--pptx-portraits", "-q"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`最多 ${MAX_DECK_PORTRAITS} 人，本工作簿有 ${MAX_DECK_PORTRAITS + 1} 人`);
    expect(r.stderr).toMatch(/--charts/);
    expect(await listing(d)).toEqual(["big.xlsx"]);
  });
});

describe("a large part deflated a block at a time", () => {
  it("gives one valid deflate stream with the right CRC and size, whatever the pieces", async () => {
    const w = new DeflatingWriter();
    const pieces: string[] = [];
    for (let i = 0; i < 120_000; i++)
      pieces.push(`<row r="${i + 1}"><c><v>${i}</v></c><c t="s"><v>甲乙丙${i % 97}</v></c></row>`);
    pieces.splice(50_000, 0, "长".repeat(2_000_000)); // one piece larger than a block
    for (const p of pieces) w.append(p);
    const text = pieces.join("");
    expect(Buffer.byteLength(text)).toBeGreaterThan(3 * (4 << 20));
    const zip = writeZip([await w.output("xl/worksheets/sheet9.xml", 0, 0)]);
    const [entry] = readZip(zip);
    // inflateEntry checks the size and the CRC of what it inflates.
    expect(Buffer.from(inflateEntry(entry, 1 << 30)).toString("utf8")).toBe(text);
  });

  it("puts text prepended at the end before all that was appended, in one block and across blocks", async () => {
    const head = '<?xml version="1.0"?><worksheet><dimension ref="A1:B120000"/><sheetData>';
    // One block: the bytes are moved up, and the part stays plain bytes.
    const small = new DeflatingWriter();
    small.append("<row/>");
    small.append("</sheetData></worksheet>");
    small.prepend(head);
    small.end();
    expect(Buffer.from(await small.bytes()).toString()).toBe(`${head}<row/></sheetData></worksheet>`);
    // Several blocks, already deflated: the head is a block of its own, and the CRC covers it.
    const w = new DeflatingWriter();
    const pieces: string[] = [];
    for (let i = 0; i < 120_000; i++) pieces.push(`<row r="${i + 1}"><c t="s"><v>甲乙丙${i % 97}</v></c></row>`);
    for (const p of pieces) w.append(p);
    w.prepend(`${head}一`);
    w.end();
    const text = `${head}一${pieces.join("")}`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(4 << 20);
    const [entry] = readZip(writeZip([await w.output("xl/worksheets/sheet1.xml", 0, 0)]));
    expect(entry.crc).toBe(crc32(Buffer.from(text)));
    expect(Buffer.from(inflateEntry(entry, 1 << 30)).toString("utf8")).toBe(text);
  });

  it("keeps a part of several blocks in the pieces it was deflated in, which make writeZip's bytes", async () => {
    const w = new DeflatingWriter();
    for (let i = 0; i < 200_000; i++) w.append(`<row r="${i + 1}"><c t="s"><v>甲乙丙${i % 97}</v></c></row>`);
    w.end();
    const out = await w.output("xl/worksheets/sheet1.xml", 0, 0);
    expect(out.kind).toBe("pieces");
    const pieces = out.kind === "pieces" ? out.pieces : [];
    expect(pieces.length).toBeGreaterThan(2);
    const joined = writeZipPieces([out]);
    expect(Buffer.compare(Buffer.concat(joined), writeZip([out]))).toBe(0);
    // The deflated pieces themselves, not a copy of them joined.
    expect(joined.filter((p) => pieces.includes(p))).toHaveLength(pieces.length);
    const [entry] = readZip(writeZip([out]));
    expect(entry.compressedSize).toBe(pieces.reduce((n, p) => n + p.length, 0));
    expect(Buffer.from(inflateEntry(entry, 1 << 30)).toString("utf8")).toMatch(/<row r="200000">/);
  });

  it("keeps a small part as plain bytes", async () => {
    const w = new DeflatingWriter();
    w.append("<a/>");
    expect(await w.output("a.xml", 0, 0)).toMatchObject({ kind: "data" });
    expect(Buffer.from(await w.bytes()).toString()).toBe("<a/>");
  });

  it("writes a 计算明细 sheet of several blocks that reads back whole (--formulas, 400 leaders)", async () => {
    const d = await place("formulas");
    const book = join(d, "big.xlsx");
    await gridBookToExcelJS(bigBook(400)).xlsx.writeFile(book);
    const out = join(d, "out.xlsx");
    const r = await cli(["score", book, "--out", out, "--formulas", "-q"]);
    expect(r.code, r.stderr).toBe(0);
    const sheet = [...zipEntries(out)].find(([, xml]) => xml.includes("<sheetData>") && xml.length > 4 << 20);
    expect(sheet).toBeDefined();
    const details = (await readXlsx(out)).book.find((g) => g.name === "计算明细");
    expect(details?.rows.length).toBeGreaterThan(400);
  });
});

describe("the result document written a piece at a time", () => {
  it.each([
    ["a document", { a: 1, b: [1, { c: "x\ny", d: [] }], e: {}, f: undefined, g: null, h: [undefined, 2] }],
    ["an empty array", []],
    ["a string", "甲"],
    ["nested arrays", [[1, [2, [3]]], { k: [{ z: 1 }] }]],
    ["a date", { when: new Date(Date.UTC(2025, 0, 2)) }],
  ])("gives exactly JSON.stringify(…, null, 2) for %s", (_, value) => {
    expect([...jsonPieces(value)].join("")).toBe(JSON.stringify(value, null, 2));
  });

  it("writes the same --json file as the document stringified whole", async () => {
    const d = await place("json-pieces");
    const file = join(d, "r.json");
    const r = await cli(["score", EX1, "--method", method, "--json", file, "-q"]);
    expect(r.code, r.stderr).toBe(0);
    const whole = await cli(["score", EX1, "--method", method, "--json", "-"]);
    expect(await readFile(file, "utf8")).toBe(whole.stdout);
  });
});

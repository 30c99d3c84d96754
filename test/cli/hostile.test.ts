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
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutputStage, writeFailure } from "../../src/cli/files";
import { runCli } from "../../src/cli/main";
import { EXAMPLES_DIR } from "../support/examples";

const EX1 = join(EXAMPLES_DIR, "example-1.xlsx");

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

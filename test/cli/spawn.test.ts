/** The command line as a user runs it: `npm run --silent cli -- score …` in a child process. */
import { spawnSync } from "node:child_process";
import { existsSync, statSync, utimesSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Expected } from "../support/case";
import { compareResults } from "../support/compare";
import { EXAMPLES_DIR } from "../support/examples";

const ROOT = resolve(__dirname, "../..");
const EXAMPLES = EXAMPLES_DIR;

let dir: string;
let method: string;
let broken: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kaoping-spawn-"));
  const example = JSON.parse(await readFile(join(EXAMPLES, "example-1.json"), "utf8")) as { method: unknown };
  method = join(dir, "method.json");
  await writeFile(method, JSON.stringify(example.method));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(EXAMPLES, "example-1.xlsx"));
  wb.getWorksheet("工作评价")!.getCell("C3").value = 120; // 党的建设 outside [0, 100]
  broken = join(dir, "broken.xlsx");
  await wb.xlsx.writeFile(broken);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function npmCli(args: string[]) {
  return spawnSync("npm", ["run", "--silent", "cli", "--", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    // A time zone far from UTC: dates and the day of the run must not depend on it.
    env: { ...process.env, TZ: "America/Los_Angeles", NO_COLOR: "1" },
    timeout: 60_000,
  });
}

describe("npm run --silent cli -- score", () => {
  it("scores example-1 with its method: exit 0, the table on stdout, the JSON file as expected", async () => {
    const json = join(dir, "result.json");
    const out = join(dir, "scored.xlsx");
    const r = npmCli(["score", join(EXAMPLES, "example-1.xlsx"), "--method", method, "--json", json, "--out", out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^排名\s+姓名\s+单位/);
    expect(r.stdout).toMatch(/^\s*1\s+甲\s+一公司/m);
    expect(r.stdout).toContain("优秀名额 q = 1");
    const doc = JSON.parse(await readFile(json, "utf8")) as unknown;
    const expected = JSON.parse(await readFile(join(EXAMPLES, "example-1.expected.json"), "utf8")) as Expected;
    expect(compareResults(doc, expected)).toEqual([]); // exact, as docs/method.md §5 rounds
    expect(existsSync(out)).toBe(true);
  });

  it("exits 1 with addressed errors for a broken workbook and 2 for bad usage", async () => {
    const out = join(dir, "broken-scored.xlsx");
    const errors = npmCli(["score", broken, "--method", method, "--out", out]);
    expect(errors.status).toBe(1);
    expect(errors.stdout).toBe("");
    expect(errors.stderr).toMatch(/^工作评价!C3 错误：/);
    expect(existsSync(out)).toBe(false);

    const notXlsx = join(dir, "notes.xlsx");
    await writeFile(notXlsx, "这不是工作簿");
    const usage = npmCli(["score", notXlsx, "--json", join(dir, "never.json")]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/不是有效的 \.xlsx 工作簿/);
    expect(existsSync(join(dir, "never.json"))).toBe(false);

    const font = npmCli([
      "score",
      join(EXAMPLES, "example-1.xlsx"),
      "--charts",
      join(dir, "charts"),
      "--font",
      join(dir, "none.ttf"),
    ]);
    expect(font.status).toBe(2);
    expect(font.stderr).toMatch(/找不到字体文件/);
    expect(existsSync(join(dir, "charts"))).toBe(false);
  });
});

describe("npm run cli: the compiled command line", () => {
  it("takes relative paths from where the user stands, not from the project's root", async () => {
    const here = join(dir, "here");
    await rm(here, { recursive: true, force: true });
    await mkdir(here, { recursive: true });
    await copyFile(join(EXAMPLES, "example-1.xlsx"), join(here, "book.xlsx"));
    const r = spawnSync(
      "npm",
      ["--prefix", ROOT, "run", "--silent", "cli", "--", "score", "book.xlsx", "--json", "r.json", "-q"],
      {
        cwd: here,
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(here, "r.json"))).toBe(true);
    expect(existsSync(join(ROOT, "r.json"))).toBe(false);
  });

  it("runs the bundle with a code cache made for that very file, and the same with a cache that does not match", async () => {
    expect(npmCli(["--help"]).status).toBe(0); // built
    const cache = join(ROOT, "dist-cli/kaoping.main.cache");
    const score = (json: string) => {
      const r = spawnSync(
        "node",
        [join(ROOT, "dist-cli/kaoping.cjs"), "score", join(EXAMPLES, "example-1.xlsx"), "--json", json, "-q"],
        {
          encoding: "utf8",
          timeout: 60_000,
        },
      );
      expect(r.status, r.stderr).toBe(0);
      return readFile(json, "utf8");
    };
    await rm(cache, { force: true });
    const first = await score(join(dir, "c1.json"));
    expect(existsSync(cache)).toBe(true); // made by the first run of score
    const made0 = statSync(cache);
    const second = await score(join(dir, "c2.json"));
    expect(second).toBe(first);
    // Used, not replaced (a replaced cache is a new file): V8 accepted it, flags and all.
    expect(statSync(cache).ino).toBe(made0.ino);
    expect(statSync(cache).mtimeMs).toBe(made0.mtimeMs);
    // A cache of other bytes (its key changed, as after a rebuild) is not used, and is replaced.
    const made = await readFile(cache);
    made[0] ^= 0xff;
    await writeFile(cache, made);
    expect(await score(join(dir, "c3.json"))).toBe(first);
    expect((await readFile(cache))[0]).toBe(made[0] ^ 0xff);
    // The key names the bundle's file as it was: one written since (here only touched) does not use it.
    const bundle = join(ROOT, "dist-cli/kaoping.main.cjs");
    const before = await readFile(cache);
    const later = new Date(statSync(bundle).mtimeMs + 5000);
    utimesSync(bundle, later, later);
    expect(await score(join(dir, "c4.json"))).toBe(first);
    expect((await readFile(cache)).equals(before)).toBe(false);
    expect(await score(join(dir, "c5.json"))).toBe(first);
  });

  it("rebuilds its bundle when a source is newer, so a changed source never runs stale", () => {
    const bundle = join(ROOT, "dist-cli/kaoping.cjs");
    expect(npmCli(["--help"]).status).toBe(0);
    // Every source is now newer than a bundle from an hour ago.
    const past = new Date(Date.now() - 3_600_000);
    utimesSync(bundle, past, past);
    expect(npmCli(["--help"]).status).toBe(0);
    const built = statSync(bundle).mtimeMs;
    expect(built).toBeGreaterThan(past.getTime() + 1000);
    // Up to date now: run again without building.
    expect(npmCli(["--help"]).status).toBe(0);
    expect(statSync(bundle).mtimeMs).toBe(built);
  });
});

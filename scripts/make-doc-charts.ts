/**
 * Regenerates the chart images of docs/charts that the README shows, as the command line writes them:
 *
 *   npx tsx scripts/make-doc-charts.ts
 *
 * Scores assets/sample.xlsx (as `npm run demo` does) with --charts and --pptx into out/doc-charts/, copies the
 * meeting charts and one 个人考核画像 into docs/charts/ under short names, and renders slides of the deck with
 * LibreOffice Impress (PDF) and poppler's pdftoppm (PNG at 120 dpi: 1600 × 900). Needs soffice and pdftoppm.
 * Look at every image before committing it.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "../src/cli/main";

const ROOT = join(__dirname, "..");
const OUT = join(ROOT, "out", "doc-charts");
const DOCS = join(ROOT, "docs", "charts");

/** PNG of the CLI → name in docs/charts. */
const CHARTS: [string, string][] = [
  ["00-优秀等次的确定.png", "decisions.png"],
  ["00-需集体研究事项.png", "matters.png"],
  ["01-综合得分排名.png", "ranking.png"],
  ["02-等次分布.png", "distribution.png"],
  ["03-工作业绩与民主测评.png", "quadrant.png"],
  ["04-民主测评分项.png", "heatmap.png"],
  ["05-测评票构成.png", "votes.png"],
  ["06-经营指标完成情况.png", "indicators.png"],
  ["画像-05-孙立成.png", "portrait.png"],
];

/** Slide number of the deck → name in docs/charts. */
const SLIDES: [number, string][] = [
  [2, "deck-decisions.png"],
  [3, "deck-matters.png"],
  [4, "deck-ranking.png"],
];

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 300_000 });
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr}`);
}

async function main(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const deck = join(OUT, "meeting.pptx");
  const code = await runCli(
    [
      "score",
      join(ROOT, "assets", "sample.xlsx"),
      "--reference-date",
      "2025-12-31",
      "--charts",
      join(OUT, "charts"),
      "--pptx",
      deck,
      "--quiet",
    ],
    { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) },
  );
  if (code !== 0) throw new Error(`score exited ${code}`);
  mkdirSync(DOCS, { recursive: true });
  for (const [from, to] of CHARTS) copyFileSync(join(OUT, "charts", from), join(DOCS, to));

  const profile = join(OUT, "lo-profile");
  run("soffice", [
    `-env:UserInstallation=file://${profile}`,
    "--headless",
    "--norestore",
    "--convert-to",
    "pdf",
    "--outdir",
    OUT,
    deck,
  ]);
  for (const [n, to] of SLIDES) {
    const prefix = join(OUT, `slide-${n}`);
    run("pdftoppm", [
      "-r",
      "120",
      "-png",
      "-f",
      String(n),
      "-l",
      String(n),
      "-singlefile",
      join(OUT, "meeting.pdf"),
      prefix,
    ]);
    copyFileSync(`${prefix}.png`, join(DOCS, to));
  }
  rmSync(join(DOCS, "deck-slide.png"), { force: true });
  console.log(`docs/charts: ${readdirSync(DOCS).sort().join(", ")}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

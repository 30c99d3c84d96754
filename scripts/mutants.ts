/**
 * `npm run mutants`: evidence that the quick tests fail on real defects. Each mutation below is a bug a person
 * could write (most were found surviving a green suite, issue 13); the script applies them one at a time to a
 * copy of the project and runs the quick tests there (engine with golden, method, oracle, differential),
 * then reports for each whether the suite caught it (a non-zero exit) and which tests failed.
 *
 *   npm run mutants                          every mutation
 *   npm run mutants -- quota-round cap-unfit  only those (by name)
 *   npm run mutants -- --list                 checks that every mutation still applies, lists them, runs nothing
 *   npm run mutants -- --tests test/engine,test/cli/commands.test.ts   other test paths
 *
 * The working tree is never touched: the copy lives in a temporary folder (node_modules symlinked) and is
 * removed at the end. A mutation's search text must occur exactly once in its file, or the script stops
 * before running anything: a refactor must not silently turn a mutation into a no-op.
 * Exit code: 0 every mutation caught, 1 some survived, 2 the setup failed (search text, baseline not green).
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative, resolve } from "node:path";

interface Edit {
  search: string;
  replace: string;
}

interface Mutation {
  name: string;
  /** What the mutation does, as the report shows it. */
  what: string;
  file: string;
  edits: Edit[];
}

const one = (name: string, what: string, file: string, search: string, replace: string): Mutation => ({
  name,
  what,
  file,
  edits: [{ search, replace }],
});

const DEMOCRATIC = "src/engine/democratic.ts";
const ENGINE = "src/engine/index.ts";
const GRADING = "src/engine/grading.ts";
const ECONOMIC = "src/engine/economic.ts";
const QUALIFICATION = "src/engine/qualification.ts";
const DEFAULTS = "src/method/defaults.ts";

const MUTATIONS: Mutation[] = [
  // ── The mutations of issue 13's "Why" ─────────────────────────────────────────────────────────────────
  {
    name: "group-d-rounded",
    what: "each evaluator group's D rounded to 2 decimals before the groups are combined",
    file: DEMOCRATIC,
    edits: [
      {
        search: `import type { DemocraticMethod } from "../method/types";`,
        replace: `import type { DemocraticMethod } from "../method/types";\nimport { roundHalfAway } from "./round";`,
      },
      {
        search: "groups.push({ group: g.name, weight: g.weight, ballots, dimensions: dims, value });",
        replace:
          "groups.push({ group: g.name, weight: g.weight, ballots, dimensions: dims, value: value === null ? null : roundHalfAway(value, 2) });",
      },
    ],
  },
  one(
    "math-round",
    "the rounding helper replaced by Math.round(x·10^d)/10^d (binary halves, −x.5 towards +∞)",
    "src/engine/round.ts",
    `  const scaled = Number((Math.abs(x) * p).toPrecision(15));
  const r = Math.floor(scaled + 0.5) / p;
  return x < 0 && r !== 0 ? -r : r;`,
    "  return Math.round(x * p) / p;",
  ),
  one("min-work-years-8", "default minWorkYears 10 → 8", DEFAULTS, "minWorkYears: 10,", "minWorkYears: 8,"),
  one("min-post-years-4", "default minPostYears 5 → 4", DEFAULTS, "minPostYears: 5,", "minPostYears: 4,"),
  one(
    "adjustment-null",
    "an adjustment of 0 reported as null (`|| null`)",
    ENGINE,
    "adjustment: roundScore(adj.value) as number,",
    "adjustment: (roundScore(adj.value) || null) as number,",
  ),
  one(
    "key-tasks-null",
    "a 重点工作 of 0 (未完成) reported as null (`||` for `??`)",
    ENGINE,
    "keyTasks: roundScore(w?.keyTasks.value ?? null),",
    "keyTasks: roundScore(w?.keyTasks.value || null),",
  ),
  one(
    "qual-unknown-dropped",
    "qualification: `unknown` left empty in the result",
    QUALIFICATION,
    "    unknown,\n    notices,\n",
    "    unknown: [],\n    notices,\n",
  ),
  one(
    "qual-notices-dropped",
    "qualification: `notices` left empty in the result",
    QUALIFICATION,
    "    notices,\n    checks,\n",
    "    notices: [],\n    checks,\n",
  ),
  one(
    "qual-unit-dropped",
    "qualification: the candidate's unit left out",
    QUALIFICATION,
    "    unit: c.unit,\n",
    '    unit: "",\n',
  ),

  // ── Grading and ranking ────────────────────────────────────────────────────────────────────────────────
  one("cap-unfit-ge", "不称职 cap at exactly one third (≥ for >)", GRADING, "3 * n4 > N", "3 * n4 >= N"),
  one(
    "cap-competent-le",
    "称职以上 cap at exactly two thirds (≤ for <)",
    GRADING,
    "3 * (n1 + n2) < 2 * N",
    "3 * (n1 + n2) <= 2 * N",
  ),
  one(
    "quota-round",
    "the 优秀 quota with round instead of floor",
    GRADING,
    'rounding === "floor" ? div(num, den)',
    'rounding === "floor" ? div(2 * num + den, 2 * den)',
  ),
  one(
    "quota-tie-dropped",
    "a rank shared across the quota boundary loses 优秀 without going to collective study",
    GRADING,
    ': before < q ? "quotaTie" : "excellentQuota"',
    ': "excellentQuota"',
  ),
  one("band-gt", "bands compared with > instead of ≥ (F = 90 is not 优秀)", GRADING, "final >= b.min", "final > b.min"),
  one(
    "tie-p-d-swapped",
    "tie-break keys: D before P",
    ENGINE,
    "const keys: RankKeys[] = graded.map((x) => [x.final, x.workScore, x.democratic, x.excellentRate, x.economic]);",
    "const keys: RankKeys[] = graded.map((x) => [x.final, x.democratic, x.workScore, x.excellentRate, x.economic]);",
  ),
  one(
    "tie-rate-e-swapped",
    "tie-break keys: E before 优秀率",
    ENGINE,
    "const keys: RankKeys[] = graded.map((x) => [x.final, x.workScore, x.democratic, x.excellentRate, x.economic]);",
    "const keys: RankKeys[] = graded.map((x) => [x.final, x.workScore, x.democratic, x.economic, x.excellentRate]);",
  ),
  one(
    "rank-unrounded-f",
    "ranking on the unrounded F (docs/method.md §5 ranks the rounded values)",
    ENGINE,
    "const keys: RankKeys[] = graded.map((x) => [x.final, x.workScore,",
    "const keys: RankKeys[] = graded.map((x) => [x.finalRaw, x.workScore,",
  ),

  // ── Scores ─────────────────────────────────────────────────────────────────────────────────────────────
  one(
    "bonus-uncapped",
    "加分 not capped at maxBonus",
    "src/engine/adjustment.ts",
    "const bonusCounted = Math.min(bonusTotal, maxBonus);",
    "const bonusCounted = bonusTotal;",
  ),
  one(
    "unit-items-ignored",
    "加减分 rows with 姓名 blank (the whole unit) ignored",
    ENGINE,
    "it.nameKey === null ? input.leaders.filter((l) => l.unitKey === it.unitKey) :",
    "it.nameKey === null ? [] :",
  ),
  one(
    "ballots-summed",
    "a group's ballots the sum over dimensions instead of the largest",
    DEMOCRATIC,
    "const ballots = Math.max(...dims.map((d) => d.total));",
    "const ballots = dims.reduce((s, d) => s + d.total, 0);",
  ),
  one(
    "min-ballots-le",
    "D missing at exactly minBallots (≤ for <)",
    DEMOCRATIC,
    "else if (ballots < m.minBallots)",
    "else if (ballots <= m.minBallots)",
  ),
  one(
    "empty-dimension-zero",
    "a (group, dimension) with no votes counted as 0 instead of left out",
    DEMOCRATIC,
    "row.counts.reduce((s, n, i) => s + n * points[i], 0) / total : null;",
    "row.counts.reduce((s, n, i) => s + n * points[i], 0) / total : 0;",
  ),
  one(
    "loss-no-reduction",
    "a reduced loss not halved (r = 0.5 ignored)",
    ECONOMIC,
    "d = (r * (A - T)) / absT;",
    "d = (A - T) / absT;",
  ),
  one(
    "loss-bonus-uncapped",
    "a loss target's bonus capped at maxBonusPoints, not lossMaxBonusPoints",
    ECONOMIC,
    "const upper = T < 0 ? m.lossMaxBonusPoints : m.maxBonusPoints;",
    "const upper = m.maxBonusPoints;",
  ),
  one(
    "below-base-le",
    "an indicator exactly on target (s = 1) triggers the below-base rule",
    ECONOMIC,
    "const belowBase = indicators.some((x) => x.available && (x.score as number) < 1);",
    "const belowBase = indicators.some((x) => x.available && (x.score as number) <= 1);",
  ),
  one(
    "share-unrounded",
    "available weight share compared unrounded (2/3 < 0.6667)",
    ECONOMIC,
    "roundHalfAway(availableWeight / totalWeight, 4)",
    "availableWeight / totalWeight",
  ),
  one(
    "stepwise-floor",
    "stepwise points floored instead of truncated toward zero",
    ECONOMIC,
    "steps = Math.trunc(steps + Math.sign(steps) * EPS);",
    "steps = Math.floor(steps + EPS);",
  ),
  one(
    "still-in-loss-zero",
    "an actual of exactly 0 against a loss target counted as still in loss",
    ECONOMIC,
    "x.actual !== null && x.actual < 0);",
    "x.actual !== null && x.actual <= 0);",
  ),
  one(
    "guide-not-zeroed",
    "党建工作指导员 keeps W_E",
    "src/engine/work.ts",
    'const zeroed = mode === "党建工作指导员";',
    "const zeroed = false;",
  ),

  // ── Qualification ──────────────────────────────────────────────────────────────────────────────────────
  one(
    "birthday-not-counted",
    "full years: the birthday on the reference date not yet counted",
    QUALIFICATION,
    "(at.m === from.m && at.d < from.d)",
    "(at.m === from.m && at.d <= from.d)",
  ),
  one(
    "ladder-gt",
    "education and title must exceed the minimum (> for ≥)",
    QUALIFICATION,
    "return l >= minLevel",
    "return l > minLevel",
  ),
  one(
    "qual-unknown-first",
    "待核实 takes precedence over 不符合",
    QUALIFICATION,
    'result: unmet.length > 0 ? "不符合" : unknown.length > 0 ? "待核实" : "符合",',
    'result: unknown.length > 0 ? "待核实" : unmet.length > 0 ? "不符合" : "符合",',
  ),

  // ── Defaults (docs/method.md §7) ────────────────────────────────────────────────────────────────────────────
  one("min-age-34", "default minAge 35 → 34", DEFAULTS, "minAge: 35,", "minAge: 34,"),
  one("min-party-years-4", "default minPartyYears 5 → 4", DEFAULTS, "minPartyYears: 5,", "minPartyYears: 4,"),
  one("min-departments-2", "default minDepartments 3 → 2", DEFAULTS, "minDepartments: 3,", "minDepartments: 2,"),
  one("max-bonus-6", "default final.maxBonus 5 → 6", DEFAULTS, "maxBonus: 5 }", "maxBonus: 6 }"),
  one(
    "quota-25",
    "default excellentQuotaPercent 20 → 25",
    DEFAULTS,
    "excellentQuotaPercent: 20,",
    "excellentQuotaPercent: 25,",
  ),
  one("veto-cap-competent", "default vetoCap 基本称职 → 称职", DEFAULTS, 'vetoCap: "基本称职",', 'vetoCap: "称职",'),
  one("min-ballots-3", "default minBallots 5 → 3", DEFAULTS, "minBallots: 5,", "minBallots: 3,"),
  one(
    "loss-max-bonus-4",
    "default lossMaxBonusPoints 3 → 4",
    DEFAULTS,
    "lossMaxBonusPoints: 3,",
    "lossMaxBonusPoints: 4,",
  ),
  one("ties-dense", "default ranking.ties competition → dense", DEFAULTS, 'ties: "competition"', 'ties: "dense"'),
  // ── docs/method.md §10 and §12 ───────────────────────────────────────────────────────────────────────
  one(
    "personal-precedence",
    "personal circumstances decided by the weakest rule instead of the strongest",
    "src/engine/personal.ts",
    "const effect = PERSONAL_EFFECTS.find(",
    "const effect = [...PERSONAL_EFFECTS].reverse().find(",
  ),
  one(
    "personal-days-strict",
    "a rule counted in days applies only above minDays, not at it",
    "src/engine/personal.ts",
    "(days as number) >= minDays",
    "(days as number) > minDays",
  ),
  one(
    "overall-rates-pooled",
    "the rates and vote rules pooled over the dimensions even when the leader has 综合评价 rows",
    DEMOCRATIC,
    "const totals = hasOverall ? overallTotals : pooled;",
    "const totals = pooled;",
  ),
  one(
    "quota-groups-ignored",
    "one quota over everybody although the method names a quota group column",
    ENGINE,
    'const groupKey = (x: (typeof partial)[number]) => x.leader.quotaGroup?.key ?? "";',
    'const groupKey = (x: (typeof partial)[number]) => (x.leader.quotaGroup ? "" : "");',
  ),
  one(
    "vote-caps-always",
    "the vote rules lower the grade even under voteCaps flag",
    GRADING,
    'const votesApply = m.voteCaps === "cap";',
    "const votesApply = true;",
  ),
  one(
    "no-grade-as-pending",
    "不确定等次 (noGrade) reported as 暂缓评定",
    ENGINE,
    'x.finalRaw === null || x.personal.effect === "pending"',
    'x.finalRaw === null || x.personal.effect === "pending" || x.personal.effect === "noGrade"',
  ),
  one(
    "committee-ignored",
    "a decision of 组织决定 read but not applied",
    ENGINE,
    "const decided = decisionFor.get(x.leader.index);\n      if (decided) {\n        grade = decided.grade;",
    "const decided = decisionFor.get(x.leader.index);\n      if (decided) {\n        grade = computed;",
  ),
];

/** The quick tests: fast, and between them every rule of the engine. */
const QUICK = ["test/engine", "test/method", "test/oracle", "test/differential"];

const ROOT = resolve(__dirname, "..");
const SKIP = new Set(["node_modules", ".git", "out", "dist", "coverage"]);

function count(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) n++;
  return n;
}

/** The file's text with the mutation applied, or the reasons it cannot be. */
function mutate(text: string, m: Mutation): { text: string } | { errors: string[] } {
  const errors: string[] = [];
  let out = text;
  for (const e of m.edits) {
    const n = count(out, e.search);
    if (n !== 1) errors.push(`${m.name}: ${m.file} has ${n} occurrences (1 needed) of ${JSON.stringify(e.search)}`);
    else out = out.replace(e.search, () => e.replace);
  }
  return errors.length > 0 ? { errors } : { text: out };
}

interface Failure {
  file: string;
  title: string;
}

interface RunResult {
  code: number | null;
  failed: Failure[];
  seconds: number;
  output: string;
}

interface JsonReport {
  testResults?: {
    name: string;
    status: string;
    message?: string;
    assertionResults?: { status: string; fullName?: string; title: string }[];
  }[];
}

/** "grading.test.ts ×5, golden.test.ts ×2 — first: <title>" from "file › title" entries. */
function summarize(failed: Failure[]): string {
  const perFile = new Map<string, number>();
  for (const f of failed) perFile.set(f.file, (perFile.get(f.file) ?? 0) + 1);
  const files = [...perFile].map(([f, n]) => `${basename(f)} ×${n}`).join(", ");
  return `${files} — first: “${failed[0].title}”`;
}

function runTests(copy: string, tests: string[]): RunResult {
  const report = join(copy, "..", "vitest-report.json");
  rmSync(report, { force: true });
  const t0 = Date.now();
  const r = spawnSync(
    process.execPath,
    [join(copy, "node_modules/vitest/vitest.mjs"), "run", ...tests, "--reporter=json", `--outputFile=${report}`],
    { cwd: copy, encoding: "utf8", timeout: 20 * 60_000, env: { ...process.env, CI: "" }, maxBuffer: 64 << 20 },
  );
  const seconds = (Date.now() - t0) / 1000;
  const failed: Failure[] = [];
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, "utf8")) as JsonReport;
    for (const f of json.testResults ?? []) {
      const file = relative(copy, f.name);
      const bad = (f.assertionResults ?? []).filter((a) => a.status === "failed");
      for (const a of bad) failed.push({ file, title: a.title });
      if (bad.length === 0 && f.status === "failed")
        failed.push({ file, title: (f.message ?? "failed").split("\n")[0] });
    }
  }
  return {
    code: r.status,
    failed,
    seconds,
    output: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? String(r.error) : ""}`,
  };
}

function main(): number {
  const args = process.argv.slice(2);
  const list = args.includes("--list");
  if (list) args.splice(args.indexOf("--list"), 1);
  let tests = QUICK;
  const ti = args.indexOf("--tests");
  if (ti >= 0) {
    tests = (args[ti + 1] ?? "").split(",").filter(Boolean);
    args.splice(ti, 2);
  }
  tests = tests.filter((t) => existsSync(join(ROOT, t)));
  const unknown = args.filter((a) => !MUTATIONS.some((m) => m.name === a));
  if (unknown.length > 0) {
    console.error(`Unknown mutation(s): ${unknown.join(", ")} (npm run mutants -- --list)`);
    return 2;
  }
  const chosen = args.length > 0 && !list ? MUTATIONS.filter((m) => args.includes(m.name)) : MUTATIONS;

  // Every mutation must apply to the sources as they are, before anything runs.
  const problems: string[] = [];
  const patched = new Map<Mutation, string>();
  for (const m of chosen) {
    const path = join(ROOT, m.file);
    if (!existsSync(path)) {
      problems.push(`${m.name}: ${m.file} does not exist`);
      continue;
    }
    const r = mutate(readFileSync(path, "utf8"), m);
    if ("errors" in r) problems.push(...r.errors);
    else patched.set(m, r.text);
  }
  if (problems.length > 0) {
    console.error(`Mutations that no longer apply (update scripts/mutants.ts):\n  ${problems.join("\n  ")}`);
    return 2;
  }
  if (list) {
    for (const m of MUTATIONS) console.log(`${m.name.padEnd(22)} ${m.file.padEnd(30)} ${m.what}`);
    return 0;
  }

  const work = mkdtempSync(join(tmpdir(), "kaoping-mutants-"));
  const copy = join(work, basename(ROOT));
  try {
    cpSync(ROOT, copy, { recursive: true, filter: (src) => !SKIP.has(basename(src)) || src === ROOT });
    symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"), "dir");
    console.log(`Copy: ${copy}\nTests: ${tests.join(" ")}\n`);

    process.stdout.write("baseline (no mutation) … ");
    const base = runTests(copy, tests);
    if (base.code !== 0) {
      console.log("FAILED");
      const list = base.failed.map((f) => `${f.file} › ${f.title}`).join("\n");
      console.error(`The quick tests fail without any mutation; nothing to measure.\n${list}`);
      console.error(base.output.slice(-4000));
      return 2;
    }
    console.log(`green (${base.seconds.toFixed(0)} s)`);

    const rows: { m: Mutation; caught: boolean; r: RunResult }[] = [];
    for (const [i, m] of chosen.entries()) {
      process.stdout.write(`[${i + 1}/${chosen.length}] ${m.name} … `);
      const path = join(copy, m.file);
      const original = readFileSync(path, "utf8");
      writeFileSync(path, patched.get(m)!);
      let r: RunResult;
      try {
        r = runTests(copy, tests);
      } finally {
        writeFileSync(path, original);
      }
      const caught = r.code !== 0;
      rows.push({ m, caught, r });
      console.log(caught ? `caught (${r.failed.length} failed)` : "SURVIVED");
    }

    const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
    console.log("\n| mutation | file | what | caught | failing tests |");
    console.log("|---|---|---|---|---|");
    for (const { m, caught, r } of rows) {
      const failing = caught ? (r.failed.length > 0 ? summarize(r.failed) : `exit ${r.code}`) : "—";
      console.log(`| ${m.name} | ${m.file} | ${cell(m.what)} | ${caught ? "yes" : "**no**"} | ${cell(failing)} |`);
    }
    const survived = rows.filter((x) => !x.caught);
    console.log(
      `\n${rows.length - survived.length} of ${rows.length} caught` +
        (survived.length > 0 ? `; survived: ${survived.map((x) => x.m.name).join(", ")}` : ""),
    );
    return survived.length > 0 ? 1 : 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = main();

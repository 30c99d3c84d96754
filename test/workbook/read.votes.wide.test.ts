/** 民主测评 in wide form (docs/method.md §1): one row per leader × 测评人类别, the four categories under each dimension. */
import { describe, expect, it } from "vitest";
import { resultDocument } from "../../src/app/report";
import { scoreBook } from "../../src/app/score";
import { workbookToGrids } from "../support/exceljsGrid";
import type { CellValue, GridBook } from "../../src/workbook/grid";
import type { CaseVote } from "../support/case";
import { generateCase } from "../support/generate";
import { mergeMethod } from "../support/oracle";
import { Rng } from "../support/prng";
import { buildCaseWorkbook } from "../support/writeCase";
import { brief, read, type Rows, VOTES, withCell } from "./helpers";

/** The long-form VOTES of the helpers (甲 and 乙, 3 groups × 4 dimensions, counts 3,2,0,0) in the two wide styles. */
const TWO_ROWS: Rows = [
  ["民主测评票数统计表"],
  [
    "姓名",
    "单位",
    "测评人类别",
    "德",
    null,
    null,
    null,
    "能",
    null,
    null,
    null,
    "勤",
    null,
    null,
    null,
    "廉",
    null,
    null,
    null,
  ],
  [null, null, null, ...["德", "能", "勤", "廉"].flatMap(() => ["优秀", "称职", "基本称职", "不称职"])],
  ...[
    ["甲", "一公司"],
    ["乙", "二公司"],
  ].flatMap(([n, u]) => ["上级", "同级", "下级"].map((g) => [n, u, g, ...[0, 1, 2, 3].flatMap(() => [3, 2, 0, 0])])),
];

const ONE_ROW: Rows = [
  [
    "姓名",
    "单位",
    "测评人类别",
    ...["德", "能", "勤", "廉"].flatMap((d) => [`${d}优秀`, `${d}-称职`, `${d}（基本称职）`, `${d}_不称职`]),
  ],
  ...[
    ["甲", "一公司"],
    ["乙", "二公司"],
  ].flatMap(([n, u]) => ["上级", "同级", "下级"].map((g) => [n, u, g, ...[0, 1, 2, 3].flatMap(() => [3, 2, 0, 0])])),
];

/** The votes without their cells. */
function votesOf(rows: Rows) {
  const r = read({ votes: rows });
  return {
    errors: brief(r.errors),
    votes: r.input.votes.map((v) => [v.name, v.group, v.dimension, v.counts, v.abstain]),
  };
}

describe("民主测评 in wide form", () => {
  const long = votesOf(VOTES);

  it("two header rows (the dimension above its four columns) read as the long form does", () => {
    expect(votesOf(TWO_ROWS)).toEqual(long);
  });

  it("one header row with `{维度}{类别}` headers reads as the long form does", () => {
    expect(votesOf(ONE_ROW)).toEqual(long);
  });

  it("each count keeps its own cell, for formulas mode", () => {
    const r = read({ votes: ONE_ROW });
    const v = r.input.votes.find((x) => x.name === "甲" && x.group === "同级" && x.dimension === "能")!;
    expect(v.cell).toBe("民主测评!A3");
    expect(v.countCells).toEqual(["民主测评!H3", "民主测评!I3", "民主测评!J3", "民主测评!K3"]);
  });

  it("弃权 under a dimension, category aliases, and the overall item", () => {
    const r = read({
      votes: [
        ["姓名", "单位", "测评人类别", "德", null, null, null, null, "综合评价", null, null, null],
        [null, null, null, "好", "较好", "一般", "较差", "弃权票", "优秀票", "称职票", "基本称职票", "不称职票"],
        ["甲", "一公司", "集团领导", 3, 2, 1, 0, 1, 4, 2, 0, 0],
      ],
    });
    expect(r.errors).toEqual([]);
    expect(r.input.votes.map((v) => [v.group, v.dimension, v.overall, v.counts, v.abstain])).toEqual([
      ["上级", "德", false, [3, 2, 1, 0], 1],
      ["上级", "综合评价", true, [4, 2, 0, 0], null],
    ]);
  });

  it("the same diagnostics at the cells: a bad count, a blank count, a duplicate row, a dimension missing a category", () => {
    const r = read({
      votes: [
        ["姓名", "单位", "测评人类别", "德优秀", "德称职", "德基本称职", "德不称职", "能优秀", "能称职", "能基本称职"],
        ["甲", "一公司", "上级", 3, "二", 0, null, 1, 1, 1],
        ["甲", "一公司", "上级", 3, 2, 0, 0, 1, 1, 1],
        ["乙", "二公司", "群众", 3, 2, 0, 0, 1, 1, 1],
      ],
    });
    expect(brief(r.errors)).toEqual([
      "民主测评!H1 missingColumn",
      "民主测评!E2 invalidVote",
      "民主测评!C4 unknownGroup",
    ]);
    expect(r.errors.map((e) => e.message)).toEqual([
      "「能」缺少「不称职」列（每个维度应有优秀、称职、基本称职、不称职四列）",
      "德「称职」票数「二」不是非负整数",
      "测评人类别「群众」无法识别，应为上级、同级、下级之一（或其别名）",
    ]);
    expect(brief(r.warnings).filter((w) => w.startsWith("民主测评"))).toEqual(["民主测评!G2 blankVote"]);
    expect(r.warnings.find((w) => w.cell === "民主测评!G2")?.message).toBe("德「不称职」票数为空，按0票计");

    const dup = read({ votes: [ONE_ROW[0], ONE_ROW[1], ONE_ROW[1]] });
    expect(brief(dup.errors)).toEqual(["民主测评!A3 duplicate"]);
    expect(dup.errors[0].message).toBe("与第2行重复：同一考核对象和测评人类别（上级）");
  });

  it("a row whose dimensions have different totals: one warning at its first cell, naming this row's dimensions", () => {
    // 乙 下级 (row 9): 勤 has 4 + 2 votes against 德's 3 + 2.
    const r = read({ votes: withCell(TWO_ROWS, 8, 11, 4) });
    expect(r.errors).toEqual([]);
    expect(JSON.parse(JSON.stringify(r.warnings))).toEqual([
      {
        severity: "warning",
        cell: "民主测评!A9",
        code: "groupTotals",
        message: "乙的「下级」票数合计各维度不一致：本行（德）5票，（勤）6票；每张测评票应评全部维度",
      },
    ]);
  });

  it("a dimension left wholly blank on a row is absent for that row, without a warning", () => {
    const rows = ONE_ROW.map((row) => [...row]);
    for (let c = 7; c < 11; c++) rows[1][c] = null; // 甲, 上级: 能 blank
    const r = read({ votes: rows });
    expect(r.errors).toEqual([]);
    expect(r.warnings.filter((w) => w.cell.startsWith("民主测评"))).toEqual([]);
    expect(r.input.votes.filter((v) => v.name === "甲" && v.group === "上级").map((v) => v.dimension)).toEqual([
      "德",
      "勤",
      "廉",
    ]);
  });
});

// ───────────────────────────── the same group's votes, long and wide ─────────────────────────────

/** A case's votes as a wide 民主测评, in the two-row or the one-row style (docs/method.md §1). */
function wideVotes(votes: readonly CaseVote[], methodPatch: unknown, style: "twoRows" | "oneRow", rng: Rng): Rows {
  const m = mergeMethod(methodPatch as Parameters<typeof mergeMethod>[0]).democratic;
  const overallWords = new Set([m.overall.name, ...m.overall.aliases]);
  const dimOf = (d: string) => (overallWords.has(d) ? m.overall.name : d);
  const dims = [...Object.keys(m.dimensions), m.overall.name].filter((d) => votes.some((v) => dimOf(v.dim) === d));
  const cats = m.categories.map((c) => (c.aliases.length > 0 && rng.chance(0.3) ? rng.pick(c.aliases) : c.name));
  const withAbstain = votes.some((v) => v.abstain !== undefined && v.abstain !== null);
  const withIds = votes.some((v) => v.id);
  const rows = new Map<string, { v: CaseVote; byDim: Map<string, CaseVote> }>();
  for (const v of votes) {
    const k = `${v.name}\u0000${v.unit}\u0000${v.id ?? ""}\u0000${v.group}`;
    let r = rows.get(k);
    if (!r) rows.set(k, (r = { v, byDim: new Map() }));
    r.byDim.set(dimOf(v.dim), v);
  }
  const base = ["姓名", "单位", ...(withIds ? ["工号"] : []), "测评人类别"];
  const per = cats.length + (withAbstain ? 1 : 0);
  const sub = [...cats, ...(withAbstain ? ["弃权"] : [])];
  const joiners = ["", "-", "_", "（", "·"];
  const header: Rows =
    style === "twoRows"
      ? [
          [...base, ...dims.flatMap((d) => [d, ...Array<CellValue>(per - 1).fill(null)])],
          [...base.map(() => null), ...dims.flatMap(() => sub)],
        ]
      : [
          [
            ...base,
            ...dims.flatMap((d) =>
              sub.map((c) => {
                const j = rng.pick(joiners);
                return j === "（" ? `${d}（${c}）` : `${d}${j}${c}`;
              }),
            ),
          ],
        ];
  const body: Rows = [...rows.values()].map(({ v, byDim }) => [
    v.name,
    v.unit,
    ...(withIds ? [v.id ?? null] : []),
    v.group,
    ...dims.flatMap((d) => {
      const x = byDim.get(d);
      if (!x) return Array<CellValue>(per).fill(null);
      return [...x.n, ...(withAbstain ? [x.abstain ?? null] : [])];
    }),
  ]);
  return [...header, ...rng.shuffle(body)];
}

/** The results of a book: every leader's numbers, grade and flags (cells aside). */
function results(book: GridBook, method: unknown, referenceDate: string | null) {
  const r = scoreBook({ book, method, referenceDate: referenceDate ?? undefined, today: "2025-12-31" });
  if (!r.ok) return { errors: r.errors.map((e) => ("cell" in e ? `${e.cell} ${e.code}` : e.path)) };
  const doc = resultDocument(r.assessment) as { leaders: unknown[] };
  return { leaders: doc.leaders };
}

describe("the same votes in wide 民主测评 give exactly the results of the long form (property over the generator)", () => {
  for (let seed = 1; seed <= 24; seed++) {
    it(`seed ${seed}`, () => {
      const c = generateCase(seed, { section10: seed % 3 === 0 });
      const book = workbookToGrids(buildCaseWorkbook(c, seed));
      const expected = results(book, c.method, c.referenceDate ?? null);
      expect(expected).toHaveProperty("leaders");
      const rng = new Rng(seed * 31 + 7);
      for (const style of ["twoRows", "oneRow"] as const) {
        const wide = book.map((g) =>
          g.name === "民主测评" ? { name: g.name, rows: wideVotes(c.votes, c.method, style, rng) } : g,
        );
        expect(results(wide, c.method, c.referenceDate ?? null), style).toEqual(expected);
      }
    });
  }
});

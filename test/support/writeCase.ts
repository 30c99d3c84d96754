/**
 * Writes a clean case as a standard assessment workbook (docs/method.md §1) in a random layout per layoutSeed.
 * Every variant is one §1 allows, so the product must score it exactly as the clean case:
 * - 0–3 title rows above the headers (merged or not; none equals a required header), an optional leading
 *   blank column, sheets in any order, now and then an extra sheet (填表说明);
 * - columns shuffled, extra columns (序号, 备注, 完成率, an indicator the method does not have, 有效票数);
 * - header cells with stray spaces (`姓  名`, `单　位`) and units in parentheses (`分值（分）`);
 * - 经营业绩 in the two-row form (name merged over its two columns, or only above the first; 目标/目标值/计划
 *   and 完成/完成值/实际/实际完成, now and then actual before target) or the one-row form (`{指标}目标值`,
 *   joined by nothing, `-`, `_`, `：`, a space or parentheses; a unit in parentheses after the name or at the
 *   end), indicator aliases (利润总额, 营业收入, ROE…);
 * - vote headers 好/较好/一般/差/较差, group aliases (集团领导, 班子成员, 职工代表…);
 * - blank rows, a 合计/小计 row, a 注：/说明： footnote;
 * - numbers as text, with thousands separators, in full-width digits, with −/－ minus signs; rate-like
 *   indicators as percent text (`8.4%`) or as fractions formatted as percentages, target and actual of a unit
 *   on the same scale; missing values as empty, -, —, /, 无;
 * - qualification dates as Excel dates (several formats) or text as the case has them;
 * - names and units with stray spaces or full-width characters on every sheet except 考核对象 (kept as in the
 *   case, because the result document reports them).
 * 工号 is written on 考核对象 when the leaders have one, and then on 民主测评/加减分 now and then (always
 * consistent with the names).
 *
 * docs/method.md §10: the leaders' further columns (the quota group column 考核类别/职务层级, blank values as empty
 * cells) on 考核对象; overall rows of 民主测评 under the word the case gives (综合评价, 综合, 总体评价); the sheet
 * 个人情况 laid out like the others (title rows, shuffled and extra columns, 工号 now and then, names with stray
 * spaces, 情形 as the case types it — a rule's name or alias, now and then with a stray space —, 天数 as numbers,
 * text or a missing marker, a 合计 row summing 天数, footnotes), also with no rows at all.
 *
 * docs/method.md §12: the sheet 组织决定 laid out like the others — 姓名, 单位 and/or 工号 (工号 alone when 考核对象 has
 * it), 等次 under the words a person heads it with (等次, 决定等次, 确定等次, 等次（组织决定）…), 依据 (or 决定依据),
 * extra columns (序号, 原等次 — the computed grade —, 会议日期, 备注), title rows and footnotes, also with no rows.
 *
 * docs/method.md §11: a case with ballots gets the sheet 测评票 — in the long form (票号, 单位, 测评人类别, 姓名, 德, 能, 勤,
 * 廉 and the overall item, shuffled and extra columns, titles, footnotes, a ballot's rows together or scattered,
 * names with stray spaces, blanks as empty cells or empty text) or in the wide form of a survey export (票号 or
 * 序号, 单位, 测评人类别, then `{姓名}{sep}{维度}` with one separator per sheet — -, _, ·, /, a space, or the item in
 * parentheses —, leader-major or item-major, extra columns 提交时间, 答题时长, 来源) — and, when the case has it,
 * 测评组织 (单位, 测评人类别, 应到人数, 实到人数 now and then, a 合计 row). Its 民主测评 is written only when the case
 * carries votes (a stale sheet for `tally` to replace); otherwise there is none.
 * `votes: "wide2" | "wide1"`: 民主测评 in the wide form of §1 (see LayoutOptions).
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Indicator } from "../../src/method/types";
import { OVERALL_ITEM, QUAL_COLUMNS, type CleanCase, type OracleMethod, type QualCell } from "./case";
import { mergeMethod, oracleDetails } from "./oracle";
import { Rng } from "./prng";
import { normName } from "./text";

type Cell = string | number | Date | null;

interface Col {
  /** One entry per header row. */
  head: Cell[];
  cells: Cell[];
  fmt?: (string | undefined)[];
  /** Numeric cells summed on a 合计 row. */
  sum?: boolean;
}

interface Group {
  cols: Col[];
  /** Merge the upper header row over the group's columns. */
  mergeTop?: boolean;
  /** Merge each column's header vertically over both header rows (two-row form). */
  mergeDown?: boolean;
}

interface SheetOut {
  name: string;
  rows: Cell[][];
  fmts: Map<string, string>;
  merges: [number, number, number, number][];
}

// ───────────────────────────── cell styles ─────────────────────────────

function toFullWidth(s: string): string {
  let out = "";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    out += c >= 0x21 && c <= 0x7e ? String.fromCodePoint(c + 0xfee0) : c === 0x20 ? "\u3000" : ch;
  }
  return out;
}

function withThousands(s: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(s);
  if (!m) return s;
  return m[1]! + m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (m[3] ?? "");
}

/** A number as a cell: the number itself, or text §1 parses back to the same value. */
function numCell(rng: Rng, v: number, textShare = 0.35): Cell {
  const s = String(v);
  if (s.includes("e") || !rng.chance(textShare)) return v;
  let t = rng.weighted<string>([
    [s, 4],
    [withThousands(s), Math.abs(v) >= 1000 ? 4 : 0],
    [toFullWidth(s), 1.5],
    [toFullWidth(withThousands(s)), Math.abs(v) >= 1000 ? 0.5 : 0],
  ]);
  if (v < 0 && rng.chance(0.4)) t = rng.pick(["\u2212", "\uff0d"]) + t.replace(/^[-\uff0d]/, "");
  return t;
}

function missingCell(rng: Rng): Cell {
  return rng.weighted<Cell>([
    [null, 5],
    ["", 1],
    ["-", 2],
    ["—", 2],
    ["/", 1.5],
    ["无", 1.5],
  ]);
}

/** A name or a unit as another sheet may spell it: stray spaces, full-width ASCII. */
function looseName(rng: Rng, s: string, p = 0.15): string {
  if (!rng.chance(p)) return s;
  if (/[\x21-\x7e]/.test(s) && rng.chance(0.5)) return toFullWidth(s);
  const chars = [...s];
  return rng.weighted<string>([
    [` ${s}`, 1],
    [`${s} `, 1],
    [chars.length === 2 ? `${chars[0]}  ${chars[1]}` : `${chars[0]} ${chars.slice(1).join("")}`, 3],
    [chars.length === 2 ? `${chars[0]}\u3000${chars[1]}` : `${s}\u3000`, 1],
  ]);
}

/** A header word with stray spaces or (now and then) a unit in parentheses. */
function headWord(rng: Rng, w: string, unit?: string): string {
  const chars = [...w];
  let s = w;
  if (chars.length === 2 && rng.chance(0.25)) s = `${chars[0]}${rng.pick(["  ", "\u3000", " "])}${chars[1]}`;
  else if (rng.chance(0.05)) s = ` ${w} `;
  if (unit && rng.chance(0.25)) s += rng.pick([`（${unit}）`, `(${unit})`]);
  return s;
}

const REMARKS = ["已核实", "数据经审计", "新任", "兼任", "年中调整", null, null, null];

// ───────────────────────────── sheet assembly ─────────────────────────────

function assemble(
  rng: Rng,
  name: string,
  groups: Group[],
  nData: number,
  opts: {
    titles: string[];
    headerRows: number;
    shuffle: boolean;
    total?: boolean;
    footnotes?: string[];
    /** Per data row: a word written in the first column, making it a non-data row (小计). */
    labels?: (string | null)[];
  },
): SheetOut {
  const ordered = opts.shuffle ? rng.shuffle(groups) : groups;
  const lead = rng.chance(0.08) ? 1 : 0;
  const cols: Col[] = [];
  const merges: [number, number, number, number][] = [];
  const titleCount = opts.titles.length;
  let x = lead;
  for (const g of ordered) {
    if (g.mergeTop && g.cols.length > 1) merges.push([titleCount, x, titleCount, x + g.cols.length - 1]);
    if (g.mergeDown && opts.headerRows === 2)
      for (let i = 0; i < g.cols.length; i++) merges.push([titleCount, x + i, titleCount + 1, x + i]);
    cols.push(...g.cols);
    x += g.cols.length;
  }
  const width = x;
  const rows: Cell[][] = [];
  const fmts = new Map<string, string>();
  const blankRow = (): Cell[] => Array.from({ length: width }, () => null);
  for (const t of opts.titles) {
    const r = blankRow();
    const at = t.startsWith("金额单位") || t.startsWith("单位：") ? Math.max(lead, width - 2) : lead;
    r[at] = t;
    if (at === lead && width - lead > 1 && rng.chance(0.6)) merges.push([rows.length, lead, rows.length, width - 1]);
    rows.push(r);
  }
  for (let h = 0; h < opts.headerRows; h++) {
    const r = blankRow();
    cols.forEach((c, i) => (r[lead + i] = c.head[h] ?? null));
    rows.push(r);
  }
  if (rng.chance(0.1)) rows.push(blankRow());
  for (let d = 0; d < nData; d++) {
    const r = blankRow();
    cols.forEach((c, i) => {
      r[lead + i] = c.cells[d] ?? null;
      const f = c.fmt?.[d];
      if (f) fmts.set(`${rows.length},${lead + i}`, f);
    });
    const label = opts.labels?.[d];
    if (label) r[lead] = label;
    rows.push(r);
    if (rng.chance(0.05)) rows.push(blankRow());
  }
  if (opts.total) {
    const r = blankRow();
    cols.forEach((c, i) => {
      if (!c.sum) return;
      const nums = c.cells.filter((v): v is number => typeof v === "number");
      if (nums.length) r[lead + i] = Math.round(nums.reduce((a, b) => a + b, 0) * 100) / 100;
    });
    r[lead] = rng.pick(["合计", "合计", "总计"]);
    rows.push(r);
  }
  for (const f of opts.footnotes ?? []) {
    if (rng.chance(0.3)) rows.push(blankRow());
    const r = blankRow();
    r[lead] = f;
    if (width - lead > 1 && rng.chance(0.5)) merges.push([rows.length, lead, rows.length, width - 1]);
    rows.push(r);
  }
  return { name, rows, fmts, merges };
}

function titles(rng: Rng, what: string, money = false): string[] {
  const n = rng.weighted<number>([
    [0, 3],
    [1, 4],
    [2, 2],
    [3, 1],
  ]);
  const year = rng.int(2022, 2025);
  const pool = [
    `${year}年度所属企业党组织负责人考核评价${rng.pick(["——", "：", ""])}${what}`,
    rng.pick(["填报单位：集团党委组织部", "填报单位（盖章）：", "制表：党群工作部"]),
    money ? rng.pick(["金额单位：万元", "单位：万元"]) : rng.pick(["填报日期：2025年1月", "（此表由考核办填写）"]),
  ];
  return pool.slice(0, n);
}

function footnotes(rng: Rng): string[] {
  if (!rng.chance(0.35)) return [];
  return rng
    .shuffle([
      "注：1.本表数据来源于年度财务决算；2.请勿改动表头。",
      "说明：未填写的项目视为缺失。",
      "注：“—”表示该项不适用。",
    ])
    .slice(0, rng.int(1, 2));
}

const seqCol = (n: number, p: number, rng: Rng): Group[] =>
  rng.chance(p)
    ? [
        {
          cols: [
            { head: [rng.pick(["序号", "序 号", "No."]), null], cells: Array.from({ length: n }, (_, i) => i + 1) },
          ],
          mergeDown: rng.chance(0.5),
        },
      ]
    : [];

const remarkCol = (n: number, p: number, rng: Rng): Group[] =>
  rng.chance(p)
    ? [
        {
          cols: [
            { head: [rng.pick(["备注", "备 注"]), null], cells: Array.from({ length: n }, () => rng.pick(REMARKS)) },
          ],
          mergeDown: rng.chance(0.5),
        },
      ]
    : [];

// ───────────────────────────── the sheets ─────────────────────────────

/** Layout choices a test makes (the rest is random per layout seed). */
export interface LayoutOptions {
  /**
   * §12: 组织决定 may name a leader by 姓名 + 工号 with no 单位 column (docs/method.md §12: "单位 (or 工号)"): on by
   * default (half the layouts whose leaders have 工号 leave 单位 out); false always writes 单位.
   */
  decisionsById?: boolean;
  /**
   * How 民主测评 is written: the long form of §1 (default), or the wide form (one row per leader × 测评人类别) with
   * two header rows (the dimension over its category columns) or one (`德优秀`, `德-称职`, `德（基本称职）`). The
   * wide form needs every leader × group to have the same items (a missing one would be blank cells).
   */
  votes?: "long" | "wide2" | "wide1";
}

interface Ctx {
  rng: Rng;
  c: CleanCase;
  method: OracleMethod;
  idsOnLeaders: boolean;
  layout: LayoutOptions;
}

function leadersSheet(ctx: Ctx): SheetOut {
  const { rng, c } = ctx;
  const L = c.leaders;
  const groups: Group[] = [
    ...seqCol(L.length, 0.5, rng),
    { cols: [{ head: [headWord(rng, "姓名")], cells: L.map((l) => l.name) }] },
    { cols: [{ head: [headWord(rng, "单位")], cells: L.map((l) => l.unit) }] },
    { cols: [{ head: [headWord(rng, "职务")], cells: L.map((l) => l.position) }] },
  ];
  const anyGuide = L.some((l) => l.mode === "党建工作指导员");
  if (anyGuide || rng.chance(0.7))
    groups.push({ cols: [{ head: ["任职模式"], cells: L.map((l) => l.mode ?? (rng.chance(0.5) ? null : "")) }] });
  if (ctx.idsOnLeaders) groups.push({ cols: [{ head: [headWord(rng, "工号")], cells: L.map((l) => l.id ?? null) }] });
  const extra = [...new Set(L.flatMap((l) => Object.keys(l.columns ?? {})))];
  for (const col of extra)
    groups.push({
      cols: [
        {
          head: [headWord(rng, col)],
          cells: L.map((l) => {
            const v = l.columns?.[col];
            return v === null || v === undefined || v === "" ? (rng.chance(0.7) ? null : "") : v;
          }),
        },
      ],
    });
  groups.push(...remarkCol(L.length, 0.25, rng));
  return assemble(rng, "考核对象", groups, L.length, {
    titles: titles(rng, "考核对象名单"),
    headerRows: 1,
    shuffle: rng.chance(0.6),
    footnotes: footnotes(rng),
  });
}

function isRateLike(ind: Indicator): boolean {
  return ind.name.endsWith("率") || /比重|占比/.test(ind.name);
}

function economicSheet(ctx: Ctx): SheetOut {
  const { rng, c, method } = ctx;
  const units = rng.chance(0.5) ? rng.shuffle(Object.keys(c.economic)) : Object.keys(c.economic);
  const n = units.length;
  const twoRow = rng.chance(0.5);
  const H = twoRow ? 2 : 1;
  const groups: Group[] = [...seqCol(n, 0.4, rng)];
  groups.push({
    cols: [{ head: [headWord(rng, "单位"), null], cells: units.map((u) => looseName(rng, u)) }],
    mergeDown: rng.chance(0.5),
  });
  const inds = method.economic.indicators.filter(
    (ind) => units.some((u) => c.economic[u]![ind.name]) || rng.chance(0.5),
  );
  // An indicator the method does not have: extra columns, ignored.
  const extra = ["营业收入利润率", "全员劳动生产率", "研发投入强度"].find(
    (nm) => !method.economic.indicators.some((i) => i.name === nm || i.aliases.includes(nm)),
  );
  const all: { ind: Indicator; extra: boolean }[] = inds.map((ind) => ({ ind, extra: false }));
  if (extra && rng.chance(0.1))
    all.push({ ind: { name: extra, aliases: [], weight: 0, direction: "higher" }, extra: true });
  const oneRowAdjacent = rng.chance(0.5);
  for (const { ind, extra: isExtra } of all) {
    const rate = isRateLike(ind);
    const label = ind.aliases.length > 0 && rng.chance(0.3) ? rng.pick(ind.aliases) : ind.name;
    const unitWord = rate ? "%" : "万元";
    const T: Cell[] = [];
    const A: Cell[] = [];
    const fT: (string | undefined)[] = [];
    const fA: (string | undefined)[] = [];
    const ratio: Cell[] = [];
    for (const u of units) {
      const pair = isExtra
        ? [excelRound2(rng.real(1, 30)), excelRound2(rng.real(1, 30))]
        : (c.economic[u]![ind.name] ?? [null, null]);
      // A rate-like indicator: per unit, both values as percent (text `8.4%` or the fraction formatted as %), or
      // both as the plain number. A unit's T and A share a scale, so d is unchanged.
      const pct = rate && rng.chance(0.4);
      for (const [i, out, fmt] of [
        [0, T, fT],
        [1, A, fA],
      ] as const) {
        const v = pair[i];
        if (v === null || v === undefined) {
          out.push(missingCell(rng));
          fmt.push(undefined);
        } else if (pct && rng.chance(0.5)) {
          out.push(rng.chance(0.3) ? toFullWidth(`${v}%`) : `${v}%`);
          fmt.push(undefined);
        } else if (pct) {
          out.push(v / 100);
          fmt.push("0.00%");
        } else {
          out.push(numCell(rng, v));
          fmt.push(typeof v === "number" && Math.abs(v) >= 1000 && rng.chance(0.3) ? "#,##0.00" : undefined);
        }
      }
      const t = pair[0];
      const a = pair[1];
      ratio.push(
        t && a !== null && a !== undefined
          ? rng.chance(0.5)
            ? `${(Math.round((a / t) * 1000) / 10).toFixed(1)}%`
            : Math.round((a / t) * 1000) / 1000
          : "—",
      );
    }
    const targetWord = rng.pick(["目标", "目标值", "计划"]);
    const actualWord = rng.pick(["完成", "完成值", "实际", "实际完成"]);
    if (twoRow) {
      const merged = rng.chance(0.6);
      const upper = rng.chance(0.3) ? `${label}（${unitWord}）` : label;
      const swap = rng.chance(0.1);
      const tCol: Col = { head: [upper, targetWord], cells: T, fmt: fT, sum: !rate };
      const aCol: Col = { head: [upper, actualWord], cells: A, fmt: fA, sum: !rate };
      const pairCols = swap ? [aCol, tCol] : [tCol, aCol];
      if (!merged) pairCols[1]!.head[0] = null;
      groups.push({ cols: pairCols, mergeTop: merged });
    } else {
      const header = (word: "目标值" | "完成值"): string => {
        const form = rng.weighted<string>([
          ["plain", 4],
          ["joined", 4],
          ["paren", 1.5],
          ["unitMid", 1.5],
          ["unitEnd", 1],
        ]);
        if (form === "plain") return `${label}${word}`;
        if (form === "joined") return `${label}${rng.pick(["-", "_", "：", " "])}${word}`;
        if (form === "paren") return rng.chance(0.5) ? `${label}（${word}）` : `${label}(${word})`;
        if (form === "unitMid") return `${label}（${unitWord}）${word}`;
        return `${label}${word}（${unitWord}）`;
      };
      const tCol: Col = { head: [header("目标值")], cells: T, fmt: fT, sum: !rate };
      const aCol: Col = { head: [header("完成值")], cells: A, fmt: fA, sum: !rate };
      if (oneRowAdjacent) groups.push({ cols: [tCol, aCol] });
      else groups.push({ cols: [tCol] }, { cols: [aCol] });
    }
    if (rng.chance(0.15))
      groups.push({
        cols: [{ head: twoRow ? [`${label}完成率`, null] : [`${label}完成率`], cells: ratio }],
        mergeDown: rng.chance(0.5),
      });
  }
  groups.push(...remarkCol(n, 0.2, rng));
  // In the one-row form the groups may be shuffled freely; in the two-row form a pair stays together.
  return assemble(rng, "经营业绩", groups, n, {
    titles: titles(rng, "经营业绩完成情况", true),
    headerRows: H,
    shuffle: rng.chance(0.5),
    total: rng.chance(0.3),
    footnotes: footnotes(rng),
  });
}

function excelRound2(x: number): number {
  return Math.round(x * 100) / 100;
}

function workSheet(ctx: Ctx): SheetOut {
  const { rng, c } = ctx;
  const units = rng.chance(0.5) ? rng.shuffle(Object.keys(c.work)) : Object.keys(c.work);
  const n = units.length;
  const value = (v: number | string | null | undefined): Cell => {
    if (v === null || v === undefined) return missingCell(rng);
    if (typeof v === "string") return v;
    return numCell(rng, v, 0.25);
  };
  const groups: Group[] = [
    ...seqCol(n, 0.4, rng),
    { cols: [{ head: [headWord(rng, "单位")], cells: units.map((u) => looseName(rng, u)) }] },
    ...(["重点工作", "党的建设", "安全稳定"] as const).map((k) => ({
      cols: [{ head: [headWord(rng, k, "分")], cells: units.map((u) => value(c.work[u]![k])) }],
    })),
  ];
  const anyVeto = units.some((u) => c.work[u]!["否决事项"]);
  if (anyVeto || rng.chance(0.5))
    groups.push({
      cols: [
        { head: [headWord(rng, "否决事项")], cells: units.map((u) => c.work[u]!["否决事项"] ?? missingCell(rng)) },
      ],
    });
  groups.push(...remarkCol(n, 0.2, rng));
  return assemble(rng, "工作评价", groups, n, {
    titles: titles(rng, "工作评价"),
    headerRows: 1,
    shuffle: rng.chance(0.6),
    footnotes: footnotes(rng),
  });
}

function votesSheet(ctx: Ctx): SheetOut {
  const { rng, c, method } = ctx;
  const dm = method.democratic;
  const byLeaderOrder = rng.chance(0.7);
  const votes = byLeaderOrder ? c.votes : rng.shuffle(c.votes);
  const groupWord = new Map(
    dm.groups.map((g) => [g.name, g.aliases.length > 0 && rng.chance(0.4) ? rng.pick(g.aliases) : g.name]),
  );
  const writeIds = ctx.idsOnLeaders && rng.chance(0.5);
  const anyAbstain = votes.some((v) => v.abstain !== undefined && v.abstain !== null);
  const abstainCol = anyAbstain || rng.chance(0.3);
  // 小计 rows after each leader's block (only when the rows are grouped by leader)
  const subtotals = byLeaderOrder && rng.chance(0.1);
  type Row = { kind: "vote"; i: number } | { kind: "sub"; n: number[] };
  const rows: Row[] = [];
  votes.forEach((v, i) => {
    rows.push({ kind: "vote", i });
    const next = votes[i + 1];
    if (subtotals && (!next || next.name !== v.name || next.unit !== v.unit)) {
      const mine = votes.filter((w) => w.name === v.name && w.unit === v.unit);
      rows.push({ kind: "sub", n: [0, 1, 2, 3].map((k) => mine.reduce((a, w) => a + w.n[k]!, 0)) });
    }
  });
  const col = (head: string, f: (v: (typeof votes)[number]) => Cell, sub?: (n: number[]) => Cell): Col => ({
    head: [head],
    cells: rows.map((r) => (r.kind === "vote" ? f(votes[r.i]!) : sub ? sub(r.n) : null)),
  });
  const count = (x: number): Cell => (rng.chance(0.1) ? (rng.chance(0.3) ? toFullWidth(String(x)) : String(x)) : x);
  const catHead = (k: number): string => {
    const cat = dm.categories[k]!;
    const w = cat.aliases.length > 0 && rng.chance(0.3) ? rng.pick(cat.aliases) : cat.name;
    return rng.chance(0.1) ? `${w}（票）` : w;
  };
  const groups: Group[] = [];
  if (rng.chance(0.3))
    groups.push({ cols: [{ head: ["序号"], cells: rows.map((r, i) => (r.kind === "vote" ? i + 1 : null)) }] });
  groups.push({ cols: [col(headWord(rng, "姓名"), (v) => looseName(rng, v.name))] });
  groups.push({ cols: [col(headWord(rng, "单位"), (v) => looseName(rng, v.unit))] });
  if (writeIds) groups.push({ cols: [col("工号", (v) => v.id ?? null)] });
  groups.push({ cols: [col("测评人类别", (v) => groupWord.get(v.group) ?? v.group)] });
  groups.push({ cols: [col("维度", (v) => v.dim)] });
  for (let k = 0; k < 4; k++)
    groups.push({
      cols: [
        col(
          catHead(k),
          (v) => count(v.n[k]!),
          (n) => n[k]!,
        ),
      ],
    });
  if (abstainCol)
    groups.push({
      cols: [
        col(headWord(rng, "弃权", "票"), (v) =>
          v.abstain === null || v.abstain === undefined ? (rng.chance(0.5) ? null : 0) : count(v.abstain),
        ),
      ],
    });
  if (rng.chance(0.15)) groups.push({ cols: [col("有效票数", (v) => v.n.reduce((a, b) => a + b, 0))] });
  return assemble(rng, "民主测评", groups, rows.length, {
    titles: titles(rng, "民主测评票数统计"),
    headerRows: 1,
    shuffle: rng.chance(0.5),
    footnotes: footnotes(rng),
    labels: rows.map((r) => (r.kind === "sub" ? "小计" : null)),
  });
}

function adjustSheet(ctx: Ctx): SheetOut {
  const { rng, c } = ctx;
  const items = c.adjust ?? [];
  const n = items.length;
  const writeIds = ctx.idsOnLeaders && rng.chance(0.5);
  const groups: Group[] = [
    ...seqCol(n, 0.4, rng),
    {
      cols: [
        {
          head: [headWord(rng, "姓名")],
          cells: items.map((a) => (a.name === null ? (rng.chance(0.8) ? null : "") : looseName(rng, a.name))),
        },
      ],
    },
    { cols: [{ head: [headWord(rng, "单位")], cells: items.map((a) => looseName(rng, a.unit)) }] },
    { cols: [{ head: [headWord(rng, "类型")], cells: items.map((a) => a.type) }] },
    { cols: [{ head: [headWord(rng, "分值", "分")], cells: items.map((a) => numCell(rng, a.value, 0.3)) }] },
    { cols: [{ head: [headWord(rng, "事项")], cells: items.map((a) => a.item ?? null) }] },
  ];
  if (writeIds)
    groups.push({ cols: [{ head: ["工号"], cells: items.map((a) => (a.name === null ? null : (a.id ?? null))) }] });
  groups.push(...remarkCol(n, 0.15, rng));
  return assemble(rng, "加减分", groups, n, {
    titles: titles(rng, "加减分事项"),
    headerRows: 1,
    shuffle: rng.chance(0.6),
    footnotes: footnotes(rng),
  });
}

function personalSheet(ctx: Ctx): SheetOut {
  const { rng, c } = ctx;
  const rows = c.personal ?? [];
  const n = rows.length;
  const writeIds = ctx.idsOnLeaders && rng.chance(0.5);
  const days = (d: number | string | null | undefined): Cell => {
    if (d === null || d === undefined) return missingCell(rng);
    if (typeof d === "string") return d; // text as typed (faulty cases)
    return numCell(rng, d, 0.3);
  };
  const groups: Group[] = [
    ...seqCol(n, 0.4, rng),
    { cols: [{ head: [headWord(rng, "姓名")], cells: rows.map((r) => looseName(rng, r.name)) }] },
    { cols: [{ head: [headWord(rng, "单位")], cells: rows.map((r) => looseName(rng, r.unit)) }] },
    { cols: [{ head: [headWord(rng, "情形")], cells: rows.map((r) => looseName(rng, r.kind, 0.1)) }] },
    { cols: [{ head: [headWord(rng, "天数", "天")], cells: rows.map((r) => days(r.days)), sum: true }] },
  ];
  if (rows.some((r) => r.note) || rng.chance(0.6))
    groups.push({ cols: [{ head: [headWord(rng, "说明")], cells: rows.map((r) => r.note ?? null) }] });
  if (writeIds) groups.push({ cols: [{ head: ["工号"], cells: rows.map((r) => r.id ?? null) }] });
  if (rng.chance(0.2))
    groups.push({
      cols: [
        {
          head: [rng.pick(["文号", "决定日期"])],
          cells: rows.map(() => (rng.chance(0.5) ? `集团党委〔2025〕${rng.int(1, 99)}号` : null)),
        },
      ],
    });
  groups.push(...remarkCol(n, 0.15, rng));
  return assemble(rng, "个人情况", groups, n, {
    titles: titles(rng, "个人有关情况"),
    headerRows: 1,
    shuffle: rng.chance(0.6),
    total: n > 0 && rng.chance(0.25),
    footnotes: footnotes(rng),
  });
}

/** 民主测评 in the wide form of §1: one row per leader × 测评人类别, the four categories under each dimension. */
function wideVotesSheet(ctx: Ctx, style: "wide2" | "wide1"): SheetOut {
  const { rng, c, method } = ctx;
  const dm = method.democratic;
  const dims = Object.keys(dm.dimensions);
  const overallOf = (dim: string) => !dims.includes(dim);
  const hasOverall = c.votes.some((v) => overallOf(v.dim));
  const overallWords = [dm.overall.name, ...dm.overall.aliases];
  const items = [...dims, ...(hasOverall ? [rng.pick(overallWords)] : [])];
  // one row per leader × group, in the order the votes come
  type RowKey = { name: string; unit: string; id?: string | null; group: string };
  const rowsOf: RowKey[] = [];
  const byRow = new Map<string, Map<string, (typeof c.votes)[number]>>();
  for (const v of c.votes) {
    const k = `${normName(v.name)}|${normName(v.unit)}|${v.group}`;
    let m = byRow.get(k);
    if (!m) {
      byRow.set(k, (m = new Map()));
      rowsOf.push({ name: v.name, unit: v.unit, id: v.id, group: v.group });
    }
    const item = overallOf(v.dim) ? items[items.length - 1]! : v.dim;
    if (m.has(item)) throw new Error(`wide 民主测评: two rows of ${v.name} ${v.group} ${v.dim}`);
    m.set(item, v);
  }
  const rows = rng.chance(0.2) ? rng.shuffle(rowsOf) : rowsOf;
  const key = (r: RowKey) => `${normName(r.name)}|${normName(r.unit)}|${r.group}`;
  const groupWord = new Map(
    dm.groups.map((g) => [g.name, g.aliases.length > 0 && rng.chance(0.4) ? rng.pick(g.aliases) : g.name]),
  );
  const count = (x: number): Cell => (rng.chance(0.08) ? String(x) : x);
  const H = style === "wide2" ? 2 : 1;
  const idCol = (head: string, cells: Cell[]): Group => ({
    cols: [{ head: H === 2 ? [head, null] : [head], cells }],
    mergeDown: rng.chance(0.6),
  });
  const groups: Group[] = [];
  if (rng.chance(0.3))
    groups.push(
      idCol(
        "序号",
        rows.map((_, i) => i + 1),
      ),
    );
  groups.push(
    idCol(
      headWord(rng, "姓名"),
      rows.map((r) => looseName(rng, r.name)),
    ),
  );
  groups.push(
    idCol(
      headWord(rng, "单位"),
      rows.map((r) => looseName(rng, r.unit)),
    ),
  );
  if (ctx.idsOnLeaders && rng.chance(0.4))
    groups.push(
      idCol(
        "工号",
        rows.map((r) => r.id ?? null),
      ),
    );
  groups.push(
    idCol(
      "测评人类别",
      rows.map((r) => groupWord.get(r.group) ?? r.group),
    ),
  );
  const abstain = c.votes.some((v) => (v.abstain ?? 0) > 0) ? rng.chance(0.6) : rng.chance(0.3);
  const sep = rng.pick(["", "-", "paren", "parenHalf"]);
  const oneHead = (item: string, cat: string): string =>
    sep === "paren" ? `${item}（${cat}）` : sep === "parenHalf" ? `${item}(${cat})` : `${item}${sep}${cat}`;
  const catWords = dm.categories.map((cat) =>
    cat.aliases.length > 0 && rng.chance(0.25) ? rng.pick(cat.aliases) : cat.name,
  );
  const dimGroups: Group[] = [];
  for (const item of items) {
    const cols: Col[] = [];
    const cell = (r: RowKey, k: number): Cell => {
      const v = byRow.get(key(r))!.get(item);
      if (!v) return null;
      return k < 4 ? count(v.n[k]!) : count(v.abstain ?? 0);
    };
    for (let k = 0; k < (abstain ? 5 : 4); k++) {
      const cat = k < 4 ? catWords[k]! : "弃权";
      cols.push({
        head: H === 2 ? [k === 0 ? item : null, cat] : [oneHead(item, cat)],
        cells: rows.map((r) => cell(r, k)),
        sum: true,
      });
    }
    const merged = rng.chance(0.6);
    if (H === 2 && merged) for (const col of cols) col.head[0] = item;
    dimGroups.push({ cols, mergeTop: H === 2 && merged });
  }
  // one header row: any column order; two: a dimension's columns stay together
  if (H === 1 && rng.chance(0.3)) groups.push(...dimGroups.flatMap((g) => g.cols.map((col) => ({ cols: [col] }))));
  else groups.push(...dimGroups);
  groups.push(...remarkCol(rows.length, 0.15, rng));
  return assemble(rng, "民主测评", groups, rows.length, {
    titles: titles(rng, "民主测评票数统计"),
    headerRows: H,
    shuffle: rng.chance(0.4),
    total: rng.chance(0.2),
    footnotes: footnotes(rng),
  });
}

/** A rating mark as typed (blank as an empty cell or empty text). */
const markCell = (m: string | null | undefined): Cell => (m === undefined ? null : m);

function itemWord(ctx: Ctx, item: string): string {
  return item === OVERALL_ITEM ? (ctx.c.ballots!.overallWord ?? ctx.method.democratic.overall.name) : item;
}

function longBallotsSheet(ctx: Ctx): SheetOut {
  const { rng, c } = ctx;
  const sheet = c.ballots!;
  const pairs = sheet.ballots.flatMap((b) => b.lines.map((line) => ({ b, line })));
  const rows = rng.chance(0.2) ? rng.shuffle(pairs) : pairs;
  const n = rows.length;
  const groups: Group[] = [...seqCol(n, 0.3, rng)];
  groups.push({ cols: [{ head: [headWord(rng, "票号")], cells: rows.map((r) => r.b.no) }] });
  groups.push({ cols: [{ head: [headWord(rng, "单位")], cells: rows.map((r) => looseName(rng, r.b.unit, 0.05)) }] });
  groups.push({ cols: [{ head: ["测评人类别"], cells: rows.map((r) => r.b.group) }] });
  groups.push({ cols: [{ head: [headWord(rng, "姓名")], cells: rows.map((r) => looseName(rng, r.line.name, 0.05)) }] });
  for (const item of sheet.items) {
    const word = itemWord(ctx, item);
    const head =
      word.length === 1 && rng.chance(0.1) ? `${word}（${rng.pick(["评价", "等次"])}）` : headWord(rng, word);
    groups.push({ cols: [{ head: [head], cells: rows.map((r) => markCell(r.line.marks[item])) }] });
  }
  if (rng.chance(0.15))
    groups.push({ cols: [{ head: ["录入人"], cells: rows.map(() => rng.pick(["张", "李", null])) }] });
  groups.push(...remarkCol(n, 0.1, rng));
  return assemble(rng, "测评票", groups, n, {
    titles: titles(rng, "民主测评票录入"),
    headerRows: 1,
    shuffle: rng.chance(0.4),
    footnotes: rng.chance(0.3) ? ["注：评价填写优秀、称职、基本称职、不称职或弃权，未填视为弃权。"] : [],
  });
}

function wideBallotsSheet(ctx: Ctx): SheetOut {
  const { rng, c } = ctx;
  const sheet = c.ballots!;
  const bs = rng.chance(0.2) ? rng.shuffle(sheet.ballots) : sheet.ballots;
  const n = bs.length;
  const names: string[] = [];
  for (const l of c.leaders)
    if (
      !names.some((x) => normName(x) === normName(l.name)) &&
      sheet.ballots.some((b) => b.lines.some((x) => normName(x.name) === normName(l.name)))
    )
      names.push(l.name);
  const sep = rng.pick(["-", "_", "·", "/", " ", "paren", "parenHalf"]);
  const head = (name: string, item: string) => {
    const w = itemWord(ctx, item);
    return sep === "paren" ? `${name}（${w}）` : sep === "parenHalf" ? `${name}(${w})` : `${name}${sep}${w}`;
  };
  const groups: Group[] = [];
  groups.push({ cols: [{ head: [rng.pick(["票号", "序号"])], cells: bs.map((b) => b.no) }] });
  groups.push({ cols: [{ head: [headWord(rng, "单位")], cells: bs.map((b) => looseName(rng, b.unit, 0.05)) }] });
  groups.push({ cols: [{ head: ["测评人类别"], cells: bs.map((b) => b.group) }] });
  const cellOf = (b: (typeof bs)[number], name: string, item: string): Cell => {
    const line = b.lines.find((x) => normName(x.name) === normName(name));
    return line ? markCell(line.marks[item]) : null;
  };
  const pairs = rng.chance(0.75)
    ? names.flatMap((name) => sheet.items.map((item) => [name, item] as const))
    : sheet.items.flatMap((item) => names.map((name) => [name, item] as const));
  const leaderCols: Group = {
    cols: pairs.map(([name, item]) => ({ head: [head(name, item)], cells: bs.map((b) => cellOf(b, name, item)) })),
  };
  const extras: Group[] = [];
  if (rng.chance(0.5))
    extras.push({
      cols: [
        {
          head: ["提交时间"],
          cells: bs.map(
            () =>
              `2026-01-0${rng.int(5, 8)} ${String(rng.int(8, 17)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}`,
          ),
        },
      ],
    });
  if (rng.chance(0.3)) extras.push({ cols: [{ head: ["答题时长"], cells: bs.map(() => `${rng.int(20, 300)}秒`) }] });
  if (rng.chance(0.3))
    extras.push({ cols: [{ head: ["来源"], cells: bs.map(() => rng.pick(["微信", "链接", "手机提交"])) }] });
  // a survey export: its own columns first, the answers after
  const ordered = rng.chance(0.7) ? [...extras, ...groups, leaderCols] : [...groups, leaderCols, ...extras];
  return assemble(rng, "测评票", ordered, n, {
    titles: rng.chance(0.3) ? [rng.pick(["问卷：2025年度民主测评", "民主测评问卷导出数据"])] : [],
    headerRows: 1,
    shuffle: false,
  });
}

function turnoutSheet(ctx: Ctx): SheetOut {
  const { rng, c } = ctx;
  const rows = c.ballots!.turnout!;
  const n = rows.length;
  const groups: Group[] = [
    ...seqCol(n, 0.3, rng),
    { cols: [{ head: [headWord(rng, "单位")], cells: rows.map((r) => looseName(rng, r.unit)) }] },
    { cols: [{ head: ["测评人类别"], cells: rows.map((r) => r.group) }] },
    {
      cols: [
        { head: [headWord(rng, "应到人数", "人")], cells: rows.map((r) => numCell(rng, r.expected, 0.2)), sum: true },
      ],
    },
  ];
  if (rows.some((r) => r.present !== undefined) || rng.chance(0.3))
    groups.push({
      cols: [{ head: [headWord(rng, "实到人数", "人")], cells: rows.map((r) => r.present ?? null), sum: true }],
    });
  groups.push(...remarkCol(n, 0.1, rng));
  return assemble(rng, "测评组织", groups, n, {
    titles: titles(rng, "民主测评组织情况"),
    headerRows: 1,
    shuffle: rng.chance(0.5),
    total: rng.chance(0.3),
    footnotes: footnotes(rng),
  });
}

function decisionsSheet(ctx: Ctx): SheetOut {
  const { rng, c } = ctx;
  const rows = c.decisions ?? [];
  const n = rows.length;
  // the grade each decided leader had before the decision, as the previous run's 考核结果 shows it
  let computed: (string | null)[] = rows.map(() => null);
  if (rows.length > 0 && rng.chance(0.3)) {
    const det = oracleDetails({ ...c, decisions: undefined });
    computed = rows.map((d) => {
      const i = c.leaders.findIndex((l) =>
        d.id && l.id ? d.id === l.id : normName(l.name) === normName(d.name) && normName(l.unit) === normName(d.unit),
      );
      return i < 0 ? null : (det.expected.leaders[i]?.grade ?? null);
    });
  }
  const ids = ctx.idsOnLeaders && rows.every((d) => d.id) && rng.chance(0.6);
  const unitCol = !ids || ctx.layout.decisionsById === false || rng.chance(0.5);
  const groups: Group[] = [
    ...seqCol(n, 0.4, rng),
    { cols: [{ head: [headWord(rng, "姓名")], cells: rows.map((d) => looseName(rng, d.name)) }] },
  ];
  if (unitCol)
    groups.push({ cols: [{ head: [headWord(rng, "单位")], cells: rows.map((d) => looseName(rng, d.unit)) }] });
  if (ids) groups.push({ cols: [{ head: [headWord(rng, "工号")], cells: rows.map((d) => d.id ?? null) }] });
  const gradeHead = rng.weighted<string>([
    [headWord(rng, "等次"), 5],
    ["决定等次", 1],
    ["确定等次", 1],
    ["等次（组织决定）", 1],
    ["等次(党委会确定)", 1],
  ]);
  groups.push({ cols: [{ head: [gradeHead], cells: rows.map((d) => d.grade) }] });
  if (rows.some((d) => d.basis) || rng.chance(0.5))
    groups.push({
      cols: [
        {
          head: [rng.pick([headWord(rng, "依据"), "决定依据", "依据（会议及日期）"])],
          cells: rows.map((d) => d.basis ?? null),
        },
      ],
    });
  if (computed.some((g) => g !== null)) groups.push({ cols: [{ head: ["原等次"], cells: computed }] });
  if (rng.chance(0.2))
    groups.push({ cols: [{ head: ["会议日期"], cells: rows.map(() => (rng.chance(0.7) ? "2026年1月8日" : null)) }] });
  groups.push(...remarkCol(n, 0.15, rng));
  return assemble(rng, "组织决定", groups, n, {
    titles: titles(rng, "党委会研究确定的考核等次"),
    headerRows: 1,
    shuffle: rng.chance(0.6),
    footnotes: footnotes(rng),
  });
}

const DATE_FORMATS = ["yyyy-mm-dd", "yyyy/m/d", 'yyyy"年"m"月"d"日"', "yyyy.mm", "yyyy-mm"];

function qualCell(rng: Rng, v: QualCell | undefined): { cell: Cell; fmt?: string } {
  if (v === null || v === undefined) return { cell: missingCell(rng) };
  if (typeof v === "object") {
    const [y, m, d] = v.date.split("-").map(Number) as [number, number, number];
    return { cell: new Date(Date.UTC(y, m - 1, d)), fmt: rng.pick(DATE_FORMATS) };
  }
  if (typeof v === "number") return { cell: numCell(rng, v, 0.2) };
  return { cell: v };
}

function qualificationSheet(ctx: Ctx): SheetOut {
  const { rng, c } = ctx;
  const cands = c.qualification ?? [];
  const n = cands.length;
  const groups: Group[] = [...seqCol(n, 0.4, rng)];
  for (const k of QUAL_COLUMNS) {
    const cells = cands.map((cand) => qualCell(rng, cand[k]));
    groups.push({
      cols: [
        {
          head: [k === "姓名" || k === "单位" ? headWord(rng, k) : k],
          cells: cells.map((x) => x.cell),
          fmt: cells.map((x) => x.fmt),
        },
      ],
    });
  }
  groups.push(...remarkCol(n, 0.2, rng));
  return assemble(rng, "资质审查", groups, n, {
    titles: titles(rng, "后备人选资质审查"),
    headerRows: 1,
    shuffle: rng.chance(0.5),
    footnotes: footnotes(rng),
  });
}

// ───────────────────────────── the workbook ─────────────────────────────

/** The workbook of a case in the layout of `layoutSeed` (not written to disk). */
export function buildCaseWorkbook(c: CleanCase, layoutSeed: number, layout: LayoutOptions = {}): ExcelJS.Workbook {
  const rng = new Rng(layoutSeed * 7919 + 17);
  const ctx: Ctx = {
    rng,
    c,
    method: mergeMethod(c.method),
    idsOnLeaders: c.leaders.some((l) => l.id) && rng.chance(0.9),
    layout,
  };
  const sheets: SheetOut[] = [leadersSheet(ctx), economicSheet(ctx), workSheet(ctx)];
  if (!(c.ballots && c.votes.length === 0))
    sheets.push(
      layout.votes === "wide1" || layout.votes === "wide2" ? wideVotesSheet(ctx, layout.votes) : votesSheet(ctx),
    );
  if (c.ballots) sheets.push(c.ballots.form === "wide" ? wideBallotsSheet(ctx) : longBallotsSheet(ctx));
  if (c.ballots?.turnout) sheets.push(turnoutSheet(ctx));
  if ((c.adjust && c.adjust.length > 0) || rng.chance(0.5)) sheets.push(adjustSheet(ctx));
  if (c.qualification) sheets.push(qualificationSheet(ctx));
  if (c.personal) sheets.push(personalSheet(ctx));
  if (c.decisions) sheets.push(decisionsSheet(ctx));
  if (rng.chance(0.12))
    sheets.push({
      name: "填表说明",
      rows: [["填表说明"], ["1.各表表头请勿修改。"], ["2.金额单位为万元。"]],
      fmts: new Map(),
      merges: [],
    });
  const ordered = rng.chance(0.3) ? rng.shuffle(sheets) : sheets;
  const wb = new ExcelJS.Workbook();
  for (const s of ordered) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((r, i) =>
      r.forEach((v, j) => {
        if (v === null) return;
        const cell = ws.getCell(i + 1, j + 1);
        cell.value = v;
        const f = s.fmts.get(`${i},${j}`);
        if (f) cell.numFmt = f;
        else if (v instanceof Date) cell.numFmt = "yyyy-mm-dd";
      }),
    );
    for (const [r1, c1, r2, c2] of s.merges) ws.mergeCells(r1 + 1, c1 + 1, r2 + 1, c2 + 1);
  }
  return wb;
}

export async function writeCaseXlsx(
  c: CleanCase,
  file: string,
  layoutSeed: number,
  layout: LayoutOptions = {},
): Promise<void> {
  await buildCaseWorkbook(c, layoutSeed, layout).xlsx.writeFile(file);
}

/** Writes the case's method overrides (for --method) and says whether there were any. */
export async function writeCaseJsonMethod(c: CleanCase, file: string): Promise<boolean> {
  if (!c.method || Object.keys(c.method).length === 0) return false;
  await writeFile(file, JSON.stringify(c.method, null, 2), "utf8");
  return true;
}

export interface CaseFiles {
  xlsx: string;
  /** The method document to pass with --method, or null when the case uses the defaults. */
  method: string | null;
  /** Where the CLI is asked to write its result document. */
  json: string;
  referenceDate: string | null;
  /** Arguments after `npm run --silent cli --`: score <xlsx> --json <json> [--method …] [--reference-date …]. */
  args: string[];
}

/** Writes `<dir>/<base>.xlsx` (layout `layoutSeed`) and, when the case has overrides, `<dir>/<base>.method.json`. */
export async function writeCaseFiles(
  c: CleanCase,
  dir: string,
  layoutSeed: number,
  base = c.name ?? "case",
  layout: LayoutOptions = {},
): Promise<CaseFiles> {
  const xlsx = join(dir, `${base}.xlsx`);
  const methodFile = join(dir, `${base}.method.json`);
  const json = join(dir, `${base}.result.json`);
  await writeCaseXlsx(c, xlsx, layoutSeed, layout);
  const method = (await writeCaseJsonMethod(c, methodFile)) ? methodFile : null;
  const referenceDate = c.referenceDate ?? null;
  const args = ["score", xlsx, "--json", json];
  if (method) args.push("--method", method);
  if (referenceDate) args.push("--reference-date", referenceDate);
  return { xlsx, method, json, referenceDate, args };
}

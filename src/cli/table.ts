/** The results as a plain-text table for a terminal, aligned for CJK double-width characters. */
import type { RobustnessResult } from "../engine/robustness";
import type { Assessment, LeaderResult } from "../engine/types";
import { FLAG_SEPARATOR } from "../workbook/layout";
import { displayWidth } from "../workbook/textWidth";
import { terminalSafe } from "./io";

export { displayWidth };

export type Align = "left" | "right";

/** Pads text with spaces to `width` terminal columns; text already as wide or wider is returned as it is. */
export function pad(text: string, width: number, align: Align = "left"): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(text)));
  return align === "right" ? fill + text : text + fill;
}

export interface TableColumn {
  header: string;
  align: Align;
}

const GAP = "  ";

/**
 * What `clean` changes: a control character (line breaks among them) or one terminalSafe replaces. Most cells
 * hold none, and one test of a compiled expression costs less than the two replacements.
 */
// eslint-disable-next-line no-control-regex
const NOT_PLAIN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * Lines of a table: header, a rule, then the rows, each cell padded to its column's widest entry. Cells are
 * single-line (line breaks become spaces). The last column is not padded, and no line ends in spaces.
 */
export function renderTable(columns: readonly TableColumn[], rows: readonly string[][]): string[] {
  // Escape sequences are shown, not acted on, before the columns are measured.
  const clean = (s: string) => (!NOT_PLAIN.test(s) ? s : terminalSafe(s.replace(/\s*[\r\n]+\s*/g, " ")));
  const n = columns.length;
  const body = rows.map((r) => columns.map((_, i) => clean(r[i] ?? "")));
  // Each cell measured once: the widths of the columns, then the padding.
  const cellWidths = body.map((r) => r.map(displayWidth));
  const widths = columns.map((c, i) => {
    let w = displayWidth(c.header);
    for (const r of cellWidths) if (r[i] > w) w = r[i];
    return w;
  });
  const line = (cells: readonly string[], measured: readonly number[]) => {
    let out = "";
    for (let i = 0; i < n; i++) {
      const s = cells[i];
      if (i > 0) out += GAP;
      if (i === n - 1 && columns[i].align === "left") out += s;
      else {
        const fill = " ".repeat(Math.max(0, widths[i] - measured[i]));
        out += columns[i].align === "right" ? fill + s : s + fill;
      }
    }
    // trimEnd removes what /\s+$/ matches (WhiteSpace and LineTerminator), without a regular expression
    // that tries every run of spaces in the line.
    return out.trimEnd();
  };
  const headers = columns.map((c) => c.header);
  return [
    line(headers, headers.map(displayWidth)),
    widths.map((w) => "-".repeat(w)).join(GAP),
    ...body.map((r, k) => line(r, cellWidths[k])),
  ];
}

const MISSING = "-";

function score(v: number | null): string {
  return v === null ? MISSING : v.toFixed(2);
}

function signed(v: number): string {
  return v > 0 ? `+${v.toFixed(2)}` : v.toFixed(2);
}

export const RESULT_TABLE_COLUMNS: readonly TableColumn[] = [
  { header: "排名", align: "right" },
  { header: "姓名", align: "left" },
  { header: "单位", align: "left" },
  { header: "职务", align: "left" },
  { header: "工作业绩", align: "right" },
  { header: "民主测评", align: "right" },
  { header: "加减分", align: "right" },
  { header: "综合得分", align: "right" },
  { header: "等次", align: "left" },
  { header: "说明", align: "left" },
];

function resultRow(l: LeaderResult): string[] {
  return [
    l.rank === null ? MISSING : String(l.rank),
    l.name,
    l.unit,
    l.position,
    score(l.work),
    score(l.democratic),
    signed(l.adjustment),
    score(l.final),
    l.grade,
    l.flags.map((f) => f.message).join(FLAG_SEPARATOR),
  ];
}

/** One line: how many leaders, graded and pending, the 优秀 quota. */
export function summaryLine(a: Assessment): string {
  const s = a.summary;
  return (
    `共 ${a.leaders.length} 人：已评定 ${s.graded} 人，暂缓评定 ${s.pending} 人` +
    (s.ungraded > 0 ? `，不定等次 ${s.ungraded} 人` : "") +
    `；优秀名额 q = ${s.quota}` +
    (s.quotaGroups ? `（${s.quotaGroups.map((g) => `${g.group || "（空）"} ${g.quota}`).join("，")}）` : "") +
    `，评为优秀 ${s.excellent} 人。`
  );
}

/** The table of results, leaders in the order of 考核对象, followed by the summary line. */
export function resultsTable(a: Assessment): string {
  const leaders = [...a.leaders].sort((x, y) => x.index - y.index);
  return [...renderTable(RESULT_TABLE_COLUMNS, leaders.map(resultRow)), "", summaryLine(a)].join("\n") + "\n";
}

/** The robustness check as a table: each graded leader's nominal rank, the 5–95% range, the grade change. */
export function robustnessTable(r: RobustnessResult): string {
  const columns: TableColumn[] = [
    { header: "排名", align: "right" },
    { header: "姓名", align: "left" },
    { header: "单位", align: "left" },
    { header: "中位名次", align: "right" },
    { header: "名次区间(5%–95%)", align: "left" },
    { header: "等次变动", align: "right" },
    { header: "稳健性", align: "left" },
  ];
  const leaders = [...r.leaders].sort((a, b) => a.nominalRank - b.nominalRank || a.index - b.index);
  const rows = leaders.map((l) => [
    String(l.nominalRank),
    l.name,
    l.unit,
    String(l.medianRank),
    `${l.p5Rank}–${l.p95Rank}`,
    `${(l.gradeChangeShare * 100).toFixed(1)}%`,
    l.unstable ? "不稳定" : "稳定",
  ]);
  const unstable = r.leaders.filter((l) => l.unstable).length;
  return (
    [
      "",
      `稳健性检验：权重随机浮动 ±${Math.round(r.perturbation * 100)}%，测评票分值两种方案，共 ${r.draws} 次（种子 ${r.seed}）`,
      ...renderTable(columns, rows),
      "",
      `名次区间跨 ${r.unstableIf.rankSpan} 名及以上、或等次变动超过 ${r.unstableIf.gradeChangeShare * 100}% 的为“不稳定”：共 ${unstable} 人。`,
    ].join("\n") + "\n"
  );
}

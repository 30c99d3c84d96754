/**
 * 个人考核结果通知书 (issue 8, item 5): one page per leader, in the order of 考核对象 — 工作业绩 with its four
 * parts, 民主测评 with the votes by category and evaluator group, 加减分, 综合得分 and the rank among those
 * graded, the grade with every reason in plain words, 个人情况 where there is any, and how to ask for a review
 * (the method's `papers.reviewNotice`).
 */
import type { DemocraticExplanation, LeaderResult } from "../engine/types";
import type { Assessment } from "../engine/types";
import type { Method } from "../method/types";
import type { TitleInfo } from "../workbook/titles";
import { chineseDate, percent, score, signed } from "./facts";
import { paragraph, type Block, type PaperDocument, type TableBlock } from "./model";
import { paperTitle, resultsTitle } from "./title";

export interface LettersOptions {
  /** YYYY-MM-DD: the date of the letters. */
  date: string;
  titles: TitleInfo;
}

const NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** A number as people write it: at most two decimals, no trailing zeros (25, 0.5). */
function plain(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/** Weights as shares of their sum: 70 and 30 → 70%, 30%. */
function share(w: number, total: number): string {
  return total > 0 ? `${plain((w / total) * 100)}%` : "—";
}

function workTable(l: LeaderResult): TableBlock {
  const blocks = l.explain.work.blocks;
  const total = blocks.reduce(
    (s, b) => s + (l.explain.work.economicWeightZeroed && b.key === "economic" ? 0 : b.weight),
    0,
  );
  return {
    kind: "table",
    columns: [
      { header: "项目", width: 30 },
      { header: "权重", width: 15, align: "center" },
      { header: "得分", width: 15, align: "right" },
    ],
    rows: [
      ...blocks.map((b) => {
        const w = l.explain.work.economicWeightZeroed && b.key === "economic" ? 0 : b.weight;
        return [b.label, share(w, total), score(b.value)];
      }),
      [{ text: "工作业绩", bold: true }, "", { text: score(l.work), bold: true }],
    ],
  };
}

/** Per evaluator group, the votes per category summed over the rows the rates count (all dimensions, or 综合评价). */
function voteRows(
  d: DemocraticExplanation,
  categories: number,
): { group: string; counts: number[]; value: number | null }[] {
  return d.groups.map((g) => {
    const counts = new Array<number>(categories).fill(0);
    for (const dim of g.dimensions) {
      if ((d.rateBasis === "overall") !== dim.overall) continue;
      dim.counts.forEach((n, i) => {
        if (i < categories) counts[i] += n;
      });
    }
    return { group: g.group, counts, value: g.value };
  });
}

function votesTable(l: LeaderResult, method: Method): TableBlock {
  const cats = method.democratic.categories.map((c) => c.name);
  const d = l.explain.democratic;
  const rows = voteRows(d, cats.length);
  return {
    kind: "table",
    columns: [
      { header: "测评人类别", width: 16 },
      ...cats.map((c) => ({ header: `${c}（票）`, width: 12, align: "center" as const })),
      { header: "类别得分", width: 12, align: "right" },
    ],
    rows: [
      ...rows.map((r) => [r.group, ...r.counts.map(String), score(r.value)]),
      [
        { text: "合计", bold: true },
        ...d.totals.slice(0, cats.length).map((n) => ({ text: String(n), bold: true })),
        { text: score(l.democratic), bold: true },
      ],
    ],
  };
}

function votesLine(l: LeaderResult): string {
  const d = l.explain.democratic;
  if (l.democratic === null) return `民主测评得分暂无${d.missingReason ? `：${d.missingReason}` : ""}。`;
  return (
    `民主测评得分 ${score(l.democratic)} 分；优秀率 ${percent(l.excellentRate)}，称职以上率 ${percent(l.competentRate)}，` +
    `不称职率 ${percent(l.unfitRate)}（${d.rateBasis === "overall" ? "按综合评价票" : "按德、能、勤、廉各项票数合计"}）。`
  );
}

function adjustmentText(l: LeaderResult): string {
  const x = l.explain.adjustment;
  if (x.items.length === 0) return "无加减分事项，加减分为 0。";
  const item = (i: (typeof x.items)[number]) => `${i.item}（${i.kind === "bonus" ? "+" : "-"}${plain(i.value)}）`;
  const bonus = x.items.filter((i) => i.kind === "bonus");
  const penalty = x.items.filter((i) => i.kind === "penalty");
  const parts: string[] = [];
  if (bonus.length > 0) {
    parts.push(
      `加分：${bonus.map(item).join("、")}，合计 ${plain(x.bonusTotal)} 分` +
        (x.bonusTotal > x.maxBonus ? `，超过上限，按 ${plain(x.maxBonus)} 分计入` : ""),
    );
  }
  if (penalty.length > 0) parts.push(`减分：${penalty.map(item).join("、")}，合计 ${plain(x.penaltyTotal)} 分`);
  return `${parts.join("；")}。加减分计 ${signed(l.adjustment)} 分。`;
}

function finalText(l: LeaderResult, a: Assessment): string {
  const w = l.explain.final;
  const sum = w.workWeight + w.democraticWeight;
  if (l.final === null) {
    const why = l.flags.find((f) => f.code === "pending")?.message.replace(/^暂缓评定：/, "") ?? "";
    return `综合得分暂不计算，不参加排名${why ? `。原因：${why}` : ""}。`;
  }
  const formula =
    `综合得分 = 工作业绩 ${score(l.work)} × ${share(w.workWeight, sum)} + 民主测评 ${score(l.democratic)} × ` +
    `${share(w.democraticWeight, sum)} ${l.adjustment < 0 ? "-" : "+"} 加减分 ${Math.abs(l.adjustment).toFixed(2)} = ${score(l.final)} 分`;
  if (l.rank === null) return `${formula}；按个人情况的规定，不参加排名。`;
  return `${formula}，在参加排名的 ${a.summary.graded} 人中排第 ${l.rank} 名。`;
}

/** Why the grade is what it is: the band the score reached, then every flag's message. */
function gradeReasons(l: LeaderResult, method: Method): string[] {
  const out: string[] = [];
  const band = l.explain.grade.band;
  if (l.final !== null && band !== null) {
    const b = method.grades.bands.find((x) => x.grade === band);
    const next = method.grades.bands[method.grades.bands.findIndex((x) => x.grade === band) - 1];
    out.push(
      b && b.min !== null
        ? `综合得分 ${score(l.final)} 分，达到${band}分数线（${plain(b.min)} 分）${next && next.min !== null ? `，未达到${next.grade}分数线（${plain(next.min)} 分）` : ""}。`
        : `综合得分 ${score(l.final)} 分，低于${method.grades.bands[method.grades.bands.length - 2]?.grade ?? ""}分数线。`,
    );
  }
  for (const f of l.flags) out.push(`${f.message}。`);
  if (out.length === 0) out.push("工作业绩或民主测评尚缺，等次暂缓评定。");
  return out;
}

function circumstanceLines(l: LeaderResult): string[] {
  const out: string[] = [];
  for (const c of l.explain.personal.circumstances) {
    for (const r of c.rows) {
      const days = r.days === null ? "" : `，${plain(r.days)} 天`;
      const note = r.note.trim() ? `（${r.note.trim()}）` : "";
      out.push(`${r.text}${days}${note}`);
    }
    if (c.minDays !== null && !c.applies) {
      out.push(`以上${c.rule}合计 ${plain(c.days ?? 0)} 天，未达 ${plain(c.minDays)} 天，不影响等次。`);
    }
  }
  return out;
}

function letter(l: LeaderResult, a: Assessment, method: Method, o: LettersOptions, first: boolean): Block[] {
  const t = paperTitle(method.name, o.titles, a.summary.referenceDate);
  const circumstances = circumstanceLines(l);
  let n = 0;
  const heading = (text: string) =>
    paragraph("heading", `${NUMERALS[n++]}、${text}`, { keepNext: true, spaceBefore: 6 });
  const blocks: Block[] = [
    paragraph("title", resultsTitle(t, "结果通知书", false), { align: "center", pageBreakBefore: !first }),
    paragraph("body", `${l.name}同志：`, { spaceBefore: 6 }),
    paragraph(
      "body",
      `您参加了${t.scope}${t.year ? `${t.year}年度` : ""}${t.subject}（单位：${l.unit}；职务：${l.position}）。现将您的考核结果通知如下：`,
      { indent: true },
    ),
    heading("工作业绩"),
    workTable(l),
    heading("民主测评"),
    votesTable(l, method),
    paragraph("small", votesLine(l)),
    heading("加减分"),
    paragraph("body", adjustmentText(l), { indent: true }),
    heading("综合得分与排名"),
    paragraph("body", finalText(l, a), { indent: true }),
    heading("考核等次"),
    paragraph("body", ["考核等次：", { text: l.grade, bold: true }], { indent: true }),
    ...gradeReasons(l, method).map((r) => paragraph("body", r, { indent: true })),
  ];
  if (circumstances.length > 0) {
    blocks.push(heading("个人情况"), ...circumstances.map((c) => paragraph("body", c, { indent: true })));
  }
  blocks.push(
    heading("复核"),
    paragraph("body", method.papers.reviewNotice, { indent: true }),
    paragraph("signature", t.scope || "（组织部门）", { align: "right", spaceBefore: 12 }),
    paragraph("signature", chineseDate(o.date), { align: "right" }),
  );
  return blocks;
}

/** One letter per leader, in the order of 考核对象, each on a page of its own. */
export function lettersDocument(a: Assessment, method: Method, o: LettersOptions): PaperDocument {
  const t = paperTitle(method.name, o.titles, a.summary.referenceDate);
  const leaders = [...a.leaders].sort((x, y) => x.index - y.index);
  return {
    title: resultsTitle(t, "结果通知书"),
    sections: [
      {
        orientation: "portrait",
        pageNumbers: false,
        blocks: leaders.flatMap((l, i) => letter(l, a, method, o, i === 0)),
      },
    ],
  };
}

/** 2025年度个人考核结果通知书.docx */
export function lettersFileName(a: Assessment, titles: TitleInfo): string {
  const year = titles.year ?? /^\d{4}/.exec(a.summary.referenceDate)?.[0];
  return `${year ? `${year}年度` : ""}个人考核结果通知书.docx`;
}

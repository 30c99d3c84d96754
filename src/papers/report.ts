/**
 * 考核报告 (issue 8, item 4): the paper for the committee's meeting and the archive, as a PaperDocument.
 *
 * 1. (landscape) the title with the group and the year, the date; 一、考核结果汇总表: every leader — those
 *    graded in rank order, then those pending or ungraded with the reason — and the 制表 / 审核 lines.
 * 2. (portrait) 二、拟定优秀等次人员名单 for 公示; 三、需集体研究事项: every leader with a flag, what the rule
 *    did and whether the committee must decide; 四、等次分布: the grade counts and rates, the quota.
 * 3. (landscape) 五、会议图表: the meeting charts as pictures, one a page.
 */
import { meetingFigures, type ChartOptions } from "../charts";
import type { Assessment, LeaderResult } from "../engine/types";
import { GRADES } from "../method/schema";
import type { Method } from "../method/types";
import type { TitleInfo } from "../workbook/titles";
import {
  chineseDate,
  flagMessages,
  flagRules,
  handling,
  HANDLING_TEXT,
  paperOrder,
  percent,
  score,
  signed,
} from "./facts";
import { paragraph, type Block, type PaperDocument, type PaperSection, type TableBlock } from "./model";
import { paperTitle, resultsTitle } from "./title";

export interface ReportOptions {
  /** YYYY-MM-DD: the date on the report. */
  date: string;
  /** What the workbook's title rows say (year, group). */
  titles: TitleInfo;
  /** The meeting charts, built with these options (the shell's theme and fonts); none when absent. */
  charts?: ChartOptions;
}

/** A line to sign on: 制表人：__________. */
const BLANK = "                    ";

function summaryTable(a: Assessment): TableBlock {
  return {
    kind: "table",
    compact: true,
    columns: [
      { header: "排名", width: 5, align: "center" },
      { header: "姓名", width: 7, align: "center" },
      { header: "单位", width: 16 },
      { header: "职务", width: 16 },
      { header: "工作业绩", width: 7, align: "right" },
      { header: "民主测评", width: 7, align: "right" },
      { header: "加减分", width: 6, align: "right" },
      { header: "综合得分", width: 7, align: "right" },
      { header: "等次", width: 7, align: "center" },
      { header: "说明", width: 30 },
    ],
    rows: paperOrder(a.leaders).map((l) => [
      l.rank === null ? "—" : String(l.rank),
      l.name,
      l.unit,
      l.position,
      score(l.work),
      score(l.democratic),
      signed(l.adjustment),
      score(l.final),
      { text: l.grade, bold: l.grade === "优秀" },
      flagMessages(l),
    ]),
  };
}

function summarySection(a: Assessment, method: Method, o: ReportOptions): PaperSection {
  const t = paperTitle(method.name, o.titles, a.summary.referenceDate);
  const s = a.summary;
  const others = s.pending + s.ungraded;
  return {
    orientation: "landscape",
    pageNumbers: true,
    blocks: [
      paragraph("title", resultsTitle(t, "结果报告"), { align: "center" }),
      paragraph("body", chineseDate(o.date), { align: "center" }),
      paragraph("heading", "一、考核结果汇总表", { keepNext: true }),
      summaryTable(a),
      paragraph(
        "small",
        `注：共 ${a.leaders.length} 人，参加排名 ${s.graded} 人；按综合得分从高到低排名，综合得分相同时依次比较工作业绩、民主测评、` +
          "优秀率、经营业绩。" +
          (others > 0 ? `暂缓评定 ${s.pending} 人、不定等次 ${s.ungraded} 人不参加排名，列于表末，原因见“说明”。` : ""),
      ),
      paragraph(
        "signature",
        [
          "制表人：",
          { text: BLANK, underline: true },
          "        审核人：",
          { text: BLANK, underline: true },
          "        负责人：",
          { text: BLANK, underline: true },
        ],
        { spaceBefore: 18 },
      ),
    ],
  };
}

function excellentList(a: Assessment, method: Method, o: ReportOptions): Block[] {
  const t = paperTitle(method.name, o.titles, a.summary.referenceDate);
  const list = paperOrder(a.leaders).filter((l) => l.status === "graded" && l.grade === "优秀");
  const decided = list.filter((l) => l.flags.some((f) => f.code === "committee")).length;
  const s = a.summary;
  const year = t.year ? `${t.year}年度` : "本年度";
  const blocks: Block[] = [
    paragraph("heading", "二、拟定优秀等次人员名单", { keepNext: true }),
    paragraph(
      "body",
      list.length > 0
        ? `经综合得分排名，按优秀名额 ${s.quota} 名确定，拟定以下 ${list.length} 名同志为${year}考核优秀等次` +
            `（按排名先后${decided > 0 ? `，其中 ${decided} 名经组织研究确定` : ""}），提请会议审议后公示：`
        : `${year}考核暂无拟定为优秀等次的人员。`,
      { indent: true, keepNext: list.length > 0 },
    ),
  ];
  if (list.length > 0) {
    blocks.push({
      kind: "table",
      columns: [
        { header: "序号", width: 6, align: "center" },
        { header: "姓名", width: 10, align: "center" },
        { header: "单位", width: 26 },
        { header: "职务", width: 26 },
        { header: "综合得分", width: 10, align: "right" },
        { header: "排名", width: 7, align: "center" },
      ],
      rows: list.map((l, i) => [String(i + 1), l.name, l.unit, l.position, score(l.final), String(l.rank)]),
    });
    blocks.push(
      paragraph(
        "small",
        ["公示期：　　　　年　　月　　日至　　　　年　　月　　日　　受理电话：", { text: BLANK, underline: true }],
        {
          spaceBefore: 6,
        },
      ),
    );
  }
  return blocks;
}

function studyItems(a: Assessment): Block[] {
  const order = paperOrder(a.leaders);
  const rank = { decide: 0, decided: 1, rule: 2 } as const;
  const flagged = order
    .map((l, at) => ({ l, at, h: handling(l) }))
    .filter((x): x is { l: LeaderResult; at: number; h: NonNullable<ReturnType<typeof handling>> } => x.h !== null)
    .sort((x, y) => rank[x.h] - rank[y.h] || x.at - y.at);
  const decide = flagged.filter((x) => x.h === "decide").length;
  const blocks: Block[] = [
    paragraph("heading", "三、需集体研究事项", { keepNext: true, spaceBefore: 12 }),
    paragraph(
      "body",
      flagged.length > 0
        ? `以下 ${flagged.length} 人的等次受考核办法中的规则或个人情况影响，请会议逐人审议；其中 ${decide} 人需研究决定` +
            "（并列处于名额边界、票数规则仅作标记、暂缓评定等），其余已按办法确定或已经组织研究："
        : "本次考核没有等次受规则或个人情况影响的人员，无需集体研究的事项。",
      { indent: true, keepNext: flagged.length > 0 },
    ),
  ];
  if (flagged.length > 0) {
    blocks.push({
      kind: "table",
      compact: true,
      columns: [
        { header: "序号", width: 6, align: "center" },
        { header: "姓名", width: 9, align: "center" },
        { header: "单位", width: 16 },
        { header: "事项", width: 12 },
        { header: "说明", width: 32 },
        { header: "等次", width: 10, align: "center" },
        { header: "处理", width: 14, align: "center" },
      ],
      rows: flagged.map(({ l, h }, i) => [
        String(i + 1),
        l.name,
        l.unit,
        flagRules(l),
        flagMessages(l),
        l.grade,
        { text: HANDLING_TEXT[h], bold: h === "decide" },
      ]),
    });
  }
  return blocks;
}

function gradeTable(a: Assessment): Block[] {
  const s = a.summary;
  const n = s.graded;
  const count = (g: string) => a.leaders.filter((l) => l.status === "graded" && l.grade === g).length;
  const rate = (k: number) => (n > 0 ? percent(k / n) : "—");
  const rows = GRADES.map((g) => [g, String(count(g)), rate(count(g))]);
  rows.push(["合计（参加评定）", String(n), n > 0 ? "100.00%" : "—"]);
  if (s.pending > 0) rows.push(["暂缓评定", String(s.pending), "不计入"]);
  if (s.ungraded > 0) rows.push(["不定等次", String(s.ungraded), "不计入"]);
  const quota = s.quotaGroups
    ? `优秀名额按组确定：${s.quotaGroups.map((g) => `${g.group || "（空白）"} ${g.graded} 人 ${g.quota} 名、评为优秀 ${g.excellent} 人`).join("；")}。`
    : `参加评定 ${n} 人，优秀名额 ${s.quota} 名，评为优秀 ${s.excellent} 人。`;
  const decided = s.decided > 0 ? `其中 ${s.decided} 人的等次经组织研究确定。` : "";
  return [
    paragraph("heading", "四、等次分布", { keepNext: true, spaceBefore: 12 }),
    paragraph("body", `${quota}${decided}`, { indent: true, keepNext: true }),
    {
      kind: "table",
      columns: [
        { header: "等次", width: 20, align: "center" },
        { header: "人数", width: 10, align: "center" },
        { header: "占参加评定人数", width: 16, align: "center" },
      ],
      rows,
    },
  ];
}

function chartsSection(a: Assessment, charts: ChartOptions): PaperSection {
  const figures = meetingFigures(a, charts);
  return {
    orientation: "landscape",
    pageNumbers: true,
    blocks: [
      paragraph("heading", "五、会议图表", { keepNext: true }),
      ...figures.map((figure, i) => ({
        kind: "picture" as const,
        figure,
        caption: `图${i + 1}\u3000${figure.title}`,
        pageBreakBefore: i > 0,
      })),
    ],
  };
}

/** The report as a document: summary table, 优秀 list, 需集体研究事项, grade counts, and the charts. */
export function reportDocument(a: Assessment, method: Method, o: ReportOptions): PaperDocument {
  const t = paperTitle(method.name, o.titles, a.summary.referenceDate);
  const sections: PaperSection[] = [
    summarySection(a, method, o),
    {
      orientation: "portrait",
      pageNumbers: true,
      blocks: [...excellentList(a, method, o), ...studyItems(a), ...gradeTable(a)],
    },
  ];
  if (o.charts) sections.push(chartsSection(a, o.charts));
  return { title: resultsTitle(t, "结果报告"), sections };
}

/** 2025年度考核结果报告.docx */
export function reportFileName(a: Assessment, titles: TitleInfo): string {
  const year = titles.year ?? /^\d{4}/.exec(a.summary.referenceDate)?.[0];
  return `${year ? `${year}年度` : ""}考核结果报告.docx`;
}

/** 考核报告 as a document model (issue 8, item 4): exact content, before any .docx is written. */
import { beforeAll, describe, expect, it } from "vitest";
import { meetingFigures } from "../../src/charts";
import type { Assessment, LeaderResult } from "../../src/engine/types";
import { defaultMethod } from "../../src/method/defaults";
import { handling, paperOrder } from "../../src/papers/facts";
import { documentText, type Block, type PaperDocument, type TableBlock } from "../../src/papers/model";
import { reportDocument, reportFileName } from "../../src/papers/report";
import { assessmentOf, leader } from "../support/assessment";
import { DATE, richAssessment, type Scored } from "./fixtures";

let s: Scored;
let doc: PaperDocument;

const blocks = (d: PaperDocument): Block[] => d.sections.flatMap((x) => x.blocks);
const text = (b: Block) =>
  b.kind === "paragraph" ? b.spans.map((x) => (typeof x === "string" ? x : x.text)).join("") : "";
const cell = (c: TableBlock["rows"][number][number]) => (typeof c === "string" ? c : c.text);

/** The table right after the heading that starts with `heading`. */
function tableAfter(d: PaperDocument, heading: string): TableBlock {
  const list = blocks(d);
  const at = list.findIndex((b) => b.kind === "paragraph" && b.style === "heading" && text(b).startsWith(heading));
  const t = list.slice(at + 1).find((b): b is TableBlock => b.kind === "table");
  if (at < 0 || !t) throw new Error(`no table after ${heading}`);
  return t;
}

const column = (t: TableBlock, header: string) => {
  const i = t.columns.findIndex((c) => c.header === header);
  if (i < 0) throw new Error(`no column ${header}`);
  return t.rows.map((r) => cell(r[i]));
};

beforeAll(async () => {
  s = await richAssessment();
  doc = reportDocument(s.a, s.method, { date: DATE, titles: s.titles });
});

describe("the title", () => {
  it("names the group, the year and what is assessed, and the date", () => {
    expect(text(blocks(doc)[0])).toBe("恒川能源集团2025年度党组织负责人考核评价结果报告");
    expect(text(blocks(doc)[1])).toBe("2026年1月15日");
    expect(doc.title).toBe("恒川能源集团2025年度党组织负责人考核评价结果报告");
    expect(reportFileName(s.a, s.titles)).toBe("2025年度考核结果报告.docx");
  });
});

describe("一、考核结果汇总表", () => {
  it("lists everyone graded in rank order, then the pending and ungraded with the reason", () => {
    const t = tableAfter(doc, "一、考核结果汇总表");
    const graded = s.a.leaders.filter((l) => l.status === "graded");
    const others = s.a.leaders.filter((l) => l.status !== "graded");
    expect(t.rows).toHaveLength(s.a.leaders.length);
    const ranks = column(t, "排名").slice(0, graded.length).map(Number);
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
    expect(ranks).toEqual(graded.map((l) => l.rank!).sort((x, y) => x - y));
    // Everyone graded once, by name and unit.
    const who = t.rows.map((r) => `${cell(r[1])}|${cell(r[2])}`);
    for (const l of s.a.leaders) expect(who.filter((w) => w === `${l.name}|${l.unit}`)).toHaveLength(1);
    expect(new Set(who.slice(0, graded.length))).toEqual(new Set(graded.map((l) => `${l.name}|${l.unit}`)));
    // Then the others, their rank empty and their reason in 说明.
    const tail = t.rows.slice(graded.length);
    expect(tail.map((r) => cell(r[1]))).toEqual(others.map((l) => l.name));
    expect(tail.map((r) => cell(r[0]))).toEqual(others.map(() => "—"));
    expect(tail.map((r) => cell(r[8]))).toEqual(["暂缓评定", "暂缓评定", "不定等次"]);
    expect(tail.map((r) => cell(r[9]))).toEqual([
      "暂缓评定：民主测评无法计算（没有民主测评票）",
      "个人情况：立案审查，暂缓确定等次",
      "个人情况：党内严重警告，不确定等次",
    ]);
  });

  it("shows the scores as 考核结果 does, and every flag in 说明", () => {
    const t = tableAfter(doc, "一、考核结果汇总表");
    const first = s.a.leaders.find((l) => l.rank === 1)!;
    expect(t.rows[0].map(cell)).toEqual([
      "1",
      first.name,
      first.unit,
      first.position,
      first.work!.toFixed(2),
      first.democratic!.toFixed(2),
      "+1.00",
      first.final!.toFixed(2),
      first.grade,
      "个人情况：诫勉，不得确定为优秀",
    ]);
    const zhou = t.rows.find((r) => cell(r[1]) === "周启明")!;
    expect(cell(zhou[9])).toBe(
      "超出优秀名额（3 名），由优秀调整为称职；经组织研究确定为优秀（原为称职，2026年1月8日党委会研究决定）",
    );
  });

  it("ends with the 制表 and 审核 lines", () => {
    const list = doc.sections[0].blocks;
    const last = list[list.length - 1];
    expect(last.kind === "paragraph" && last.style).toBe("signature");
    expect(text(last)).toMatch(/^制表人：\s+审核人：\s+负责人：\s+$/);
  });
});

describe("二、拟定优秀等次人员名单", () => {
  it("lists exactly those graded 优秀, in rank order, the committee's decision included", () => {
    const t = tableAfter(doc, "二、拟定优秀等次人员名单");
    const excellent = paperOrder(s.a.leaders).filter((l) => l.grade === "优秀");
    expect(column(t, "姓名")).toEqual(excellent.map((l) => l.name));
    expect(column(t, "姓名")).toEqual(["蒋文博", "许文静", "何建国", "周启明"]);
    expect(column(t, "序号")).toEqual(["1", "2", "3", "4"]);
    expect(documentText(doc)).toContain(
      "经综合得分排名，按优秀名额 3 名确定，拟定以下 4 名同志为2025年度考核优秀等次（按排名先后，其中 1 名经组织研究确定），提请会议审议后公示：",
    );
    expect(column(t, "综合得分")).toEqual(excellent.map((l) => l.final!.toFixed(2)));
  });

  it("says so when nobody is 优秀", () => {
    const none = assessmentOf([leader({ grade: "称职" })]);
    const d = reportDocument(none, defaultMethod(), { date: DATE, titles: {} });
    expect(documentText(d)).toContain("2025年度考核暂无拟定为优秀等次的人员。");
  });
});

describe("三、需集体研究事项", () => {
  it("lists every flagged leader once, those the committee must decide first", () => {
    const t = tableAfter(doc, "三、需集体研究事项");
    const flagged = s.a.leaders.filter((l) => l.flags.length > 0);
    expect(new Set(column(t, "姓名"))).toEqual(new Set(flagged.map((l) => l.name)));
    expect(t.rows).toHaveLength(flagged.length);
    const handlingOf = Object.fromEntries(t.rows.map((r) => [cell(r[1]), cell(r[6])]));
    expect(handlingOf).toMatchObject({
      林雪梅: "需研究决定", // 暂缓评定: ballots missing
      韩丽娟: "需研究决定", // 立案审查
      秦少华: "需研究决定", // a vote rule that only flags
      周启明: "已经组织研究",
      赵国栋: "按办法确定",
      钱卫东: "按办法确定",
      冯雅琴: "按办法确定",
      张德宏: "按办法确定",
    });
    const order = column(t, "处理");
    const firstRule = order.indexOf("按办法确定");
    expect(order.slice(0, 3)).toEqual(["需研究决定", "需研究决定", "需研究决定"]);
    expect(order.slice(firstRule).every((h) => h === "按办法确定")).toBe(true);
    // What the rule did, in the rule's own words, and the grade it gave.
    const qin = t.rows.find((r) => cell(r[1]) === "秦少华")!;
    expect(cell(qin[3])).toBe("票数规则（称职以上票）");
    expect(cell(qin[4])).toBe("称职以上票 156 张，不足总票数 260 的三分之二，提请组织研究（不自动限定等次）");
    expect(cell(qin[5])).toBe("称职");
  });

  it("a tie at the quota boundary is for the committee to decide", () => {
    const tie = leader({
      index: 1,
      name: "乙",
      grade: "称职",
      flags: [{ code: "quotaTie", message: "并列处于名额边界" }],
    });
    expect(handling(tie)).toBe("decide");
    expect(handling(leader({}))).toBeNull();
  });

  it("says so when nobody is flagged", () => {
    const d = reportDocument(assessmentOf([leader({})]), defaultMethod(), { date: DATE, titles: {} });
    expect(documentText(d)).toContain("本次考核没有等次受规则或个人情况影响的人员，无需集体研究的事项。");
  });
});

describe("四、等次分布", () => {
  it("counts each grade among those graded, with its rate, and the leaders not graded apart", () => {
    const t = tableAfter(doc, "四、等次分布");
    const n = s.a.summary.graded;
    const count = (g: string) => s.a.leaders.filter((l) => l.status === "graded" && l.grade === g).length;
    expect(t.rows.map((r) => r.map(cell))).toEqual([
      ["优秀", String(count("优秀")), `${((count("优秀") / n) * 100).toFixed(2)}%`],
      ["称职", String(count("称职")), `${((count("称职") / n) * 100).toFixed(2)}%`],
      ["基本称职", String(count("基本称职")), `${((count("基本称职") / n) * 100).toFixed(2)}%`],
      ["不称职", "0", "0.00%"],
      ["合计（参加评定）", String(n), "100.00%"],
      ["暂缓评定", "2", "不计入"],
      ["不定等次", "1", "不计入"],
    ]);
    expect(documentText(doc)).toContain(
      `参加评定 ${n} 人，优秀名额 3 名，评为优秀 4 人。其中 1 人的等次经组织研究确定。`,
    );
  });
});

describe("五、会议图表", () => {
  it("has every meeting figure as a picture, one a page, when charts are asked for", () => {
    const charts = { date: DATE, year: "2025", scope: "恒川能源集团" };
    const d = reportDocument(s.a, s.method, { date: DATE, titles: s.titles, charts });
    expect(d.sections).toHaveLength(3);
    expect(d.sections[2].orientation).toBe("landscape");
    const pictures = d.sections[2].blocks.filter((b) => b.kind === "picture");
    const figures = meetingFigures(s.a, charts);
    expect(pictures.map((p) => p.kind === "picture" && p.figure.id)).toEqual(figures.map((f) => f.id));
    expect(pictures.map((p) => p.kind === "picture" && p.pageBreakBefore)).toEqual(figures.map((_, i) => i > 0));
    expect(doc.sections).toHaveLength(2); // without charts, no section for them
  });
});

describe("text that looks like a formula", () => {
  it("stays as it was: the document holds text, never formulas", () => {
    const tricky: Assessment = assessmentOf([
      leader({ name: "=SUM(A1)", unit: "+一公司", position: "@书记" }),
      leader({ index: 1, name: "-乙", rank: 2, grade: "称职" } as Partial<LeaderResult>),
    ]);
    const d = reportDocument(tricky, defaultMethod(), { date: DATE, titles: {} });
    const t = tableAfter(d, "一、考核结果汇总表");
    expect(t.rows.map((r) => [cell(r[1]), cell(r[2]), cell(r[3])])).toEqual([
      ["=SUM(A1)", "+一公司", "@书记"],
      ["-乙", "一公司", "党委书记"],
    ]);
  });
});

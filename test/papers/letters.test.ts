/** 个人考核结果通知书 as a document model (issue 8, item 5): one letter per leader, every reason in words. */
import { beforeAll, describe, expect, it } from "vitest";
import type { LeaderResult } from "../../src/engine/types";
import { loadMethod } from "../../src/method/schema";
import { lettersDocument, lettersFileName } from "../../src/papers/letters";
import type { Block, PaperDocument, TableBlock } from "../../src/papers/model";
import { DATE, richAssessment, type Scored } from "./fixtures";

let s: Scored;
let doc: PaperDocument;

const text = (b: Block) =>
  b.kind === "paragraph" ? b.spans.map((x) => (typeof x === "string" ? x : x.text)).join("") : "";
const cell = (c: TableBlock["rows"][number][number]) => (typeof c === "string" ? c : c.text);

/** The blocks of each letter: from one title to the next. */
function letters(d: PaperDocument): Block[][] {
  const out: Block[][] = [];
  for (const b of d.sections.flatMap((x) => x.blocks)) {
    if (b.kind === "paragraph" && b.style === "title") out.push([]);
    out[out.length - 1].push(b);
  }
  return out;
}

const texts = (l: Block[]) => l.map(text).filter((t) => t !== "");
const tables = (l: Block[]) => l.filter((b): b is TableBlock => b.kind === "table");
const letterOf = (name: string): Block[] => {
  const i = s.a.leaders.findIndex((l) => l.name === name);
  return letters(doc)[i];
};
const leaderNamed = (name: string): LeaderResult => s.a.leaders.find((l) => l.name === name)!;

beforeAll(async () => {
  s = await richAssessment();
  doc = lettersDocument(s.a, s.method, { date: DATE, titles: s.titles });
});

describe("one letter per leader", () => {
  it("in the order of 考核对象, each starting a new page", () => {
    const list = letters(doc);
    expect(list).toHaveLength(s.a.leaders.length);
    list.forEach((l, i) => {
      expect(text(l[0])).toBe("2025年度党组织负责人考核评价结果通知书");
      expect(l[0].kind === "paragraph" && l[0].pageBreakBefore).toBe(i > 0);
      expect(text(l[1])).toBe(`${s.a.leaders[i].name}同志：`);
    });
    expect(doc.sections.map((x) => x.orientation)).toEqual(["portrait"]);
    expect(lettersFileName(s.a, s.titles)).toBe("2025年度个人考核结果通知书.docx");
  });

  it("each with the leader's 综合得分, rank among those graded, and 等次", () => {
    for (const l of s.a.leaders) {
      const t = texts(letterOf(l.name)).join("\n");
      expect(t, l.name).toContain(`考核等次：${l.grade}`);
      if (l.final !== null) expect(t, l.name).toContain(`= ${l.final.toFixed(2)} 分`);
      if (l.rank !== null) expect(t, l.name).toContain(`在参加排名的 ${s.a.summary.graded} 人中排第 ${l.rank} 名。`);
    }
    const zhou = texts(letterOf("周启明")).join("\n");
    expect(zhou).toContain(
      "综合得分 = 工作业绩 92.60 × 70% + 民主测评 94.82 × 30% + 加减分 0.00 = 93.27 分，在参加排名的 17 人中排第 7 名。",
    );
  });

  it("gives every reason of the grade in words: the band reached, then each flag", () => {
    for (const l of s.a.leaders) {
      const t = texts(letterOf(l.name));
      for (const f of l.flags) expect(t, l.name).toContain(`${f.message}。`);
    }
    const zhou = texts(letterOf("周启明"));
    const at = zhou.indexOf("考核等次：优秀");
    expect(zhou.slice(at + 1, at + 4)).toEqual([
      "综合得分 93.27 分，达到优秀分数线（90 分）。",
      "超出优秀名额（3 名），由优秀调整为称职。",
      "经组织研究确定为优秀（原为称职，2026年1月8日党委会研究决定）。",
    ]);
    const qin = texts(letterOf("秦少华"));
    expect(qin).toContain("综合得分 83.05 分，达到称职分数线（70 分），未达到优秀分数线（90 分）。");
  });

  it("tells a leader without a 综合得分 why, and one not graded that there is no rank", () => {
    expect(texts(letterOf("林雪梅"))).toEqual(
      expect.arrayContaining([
        "民主测评得分暂无：没有民主测评票。",
        "综合得分暂不计算，不参加排名。原因：民主测评无法计算（没有民主测评票）。",
      ]),
    );
    const zhang = leaderNamed("张德宏");
    expect(texts(letterOf("张德宏")).find((t) => t.startsWith("综合得分 ="))).toMatch(
      new RegExp(`= ${zhang.final!.toFixed(2)} 分；按个人情况的规定，不参加排名。$`),
    );
  });
});

describe("工作业绩 and 民主测评", () => {
  it("shows the four parts of 工作业绩 with their weights", () => {
    const l = leaderNamed("冯雅琴");
    const [work] = tables(letterOf("冯雅琴"));
    expect(work.rows.map((r) => r.map(cell))).toEqual([
      ["经营业绩", "40%", l.economic!.toFixed(2)],
      ["重点工作", "20%", l.keyTasks!.toFixed(2)],
      ["党的建设", "30%", l.partyBuilding!.toFixed(2)],
      ["安全稳定", "10%", l.safety!.toFixed(2)],
      ["工作业绩", "", l.work!.toFixed(2)],
    ]);
  });

  it("counts the votes by category and evaluator group; the groups add up to the total the rates use", () => {
    for (const l of s.a.leaders.filter((x) => x.democratic !== null)) {
      const votes = tables(letterOf(l.name))[1];
      expect(votes.columns.map((c) => c.header)).toEqual([
        "测评人类别",
        "优秀（票）",
        "称职（票）",
        "基本称职（票）",
        "不称职（票）",
        "类别得分",
      ]);
      const groups = votes.rows.slice(0, -1);
      expect(groups.map((r) => cell(r[0]))).toEqual(l.explain.democratic.groups.map((g) => g.group));
      const total = votes.rows[votes.rows.length - 1].map(cell);
      expect(total[0]).toBe("合计");
      for (let k = 1; k <= 4; k++) {
        expect(
          groups.reduce((sum, r) => sum + Number(cell(r[k])), 0),
          `${l.name} ${k}`,
        ).toBe(Number(total[k]));
        expect(Number(total[k])).toBe(l.explain.democratic.totals[k - 1]);
      }
      expect(total[5]).toBe(l.democratic!.toFixed(2));
    }
  });

  it("lists the adjustments item by item", () => {
    expect(texts(letterOf("冯雅琴")).some((t) => /^加分：.+（\+1）.*加减分计 \+1\.00 分。$/.test(t))).toBe(true);
    expect(texts(letterOf("周启明"))).toContain("无加减分事项，加减分为 0。");
  });
});

describe("个人情况 and 复核", () => {
  it("lists a leader's circumstances only where there are any", () => {
    const has = (name: string) => texts(letterOf(name)).some((t) => /^[一二三四五六七八九]、个人情况$/.test(t));
    expect(has("冯雅琴")).toBe(true);
    expect(texts(letterOf("冯雅琴"))).toContain("诫勉（2025年5月诫勉谈话）");
    expect(texts(letterOf("王晓峰"))).toEqual(
      expect.arrayContaining(["病假，120 天", "以上病事假合计 120 天，未达 183 天，不影响等次。"]),
    );
    expect(has("周启明")).toBe(false);
    expect(has("蒋文博")).toBe(false);
  });

  it("ends with the method's 复核 paragraph, the sender and the date", () => {
    for (const l of letters(doc)) {
      const t = texts(l);
      expect(t.slice(-3)).toEqual([s.method.papers.reviewNotice, "恒川能源集团", "2026年1月15日"]);
    }
    const own = loadMethod({ papers: { reviewNotice: "如有异议，请于3日内向集团党委组织部提出复核申请。" } });
    if (!own.ok) throw new Error("method");
    const d = lettersDocument(s.a, own.method, { date: DATE, titles: s.titles });
    expect(texts(letters(d)[0])).toContain("如有异议，请于3日内向集团党委组织部提出复核申请。");
  });
});

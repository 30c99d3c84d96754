/**
 * What decided each grade (charts/decisions.ts), the waterfall 优秀等次的确定 and the table 需集体研究事项:
 * on the sample, on the sample with every kind of decision, and on generated §10 cases (circumstances of
 * every kind, quota groups, vote rules as flags, quota ties) scored by the real reader and engine.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { scoreBook } from "../../src/app/score";
import {
  excellentWaterfall,
  leaderDecisions,
  matters,
  mattersPages,
  MATTERS_HEADERS,
  MATTERS_ROWS_PER_PAGE,
  waterfallChart,
  type ChartSpec,
} from "../../src/charts";
import type { AnnotationsSpec } from "../../src/charts/annotations";
import { yScale } from "../../src/charts/geometry";
import type { TableBlock } from "../../src/charts/types";
import { workbookToGrids } from "../support/exceljsGrid";
import type { Assessment } from "../../src/engine/types";
import { generateCase } from "../support/generate";
import { buildCaseWorkbook } from "../support/writeCase";
import { expectClear } from "./clear";
import { datasets, decisionsAssessment, OPTS, options, pluginSpec, sampleAssessment } from "./fixtures";

let sample: Assessment;
let decided: Assessment;
let generated: Assessment[];
beforeAll(async () => {
  sample = await sampleAssessment();
  decided = await decisionsAssessment();
  generated = [];
  for (let seed = 1; seed <= 24; seed++) {
    const c = generateCase(seed, { section10: true, maxLeaders: 40 });
    const r = scoreBook({
      book: workbookToGrids(buildCaseWorkbook(c, seed)),
      method: c.method,
      today: "2025-12-31",
      referenceDate: c.referenceDate ?? undefined,
    });
    if (r.ok) generated.push(r.assessment);
  }
});

const marks = (c: ChartSpec) => pluginSpec<AnnotationsSpec>(c, "kp-annotations");
const steps = (a: Assessment) =>
  excellentWaterfall(a.leaders, a.summary.quota).steps.map((s) => [s.label, s.delta, s.leaders.map((l) => l.name)]);

describe("what decided a grade", () => {
  it("lists the rules that lowered or decided it, and only those", () => {
    const of = (a: Assessment, name: string) => leaderDecisions(a.leaders.find((l) => l.name === name)!);
    expect(of(sample, "赵国栋").map((d) => [d.badge, d.effect, d.open])).toEqual([["亏损限档", "优秀 → 称职", false]]);
    // 称职 by score in a still-loss unit? Nothing to say; 林雪梅's unit is not in loss either.
    expect(of(sample, "林雪梅")).toEqual([]);
    expect(of(sample, "周启明").map((d) => d.effect)).toEqual(["优秀 → 称职（名额 4 名）"]);
    expect(of(decided, "许文静").map((d) => [d.rule, d.reason])).toEqual([
      ["personal", "个人情况：诫勉，不得确定为优秀"],
    ]);
    expect(of(decided, "林雪梅").map((d) => [d.rule, d.effect])).toEqual([["personal", "不定等次"]]);
    expect(of(decided, "王晓峰").map((d) => [d.rule, d.effect])).toEqual([["personal", "暂缓评定"]]);
    // A vote rule that only flags is open until the committee decides; here it has.
    expect(of(decided, "秦少华").map((d) => [d.badge, d.open])).toEqual([
      ["票数规则", false],
      ["组织决定", false],
    ]);
    expect(of(decided, "秦少华")[1].effect).toBe("经组织研究确定为基本称职（原为称职）");
  });
});

describe("优秀等次的确定: the waterfall", () => {
  it("goes from those who reached the 优秀 line, rule by rule, to those rated 优秀", () => {
    expect(steps(sample)).toEqual([
      ["达到优秀分数线", 8, ["周启明", "陈立航", "赵国栋", "孙立成", "冯雅琴", "蒋文博", "许文静", "何建国"]],
      ["亏损限档", -2, ["赵国栋", "孙立成"]],
      ["超出名额", -2, ["周启明", "陈立航"]],
      ["评为优秀", 4, ["冯雅琴", "蒋文博", "许文静", "何建国"]],
    ]);
    expect(steps(decided).map((s) => [s[0], s[1]])).toEqual([
      ["达到优秀分数线", 8],
      ["个人情况", -1],
      ["亏损限档", -2],
      ["超出名额", -2],
      ["评为优秀", 3],
    ]);
    expect(decided.summary.quota).toBe(3);
  });

  it("adds up to the leaders rated 优秀, and counts each leader once, on generated cases", () => {
    expect(generated.length).toBeGreaterThan(15);
    let committee = 0;
    let personal = 0;
    let ties = 0;
    for (const a of generated) {
      const w = excellentWaterfall(a.leaders, a.summary.quota);
      const last = w.steps.at(-1)!;
      const sum = w.steps.slice(0, -1).reduce((s, x) => s + x.delta, 0);
      expect(sum).toBe(last.delta);
      expect(last.delta).toBe(a.summary.excellent);
      expect(last.delta).toBe(a.leaders.filter((l) => l.grade === "优秀").length);
      const out = w.steps.slice(1, -1).flatMap((s) => s.leaders);
      expect(new Set(out).size).toBe(out.length);
      for (const s of w.steps.slice(1, -1)) expect(Math.abs(s.delta)).toBe(s.leaders.length);
      // Without decisions of the committee, the quota is reached or not exceeded.
      if (a.summary.decided === 0) expect(last.delta).toBeLessThanOrEqual(a.summary.quota);
      committee += w.steps.filter((s) => s.key.startsWith("committee")).length;
      personal += w.steps.filter((s) => s.key === "personal").length;
      ties += w.steps.filter((s) => s.key === "quotaTie").length;
    }
    expect(personal).toBeGreaterThan(0);
    expect(ties + committee).toBeGreaterThanOrEqual(0);
  });

  it("draws the steps as floating bars with their numbers, the quota as a line, nothing crossing a number", () => {
    const chart = waterfallChart(decided, OPTS);
    expect(chart.fileName).toBe("00-优秀等次的确定");
    expect(chart.title).toBe("2025年度优秀等次的确定");
    expect(chart.config.data.labels).toEqual(["达到优秀分数线", "个人情况", "亏损限档", "超出名额", "评为优秀"]);
    expect(datasets(chart)[0].data).toEqual([
      [0, 8],
      [7, 8],
      [5, 7],
      [3, 5],
      [0, 3],
    ]);
    const m = marks(chart);
    expect(m.labels.map((l) => l.text)).toEqual(["8 人", "−1", "−2", "−2", "3 人"]);
    const y = yScale(chart.plot!, 0, options(chart).scales.y.max);
    const quota = m.under.filter((l) => l.role === "quota");
    expect(quota.length).toBeGreaterThan(0);
    for (const l of quota) expect(l.y1).toBeCloseTo(y(3), 6);
    expect(chart.notes.join("")).toContain("个人情况（−1）：许文静（恒川新材料有限公司）");
    expect(chart.subtitle).toContain("优秀名额 3 人");
    expectClear(chart, m);
    for (const a of generated) expectClear(waterfallChart(a, OPTS), marks(waterfallChart(a, OPTS)));
  });
});

describe("需集体研究事项", () => {
  it("names every leader whose grade a rule decided or who needs the committee, open questions first", () => {
    const list = matters(decided);
    expect(list.map((m) => [m.leader.name, m.decision.badge, m.status])).toEqual([
      ["许文静", "个人情况", "按规则"],
      ["赵国栋", "亏损限档", "按规则"],
      ["孙立成", "亏损限档", "按规则"],
      ["周启明", "超出名额", "按规则"],
      ["陈立航", "超出名额", "按规则"],
      ["钱卫东", "否决事项", "按规则"],
      ["吴振华", "否决事项", "按规则"],
      ["秦少华", "票数规则", "按规则"],
      ["秦少华", "组织决定", "已决定"],
      ["林雪梅", "个人情况", "按规则"],
      ["王晓峰", "个人情况", "按规则"],
    ]);
  });

  it("lists every flag the committee must see, on generated cases", () => {
    const MUST = new Set(["quotaTie", "personalUnfit", "personalNoGrade", "personalPending", "committee", "pending"]);
    let open = 0;
    for (const a of generated) {
      const list = matters(a);
      const named = new Set(list.map((m) => m.leader));
      for (const l of a.leaders) {
        const flags = l.flags.map((f) => f.code);
        if (flags.some((c) => MUST.has(c))) expect(named.has(l), `${l.name}: ${flags.join(",")}`).toBe(true);
        // A vote rule that only flags, where it would lower the grade.
        const g = l.explain.grade;
        const wouldLower = g.caps.some(
          (c) =>
            !c.applied &&
            g.band !== null &&
            ["优秀", "称职", "基本称职", "不称职"].indexOf(c.cap) >
              ["优秀", "称职", "基本称职", "不称职"].indexOf(g.band),
        );
        if (l.status === "graded" && g.personal !== "unfit" && wouldLower) {
          const m = list.find((x) => x.leader === l && x.decision.rule === "votes")!;
          expect(m, l.name).toBeDefined();
          expect(m.status).toBe(g.committee ? "按规则" : "待研究");
        }
        if (!named.has(l)) expect(l.grade === g.band || l.status !== "graded", l.name).toBe(true);
      }
      const statuses = list.map((m) => m.status);
      const firstSettled = statuses.findIndex((s) => s !== "待研究");
      if (firstSettled >= 0) expect(statuses.slice(firstSettled).includes("待研究")).toBe(false);
      open += statuses.filter((s) => s === "待研究").length;
    }
    expect(open).toBeGreaterThan(0);
  });

  it("is a table of person, unit, score, rule, facts, effect and status, a page per 12 rows", () => {
    const [page] = mattersPages(decided, OPTS);
    expect(page.fileName).toBe("00-需集体研究事项");
    const t = page.blocks.find((b) => b.kind === "table") as TableBlock;
    expect(t.header[0].map((c) => c.text)).toEqual([...MATTERS_HEADERS]);
    expect(t.rows[7].map((c) => c.text)).toEqual([
      "8",
      "秦少华",
      "恒川置业有限公司",
      "83.05",
      "票数规则",
      "称职以上票 156 张，不足总票数 260 的三分之二",
      "按规则最高为基本称职，未自动调整，已提请组织研究",
      "按规则",
    ]);
    expect(t.columns.reduce((s, c) => s + c.width, 0)).toBe(t.width);
    const big = generated.reduce((x, y) => (matters(x).length >= matters(y).length ? x : y));
    const pages = mattersPages(big, OPTS);
    expect(pages.flatMap((p) => (p.blocks.find((b) => b.kind === "table") as TableBlock).rows)).toHaveLength(
      matters(big).length,
    );
    for (const p of pages) {
      const table = p.blocks.find((b) => b.kind === "table") as TableBlock;
      expect(table.rows.length).toBeLessThanOrEqual(MATTERS_ROWS_PER_PAGE);
      expect(table.y + table.height).toBeLessThanOrEqual(p.height - 34);
    }
  });

  it("says so when there is nothing to decide", async () => {
    const quiet = {
      ...sample,
      leaders: sample.leaders.map((l) => ({
        ...l,
        flags: [],
        explain: {
          ...l.explain,
          grade: { ...l.explain.grade, caps: [], quota: { ...l.explain.grade.quota, decision: null } },
        },
      })),
    };
    const [page] = mattersPages(quiet, OPTS);
    expect(page.subtitle).toContain("没有需集体研究或由规则确定等次的事项");
  });
});

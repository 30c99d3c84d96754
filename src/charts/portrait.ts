/**
 * 个人考核画像: one 16:9 page per leader — who they are, F, rank and grade on the left; the 德能勤廉 radar
 * against the group mean in the middle; the votes by evaluator group and the unit's indicators on the right.
 */
import type { Assessment, LeaderResult } from "../engine/types";
import { frameOf, safeFileName, sourceOf, type Frame } from "./frame";
import { leaderIndicatorsChart } from "./indicators";
import { headerBlocks, leaderRadar, radarContext, sourceBlock, type RadarContext } from "./radar";
import { NOT_GRADES, shade } from "./theme";
import type { ChartOptions, PageBlock, PageSpec, PortraitFacts, TextLine } from "./types";
import { leaderVotesChart } from "./votes";

export const PORTRAIT_WIDTH = 1280;
export const PORTRAIT_HEIGHT = 720;

const fixed = (x: number | null) => (x === null ? "—" : x.toFixed(2));
const signed = (x: number) => (x > 0 ? `+${x.toFixed(2)}` : x.toFixed(2));
const percent = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);

/** "画像-07-张三": the leader's place on 考核对象 (padded to the group's size), then the name. */
export function portraitFileName(l: LeaderResult, count: number): string {
  const digits = Math.max(2, String(count).length);
  return safeFileName(`画像-${String(l.index + 1).padStart(digits, "0")}-${l.name}`);
}

export function portraitFacts(a: Assessment, l: LeaderResult, f: Frame): PortraitFacts {
  return {
    index: l.index,
    name: l.name,
    unit: l.unit,
    position: l.position,
    final: l.final,
    rank: l.rank,
    graded: a.summary.graded,
    grade: l.grade,
    gradeColor: f.theme.grades[l.grade],
    work: l.work,
    democratic: l.democratic,
    adjustment: l.adjustment,
    flags: l.flags.map((x) => x.message),
  };
}

export function leaderPortrait(
  a: Assessment,
  l: LeaderResult,
  opts: ChartOptions,
  rc: RadarContext = radarContext(a),
): PageSpec {
  const f = frameOf(a, opts);
  const t = f.theme;
  const W = PORTRAIT_WIDTH;
  const H = PORTRAIT_HEIGHT;
  const facts = portraitFacts(a, l, f);
  const title = `${f.year}年度个人考核画像 · ${l.name}`;
  const subtitle = `${f.scope} · ${l.unit}`;
  const colX = 28;
  const colW = 340;

  const scoreLines: TextLine[] = [
    { text: `工作业绩\u3000${fixed(l.work)}`, size: 16, weight: "bold", color: t.text },
    {
      text: `经营业绩 ${fixed(l.economic)} · 重点工作 ${fixed(l.keyTasks)} · 党的建设 ${fixed(l.partyBuilding)} · 安全稳定 ${fixed(l.safety)}`,
      size: 13,
      color: t.muted,
    },
    { text: `民主测评\u3000${fixed(l.democratic)}`, size: 16, weight: "bold", color: t.text, gap: 6 },
    {
      text: `优秀率 ${percent(l.excellentRate)} · 称职以上率 ${percent(l.competentRate)} · 不称职率 ${percent(l.unfitRate)}`,
      size: 13,
      color: t.muted,
    },
    { text: `加减分\u3000${signed(l.adjustment)}`, size: 16, weight: "bold", color: t.text, gap: 6 },
  ];
  const flagLines: TextLine[] = [
    { text: "说明", size: 14, weight: "bold", color: t.text },
    ...(l.flags.length === 0
      ? [{ text: "无", size: 13, color: t.muted }]
      : l.flags.map((x) => ({ text: `· ${x.message}`, size: 13, color: t.alert, gap: 2 }))),
  ];
  const rankText = l.rank === null ? `${l.grade}，不参与排名` : `第 ${l.rank} 名 / 已评定 ${a.summary.graded} 人`;

  const radar = leaderRadar(
    a,
    l,
    opts,
    { width: 430, height: 480, title: "德能勤廉测评", subtitle: "彩色实线：本人　虚线：全体平均" },
    rc,
  );
  const groupScores = l.explain.democratic.groups
    .filter((g) => g.value !== null)
    .map((g) => `${g.group} ${(g.value as number).toFixed(2)}`);
  const votes = leaderVotesChart(a, l, opts, { width: 414, height: 250 });
  const indicators = leaderIndicatorsChart(a, l, opts, { width: 414, height: 310 });

  const blocks: PageBlock[] = [
    ...headerBlocks(f, title, subtitle, W),
    { kind: "rule", role: "caption", x: 28, y: 88, width: W - 56, height: 0, color: t.grid, lineWidth: 1.5 },
    {
      kind: "text",
      role: "name",
      x: colX,
      y: 102,
      width: colW,
      height: 46,
      align: "left",
      lines: [{ text: l.name, size: 32, weight: "bold", color: t.text }],
    },
    {
      kind: "text",
      role: "unit",
      x: colX,
      y: 148,
      width: colW,
      height: 26,
      align: "left",
      lines: [{ text: l.unit, size: 17, color: t.text }],
    },
    {
      kind: "text",
      role: "position",
      x: colX,
      y: 174,
      width: colW,
      height: 46,
      align: "left",
      lines: [{ text: l.position, size: 15, color: t.muted }],
    },
    {
      kind: "text",
      role: "caption",
      x: colX,
      y: 224,
      width: colW,
      height: 22,
      align: "left",
      lines: [{ text: "综合得分", size: 14, color: t.muted }],
    },
    {
      kind: "text",
      role: "final",
      x: colX,
      y: 244,
      width: colW,
      height: 66,
      align: "left",
      lines: [{ text: fixed(l.final), size: 46, weight: "bold", color: t.text }],
    },
    {
      kind: "chip",
      role: "grade",
      x: colX,
      y: 318,
      width: 124,
      height: 40,
      text: l.grade,
      size: 18,
      // 暂缓评定 and 不定等次 are not grades: an outline, not a grade's fill.
      fill: NOT_GRADES.has(l.grade) ? t.background : facts.gradeColor,
      color: NOT_GRADES.has(l.grade) ? t.muted : t.text,
      border: shade(facts.gradeColor, NOT_GRADES.has(l.grade) ? 0.55 : 0.7),
    },
    {
      kind: "text",
      role: "rank",
      x: colX + 140,
      y: 327,
      width: colW - 140,
      height: 24,
      align: "left",
      lines: [{ text: rankText, size: 16, weight: "bold", color: t.text }],
    },
    { kind: "text", role: "scores", x: colX, y: 376, width: colW, height: 156, align: "left", lines: scoreLines },
    { kind: "text", role: "flags", x: colX, y: 540, width: colW, height: 136, align: "left", lines: flagLines },
    { kind: "chart", role: "chart", x: 390, y: 100, width: radar.width, height: radar.height, chart: radar },
    {
      kind: "text",
      role: "caption",
      x: 400,
      y: 592,
      width: 410,
      height: 80,
      align: "center",
      lines: [
        { text: "各类测评人评分（德能勤廉加权）", size: 13, color: t.muted },
        {
          text: groupScores.length > 0 ? groupScores.join(" · ") : "无测评票",
          size: 15,
          weight: "bold",
          color: t.text,
          gap: 2,
        },
      ],
    },
    { kind: "chart", role: "chart", x: 838, y: 100, width: votes.width, height: votes.height, chart: votes },
    {
      kind: "chart",
      role: "chart",
      x: 838,
      y: 360,
      width: indicators.width,
      height: indicators.height,
      chart: indicators,
    },
    sourceBlock(f, H - 34, W),
  ];

  return {
    type: "page",
    id: `portrait-${l.index + 1}`,
    fileName: portraitFileName(l, a.leaders.length),
    kind: "portrait",
    title,
    subtitle,
    source: sourceOf(f),
    leader: l.index,
    portrait: facts,
    width: W,
    height: H,
    background: t.background,
    blocks,
    theme: t,
  };
}

/** One portrait per leader, in the order of 考核对象. */
export function leaderPortraits(a: Assessment, opts: ChartOptions): PageSpec[] {
  const rc = radarContext(a);
  return [...a.leaders].sort((x, y) => x.index - y.index).map((l) => leaderPortrait(a, l, opts, rc));
}

/**
 * A random, realistic assessment case (test/support/case.ts) per seed, for differential tests against the
 * oracle. Deterministic: the same seed and options give the same case.
 *
 * What a case may hold: 3–40 leaders; units with one secretary, a secretary and a manager sharing the unit,
 * 党政一肩挑, 党建工作指导员 units without economic data; loss targets (still in loss, turned profitable,
 * break-even); 'lower' indicators and three equal weights (the 2/3 availability boundary) via method
 * overrides; stepwise; dense ties; missing values and T = 0; vetoes; bonus and penalty items for a leader or a
 * whole unit, bonuses over the cap; exact twins (shared rank), crafted chains of leaders equal in F and
 * differing only in P, D, 优秀率 or E (or E missing); F exactly on a band boundary; a boundary tie at the 优秀
 * quota; vote patterns exactly at and just past the 1/3 and 2/3 caps; too few ballots (pending) and exactly
 * minBallots; a unit whose E is missing (pending); a 资质审查 roster with every date form and boundary birthdays.
 */
import type { Indicator } from "../../src/method/types";
import type { LeaderMode } from "../../src/workbook/input";
import type {
  CaseAdjust,
  CaseCandidate,
  CaseDecision,
  CaseLeader,
  CasePersonal,
  CaseVote,
  CaseWork,
  CleanCase,
  Num,
  OracleMethod,
  OracleMethodPatch,
  PersonalRule,
  QualCell,
} from "./case";
import { excelRound, mergeMethod, oracleDetails, quotaAtHalf, quotaOf, type LeaderDetail } from "./oracle";
import { Rng } from "./prng";
import { normName } from "./text";

export interface GenerateOptions {
  minLeaders?: number;
  maxLeaders?: number;
  /** true: always a 资质审查 roster; false: never; undefined: 40% of seeds. */
  qualification?: boolean;
  /** false: no method overrides (the defaults). */
  methodOverrides?: boolean;
  /** false: no crafted scenarios (ties, band edges, quota boundary), only random data. */
  scenarios?: boolean;
  /**
   * true: docs/method.md §10 at random — 个人情况 rows of every rule (names and aliases, 天数 summed against
   * minDays at, below and above it, missing 天数), several rules on a leader, circumstances on §4-pending
   * leaders; quotaRounding floor/round with N·p/100 at exactly .5 in most seeds; a quota group column
   * (考核类别 or 职务层级, blank values) and boundary ties within a group; voteCaps cap/flag; overall rows
   * (综合评价, 综合, 总体评价) with weight 0 or more, vote patterns at the caps on the overall counts, overall
   * rows that lift a leader over minBallots, groups that rate only the overall item.
   */
  section10?: boolean;
  /**
   * true: docs/method.md §12 — a 组织决定 sheet: decisions for leaders at a quota tie (the committee picks among
   * them, sometimes more than q), for leaders flagged by the vote rules under voteCaps "flag", for leaders cut
   * by the quota and for others at random (also confirming the computed grade), 等次 typed with stray spaces
   * now and then, 依据 or none; now and then an empty sheet. Best with section10 (quota ties, voteCaps flag).
   */
  section12?: boolean;
}

// ───────────────────────────── pools ─────────────────────────────

const SURNAMES = [
  ..."王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹黎易常武乔贺赖龚文",
];
const GIVEN = [
  "伟",
  "芳",
  "娜",
  "敏",
  "静",
  "丽",
  "强",
  "磊",
  "军",
  "洋",
  "勇",
  "艳",
  "杰",
  "娟",
  "涛",
  "明",
  "超",
  "华",
  "平",
  "刚",
  "秀英",
  "桂英",
  "建华",
  "建国",
  "志强",
  "国栋",
  "海燕",
  "晓东",
  "红梅",
  "卫东",
  "文斌",
  "立新",
  "永刚",
  "春生",
  "振华",
  "德明",
  "玉兰",
  "学军",
  "宏伟",
  "思远",
  "雪峰",
  "铁军",
  "新民",
  "亚楠",
  "少华",
];
const CITIES = [
  "北京",
  "上海",
  "天津",
  "重庆",
  "广州",
  "深圳",
  "成都",
  "武汉",
  "西安",
  "南京",
  "杭州",
  "郑州",
  "长沙",
  "济南",
  "沈阳",
  "青岛",
  "大连",
  "厦门",
  "昆明",
  "贵阳",
  "南宁",
  "合肥",
  "福州",
  "太原",
  "兰州",
  "哈尔滨",
  "长春",
  "南昌",
  "海口",
  "银川",
  "华北",
  "华东",
  "华南",
  "西南",
  "西北",
  "东北",
];
const UNIT_KINDS = [
  "分公司",
  "工程公司",
  "能源公司",
  "物流公司",
  "设计研究院",
  "置业公司",
  "电力公司",
  "矿业公司",
  "建设公司",
  "投资公司",
  "EPC工程公司",
  "IT服务公司",
];
const VETO_REASONS = [
  "发生较大生产安全责任事故",
  "违反中央八项规定精神被通报",
  "发生重大群体性信访事件",
  "党风廉政建设责任制考核不合格",
  "领导班子成员严重违纪",
];
const BONUS_ITEMS = [
  "获省部级表彰",
  "获评集团先进基层党组织",
  "党建品牌创建成果突出",
  "重大项目攻坚表彰",
  "科技创新成果获奖",
];
const PENALTY_ITEMS = [
  "被集团通报批评",
  "巡察整改不到位",
  "发生一般安全事故",
  "信访维稳工作被约谈",
  "审计发现问题整改滞后",
];
const EXTRA_INDICATORS: Indicator[] = [
  { name: "资产负债率", aliases: [], weight: 15, direction: "lower" },
  { name: "成本费用占营业收入比重", aliases: ["成本费用占比"], weight: 10, direction: "lower" },
  { name: "营业收入利润率", aliases: [], weight: 10, direction: "higher" },
];

// ───────────────────────────── context ─────────────────────────────

interface Ctx {
  rng: Rng;
  method: OracleMethod;
  c: CleanCase & { adjust: CaseAdjust[] };
  units: Set<string>;
  people: Set<string>;
  ids: Set<string>;
  useIds: boolean;
  maxLeaders: number;
}

function newUnit(ctx: Ctx): string {
  const { rng } = ctx;
  for (let attempt = 0; ; attempt++) {
    let u = rng.chance(0.12)
      ? `第${rng.int(1, 12)}工程局${rng.pick(["", "一公司", "二公司"])}`
      : `${rng.pick(CITIES)}${rng.pick(UNIT_KINDS)}`;
    // Large groups exhaust city × kind: number the branches then (`…第3分公司`).
    if (attempt > 30) u += `第${rng.int(1, 999)}分公司`;
    if (!ctx.units.has(normName(u))) {
      ctx.units.add(normName(u));
      return u;
    }
  }
}

function personName(rng: Rng): string {
  const given = rng.pick(GIVEN);
  const one = GIVEN.filter((g) => g.length === 1);
  return rng.pick(SURNAMES) + given + (given.length === 1 && rng.chance(0.35) ? rng.pick(one) : "");
}

function newPerson(ctx: Ctx, unit: string): string {
  const { rng } = ctx;
  const existing = [...new Set([...ctx.people].map((k) => k.split("|")[0]!))];
  for (let attempt = 0; ; attempt++) {
    // Large groups exhaust the pool of fresh names: then the same name in another unit (still a distinct
    // leader by 姓名 + 单位) is the way out.
    const reuse = existing.length > 0 && (rng.chance(0.06) || attempt > 30); // the same name in another unit
    const name = reuse ? rng.pick(existing) : personName(rng);
    if (!reuse && existing.includes(name)) continue;
    const key = `${name}|${normName(unit)}`;
    if (ctx.people.has(key)) continue;
    ctx.people.add(key);
    return name;
  }
}

function newId(ctx: Ctx): string | null {
  if (!ctx.useIds) return null;
  for (;;) {
    const id = ctx.rng.chance(0.5)
      ? String(ctx.rng.int(100000, 999999))
      : `E${String(ctx.rng.int(1, 99999)).padStart(5, "0")}`;
    if (!ctx.ids.has(id)) {
      ctx.ids.add(id);
      return id;
    }
  }
}

function addLeader(ctx: Ctx, unit: string, position: string, mode: LeaderMode | null): CaseLeader {
  const l: CaseLeader = { name: newPerson(ctx, unit), unit, position, mode };
  const id = newId(ctx);
  if (id) l.id = id;
  ctx.c.leaders.push(l);
  return l;
}

// ───────────────────────────── method ─────────────────────────────

function genMethodPatch(rng: Rng): OracleMethodPatch {
  const patch: OracleMethodPatch = {};
  const defaults = mergeMethod().economic.indicators;
  const economic: NonNullable<OracleMethodPatch["economic"]> = {};
  if (rng.chance(0.35)) {
    const form = rng.pick(["subset", "lower", "thirds"] as const);
    let inds: Indicator[];
    if (form === "subset") {
      inds = rng.shuffle(defaults).slice(0, rng.int(2, 4));
      if (!inds.some((i) => i.name === "实现利润") && rng.chance(0.7)) inds[0] = defaults[0]!;
      inds = inds.map((i) => ({ ...i, weight: rng.pick([10, 15, 20, 25, 30, 40]) }));
    } else if (form === "lower") {
      inds = [...defaults.slice(0, rng.int(2, 4)), ...rng.shuffle(EXTRA_INDICATORS).slice(0, rng.int(1, 2))].map(
        (i) => ({ ...i }),
      );
    } else {
      const w = rng.pick([1, 20, 30]);
      inds = [defaults[0]!, defaults[1]!, rng.pick([defaults[2]!, defaults[4]!, EXTRA_INDICATORS[0]!])].map((i) => ({
        ...i,
        weight: w,
      }));
    }
    economic.indicators = inds;
  }
  if (rng.chance(0.3)) economic.stepwise = true;
  if (rng.chance(0.06)) {
    economic.lossMaxBonusPoints = 2;
    economic.lossReductionFactor = 0.6;
  }
  if (rng.chance(0.05)) economic.belowBaseCapsOthers = false;
  if (Object.keys(economic).length > 0) patch.economic = economic;
  if (rng.chance(0.3)) patch.ranking = { ties: "dense" };
  if (rng.chance(0.1)) patch.democratic = { minBallots: rng.pick([3, 8, 10]) };
  if (rng.chance(0.1)) patch.grades = { excellentQuotaPercent: rng.pick([10, 15, 25, 30]) };
  if (rng.chance(0.08)) patch.final = { maxBonus: rng.pick([3, 4]) };
  return patch;
}

// ───────────────────────────── unit data ─────────────────────────────

type Loss = "none" | "still" | "turned";

function kindOf(ind: Indicator): "profit" | "money" | "rate" {
  if (ind.name.endsWith("率") || /比重|占比/.test(ind.name)) return "rate";
  if (ind.name.includes("利润")) return "profit";
  return "money";
}

function genTarget(rng: Rng, ind: Indicator, integer: boolean): number {
  const kind = kindOf(ind);
  if (kind === "rate") {
    const [lo, hi] = ind.direction === "lower" ? [35, 85] : [2, 16];
    return integer ? rng.int(lo, hi) : excelRound(rng.real(lo, hi), rng.pick([1, 2]));
  }
  const scale = ind.name.includes("收入") ? 200 : ind.name.includes("现金") ? 150 : ind.name.includes("上缴") ? 10 : 20;
  return rng.int(2, 600) * scale + (integer ? 0 : rng.pick([0, 0, 0.5, excelRound(rng.real(0, 1), 1)]));
}

function genPair(rng: Rng, ind: Indicator, quality: number, loss: Loss): [Num, Num] {
  if (loss !== "none") {
    const T = -rng.int(5, 300) * 10;
    if (loss === "still") return [T, rng.chance(0.08) ? T : excelRound(T * rng.real(0.05, 1.5), 1) || -1];
    return [T, rng.chance(0.15) ? 0 : excelRound(-T * rng.real(0.02, 1.2), 1) || 1];
  }
  const kind = kindOf(ind);
  const r = rng.next();
  let T: number;
  let delta: number;
  if (r < 0.06) {
    T = genTarget(rng, ind, false);
    delta = 0;
  } else if (r < 0.26) {
    T = genTarget(rng, ind, true); // an exact number of 3% steps
    delta = 0.03 * rng.pick([-3, -2, -1, 1, 2, 3, 4]);
    return [T, excelRound(ind.direction === "higher" ? T * (1 + delta) : T * (1 - delta), 2)];
  } else if (r < 0.34) {
    T = genTarget(rng, ind, false);
    delta = rng.pick([-1, 1]) * rng.real(0.2, 0.45); // past the clamp
  } else {
    T = genTarget(rng, ind, false);
    delta = -0.06 + 0.14 * quality + rng.real(-0.08, 0.1);
  }
  const raw = ind.direction === "higher" ? T * (1 + delta) : T * (1 - delta);
  let A = excelRound(raw, kind === "rate" ? 2 : rng.pick([1, 2]));
  if (A === 0) A = 0.01;
  const pair: [Num, Num] = [T, A];
  if (kind !== "rate" && rng.chance(0.015)) pair[0] = 0; // T = 0: missing, with a warning
  if (rng.chance(0.03)) pair[rng.chance(0.6) ? 1 : 0] = null;
  return pair;
}

function genEconomic(ctx: Ctx, quality: number, loss: Loss, eMissing: boolean): Record<string, [Num, Num]> {
  const { rng, method } = ctx;
  const inds = method.economic.indicators;
  const profitIdx = inds.findIndex((i) => i.direction === "higher" && kindOf(i) === "profit");
  const out: Record<string, [Num, Num]> = {};
  inds.forEach((ind, i) => {
    out[ind.name] = genPair(rng, ind, quality, i === profitIdx ? loss : "none");
  });
  if (eMissing) {
    const total = inds.reduce((a, x) => a + x.weight, 0);
    let avail = total;
    for (const ind of [...inds].sort((a, b) => b.weight - a.weight)) {
      if (excelRound(avail / total, 4) < method.economic.minAvailableShare) break;
      out[ind.name] = [out[ind.name]![0], null];
      avail -= ind.weight;
    }
  } else if (rng.chance(0.04) && inds.length >= 3) {
    // an indicator missing entirely for this unit (the row has no value for it)
    delete out[rng.pick(inds).name];
  }
  return out;
}

function ratingFor(method: OracleMethod, score: number): string {
  let best = "";
  let dist = Infinity;
  for (const [w, v] of Object.entries(method.ratings)) {
    if (Math.abs(v - score) < dist) {
      best = w;
      dist = Math.abs(v - score);
    }
  }
  return best;
}

function genWork(ctx: Ctx, quality: number): CaseWork {
  const { rng, method } = ctx;
  const one = (): CaseWork["重点工作"] => {
    if (rng.chance(0.04)) return null;
    let s = Math.min(100, Math.max(0, Math.round(52 + 48 * quality + rng.real(-8, 8))));
    if (rng.chance(0.1) && s < 100) s += 0.5;
    return rng.chance(0.2) ? ratingFor(method, s) : s;
  };
  const w: CaseWork = { 重点工作: one(), 党的建设: one(), 安全稳定: one() };
  if (rng.chance(0.012)) w.重点工作 = w.党的建设 = w.安全稳定 = null;
  if (rng.chance(0.05)) w.否决事项 = rng.pick(VETO_REASONS);
  return w;
}

// ───────────────────────────── votes ─────────────────────────────

type VotePattern =
  "normal" | "unfitExact" | "unfitOver" | "lowCompExact" | "lowCompUnder" | "fewBallots" | "ballotsExact" | "none";

function multinomial(rng: Rng, n: number, p: number[]): [number, number, number, number] {
  const out: [number, number, number, number] = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    let x = rng.next();
    let k = 0;
    while (k < 3 && x >= p[k]!) x -= p[k++]!;
    out[k]++;
  }
  return out;
}

function splitTotal(rng: Rng, total: number, parts: number): number[] {
  const cuts = Array.from({ length: parts - 1 }, () => rng.int(0, total)).sort((a, b) => a - b);
  return [...cuts, total].map((x, i) => x - (i === 0 ? 0 : cuts[i - 1]!));
}

function genVotes(ctx: Ctx, l: CaseLeader, quality: number, pattern: VotePattern): CaseVote[] {
  const { rng, method } = ctx;
  const groups = method.democratic.groups.map((g) => g.name);
  const dims = Object.keys(method.democratic.dimensions);
  const rows: CaseVote[] = [];
  const row = (group: string, dim: string, n: [number, number, number, number], abstain: number | null): CaseVote => {
    const v: CaseVote = { name: l.name, unit: l.unit, group, dim, n };
    if (l.id) v.id = l.id;
    if (abstain !== null) v.abstain = abstain;
    return v;
  };
  const pe = Math.min(0.92, Math.max(0.05, 0.12 + 0.78 * quality + rng.real(-0.08, 0.08)));
  const pu = quality < 0.15 ? 0.25 : 0.025 * (1 - quality);
  const pb = 0.12 * (1 - quality) + 0.02;
  const probs = [pe, Math.max(0, 1 - pe - pb - pu), pb, pu];
  if (pattern === "none") return rows;
  if (pattern === "fewBallots" || pattern === "ballotsExact") {
    const min = method.democratic.minBallots;
    const total = pattern === "ballotsExact" ? min : rng.int(1, Math.max(1, min - 1));
    const used = rng.shuffle(groups).slice(0, rng.int(1, Math.min(groups.length, total)));
    const sizes = splitTotal(rng, total - used.length, used.length).map((x) => x + 1);
    used.forEach((g, i) => dims.forEach((d) => rows.push(row(g, d, multinomial(rng, sizes[i]!, probs), null))));
    return rows;
  }
  if (pattern !== "normal") {
    for (const g of groups) {
      const m = rng.int(1, 6);
      for (const d of dims) {
        const n1 = rng.int(0, 2 * m);
        if (pattern === "unfitExact" || pattern === "unfitOver") rows.push(row(g, d, [n1, 2 * m - n1, 0, m], null));
        else {
          const n4 = rng.int(0, Math.floor(m / 2));
          rows.push(row(g, d, [n1, 2 * m - n1, m - n4, n4], null));
        }
      }
    }
    const v = rng.pick(rows).n;
    const from = v[1] > 0 ? 1 : 0;
    if (pattern === "unfitOver") {
      v[from]--;
      v[3]++;
    } else if (pattern === "lowCompUnder") {
      v[from]--;
      v[2]++;
    }
    return rows;
  }
  const present = groups.filter(() => !rng.chance(0.08));
  if (present.length === 0) present.push(rng.pick(groups));
  for (const g of present) {
    const gi = groups.indexOf(g);
    const size = gi === 0 ? rng.int(3, 12) : gi === 1 ? rng.int(4, 12) : rng.int(8, 40);
    const abstaining = rng.chance(0.12);
    for (const d of dims) {
      if (rng.chance(0.03)) continue; // a dimension left out
      const abst = abstaining ? rng.int(0, Math.min(2, size - 1)) : 0;
      const skipped = rng.chance(0.04) ? 1 : 0; // totals differ across dimensions (a warning)
      const n = multinomial(rng, Math.max(1, size - abst - skipped), probs);
      rows.push(row(g, d, n, abst > 0 ? abst : rng.chance(0.3) ? 0 : null));
    }
  }
  // Ballots are counted without abstentions (oracle R3); keep the two readings on the same side of minBallots.
  const ballots = (withAbst: boolean) =>
    groups.reduce(
      (a, g) =>
        a +
        Math.max(
          0,
          ...rows
            .filter((r) => r.group === g)
            .map((r) => r.n.reduce((x, y) => x + y, 0) + (withAbst ? (r.abstain ?? 0) : 0)),
        ),
      0,
    );
  const min = method.democratic.minBallots;
  if (ballots(true) >= min !== ballots(false) >= min) for (const r of rows) delete r.abstain;
  return rows;
}

// ───────────────────────────── adjustments ─────────────────────────────

function genAdjustments(ctx: Ctx, l: CaseLeader): void {
  const { rng, method } = ctx;
  const add = (type: "加分" | "减分", value: number) => {
    const a: CaseAdjust = {
      name: l.name,
      unit: l.unit,
      type,
      value,
      item: rng.pick(type === "加分" ? BONUS_ITEMS : PENALTY_ITEMS),
    };
    if (l.id) a.id = l.id;
    ctx.c.adjust.push(a);
  };
  if (rng.chance(0.04)) {
    let sum = 0;
    while (sum <= method.final.maxBonus) {
      const v = rng.pick([1.5, 2, 2.5, 3]);
      add("加分", v);
      sum += v;
    }
  } else if (rng.chance(0.22)) for (let i = rng.int(1, 2); i > 0; i--) add("加分", rng.pick([0.5, 1, 1, 1.5, 2, 3]));
  if (rng.chance(0.1)) add("减分", rng.pick([0.2, 0.5, 1, 1.5, 2]));
}

function genUnitWide(ctx: Ctx, unit: string): void {
  const { rng } = ctx;
  if (!rng.chance(0.06)) return;
  const type = rng.chance(0.6) ? "加分" : "减分";
  ctx.c.adjust.push({
    name: null,
    unit,
    type,
    value: rng.pick([0.5, 1, 2]),
    item: rng.pick(type === "加分" ? BONUS_ITEMS : PENALTY_ITEMS),
  });
}

// ───────────────────────────── units ─────────────────────────────

function pickPattern(rng: Rng): VotePattern {
  return rng.weighted<VotePattern>([
    ["normal", 80],
    ["unfitExact", 3],
    ["unfitOver", 3],
    ["lowCompExact", 3],
    ["lowCompUnder", 3],
    ["fewBallots", 2],
    ["ballotsExact", 1.5],
    ["none", 0.8],
  ]);
}

function addRandomUnit(ctx: Ctx, room: number): void {
  const { rng, c } = ctx;
  const shape = rng.weighted<"solo" | "oneHat" | "pair" | "guide">([
    ["solo", 40],
    ["oneHat", 25],
    ["pair", room >= 2 ? 27 : 0],
    ["guide", 8],
  ]);
  const unit = newUnit(ctx);
  const quality = rng.chance(0.04) ? rng.real(0, 0.15) : rng.real(0.3, 1);
  const leaders: CaseLeader[] = [];
  if (shape === "guide") leaders.push(addLeader(ctx, unit, "党建工作指导员", "党建工作指导员"));
  else if (shape === "oneHat")
    leaders.push(
      addLeader(
        ctx,
        unit,
        rng.pick(["党委书记、董事长、总经理", "党委书记、执行董事、总经理", "党总支书记、总经理"]),
        rng.chance(0.85) ? "党政一肩挑" : null,
      ),
    );
  else if (shape === "solo") {
    const dedicated = rng.chance(0.5);
    leaders.push(
      addLeader(
        ctx,
        unit,
        dedicated ? rng.pick(["党委书记", "党总支书记", "党支部书记"]) : "党委书记、董事长",
        rng.chance(0.15) ? null : dedicated ? "专职书记" : "交叉任职",
      ),
    );
  } else {
    const dedicated = rng.chance(0.4);
    leaders.push(
      addLeader(
        ctx,
        unit,
        dedicated ? "党委书记" : "党委书记、董事长",
        rng.chance(0.1) ? null : dedicated ? "专职书记" : "交叉任职",
      ),
    );
    leaders.push(addLeader(ctx, unit, "党委副书记、总经理", rng.chance(0.1) ? null : "交叉任职"));
  }
  if (shape !== "guide") {
    const loss: Loss = rng.weighted<Loss>([
      ["none", 88],
      ["still", 6],
      ["turned", 6],
    ]);
    if (!rng.chance(0.015)) c.economic[unit] = genEconomic(ctx, quality, loss, rng.chance(0.02));
  } else if (rng.chance(0.2)) {
    c.economic[unit] = {}; // a row with every value missing
  }
  if (!rng.chance(0.015)) c.work[unit] = genWork(ctx, quality);
  for (const l of leaders) {
    c.votes.push(...genVotes(ctx, l, Math.min(1, Math.max(0, quality + rng.real(-0.2, 0.15))), pickPattern(rng)));
    genAdjustments(ctx, l);
  }
  genUnitWide(ctx, unit);
}

/** A new unit with a copy of `l`'s unit data, its votes and the adjustments that apply to it: a full tie. */
function addTwin(ctx: Ctx, l: CaseLeader): CaseLeader {
  const { c } = ctx;
  const unit = newUnit(ctx);
  const t = addLeader(ctx, unit, l.position, l.mode ?? null);
  if (l.columns) t.columns = { ...l.columns };
  if (c.economic[l.unit]) c.economic[unit] = structuredClone(c.economic[l.unit]!);
  if (c.work[l.unit]) c.work[unit] = structuredClone(c.work[l.unit]!);
  for (const v of c.votes.filter((v) => v.name === l.name && v.unit === l.unit)) {
    const copy: CaseVote = { ...v, name: t.name, unit, n: [...v.n] };
    if (t.id) copy.id = t.id;
    else delete copy.id;
    c.votes.push(copy);
  }
  for (const a of c.adjust.filter((a) => a.unit === l.unit && (a.name === null || a.name === l.name))) {
    const copy: CaseAdjust = { ...a, unit, name: a.name === null ? null : t.name };
    if (a.name !== null && t.id) copy.id = t.id;
    else delete copy.id;
    c.adjust.push(copy);
  }
  for (const r of (c.personal ?? []).filter((r) => r.name === l.name && r.unit === l.unit)) {
    const copy: CasePersonal = { ...r, name: t.name, unit };
    if (t.id) copy.id = t.id;
    else delete copy.id;
    c.personal!.push(copy);
  }
  return t;
}

function removeUnit(ctx: Ctx, unit: string): void {
  const { c } = ctx;
  c.leaders = c.leaders.filter((l) => l.unit !== unit);
  delete c.economic[unit];
  delete c.work[unit];
  c.votes = c.votes.filter((v) => v.unit !== unit);
  c.adjust = c.adjust.filter((a) => a.unit !== unit);
  if (c.personal) c.personal = c.personal.filter((r) => r.unit !== unit);
}

/** Profile of the crafted leaders: E = 100 (every actual on target), integer work scores, uniform votes. */
interface Profile {
  K: number;
  B: number;
  S: number;
  /** Per dimension, per 10 ballots: 优秀, 称职, 基本称职, 不称职. */
  v: [number, number, number, number];
  econ: "onTarget" | "up" | "none";
  guide: boolean;
  bonus: number;
}

function addProfiled(ctx: Ctx, p: Profile): CaseLeader {
  const { rng, method, c } = ctx;
  const unit = newUnit(ctx);
  const l = addLeader(ctx, unit, p.guide ? "党建工作指导员" : "党委书记", p.guide ? "党建工作指导员" : "专职书记");
  if (p.econ !== "none") {
    const inds = method.economic.indicators;
    const top = inds.reduce((a, b) => (b.weight > a.weight ? b : a));
    const e: Record<string, [Num, Num]> = {};
    for (const ind of inds) {
      const T = genTarget(rng, ind, true);
      e[ind.name] = [
        T,
        p.econ === "up" && ind === top ? excelRound(ind.direction === "higher" ? T * 1.03 : T * 0.97, 2) : T,
      ];
    }
    c.economic[unit] = e;
  }
  c.work[unit] = { 重点工作: p.K, 党的建设: p.B, 安全稳定: p.S };
  const scale = [1, 1, 2];
  method.democratic.groups.forEach((g, gi) => {
    for (const dim of Object.keys(method.democratic.dimensions)) {
      const k = scale[gi] ?? 1;
      const vote: CaseVote = {
        name: l.name,
        unit,
        group: g.name,
        dim,
        n: [p.v[0] * k, p.v[1] * k, p.v[2] * k, p.v[3] * k],
      };
      if (l.id) vote.id = l.id;
      c.votes.push(vote);
    }
  });
  if (p.bonus !== 0) {
    const a: CaseAdjust = {
      name: l.name,
      unit,
      type: p.bonus > 0 ? "加分" : "减分",
      value: Math.abs(p.bonus),
      item: rng.pick(p.bonus > 0 ? BONUS_ITEMS : PENALTY_ITEMS),
    };
    if (l.id) a.id = l.id;
    c.adjust.push(a);
  }
  return l;
}

const keyOf = (d: LeaderDetail) => [
  excelRound(d.F!, 2),
  excelRound(d.P!, 2),
  excelRound(d.dem.D!, 2),
  d.dem.excellentRate === null ? null : excelRound(d.dem.excellentRate, 4),
  d.E === null ? null : excelRound(d.E, 2),
];

function detailOf(ctx: Ctx, l: CaseLeader): LeaderDetail | undefined {
  const det = oracleDetails(ctx.c);
  const i = ctx.c.leaders.indexOf(l);
  return i < 0 ? undefined : det.leaders[i];
}

/**
 * Leaders equal in F (rounded) and differing first in P, D, 优秀率 or E (or E missing against present): the
 * ranking's tie chain. A variant whose intended relation does not hold exactly is removed.
 */
function addTieChain(ctx: Ctx): void {
  const { rng, method } = ctx;
  const wP = method.final.workWeight / (method.final.workWeight + method.final.democraticWeight);
  const wD = 1 - wP;
  const W = method.work.weights;
  const sumW = W.economic + W.keyTasks + W.partyBuilding + W.safety;
  const pts = method.democratic.categories.map((x) => x.points);
  const base: Profile = {
    K: rng.int(80, 95),
    B: rng.int(80, 95),
    S: rng.int(80, 96),
    v: [6, 3, 1, 0],
    econ: "onTarget",
    guide: false,
    bonus: 0,
  };
  const b = addProfiled(ctx, base);
  const variants: [CaseLeader, number, "lt" | "gt" | "missing"][] = [];
  const levels = rng.shuffle(["P", "D", "rate", "E", "Emissing"] as const).slice(0, rng.int(1, 4));
  for (const level of levels) {
    if (ctx.c.leaders.length + (level === "Emissing" ? 2 : 1) > ctx.maxLeaders) continue;
    if (level === "P") {
      // P lower by 5·W_K/ΣW (1 with the default weights), the same back as a bonus (0.7)
      const l = addProfiled(ctx, { ...base, K: base.K - 5, bonus: excelRound((wP * 5 * W.keyTasks) / sumW, 6) });
      variants.push([l, 1, "lt"]);
    } else if (level === "D") {
      // one vote in ten from 优秀 to 称职: D lower by (p₁ − p₂)/10, the same back as a bonus
      const l = addProfiled(ctx, { ...base, v: [5, 4, 1, 0], bonus: excelRound((wD * (pts[0]! - pts[1]!)) / 10, 6) });
      variants.push([l, 2, "lt"]);
    } else if (level === "rate") {
      const l = addProfiled(ctx, { ...base, v: [7, 1, 2, 0] });
      variants.push([l, 3, "gt"]);
    } else if (level === "E") {
      // the heaviest indicator one 3% step up: E higher by 100·w·(pointsPerStep/basePoints)/Σw; S pays it back
      const inds = method.economic.indicators;
      const wTop = Math.max(...inds.map((i) => i.weight));
      const dE =
        (100 * wTop * (method.economic.pointsPerStep / method.economic.basePoints)) /
        inds.reduce((a, i) => a + i.weight, 0);
      const S = excelRound(base.S - (W.economic * dE) / W.safety, 6);
      if (S < 0 || method.economic.stepPercent !== 3) continue;
      const l = addProfiled(ctx, { ...base, econ: "up", S });
      variants.push([l, 4, "gt"]);
    } else {
      // all blocks 100: P = 100 with or without E
      const top: Profile = { ...base, K: 100, B: 100, S: 100 };
      const withE = addProfiled(ctx, top);
      const guide = addProfiled(ctx, { ...top, econ: "none", guide: true });
      variants.push([guide, 4, "missing"]);
      variants.push([withE, -1, "gt"]); // marker: compared with guide below
    }
  }
  const det = oracleDetails(ctx.c);
  const at = (l: CaseLeader) => det.leaders[ctx.c.leaders.indexOf(l)]!;
  for (let i = 0; i < variants.length; i++) {
    const [l, level, rel] = variants[i]!;
    if (level === -1) continue;
    const ref = rel === "missing" ? variants[i + 1]![0] : b;
    const ka = keyOf(at(ref));
    const kb = keyOf(at(l));
    const same = ka.slice(0, level).every((x, j) => x === kb[j]);
    const x = kb[level];
    const y = ka[level];
    const ok =
      at(l).F !== null &&
      same &&
      (rel === "missing" ? x === null && y !== null : x !== null && y !== null && (rel === "lt" ? x < y : x > y));
    if (!ok) {
      removeUnit(ctx, l.unit);
      if (rel === "missing") removeUnit(ctx, ref.unit);
    }
  }
}

/** A leader whose F is exactly a band's lower bound (or 0.01 below it). */
function addBandEdge(ctx: Ctx): void {
  const { rng, method } = ctx;
  const mins = method.grades.bands.map((x) => x.min).filter((x): x is number => x !== null);
  const target = rng.pick(mins) - (rng.chance(0.3) ? 0.01 : 0);
  const q = Math.min(1, Math.max(0, (target - 55) / 40));
  const s = () => Math.min(100, Math.max(0, Math.round(50 + 45 * q + rng.real(-5, 5))));
  const v: [number, number, number, number] = q > 0.8 ? [6, 3, 1, 0] : q > 0.4 ? [3, 5, 2, 0] : [1, 4, 4, 1];
  const l = addProfiled(ctx, { K: s(), B: s(), S: s(), v, econ: "onTarget", guide: false, bonus: 0 });
  const d = detailOf(ctx, l);
  if (!d || d.F === null) return removeUnit(ctx, l.unit);
  const X = excelRound(target - d.F, 2);
  if (X > method.final.maxBonus) return removeUnit(ctx, l.unit);
  if (X !== 0) {
    const a: CaseAdjust = {
      name: l.name,
      unit: l.unit,
      type: X > 0 ? "加分" : "减分",
      value: Math.abs(X),
      item: rng.pick(X > 0 ? BONUS_ITEMS : PENALTY_ITEMS),
    };
    if (l.id) a.id = l.id;
    ctx.c.adjust.push(a);
  }
  const after = detailOf(ctx, l);
  if (!after || after.F === null || excelRound(after.F, 2) !== excelRound(target, 2)) removeUnit(ctx, l.unit);
}

/** A twin of the leader at the 优秀 quota boundary (of a quota group, §10.3), so that the boundary rank is shared. */
function addQuotaBoundaryTie(ctx: Ctx): void {
  const det = oracleDetails(ctx.c);
  const group = det.groups.length > 1 ? ctx.rng.pick(det.groups).key : (det.groups[0]?.key ?? "");
  const members = det.leaders.filter((x) => x.status === "graded" && x.group === group);
  const q = quotaOf(members.length + 1, det.method.grades.excellentQuotaPercent, det.method.grades.quotaRounding);
  const excellent = members.filter((x) => x.capped === "优秀").sort((a, b) => a.rank! - b.rank! || a.index - b.index);
  const pivot = excellent[q - 1];
  if (!pivot) return;
  const t = addTwin(ctx, ctx.c.leaders[pivot.index]!);
  const after = oracleDetails(ctx.c);
  if (!after.leaders.some((x) => x.flags.includes("quotaTie"))) removeUnit(ctx, t.unit);
}

// ───────────────────────────── qualification ─────────────────────────────

interface Ymd {
  y: number;
  m: number;
  d: number;
}

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (x: Ymd) => `${x.y}-${pad(x.m)}-${pad(x.d)}`;

function addDays(x: Ymd, days: number): Ymd {
  const t = new Date(Date.UTC(x.y, x.m - 1, x.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** A date written in one of the forms of docs/method.md §6; month-only forms need day 1. */
function dateCell(rng: Rng, x: Ymd): QualCell {
  const full = ["excel", "iso", "slash", "cn"] as const;
  const monthly = ["dotPad", "dot", "cnMonth", "compact"] as const;
  const form = x.d === 1 ? rng.pick([...full, ...monthly, ...monthly]) : rng.pick(full);
  switch (form) {
    case "excel":
      return { date: iso(x) };
    case "iso":
      return iso(x);
    case "slash":
      return `${x.y}/${x.m}/${x.d}`;
    case "cn":
      return `${x.y}年${x.m}月${x.d}日`;
    case "dotPad":
      return `${x.y}.${pad(x.m)}`;
    case "dot":
      return `${x.y}.${x.m}`;
    case "cnMonth":
      return `${x.y}年${x.m}月`;
    case "compact":
      return `${x.y}${pad(x.m)}`;
  }
}

type Outcome = "pass" | "fail" | "missing" | "unreadable";

function yearsBefore(rng: Rng, ref: Ymd, years: number, outcome: "pass" | "fail", boundary: boolean): Ymd {
  if (boundary) {
    const exact: Ymd = { y: ref.y - years, m: ref.m, d: Math.min(ref.d, 28) };
    // exactly `years` full years on the reference date, or one day short
    const onRef = ref.d <= 28 ? exact : { ...exact, d: ref.d };
    return outcome === "pass" ? onRef : addDays(onRef, 1);
  }
  const y =
    outcome === "pass"
      ? ref.y - years - rng.int(1, 20)
      : ref.y - years + rng.int(1, Math.max(1, Math.min(8, years - 1)));
  return { y, m: rng.int(1, 12), d: rng.chance(0.5) ? 1 : rng.int(1, 28) };
}

function genCandidate(ctx: Ctx, ref: Ymd): CaseCandidate {
  const { rng, method } = ctx;
  const qm = method.qualification;
  const outcome = (): Outcome =>
    rng.weighted<Outcome>([
      ["pass", 88],
      ["fail", 6],
      ["missing", 4],
      ["unreadable", 2],
    ]);
  const dateField = (years: number): QualCell => {
    const o = outcome();
    if (o === "missing") return rng.pick([null, "", "—", "无"]);
    if (o === "unreadable") return rng.pick(["不详", "待查", "1975年", "2024.13"]);
    return dateCell(rng, yearsBefore(rng, ref, years, o, rng.chance(0.2)));
  };
  const numField = (min: number): QualCell => {
    const o = outcome();
    if (o === "missing") return rng.pick([null, "-", "/"]);
    if (o === "unreadable") return rng.pick(["若干", "多个", "3个以上"]);
    const v =
      o === "pass"
        ? min + rng.int(0, 8) + (rng.chance(0.1) ? 0.5 : 0)
        : Math.max(0, min - rng.int(1, Math.max(1, min)));
    return rng.chance(0.25) ? String(v) : v;
  };
  const textField = (pass: string[], fail: string[]): QualCell => {
    const o = outcome();
    if (o === "missing" || o === "unreadable") return rng.pick([null, ""]);
    return rng.pick(o === "pass" ? pass : fail);
  };
  const unitPool = [...Object.keys(ctx.c.work), "集团本部"];
  return {
    姓名: personName(rng),
    单位: rng.chance(0.9) ? rng.pick(unitPool) : null,
    出生日期: dateField(qm.minAge),
    学历: textField(
      ["本科", "大学本科", "硕士", "硕士研究生", "研究生", "博士", "博士研究生"],
      ["大专", "大学专科", "中专", "高中"],
    ),
    专业: rng.pick(["党政管理", "行政管理", "工商管理", "汉语言文学", "财务会计", "机械工程", "电气工程", null]),
    入党时间: dateField(qm.minPartyYears),
    参加工作时间: dateField(qm.minWorkYears),
    职称: textField(
      ["工程师", "经济师", "政工师", "会计师", "高级工程师", "高级经济师", "高级政工师", "正高级工程师"],
      ["助理工程师", "助理经济师", "技术员", "会计员"],
    ),
    部门经历数: numField(qm.minDepartments),
    相关任职年限: numField(qm.minPostYears),
    健康状况: textField(["良好", "健康"], ["一般", "较差"]),
  };
}

// ───────────────────────────── §10 ─────────────────────────────

/** Values of the quota group columns (§10.3) a 考核对象 sheet may carry. */
export const GROUP_COLUMNS: Record<string, string[]> = {
  考核类别: ["一类企业", "二类企业", "三类企业"],
  职务层级: ["正职", "副职"],
};

const PERSONAL_NOTES = [
  "经集团党委研究决定",
  "集团纪委通报",
  "2025年3月起",
  "组织部备案",
  "见相关文件",
  null,
  null,
  null,
];

/** Method keys of §10.5 at random (the quota percent is chosen later, to hit N·p/100 at .5). */
function genSection10Patch(rng: Rng): OracleMethodPatch {
  const patch: OracleMethodPatch = {};
  const grades: NonNullable<OracleMethodPatch["grades"]> = {
    quotaRounding: rng.pick(["floor", "round"] as const),
    voteCaps: rng.pick(["cap", "flag"] as const),
  };
  const col = rng.weighted<string | null>([
    [null, 35],
    ["考核类别", 35],
    ["职务层级", 30],
  ]);
  if (col !== null || rng.chance(0.3)) grades.quotaGroupColumn = col;
  patch.grades = grades;
  const overall: NonNullable<NonNullable<OracleMethodPatch["democratic"]>["overall"]> = {};
  if (rng.chance(0.45)) overall.weight = rng.pick([10, 20, 25]);
  if (rng.chance(0.1)) overall.aliases = ["综合", "总体评价", "综合评定"];
  if (Object.keys(overall).length > 0) patch.democratic = { overall };
  if (rng.chance(0.3)) {
    // rules of a group's own scheme: the defaults with a different 病事假 threshold, and rules of its own
    const rules: PersonalRule[] = mergeMethod().personal.rules.map((r) => ({ ...r, aliases: [...r.aliases] }));
    const sick = rules.find((r) => r.minDays !== undefined)!;
    sick.minDays = rng.pick([90, 120, 180]);
    if (rng.chance(0.6))
      rules.push({ name: "脱产学习", aliases: ["脱产培训", "外出学习"], effect: "noExcellent", minDays: 60 });
    if (rng.chance(0.4)) rules.push({ name: "组织处理", aliases: ["调整职务"], effect: "unfit" });
    patch.personal = { rules: rng.chance(0.3) ? rng.shuffle(rules) : rules };
  }
  return patch;
}

function sumN(n: readonly number[]): number {
  return n.reduce((a, b) => a + b, 0);
}

/** Overall rows (§10.4) for some leaders, one per evaluator group, under the name or an alias. */
function genOverall(ctx: Ctx): void {
  const { rng, method, c } = ctx;
  if (!rng.chance(0.7)) return;
  const ov = method.democratic.overall;
  const words = [ov.name, ...ov.aliases];
  const groups = method.democratic.groups.map((g) => g.name);
  const share = rng.pick([0.5, 0.8, 1]);
  for (const l of [...c.leaders]) {
    if (!rng.chance(share)) continue;
    const mine = c.votes.filter((v) => v.name === l.name && v.unit === l.unit);
    const sizes = new Map<string, number>();
    for (const v of mine) sizes.set(v.group, Math.max(sizes.get(v.group) ?? 0, sumN(v.n)));
    if (sizes.size === 0) continue;
    const pooled = [0, 1, 2, 3].map((k) => mine.reduce((a, v) => a + v.n[k]!, 0));
    const total = sumN(pooled);
    // the overall grade leans as the dimensions do, with some noise
    const probs = pooled.map((x) => (x + 0.3) / (total + 1.2));
    const row = (group: string, n: [number, number, number, number]): CaseVote => {
      const v: CaseVote = { name: l.name, unit: l.unit, group, dim: rng.pick(words), n };
      if (l.id) v.id = l.id;
      if (rng.chance(0.15)) v.abstain = 0;
      return v;
    };
    const rows: CaseVote[] = [];
    const pattern = rng.weighted<string>([
      ["normal", 64],
      ["unfitExact", 6],
      ["unfitOver", 6],
      ["lowCompExact", 6],
      ["lowCompUnder", 6],
      ["lift", 12],
    ]);
    const present = [...sizes.keys()];
    const ballots = sumN([...sizes.values()]);
    if (
      pattern === "unfitExact" ||
      pattern === "unfitOver" ||
      pattern === "lowCompExact" ||
      pattern === "lowCompUnder"
    ) {
      for (const g of present) {
        const m = rng.int(1, 6);
        const n1 = rng.int(0, 2 * m);
        if (pattern.startsWith("unfit")) rows.push(row(g, [n1, 2 * m - n1, 0, m]));
        else {
          const n4 = rng.int(0, Math.floor(m / 2));
          rows.push(row(g, [n1, 2 * m - n1, m - n4, n4]));
        }
      }
      const v = rng.pick(rows).n;
      const from = v[1] > 0 ? 1 : 0;
      if (pattern === "unfitOver") {
        v[from]--;
        v[3]++;
      } else if (pattern === "lowCompUnder") {
        v[from]--;
        v[2]++;
      }
    } else if (pattern === "lift" && ballots < method.democratic.minBallots) {
      // too few ballots on the dimensions: the overall rows carry the leader over minBallots
      const g = rng.pick(present);
      for (const h of present)
        rows.push(row(h, multinomial(rng, h === g ? method.democratic.minBallots : sizes.get(h)!, probs)));
    } else {
      for (const g of present) {
        const size = Math.max(1, sizes.get(g)! + (rng.chance(0.12) ? rng.int(1, 3) : rng.chance(0.1) ? -1 : 0));
        rows.push(row(g, multinomial(rng, size, probs)));
      }
    }
    if (rng.chance(0.1)) {
      // a group that rates only the overall item
      const others = groups.filter((g) => !sizes.has(g));
      if (others.length > 0) rows.push(row(rng.pick(others), multinomial(rng, rng.int(3, 20), probs)));
    }
    c.votes.push(...rows);
  }
}

/** 天数 rows of a rule with minDays: at, just below, above or far below the threshold, over its words. */
function daysRows(rng: Rng, rule: PersonalRule): (number | null)[] {
  const min = rule.minDays!;
  const form = rng.weighted<string>([
    ["exact", 32],
    ["below", 26],
    ["above", 24],
    ["far", 18],
  ]);
  const total =
    form === "exact"
      ? min
      : form === "below"
        ? Math.max(0, min - rng.pick([1, 0.5, rng.int(2, Math.max(2, Math.floor(min / 2)))]))
        : form === "above"
          ? min + rng.pick([0.5, 1, rng.int(2, 60)])
          : rng.int(1, Math.max(1, Math.floor(min / 2)));
  const whole = Math.floor(total);
  const parts = splitTotal(
    rng,
    whole,
    rng.weighted<number>([
      [1, 45],
      [2, 40],
      [3, 15],
    ]),
  );
  const out: (number | null)[] = parts.map((x) => x);
  out[0]! += total - whole; // the .5
  if (rng.chance(0.2)) out.push(null); // 天数 missing: counts 0, a warning
  return out;
}

/** 个人情况 rows (§10.1): most leaders none, some one rule, a few several; favouring those a rule changes. */
function genPersonal(ctx: Ctx): void {
  const { rng, method, c } = ctx;
  if (!rng.chance(0.92)) return;
  c.personal = [];
  const det = oracleDetails(c);
  const rules = method.personal.rules;
  const rate = rng.pick([0.12, 0.2, 0.3]);
  for (const x of det.leaders) {
    const l = c.leaders[x.index]!;
    const p = x.capped === "优秀" ? rate * 2.2 : x.F === null ? rate * 1.5 : rate * 0.7;
    if (!rng.chance(p)) continue;
    const count = rng.weighted<number>([
      [1, 68],
      [2, 24],
      [3, 8],
    ]);
    for (const rule of rng.shuffle(rules).slice(0, count)) {
      const words = [rule.name, ...rule.aliases];
      const add = (days: number | null) => {
        const r: CasePersonal = { name: l.name, unit: l.unit, kind: rng.pick(words), days };
        if (l.id) r.id = l.id;
        const note = rng.pick(PERSONAL_NOTES);
        if (note) r.note = note;
        c.personal!.push(r);
      };
      if (rule.minDays === undefined || rule.minDays === null) {
        for (let i = rng.chance(0.1) ? 2 : 1; i > 0; i--) add(rng.chance(0.75) ? null : rng.int(0, 365));
      } else for (const d of daysRows(rng, rule)) add(d);
    }
  }
  if (rng.chance(0.5)) c.personal = rng.shuffle(c.personal);
}

/** The quota group column's values (and now and then another such column, which the method does not use). */
function genGroups(ctx: Ctx): void {
  const { rng, method, c } = ctx;
  const used = method.grades.quotaGroupColumn;
  const assign = (col: string) => {
    const values = rng.shuffle(GROUP_COLUMNS[col]!).slice(0, rng.int(2, GROUP_COLUMNS[col]!.length));
    const weights = values.map(() => rng.real(0.5, 2));
    const blank = rng.chance(0.35) ? rng.real(0.05, 0.2) : 0;
    for (const l of c.leaders) {
      const v = rng.chance(blank)
        ? rng.pick([null, ""])
        : rng.weighted(values.map((x, i) => [x, weights[i]!] as const));
      l.columns = { ...l.columns, [col]: v };
    }
  };
  if (used !== null) assign(used);
  const other = Object.keys(GROUP_COLUMNS).find((k) => k !== used)!;
  if (rng.chance(0.3)) assign(other);
}

/** p so that some quota group's N·p/100 is exactly x.5 with x ≥ 1 (floor and round differ), in most seeds. */
function choosePercent(ctx: Ctx): void {
  const { rng, c } = ctx;
  const det = oracleDetails(c);
  const Ns = det.groups.map((g) => g.N);
  const LIST = [10, 12.5, 15, 20, 25, 30, 35, 6.25, 7.5, 17.5, 22.5];
  const hits = LIST.filter((p) => Ns.some((N) => quotaAtHalf(N, p) && N * p >= 150));
  const p = hits.length > 0 && rng.chance(0.8) ? rng.pick(hits) : rng.pick([10, 15, 20, 25, 30]);
  const patch: OracleMethodPatch = c.method ?? {};
  patch.grades = { ...patch.grades, excellentQuotaPercent: p };
  c.method = patch;
  ctx.method = mergeMethod(patch);
}

function addSection10(ctx: Ctx, p10: OracleMethodPatch): void {
  const { c } = ctx;
  const patch: OracleMethodPatch = c.method ?? {};
  if (patch.democratic && p10.democratic) p10.democratic = { ...patch.democratic, ...p10.democratic };
  if (patch.grades && p10.grades) p10.grades = { ...patch.grades, ...p10.grades };
  c.method = Object.assign(patch, p10);
  ctx.method = mergeMethod(c.method);
  genGroups(ctx);
  genOverall(ctx);
  genPersonal(ctx);
  choosePercent(ctx);
  if (ctx.rng.chance(0.4) && ctx.c.leaders.length < ctx.maxLeaders) addQuotaBoundaryTie(ctx);
}

// ───────────────────────────── the case ─────────────────────────────

/** The seeds of the §10 differential test (test/differential/section10.test.ts) and of its coverage check. */
export const SECTION10_SEEDS = { first: 1, count: 60, maxLeaders: 40 } as const;

export function generateCase(seed: number, opts: GenerateOptions = {}): CleanCase {
  const rng = new Rng(seed);
  const minL = Math.max(1, opts.minLeaders ?? 3);
  const maxL = Math.max(minL, opts.maxLeaders ?? 40);
  const s10 = opts.section10 === true;
  const patch = opts.methodOverrides === false ? {} : genMethodPatch(rng.fork());
  // §10 keys join the method in addSection10, once the leaders exist (the quota group column needs them)
  const p10 = s10 ? genSection10Patch(rng.fork()) : null;
  const method = mergeMethod(patch);
  const ref: Ymd = { y: rng.int(2023, 2026), m: rng.int(1, 12), d: rng.int(1, 28) };
  const c: CleanCase & { adjust: CaseAdjust[] } = {
    name: `generated-${seed}`,
    about: `generateCase(${seed})`,
    referenceDate: iso(ref),
    leaders: [],
    economic: {},
    work: {},
    votes: [],
    adjust: [],
  };
  if (Object.keys(patch).length > 0) c.method = patch;
  const ctx: Ctx = {
    rng: rng.fork(),
    method,
    c,
    units: new Set(),
    people: new Set(),
    ids: new Set(),
    useIds: rng.chance(0.3),
    maxLeaders: maxL,
  };

  const scenarios = opts.scenarios !== false;
  const target = rng.int(minL, maxL);
  const reserve = scenarios && target >= 8 ? Math.min(6, Math.floor(target / 4)) : 0;
  while (c.leaders.length < Math.max(minL, target - reserve)) addRandomUnit(ctx, target - reserve - c.leaders.length);
  if (scenarios) {
    const srng = rng.fork();
    if (srng.chance(0.35) && c.leaders.length < maxL)
      for (let i = srng.int(1, 2); i > 0 && c.leaders.length < maxL; i--) addTwin(ctx, srng.pick(c.leaders));
    if (srng.chance(0.3) && c.leaders.length <= maxL - 2) addTieChain(ctx);
    if (srng.chance(0.15) && c.leaders.length < maxL) addBandEdge(ctx);
    // with §10 the boundary tie comes after the circumstances and the quota groups (addSection10)
    if (srng.chance(0.35) && c.leaders.length < maxL && !s10) addQuotaBoundaryTie(ctx);
  }
  if (rng.chance(0.2)) {
    // a unit of 经营业绩 with no leader (a warning; it scores nothing)
    const u = newUnit(ctx);
    c.economic[u] = genEconomic(ctx, 0.6, "none", false);
  }
  if (rng.chance(0.3)) c.leaders = rng.shuffle(c.leaders);
  if (opts.qualification ?? rng.chance(0.4)) {
    const n = rng.int(3, 10);
    c.qualification = Array.from({ length: n }, () => genCandidate(ctx, ref));
  }
  if (p10) {
    ctx.rng = rng.fork();
    addSection10(ctx, p10);
  }
  if (c.adjust.length === 0 && rng.chance(0.5)) delete (c as CleanCase).adjust;
  if (opts.section12) {
    ctx.rng = rng.fork();
    genDecisions(ctx);
  }
  return c;
}

// ───────────────────────────── §12 ─────────────────────────────

/** The seeds of the §12 differential test (test/differential/section12.test.ts) and of its coverage check. */
export const SECTION12_SEEDS = { first: 1, count: 40, maxLeaders: 30 } as const;

const DECISION_BASES = [
  "2026年1月8日党委会研究决定",
  "集团党委常委会2026年第2次会议研究确定",
  "经党委会集体研究",
  "党委（扩大）会议决定",
  "根据民主测评和考察情况，党委会研究决定",
];

/** A grade as a person types it: now and then with stray spaces. */
function typedGrade(rng: Rng, g: string): string {
  if (!rng.chance(0.1)) return g;
  const chars = [...g];
  return rng.pick([` ${g}`, `${g} `, `${chars[0]} ${chars.slice(1).join("")}`, `${g}\u3000`]);
}

/** 组织决定 (docs/method.md §12) for the case as the oracle grades it. */
function genDecisions(ctx: Ctx): void {
  const { rng, c } = ctx;
  const det = oracleDetails(c);
  const m = det.method;
  const graded = det.leaders.filter((x) => x.status === "graded");
  const grades = m.grades.bands.map((b) => b.grade);
  const out: CaseDecision[] = [];
  const done = new Set<LeaderDetail>();
  const decide = (x: LeaderDetail, grade: string) => {
    if (done.has(x)) return;
    done.add(x);
    const l = c.leaders[x.index]!;
    const d: CaseDecision = { name: l.name, unit: l.unit, grade: typedGrade(rng, grade) };
    if (l.id) d.id = l.id;
    d.basis = rng.chance(0.8) ? rng.pick(DECISION_BASES) : null;
    out.push(d);
  };
  // quota ties: the committee picks among the tied leaders, mostly within the quota, now and then all of them
  for (const g of det.groups) {
    const tied = rng.shuffle(graded.filter((x) => x.group === g.key && x.flags.includes("quotaTie")));
    if (tied.length === 0 || !rng.chance(0.85)) continue;
    const room = g.q - graded.filter((x) => x.group === g.key && x.grade === "优秀").length;
    const k = rng.weighted<number>([
      [Math.max(0, Math.min(room, tied.length)), 60],
      [tied.length, 20],
      [0, 20],
    ]);
    tied.forEach((x, i) => {
      if (i < k) decide(x, "优秀");
      else if (rng.chance(0.7)) decide(x, "称职");
    });
  }
  // the vote rules when they only flag: the committee decides on the flagged leaders
  if (m.grades.voteCaps === "flag")
    for (const x of graded) {
      const unfit = x.flags.includes("unfitVotes");
      if (!(unfit || x.flags.includes("lowCompetentVotes")) || !rng.chance(0.75)) continue;
      decide(
        x,
        rng.weighted<string>([
          [unfit ? "不称职" : "基本称职", 55],
          [x.grade!, 30],
          ["称职", 15],
        ]),
      );
    }
  // leaders cut by the quota, and any other case the committee takes up
  for (const x of graded) {
    if (x.flags.includes("excellentQuota") && rng.chance(0.12)) decide(x, "优秀");
    else if (rng.chance(0.05)) decide(x, rng.chance(0.3) ? x.grade! : rng.pick(grades));
  }
  if (out.length === 0 && graded.length > 0 && !rng.chance(0.15)) decide(rng.pick(graded), rng.pick(grades));
  c.decisions = rng.chance(0.5) ? rng.shuffle(out) : out;
}

import { describe, expect, it } from "vitest";
import { tallyBook } from "../../src/app/tally";
import { ballotsBehind } from "../../src/engine/ballots/tally";
import { allowedExcellent } from "../../src/engine/ballots/validity";
import type { CellValue, GridBook } from "../../src/workbook/grid";
import { brief, type Rows, sheet } from "../workbook/helpers";

const LEADERS: Rows = [
  ["姓名", "单位", "职务"],
  ["甲", "一公司", "党委书记"],
  ["乙", "一公司", "党委副书记"],
  ["丙", "二公司", "党支部书记"],
];
const HEADER: CellValue[] = ["票号", "单位", "测评人类别", "姓名", "德", "能", "勤", "廉", "综合评价"];

/** The ballots of the hand-computed case below. */
const BALLOTS: Rows = [
  HEADER,
  [1, "一公司", "上级", "甲", "优秀", "优秀", "称职", "好", "优秀"],
  [1, "一公司", "上级", "乙", "称职", null, "弃权", "差", "称职"],
  [2, "一公司", "上级", "甲", "优秀", "优秀", "优秀", "优秀", "优秀"], // all the same, and 2 优秀 overall > 1
  [2, "一公司", "上级", "乙", "优秀", "优秀", "优秀", "优秀", "优秀"],
  [3, "一公司", "同级", "甲", "称职", "称职", "称职", "称职", "称职"], // all the same
  [3, "一公司", "同级", "乙", "称职", "称职", "称职", "称职", "称职"],
  [4, "一公司", "同级", "甲", "称职", "称职", "称职", "称职", "优秀"], // 2 优秀 overall > ⌊2 × 0.5⌋ = 1
  [4, "一公司", "同级", "乙", "称职", "称职", "称职", "称职", "好"],
  [5, "一公司", "班子成员", "甲", "称职", "称职", "称职", "称职", null], // a blank: not all the same
  [5, "一公司", "同级", "乙", "称职", "称职", "称职", "称职", "称职"],
  [6, "一公司", "职工代表", "甲", "一般", "一般", "一般", "一般", "较差"], // 乙 not on this ballot
  [1, "二公司", "下级", "丙", "优秀", "优秀", "优秀", "优秀", "-"], // the overall item not marked
];

function book(sheets: Record<string, Rows>): GridBook {
  return [sheet("考核对象", LEADERS), ...Object.entries(sheets).map(([name, rows]) => sheet(name, rows))];
}

const RULES = { ballots: { invalidIfAllSame: true, maxExcellentShare: 0.5 } };

/** `甲 上级 德 1,0,0,0 +0` */
function rows(outcome: ReturnType<typeof tallyBook>): string[] {
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome.tally.votes.map((v) => `${v.name} ${v.group} ${v.dimension} ${v.counts.join(",")} +${v.abstain}`);
}

describe("the tally (docs/method.md §11.3) on a hand-computed case", () => {
  it("counts the valid ballots per leader × group × item, in the order of 考核对象, the method's groups and items", () => {
    const t = tallyBook({ book: book({ 测评票: BALLOTS }), method: RULES });
    expect(rows(t)).toEqual([
      "甲 上级 德 1,0,0,0 +0",
      "甲 上级 能 1,0,0,0 +0",
      "甲 上级 勤 0,1,0,0 +0",
      "甲 上级 廉 1,0,0,0 +0",
      "甲 上级 综合评价 1,0,0,0 +0",
      "甲 同级 德 0,1,0,0 +0",
      "甲 同级 能 0,1,0,0 +0",
      "甲 同级 勤 0,1,0,0 +0",
      "甲 同级 廉 0,1,0,0 +0",
      "甲 同级 综合评价 0,0,0,0 +1",
      "甲 下级 德 0,0,1,0 +0",
      "甲 下级 能 0,0,1,0 +0",
      "甲 下级 勤 0,0,1,0 +0",
      "甲 下级 廉 0,0,1,0 +0",
      "甲 下级 综合评价 0,0,0,1 +0",
      "乙 上级 德 0,1,0,0 +0",
      "乙 上级 能 0,0,0,0 +1",
      "乙 上级 勤 0,0,0,0 +1",
      "乙 上级 廉 0,0,0,1 +0",
      "乙 上级 综合评价 0,1,0,0 +0",
      "乙 同级 德 0,1,0,0 +0",
      "乙 同级 能 0,1,0,0 +0",
      "乙 同级 勤 0,1,0,0 +0",
      "乙 同级 廉 0,1,0,0 +0",
      "乙 同级 综合评价 0,1,0,0 +0",
      "丙 下级 德 1,0,0,0 +0",
      "丙 下级 能 1,0,0,0 +0",
      "丙 下级 勤 1,0,0,0 +0",
      "丙 下级 廉 1,0,0,0 +0",
      "丙 下级 综合评价 0,0,0,0 +1",
    ]);
    if (!t.ok) return;
    expect([t.tally.ballots, t.tally.valid]).toEqual([7, 4]);
    expect(t.tally.invalid.map((x) => [x.unit, x.number, x.cell, x.reasons.map((r) => r.code)])).toEqual([
      ["一公司", "2", "测评票!A4", ["allSame", "tooManyExcellent"]],
      ["一公司", "3", "测评票!A6", ["allSame"]],
      ["一公司", "4", "测评票!A8", ["tooManyExcellent"]],
    ]);
    expect(brief(t.warnings)).toEqual([
      "测评票!A4 invalidBallot",
      "测评票!A6 invalidBallot",
      "测评票!A8 invalidBallot",
    ]);
    expect(t.warnings[0].message).toBe(
      "一公司第「2」号测评票（上级）视为无效票：全部评价相同（均为「优秀」）；综合评价为「优秀」的有 2 人，超过允许的 1 人（票上 2 人 × 0.5，向下取整，至少 1 人）",
    );
  });

  it("keeps the 票号 behind every count, for 为什么", () => {
    const t = tallyBook({
      book: book({
        测评票: [
          HEADER,
          ["A1", "一公司", "上级", "甲", "优秀", "优秀", "优秀", "优秀", null],
          ["A2", "一公司", "上级", "甲", "称职", "优秀", "优秀", "优秀", null],
          ["A3", "一公司", "上级", "甲", "优秀", "弃权", "优秀", "优秀", null],
        ],
      }),
    });
    if (!t.ok) throw new Error("tally failed");
    expect(ballotsBehind(t.tally, 0, "上级", "德")).toEqual({
      byCategory: [["A1", "A3"], ["A2"], [], []],
      abstain: [],
    });
    expect(ballotsBehind(t.tally, 0, "上级", "能")).toEqual({
      byCategory: [["A1", "A2"], [], [], []],
      abstain: ["A3"],
    });
    expect(ballotsBehind(t.tally, 0, "上级", "综合评价")?.abstain).toEqual(["A1", "A2", "A3"]);
    expect(ballotsBehind(t.tally, 1, "上级", "德")).toBeNull();
  });

  it("without the validity rules (the defaults) every ballot counts", () => {
    const t = tallyBook({ book: book({ 测评票: BALLOTS }) });
    if (!t.ok) throw new Error("tally failed");
    expect([t.tally.ballots, t.tally.valid, t.tally.invalid.length]).toEqual([7, 7, 0]);
    expect(rows(t)[0]).toBe("甲 上级 德 2,0,0,0 +0");
  });

  it("maxExcellentShare does not apply to a ballot without overall items", () => {
    const t = tallyBook({
      book: book({
        测评票: [
          HEADER.slice(0, 8),
          [1, "一公司", "上级", "甲", "优秀", "优秀", "优秀", "优秀"],
          [1, "一公司", "上级", "乙", "优秀", "优秀", "优秀", "优秀"],
        ],
      }),
      method: { ballots: { maxExcellentShare: 0 } },
    });
    if (!t.ok) throw new Error("tally failed");
    expect(t.tally.invalid).toEqual([]);
    expect(rows(t)).toHaveLength(8);
  });

  it("⌊share × leaders⌋ is exact on the decimal share, and at least 1", () => {
    expect(allowedExcellent(0.3, 10)).toBe(3);
    expect(allowedExcellent(0.29, 100)).toBe(29); // 0.29 × 100 is 28.999999999999996 in floating point
    expect(allowedExcellent(0.7, 10)).toBe(7);
    expect(allowedExcellent(0.3, 3)).toBe(1);
    expect(allowedExcellent(0, 5)).toBe(1);
    expect(allowedExcellent(1, 5)).toBe(5);
  });
});

describe("turnout (docs/method.md §11.2)", () => {
  const turnout = (rows: CellValue[][]): Rows => [["单位", "测评人类别", "应到人数", "实到人数"], ...rows];

  it("ballots of a unit and group (valid or not) above 应到人数 are an error at that cell, and the tally stops", () => {
    const t = tallyBook({
      book: book({
        测评票: BALLOTS,
        测评组织: turnout([
          ["一公司", "上级", 2, 2],
          ["一公司", "同级", 2, 3],
          ["一公司", "下级", 5, null],
          ["二公司", "下级", 1, null],
        ]),
      }),
      method: RULES,
    });
    expect(t.ok).toBe(false);
    if (t.ok || t.kind !== "workbook") return;
    expect(brief(t.errors)).toEqual(["测评组织!C3 tooManyBallots"]);
    expect(t.errors[0].message).toBe("收回测评票多于应到人数：一公司「同级」收回 3 张，应到 2 人");
  });

  it("a unit below minTurnout × Σ应到人数 (all its ballots, valid or not) is void; the comparison is exact", () => {
    const org = turnout([
      ["一公司", "上级", 3, null],
      ["一公司", "同级", 4, null],
      ["一公司", "下级", 3, null], // Σ 10; 6 ballots (3 of them invalid)
      ["二公司", "下级", 2, null], // Σ 2; 1 ballot
    ]);
    const at = (minTurnout: number, sheets: Record<string, Rows> = { 测评票: BALLOTS, 测评组织: org }) => {
      const t = tallyBook({ book: book(sheets), method: { ballots: { ...RULES.ballots, minTurnout } } });
      if (!t.ok) throw new Error("tally failed");
      return t.tally.voidUnits.map((v) => `${v.unit} ${v.ballots}/${v.expected} ${v.cell}`);
    };
    expect(at(0.5)).toEqual([]);
    expect(at(0.6)).toEqual(["二公司 1/2 测评组织!A5"]);
    expect(at(0.61)).toEqual(["一公司 6/10 测评组织!A2", "二公司 1/2 测评组织!A5"]);
    // 0.28 × 25 is 7.000000000000001 in floating point: 7 ballots of 25 expected are enough.
    const seven: Rows = [
      HEADER,
      ...[1, 2, 3, 4, 5, 6, 7].map((n) => [n, "二公司", "下级", "丙", "优秀", "称职", "称职", "称职", null]),
    ];
    const sheets = { 测评票: seven, 测评组织: turnout([["二公司", "下级", 25, null]]) };
    expect(at(0.28, sheets)).toEqual([]);
    expect(at(0.2801, sheets)).toEqual(["二公司 7/25 测评组织!A2"]);

    const t = tallyBook({ book: book({ 测评票: BALLOTS, 测评组织: org }), method: { ballots: { minTurnout: 0.75 } } });
    if (!t.ok) throw new Error("tally failed");
    expect(t.tally.voidUnits[0].reason).toBe("参评率不足：收回测评票 6 张，应到 10 人，参评率 60.00%，低于 75.00%");
    expect(brief(t.warnings)).toEqual(["测评组织!A2 voidUnit", "测评组织!A5 voidUnit"]);
    // A void unit's ballots count for nothing: its leaders get no rows (and, scored, a missing D).
    expect(rows(t)).toEqual([]);
    const one = tallyBook({
      book: book({ 测评票: BALLOTS, 测评组织: org }),
      method: { ballots: { minTurnout: 0.55 } },
    });
    expect(rows(one).filter((r) => r.startsWith("丙"))).toEqual([]);
    expect(rows(one).filter((r) => r.startsWith("甲"))).toHaveLength(15);
  });

  it("what 测评组织 cannot check is a warning: a group or a unit it does not list, or no such sheet with minTurnout set", () => {
    const t = tallyBook({
      book: book({
        测评票: BALLOTS,
        测评组织: turnout([
          ["一公司", "上级", 9, null],
          ["一公司", "同级", 9, null],
        ]),
      }),
      method: { ballots: { minTurnout: 0.1 } },
    });
    if (!t.ok) throw new Error("tally failed");
    expect(brief(t.warnings)).toEqual(["测评票!C12 noTurnoutRow", "测评票!A13 noTurnoutRow"]);
    expect(t.warnings.map((w) => w.message)).toEqual([
      "测评组织表中没有一公司的「下级」，无法核对其应到人数",
      "测评组织表中没有单位「二公司」，无法核对其参评率",
    ]);
    const none = tallyBook({ book: book({ 测评票: BALLOTS }), method: { ballots: { minTurnout: 0.5 } } });
    if (!none.ok) throw new Error("tally failed");
    expect(brief(none.warnings)).toEqual(["测评组织 noTurnoutSheet"]);
  });
});

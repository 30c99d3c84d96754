/**
 * The independent tally of docs/method.md §11 (test/support/tally.ts) on small ballots worked out by hand, and the
 * oracle's result for what it tallies (a void unit's leaders pending).
 */
import { describe, expect, it } from "vitest";
import type { BallotLine, CaseBallot, CaseVote, CleanCase, OracleMethodPatch } from "../support/case";
import { OVERALL_ITEM } from "../support/case";
import { oracle } from "../support/oracle";
import { TallyError, tally, withTally } from "../support/tally";

const DIMS = ["德", "能", "勤", "廉"];

/** A line: 姓名 and its marks in the order 德 能 勤 廉 (and 综合评价). */
function line(name: string, ...marks: (string | null)[]): BallotLine {
  const items = [...DIMS, OVERALL_ITEM];
  const out: BallotLine = { name, marks: {} };
  marks.forEach((m, i) => (out.marks[items[i]!] = m));
  return out;
}

function ballot(unit: string, no: number | string, group: string, ...lines: BallotLine[]): CaseBallot {
  return { unit, no, group, lines };
}

function base(ballots: CaseBallot[], patch: OracleMethodPatch = {}, overall = false): CleanCase {
  const leaders = [
    { name: "甲", unit: "一公司", position: "党委书记" },
    { name: "乙", unit: "一公司", position: "党委副书记、总经理" },
    { name: "丙", unit: "二公司", position: "党委书记" },
  ];
  return {
    method: { ...patch, economic: { indicators: [{ name: "实现利润", aliases: [], weight: 1, direction: "higher" }] } },
    leaders,
    economic: { 一公司: { 实现利润: [100, 100] }, 二公司: { 实现利润: [100, 100] } },
    work: {
      一公司: { 重点工作: 90, 党的建设: 90, 安全稳定: 90 },
      二公司: { 重点工作: 90, 党的建设: 90, 安全稳定: 90 },
    },
    votes: [],
    ballots: { form: "long", items: overall ? [...DIMS, OVERALL_ITEM] : [...DIMS], ballots },
  };
}

/** Rows as [姓名, 类别, 维度, n1, n2, n3, n4, 弃权]. */
const rows = (votes: CaseVote[]) => votes.map((v) => [v.name, v.group, v.dim, ...v.n, v.abstain]);

describe("the tally of §11.3", () => {
  const ballots = () => [
    ballot(
      "一公司",
      1,
      "班子成员", // → 同级
      line("甲", "优秀", "好", null, "弃权"),
      line("乙", "称职", "较好", "一般", "较差"),
    ),
    ballot("一公司", 2, "同级", line("乙", "差", "差", "差", "差"), line(" 甲", "称职", "优秀", "优秀", "优秀")),
    ballot("一公司", 3, "集团领导", line("甲", "优秀", "优秀", "优秀", "优秀")), // → 上级
    ballot("二公司", 1, "职工代表", line("丙", "优秀", "称职", "称职", "基本称职")), // 票号 1 again: another unit
    ballot("集团本部", 1, "上级", line("某某", "优秀", "优秀", "优秀", "优秀")), // no assessed leader: ignored
  ];

  it("counts per leader × group × item, blanks and 弃权 as 弃权, aliases folded, in 考核对象 × method order", () => {
    const t = tally(base(ballots()));
    expect(rows(t.votes)).toEqual([
      ["甲", "上级", "德", 1, 0, 0, 0, 0],
      ["甲", "上级", "能", 1, 0, 0, 0, 0],
      ["甲", "上级", "勤", 1, 0, 0, 0, 0],
      ["甲", "上级", "廉", 1, 0, 0, 0, 0],
      ["甲", "同级", "德", 1, 1, 0, 0, 0],
      ["甲", "同级", "能", 2, 0, 0, 0, 0],
      ["甲", "同级", "勤", 1, 0, 0, 0, 1],
      ["甲", "同级", "廉", 1, 0, 0, 0, 1],
      ["乙", "同级", "德", 0, 1, 0, 1, 0],
      ["乙", "同级", "能", 0, 1, 0, 1, 0],
      ["乙", "同级", "勤", 0, 0, 1, 1, 0],
      ["乙", "同级", "廉", 0, 0, 0, 2, 0],
      ["丙", "下级", "德", 1, 0, 0, 0, 0],
      ["丙", "下级", "能", 0, 1, 0, 0, 0],
      ["丙", "下级", "勤", 0, 1, 0, 0, 0],
      ["丙", "下级", "廉", 0, 0, 1, 0, 0],
    ]);
    expect(t.invalid).toEqual([]);
    expect(t.voidUnits).toEqual([]);
    expect(t.counted.get("一公司")).toEqual(
      new Map([
        ["同级", 2],
        ["上级", 1],
      ]),
    );
  });

  it("voids a ballot all the same (a name and its alias alike), not one with a blank or 弃权 (T4)", () => {
    const t = tally(
      base(
        [
          ...ballots(),
          ballot("二公司", 2, "下级", line("丙", "优秀", "好", "好", "优秀")), // all 优秀: invalid
          ballot("二公司", 3, "下级", line("丙", "优秀", "优秀", "优秀", null)), // a blank: valid
          ballot("二公司", 4, "下级", line("丙", "称职", "称职", "弃权", "称职")), // 弃权: valid
        ],
        { ballots: { invalidIfAllSame: true } },
      ),
    );
    expect(t.invalid.map((b) => [b.unit, b.no, b.group, b.reasons])).toEqual([
      ["一公司", 3, "上级", ["allSame"]],
      ["二公司", 2, "下级", ["allSame"]],
    ]);
    // 甲 has no valid ballot in 上级: no rows (T9); ballot 2 of 一公司 is not all the same (甲 differs from 乙)
    expect(t.votes.filter((v) => v.name === "甲" && v.group === "上级")).toEqual([]);
    expect(rows(t.votes.filter((v) => v.name === "丙"))).toEqual([
      ["丙", "下级", "德", 2, 1, 0, 0, 0],
      ["丙", "下级", "能", 1, 2, 0, 0, 0],
      ["丙", "下级", "勤", 1, 1, 0, 0, 1],
      ["丙", "下级", "廉", 0, 1, 1, 0, 1],
    ]);
    // invalid ballots still count for the turnout
    expect(t.counted.get("二公司")).toEqual(new Map([["下级", 4]]));
    expect(t.valid.get("二公司")).toBe(3);
  });

  it("voids a ballot with more 优秀 on the overall item than ⌊share × leaders⌋ (at least 1)", () => {
    const five = ["甲", "乙", "丁", "戊", "己"];
    const c = (share: number, excellent: number) => {
      const x = base([], { ballots: { maxExcellentShare: share } }, true);
      for (const n of ["丁", "戊", "己"]) x.leaders.push({ name: n, unit: "一公司", position: "党委委员" });
      x.ballots!.ballots.push(
        ballot(
          "一公司",
          "A-01",
          "下级",
          ...five.map((n, i) => line(n, "称职", "称职", "称职", "称职", i < excellent ? "好" : "称职")),
        ),
      );
      return tally(x);
    };
    expect(c(0.3, 1).invalid).toEqual([]); // ⌊1.5⌋ = 1
    expect(c(0.3, 2).invalid.map((b) => b.reasons)).toEqual([["tooManyExcellent"]]);
    expect(c(0.5, 2).invalid).toEqual([]); // ⌊2.5⌋ = 2
    expect(c(0.5, 3).invalid).toHaveLength(1);
    expect(c(0.1, 1).invalid).toEqual([]); // ⌊0.5⌋ = 0, at least 1 allowed
    expect(c(0.4, 2).invalid).toEqual([]); // ⌊2⌋ = 2 exactly
    // without an overall column the rule does not apply
    const x = base(
      [
        ballot(
          "一公司",
          1,
          "下级",
          line("甲", "优秀", "优秀", "优秀", "优秀"),
          line("乙", "优秀", "优秀", "优秀", "优秀"),
        ),
      ],
      {
        ballots: { maxExcellentShare: 0.3 },
      },
    );
    expect(tally(x).invalid).toEqual([]);
  });

  it("writes the overall item's rows under its name, blanks included, after the dimensions", () => {
    const x = base([ballot("二公司", 7, "上级", line("丙", "优秀", "优秀", "称职", "称职", null))], {}, true);
    expect(rows(tally(x).votes)).toEqual([
      ["丙", "上级", "德", 1, 0, 0, 0, 0],
      ["丙", "上级", "能", 1, 0, 0, 0, 0],
      ["丙", "上级", "勤", 0, 1, 0, 0, 0],
      ["丙", "上级", "廉", 0, 1, 0, 0, 0],
      ["丙", "上级", "综合评价", 0, 0, 0, 0, 1],
    ]);
  });
});

describe("turnout (测评组织)", () => {
  /** 一公司: b上级 + b同级 + b下级 ballots (甲 and 乙 on each); 二公司: 6 ballots in 下级. */
  function turnoutCase(
    counts: [number, number, number],
    expected: [number, number, number],
    minTurnout: number | null,
  ) {
    const bs: CaseBallot[] = [];
    let no = 1;
    ["上级", "同级", "下级"].forEach((g, k) => {
      for (let i = 0; i < counts[k]!; i++)
        bs.push(
          ballot(
            "一公司",
            no++,
            g,
            line("甲", "优秀", "称职", "优秀", "优秀"),
            line("乙", "称职", "称职", "称职", "优秀"),
          ),
        );
    });
    for (let i = 1; i <= 6; i++) bs.push(ballot("二公司", i, "下级", line("丙", "优秀", "优秀", "优秀", "称职")));
    const c = base(bs, minTurnout === null ? {} : { ballots: { minTurnout } });
    c.ballots!.turnout = ["上级", "同级", "中层干部"].map((group, k) => ({
      unit: "一公司",
      group,
      expected: expected[k]!,
    }));
    return c;
  }

  it("voids a unit below minTurnout × Σ应到人数 (exactly), not one at it, nor one without 测评组织 rows", () => {
    // Σ = 12; 0.6667 × 12 = 8.0004: 8 ballots void, 9 not
    expect(tally(turnoutCase([2, 2, 4], [3, 3, 6], 0.6667)).voidUnits).toEqual(["一公司"]);
    expect(tally(turnoutCase([2, 3, 4], [3, 3, 6], 0.6667)).voidUnits).toEqual([]);
    // 0.75 × 12 = 9: 9 is not fewer
    expect(tally(turnoutCase([2, 3, 4], [3, 3, 6], 0.75)).voidUnits).toEqual([]);
    expect(tally(turnoutCase([2, 2, 4], [3, 3, 6], 0.75)).voidUnits).toEqual(["一公司"]);
    // without minTurnout nothing is void; 二公司 has no 测评组织 rows
    expect(tally(turnoutCase([1, 1, 1], [3, 3, 6], null)).voidUnits).toEqual([]);
  });

  it("writes no rows for a void unit: its leaders' D is missing, they are pending (T8)", () => {
    const c = turnoutCase([2, 2, 4], [3, 3, 6], 0.6667);
    const t = tally(c);
    expect(t.votes.map((v) => v.name)).toEqual(["丙", "丙", "丙", "丙"]);
    const e = oracle(withTally(c)).leaders;
    expect(e.map((l) => [l.name, l.democratic, l.status, l.flags, l.excellentRate])).toEqual([
      ["甲", null, "pending", ["pending"], null],
      ["乙", null, "pending", ["pending"], null],
      ["丙", 95, "graded", [], 0.75],
    ]);
  });

  it("refuses more ballots (valid or not) than 应到人数 of a unit × group", () => {
    expect(() => tally(turnoutCase([2, 2, 7], [3, 3, 6], null))).toThrow(TallyError);
    const c = turnoutCase([2, 2, 6], [3, 3, 6], null);
    expect(() => tally(c)).not.toThrow();
    c.method = { ...c.method, ballots: { invalidIfAllSame: true } };
    c.ballots!.ballots.push(
      ballot("一公司", 99, "职工代表", line("甲", "好", "好", "好", "好"), line("乙", "优秀", "优秀", "优秀", "优秀")),
    );
    expect(() => tally(c)).toThrow(/overCount/);
  });
});

describe("errors of §11.1", () => {
  const cases: [string, CaseBallot[], string][] = [
    ["unknown group", [ballot("一公司", 1, "群众", line("甲", "优秀", "优秀", "优秀", "优秀"))], "unknownGroup"],
    ["a rating word", [ballot("一公司", 1, "上级", line("甲", "优秀", "良", "优秀", "优秀"))], "badMark"],
    ["a missing marker", [ballot("一公司", 1, "上级", line("甲", "优秀", "-", "优秀", "优秀"))], "badMark"],
    [
      "a leader twice",
      [
        ballot(
          "一公司",
          1,
          "上级",
          line("甲", "优秀", "优秀", "优秀", "优秀"),
          line("甲 ", "称职", "优秀", "优秀", "优秀"),
        ),
      ],
      "leaderTwice",
    ],
    ["not in 考核对象", [ballot("一公司", 1, "上级", line("丁", "优秀", "优秀", "优秀", "优秀"))], "unknownLeader"],
    [
      "rows of a ballot in two groups",
      [
        ballot("一公司", 5, "上级", line("甲", "优秀", "优秀", "优秀", "优秀")),
        ballot("一公司", 5, "下级", line("乙", "优秀", "优秀", "优秀", "优秀")),
      ],
      "groupsDisagree",
    ],
    [
      "a leader twice over a ballot's scattered rows",
      [
        ballot("一公司", "5", "中层干部", line("甲", "优秀", "优秀", "优秀", "优秀")),
        ballot("一公司", 5, "职工代表", line("甲", "优秀", "优秀", "优秀", "优秀")),
      ],
      "leaderTwice",
    ],
  ];
  for (const [what, bs, kind] of cases)
    it(what, () => {
      expect(() => tally(base(bs))).toThrow(new RegExp(`tally: ${kind}`));
    });
});

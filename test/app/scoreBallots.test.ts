/** `score` on a workbook with 测评票 (docs/method.md §11.3): tallied in memory, void units pending, a stale 民主测评 flagged. */
import { describe, expect, it } from "vitest";
import { ballotSupport } from "../../src/app/ballots";
import { scoreBook } from "../../src/app/score";
import { tallyBook } from "../../src/app/tally";
import { ballotsBehind } from "../../src/engine/ballots/tally";
import type { CellValue, GridBook } from "../../src/workbook/grid";
import { brief, type Rows, sheet, smallBook } from "../workbook/helpers";

const HEADER: CellValue[] = ["票号", "单位", "测评人类别", "姓名", "德", "能", "勤", "廉"];

/** Six ballots for 甲 (一公司) and six for 乙 (二公司), one of 乙's all 优秀. */
const BALLOTS: Rows = [
  HEADER,
  ...[1, 2, 3, 4, 5, 6].map((n) => [
    n,
    "一公司",
    n <= 2 ? "上级" : n <= 4 ? "同级" : "下级",
    "甲",
    "优秀",
    n % 2 ? "称职" : "优秀",
    "称职",
    null,
  ]),
  ...[1, 2, 3, 4, 5, 6].map((n) => [
    n,
    "二公司",
    n <= 2 ? "上级" : n <= 4 ? "同级" : "下级",
    "乙",
    "称职",
    "称职",
    n === 6 ? "称职" : "基本称职",
    "称职",
  ]),
];

/** The small book of the reader tests with 民主测评 replaced by `sheets`. */
function withBallots(sheets: Record<string, Rows>, keepVotes = false): GridBook {
  const book = smallBook().filter((g) => keepVotes || g.name !== "民主测评");
  return [...book, ...Object.entries(sheets).map(([name, rows]) => sheet(name, rows))];
}

const TODAY = "2025-06-30";
const METHOD = {
  economic: {
    indicators: [
      { name: "实现利润", aliases: ["利润总额"], weight: 60, direction: "higher" },
      { name: "主营业务收入", aliases: ["营业收入"], weight: 40, direction: "higher" },
    ],
  },
  ballots: { invalidIfAllSame: true },
};

function scored(book: GridBook) {
  const r = scoreBook({ book, method: METHOD, today: TODAY, ballots: ballotSupport });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r;
}

/** The assessment without cells (which differ between 民主测评 and 测评票). */
function numbers(r: ReturnType<typeof scored>) {
  return r.assessment.leaders.map((l) => [
    l.name,
    l.democratic,
    l.excellentRate,
    l.final,
    l.grade,
    l.flags.map((f) => f.code),
  ]);
}

describe("score with 测评票 (docs/method.md §11.3)", () => {
  it("without 民主测评, tallies in memory: the same results as the tallied sheet, the invalid ballots among the warnings", () => {
    const fromBallots = scored(withBallots({ 测评票: BALLOTS }));
    const t = tallyBook({ book: withBallots({ 测评票: BALLOTS }), method: METHOD });
    if (!t.ok) throw new Error("tally failed");
    expect(t.tally.invalid).toHaveLength(1);
    const tallied = [...smallBook().filter((g) => g.name !== "民主测评"), sheet("民主测评", t.layout.values as Rows)];
    const fromSheet = scored(tallied);
    expect(numbers(fromBallots)).toEqual(numbers(fromSheet));
    expect(fromBallots.assessment.leaders[0].democratic).not.toBeNull();
    expect(brief(fromBallots.warnings).filter((w) => w.endsWith("invalidBallot"))).toEqual([
      "测评票!A13 invalidBallot",
    ]);
    // The tallied votes point at the ballots (the first valid ballot's cell), and have no cells on 民主测评.
    const v = fromBallots.input.votes[0];
    expect([v.cell, v.countCells]).toEqual(["测评票!E2", ["", "", "", ""]]);
    // The ballots behind each count travel with the result, for 为什么: 甲's 上级 能 were ballot 1 称职, 2 优秀.
    expect(ballotsBehind(fromBallots.tally!, 0, "上级", "能")).toEqual({
      byCategory: [["2"], ["1"], [], []],
      abstain: [],
    });
    expect(fromSheet.tally).toBeUndefined();
  });

  it("a unit below the minimum turnout: its leaders' D is missing and they are pending with 参评率不足", () => {
    const org: Rows = [
      ["单位", "测评人类别", "应到人数"],
      ["一公司", "上级", 2],
      ["一公司", "同级", 2],
      ["一公司", "下级", 2],
      ["二公司", "上级", 3],
      ["二公司", "同级", 5],
      ["二公司", "下级", 10],
    ];
    const r = scoreBook({
      book: withBallots({ 测评票: BALLOTS, 测评组织: org }),
      method: { ...METHOD, ballots: { minTurnout: 0.5 } },
      today: TODAY,
      ballots: ballotSupport,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const [jia, yi] = r.assessment.leaders;
    expect(jia.democratic).not.toBeNull();
    expect([yi.democratic, yi.final, yi.grade, yi.status]).toEqual([null, null, "暂缓评定", "pending"]);
    expect(yi.flags.find((f) => f.code === "pending")?.message).toBe(
      "暂缓评定：民主测评无法计算（参评率不足：收回测评票 6 张，应到 18 人，参评率 33.33%，低于 50.00%）",
    );
    expect(brief(r.warnings)).toContain("测评组织!A5 voidUnit");
  });

  it("ballots above 应到人数 stop the run as a reader error does", () => {
    const r = scoreBook({
      book: withBallots({
        测评票: BALLOTS,
        测评组织: [
          ["单位", "测评人类别", "应到人数"],
          ["一公司", "上级", 1],
        ],
      }),
      method: METHOD,
      today: TODAY,
      ballots: ballotSupport,
    });
    expect(r.ok).toBe(false);
    if (r.ok || r.kind !== "workbook") return;
    expect(brief(r.errors)).toEqual(["测评组织!C2 tooManyBallots"]);
  });

  it("with 民主测评 as well, scores 民主测评 and warns where it differs from the ballots", () => {
    const t = tallyBook({ book: withBallots({ 测评票: BALLOTS }), method: METHOD });
    if (!t.ok) throw new Error("tally failed");
    const current = [...withBallots({ 测评票: BALLOTS }), sheet("民主测评", t.layout.values as Rows)];
    expect(brief(scored(current).warnings).filter((w) => w.includes("votesNotTallied"))).toEqual([]);

    // A stale 民主测评: one count changed by hand.
    const stale = (t.layout.values as Rows).map((row) => [...row]);
    stale[3][4] = 9;
    const r = scored([...withBallots({ 测评票: BALLOTS }), sheet("民主测评", stale)]);
    expect(brief(r.warnings).filter((w) => w.includes("votesNotTallied"))).toEqual(["民主测评!A4 votesNotTallied"]);
    expect(r.warnings.find((w) => w.code === "votesNotTallied")?.message).toBe(
      "民主测评表与测评票的汇总不一致（共 1 处，如甲·上级·勤）：本次按民主测评表计算；请先汇总测评票",
    );
  });

  it("a workbook with neither 民主测评 nor 测评票 lacks a sheet", () => {
    const r = scoreBook({ book: withBallots({}), method: METHOD, today: TODAY, ballots: ballotSupport });
    expect(r.ok).toBe(false);
    if (r.ok || r.kind !== "workbook") return;
    expect(brief(r.errors)).toEqual(["民主测评 missingSheet"]);
  });
});

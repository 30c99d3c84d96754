/**
 * A small workbook with ballots (docs/method.md §11) for the add-in tests: two units, an overall item, an invalid
 * ballot of each kind, a blank and a 弃权, and 测评组织 with 二公司 below the minimum turnout.
 */
import type { CellValue, GridBook } from "../../src/workbook/grid";

export type Rows = CellValue[][];

export const LEADERS: Rows = [
  ["姓名", "单位", "职务"],
  ["甲", "一公司", "党委书记"],
  ["乙", "一公司", "党委副书记"],
  ["丙", "二公司", "党支部书记"],
];
export const ECONOMIC: Rows = [
  ["单位", "实现利润目标值", "实现利润完成值", "主营业务收入目标值", "主营业务收入完成值"],
  ["一公司", 100, 110, 1000, 1050],
  ["二公司", 200, 190, 2000, 2100],
];
export const WORK: Rows = [
  ["单位", "重点工作", "党的建设", "安全稳定"],
  ["一公司", 90, "好", 100],
  ["二公司", 85, 92, "较好"],
];
export const BALLOT_HEADER: CellValue[] = ["票号", "单位", "测评人类别", "姓名", "德", "能", "勤", "廉", "综合评价"];
const GROUPS = ["上级", "同级", "同级", "下级", "下级", "下级"];
export const BALLOTS: Rows = [
  BALLOT_HEADER,
  ...GROUPS.flatMap((g, i): Rows => [
    [i + 1, "一公司", g, "甲", "优秀", i % 2 ? "称职" : "优秀", "称职", "优秀", i < 2 ? "优秀" : "称职"],
    [i + 1, "一公司", g, "乙", "称职", "称职", i === 3 ? null : "基本称职", "称职", i === 4 ? "弃权" : "称职"],
  ]),
  // Ballot 7: all 优秀 (invalid: all the same, and both leaders 优秀 on the overall item).
  [7, "一公司", "下级", "甲", "优秀", "优秀", "优秀", "优秀", "优秀"],
  [7, "一公司", "下级", "乙", "优秀", "优秀", "优秀", "优秀", "优秀"],
  ...GROUPS.map((g, i): CellValue[] => [i + 1, "二公司", g, "丙", "优秀", "称职", "称职", "好", "较好"]),
];
/** A survey export of 一公司's ballots: a column that is not a rating, and one whose header names nobody readable. */
export const SURVEY: Rows = [
  [
    "序号",
    "提交答卷时间",
    "单位",
    "测评人类别",
    "甲-德",
    "Q6. 对甲同志的工作能力评价",
    "甲-勤",
    "甲-廉",
    "乙-德",
    "乙-能",
    "乙-勤",
    "乙-廉",
  ],
  [1, "2025-01-05 10:00", "一公司", "上级", "优秀", "称职", "称职", "优秀", "称职", "称职", "称职", "称职"],
  [2, "2025-01-05 10:05", "一公司", "同级", "优秀", "优秀", "称职", "优秀", "称职", "基本称职", "称职", "称职"],
];

/** 一公司 received what it expected; 二公司 6 ballots of 10 expected (below 80%). */
export const TURNOUT: Rows = [
  ["单位", "测评人类别", "应到人数"],
  ["一公司", "上级", 1],
  ["一公司", "同级", 2],
  ["一公司", "下级", 4],
  ["二公司", "上级", 2],
  ["二公司", "同级", 2],
  ["二公司", "下级", 6],
];
export const BALLOT_METHOD = {
  economic: {
    indicators: [
      { name: "实现利润", aliases: ["利润总额"], weight: 60, direction: "higher" },
      { name: "主营业务收入", aliases: ["营业收入"], weight: 40, direction: "higher" },
    ],
  },
  ballots: { invalidIfAllSame: true, maxExcellentShare: 0.5, minTurnout: 0.8 },
};

/** The workbook: 考核对象, 经营业绩, 工作评价, then `extra` sheets (by default 测评票 and 测评组织, no 民主测评). */
export function ballotBook(extra: Record<string, Rows> = { 测评票: BALLOTS, 测评组织: TURNOUT }): GridBook {
  return [
    { name: "考核对象", rows: LEADERS },
    { name: "经营业绩", rows: ECONOMIC },
    { name: "工作评价", rows: WORK },
    ...Object.entries(extra).map(([name, rows]) => ({ name, rows })),
  ];
}

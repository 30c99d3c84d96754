/**
 * The three worked examples of test/fixtures/examples, rebuilt by hand as the xlsx adapter will give them
 * (a merged area carries its value in its top-left cell only; date cells arrive as Date).
 */
import { describe, expect, it } from "vitest";
import type { GridBook } from "../../src/workbook/grid";
import { readWorkbook } from "../../src/workbook/read";
import { QUAL_COLUMNS } from "../support/case";
import type { Rows } from "./helpers";
import { VOTE_HEADER, brief, methodWith, plain, sheet, utcDate } from "./helpers";

const DIMS = ["德", "能", "勤", "廉"];

function votes(spec: [string, string, string, number[][]][]): Rows {
  const rows: Rows = [VOTE_HEADER];
  for (const [name, unit, group, perDim] of spec) {
    DIMS.forEach((d, i) => rows.push([name, unit, group, d, ...(perDim[i] ?? perDim[0])]));
  }
  return rows;
}

const WORK_HEADER = ["单位", "重点工作", "党的建设", "安全稳定", "否决事项"];
const LEADER_HEADER = ["姓名", "单位", "职务", "任职模式"];

describe("example-1 (two-row 经营业绩 with merged headers)", () => {
  const method = methodWith({
    indicators: [
      { name: "实现利润", aliases: ["利润总额"], weight: 60, direction: "higher" },
      { name: "净资产收益率", aliases: ["ROE"], weight: 40, direction: "higher" },
    ],
  });
  const people: [string, string, number[]][] = [
    ["甲", "一公司", [14, 5, 1, 0]],
    ["乙", "二公司", [10, 8, 2, 0]],
    ["丙", "三公司", [6, 10, 3, 1]],
    ["丁", "四公司", [12, 7, 1, 0]],
  ];
  const econBody: Rows = [
    ["一公司", 1000, 1090, 8, 8.4],
    ["二公司", 500, 470, 6, 6.6],
    ["三公司", 800, 1040, 10, 10],
    ["四公司", 300, 315, 5, 4.1],
  ];
  function book(econHeader: Rows): GridBook {
    return [
      sheet("考核对象", [LEADER_HEADER, ...people.map(([n, u]) => [n, u, "党委书记", null])]),
      sheet("经营业绩", [...econHeader, ...econBody]),
      sheet("工作评价", [
        WORK_HEADER,
        ["一公司", "好", 96, 100],
        ["二公司", 90, 98, 100],
        ["三公司", "一般", 90, 95],
        ["四公司", 90, 97, 100],
      ]),
      sheet(
        "民主测评",
        votes(
          people.flatMap(([n, u, c]) =>
            ["上级", "同级", "下级"].map((g) => [n, u, g, [c]] as [string, string, string, number[][]]),
          ),
        ),
      ),
      sheet("加减分", [
        ["姓名", "单位", "类型", "分值", "事项"],
        ["甲", "一公司", "加分", 2, "省级表彰"],
        ["丙", "三公司", "减分", 1, "通报批评"],
      ]),
    ];
  }

  it.each([
    [
      "merged cells empty but the top-left",
      [
        ["单位", "实现利润", null, "净资产收益率", null],
        [null, "目标值", "完成值", "目标值", "完成值"],
      ],
    ],
    [
      "merged values repeated in every cell",
      [
        ["单位", "实现利润", "实现利润", "净资产收益率", "净资产收益率"],
        ["单位", "目标值", "完成值", "目标值", "完成值"],
      ],
    ],
  ] as [string, Rows][])("%s", (_, header) => {
    const r = readWorkbook(book(header), method);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    const { input } = r;
    expect(input.leaders.map((l) => `${l.name}/${l.unit}`)).toEqual([
      "甲/一公司",
      "乙/二公司",
      "丙/三公司",
      "丁/四公司",
    ]);
    expect(input.sheets["经营业绩"]).toMatchObject({
      headerRow: 0,
      headerEndRow: 1,
      dataRows: [2, 3, 4, 5],
    });
    expect(
      input.economics.map((u) => [
        u.unit,
        u.indicators["实现利润"].target.value,
        u.indicators["实现利润"].actual.value,
        u.indicators["净资产收益率"].target.value,
        u.indicators["净资产收益率"].actual.value,
      ]),
    ).toEqual(econBody);
    expect(input.economics[3].indicators["净资产收益率"].actual.cell).toBe("经营业绩!E6");
    expect(input.work.map((u) => [u.keyTasks.value, u.partyBuilding.value, u.safety.value, u.veto])).toEqual([
      [100, 96, 100, null],
      [90, 98, 100, null],
      [60, 90, 95, null],
      [90, 97, 100, null],
    ]);
    expect(input.votes).toHaveLength(48);
    expect(input.votes[47]).toMatchObject({
      name: "丁",
      group: "下级",
      dimension: "廉",
      counts: [12, 7, 1, 0],
      cell: "民主测评!A49",
    });
    expect(input.adjustments.map((a) => [a.name, a.kind, a.value, a.item, a.cell])).toEqual([
      ["甲", "bonus", 2, "省级表彰", "加减分!A2"],
      ["丙", "penalty", 1, "通报批评", "加减分!A3"],
    ]);
    expect(input.candidates).toBeNull();
  });
});

describe("example-2 (one-row 经营业绩 headers with units)", () => {
  const method = methodWith({
    indicators: [
      { name: "实现利润", aliases: ["利润总额"], weight: 50, direction: "higher" },
      { name: "主营业务收入", aliases: ["营业收入"], weight: 25, direction: "higher" },
      { name: "经营活动现金流入量", aliases: [], weight: 25, direction: "higher" },
    ],
  });
  const book: GridBook = [
    sheet("考核对象", [
      LEADER_HEADER,
      ["戊", "五公司", "党委书记"],
      ["己", "六公司", "党委书记"],
      ["庚", "七公司", "党委书记"],
    ]),
    sheet("经营业绩", [
      [
        "单位",
        "实现利润目标值（万元）",
        "实现利润完成值（万元）",
        "主营业务收入目标值",
        "主营业务收入完成值",
        "经营活动现金流入量目标值",
        "经营活动现金流入量完成值",
      ],
      ["五公司", 200, 212, 2000, 2100, 1500],
      ["六公司", -100, -40, 1000, 1030, 1100, 1111],
      ["七公司", 400, 400, 3000, 2940, 3300, 3366],
    ]),
    sheet("工作评价", [WORK_HEADER, ["五公司", 90, 95, 100], ["六公司", 80, 90, 100], ["七公司", 80, 92, 90]]),
    sheet(
      "民主测评",
      votes([
        ["戊", "五公司", "上级", [[3, 2, 0, 0]]],
        [
          "戊",
          "五公司",
          "同级",
          [
            [4, 2, 0, 0],
            [3, 3, 0, 0],
            [4, 2, 0, 0],
            [5, 1, 0, 0],
          ],
        ],
        ["己", "六公司", "上级", [[2, 3, 0, 0]]],
        ["己", "六公司", "同级", [[2, 3, 1, 0]]],
        ["己", "六公司", "下级", [[6, 10, 3, 1]]],
        ["庚", "七公司", "上级", [[1, 2, 2, 0]]],
        ["庚", "七公司", "同级", [[1, 3, 2, 0]]],
        ["庚", "七公司", "下级", [[2, 8, 6, 4]]],
      ]),
    ),
  ];

  it("reads the one-row headers, the loss target and the missing actual (one warning)", () => {
    const r = readWorkbook(book, method);
    expect(r.errors).toEqual([]);
    expect(brief(r.warnings)).toEqual(["经营业绩!G2 missing"]);
    expect(r.warnings[0].message).toBe("经营活动现金流入量完成值缺失，该指标不计分，按其余指标折算");
    const e = r.input.economics;
    expect(plain(e[0].indicators["经营活动现金流入量"])).toEqual({
      target: { value: 1500, cell: "经营业绩!F2" },
      actual: { value: null, cell: "经营业绩!G2" },
    });
    expect(plain(e[1].indicators["实现利润"])).toEqual({
      target: { value: -100, cell: "经营业绩!B3" },
      actual: { value: -40, cell: "经营业绩!C3" },
    });
    expect(r.input.sheets["经营业绩"]?.columns).toEqual({
      单位: 0,
      "实现利润|目标": 1,
      "实现利润|完成": 2,
      "主营业务收入|目标": 3,
      "主营业务收入|完成": 4,
      "经营活动现金流入量|目标": 5,
      "经营活动现金流入量|完成": 6,
    });
    expect(r.input.votes).toHaveLength(32);
    expect(r.input.votes.filter((v) => v.name === "戊").map((v) => v.group)).not.toContain("下级");
  });
});

describe("example-3 (资质审查 with dates in several forms)", () => {
  const book: GridBook = [
    sheet("考核对象", [LEADER_HEADER, ["甲", "一公司", "党委书记"]]),
    sheet("经营业绩", [
      [
        "单位",
        "实现利润",
        null,
        "主营业务收入",
        null,
        "净资产收益率",
        null,
        "上缴资金",
        null,
        "经营活动现金流入量",
        null,
      ],
      [null, "目标值", "完成值", "目标值", "完成值", "目标值", "完成值", "目标值", "完成值", "目标值", "完成值"],
      ["一公司", 100, 100, 100, 100, 5, 5, 10, 10, 100, 100],
    ]),
    sheet("工作评价", [WORK_HEADER, ["一公司", 90, 90, 90]]),
    sheet(
      "民主测评",
      votes([
        ["甲", "一公司", "上级", [[3, 2, 0, 0]]],
        ["甲", "一公司", "下级", [[6, 4, 0, 0]]],
      ]),
    ),
    sheet("资质审查", [
      [...QUAL_COLUMNS],
      ["郑一", "一公司", utcDate(1976, 9, 1), "本科", "行政管理", "1998.06", "1998年7月", "高级经济师", 4, 9, "良好"],
      ["郑二", "二公司", "1990/7/1", "本科", "党政", "2012.05", "2012.07", "政工师", 3, 5, "良好"],
      ["郑三", "三公司", "1982年3月", "大专", "财务", "2022.07", "2003.07", "助理会计师", 1, 3, "一般"],
      ["郑四", "四公司", "198005", "硕士", "工商管理", "2004-07-01", null, "工程师", 3, 6, "健康"],
    ]),
  ];

  it("reads every candidate without diagnostics", () => {
    const r = readWorkbook(book, methodWith());
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    const c = r.input.candidates!;
    const ymd = (q: (typeof c)[number]["birth"]) =>
      q.status === "ok" ? `${q.value.y}-${q.value.m}-${q.value.d}` : q.status;
    expect(c.map((x) => [x.name, ymd(x.birth), ymd(x.partyDate), ymd(x.workDate)])).toEqual([
      ["郑一", "1976-9-1", "1998-6-1", "1998-7-1"],
      ["郑二", "1990-7-1", "2012-5-1", "2012-7-1"],
      ["郑三", "1982-3-1", "2022-7-1", "2003-7-1"],
      ["郑四", "1980-5-1", "2004-7-1", "missing"],
    ]);
    expect(c.map((x) => (x.title.status === "ok" ? x.title.value : null))).toEqual([
      "高级经济师",
      "政工师",
      "助理会计师",
      "工程师",
    ]);
    expect(c[2].departments).toEqual({ status: "ok", value: 1, cell: "资质审查!I4" });
    expect(r.input.economics[0].indicators["上缴资金"].actual.cell).toBe("经营业绩!I3");
  });
});

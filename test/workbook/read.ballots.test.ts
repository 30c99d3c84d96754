import { describe, expect, it } from "vitest";
import { defaultMethod } from "../../src/method/defaults";
import type { Method } from "../../src/method/types";
import type { BallotSheet } from "../../src/workbook/ballotInput";
import type { CellValue, GridBook } from "../../src/workbook/grid";
import { readBallotBook } from "../../src/workbook/read/ballotBook";
import { parseLeaderHeader } from "../../src/workbook/read/ballots";
import { brief, type Rows, sheet } from "./helpers";

/** 一公司 has 甲 and 乙, 二公司 has 丙. */
const LEADERS: Rows = [
  ["姓名", "单位", "职务"],
  ["甲", "一公司", "党委书记"],
  ["乙", "一公司", "党委副书记"],
  ["丙", "二公司", "党支部书记"],
];

const LONG_HEADER: CellValue[] = ["票号", "单位", "测评人类别", "姓名", "德", "能", "勤", "廉", "综合评价"];
const HEADER_WITHOUT_OVERALL: CellValue[] = LONG_HEADER.slice(0, 8);

function book(sheets: Record<string, Rows>, leaders: Rows = LEADERS): GridBook {
  return [sheet("考核对象", leaders), ...Object.entries(sheets).map(([name, rows]) => sheet(name, rows))];
}

function readBook(sheets: Record<string, Rows>, method: Method = defaultMethod(), leaders: Rows = LEADERS) {
  return readBallotBook(book(sheets, leaders), method);
}

/** A ballot sheet in short: `unit#number group: leader=marks…` with marks as category initials (优称基不), 弃 or _. */
function summary(s: BallotSheet | null | undefined): string[] {
  const initial = ["优", "称", "基", "不"];
  return (s?.ballots ?? []).map(
    (b) =>
      `${b.unit}#${b.number} ${b.group}: ` +
      b.lines
        .map(
          (l) =>
            `${l.leader}=` +
            l.marks
              .map((m) => (m.kind === "category" ? initial[m.category!] : m.kind === "abstain" ? "弃" : "_"))
              .join(""),
        )
        .join(" "),
  );
}

describe("测评票 in long form (docs/method.md §11.1)", () => {
  it("groups rows into ballots by 单位 and 票号, resolving aliases of groups and categories; blank and 弃权 are kept apart", () => {
    const r = readBook({
      测评票: [
        ["2025年度民主测评票录入"],
        [...LONG_HEADER, "备注"],
        [1, "一公司", "集团领导", "甲", "优秀", "好", "较好", "一般", "优秀", "第一组"],
        ["2", " 一 公司", "班子成员", "乙", "差", "较差", null, "弃权", "-"],
        [1, "一公司", "上级", "乙", "称职", "称职", "称职", "称职", "称职", null],
        [1, "二公司", "中层干部", "丙", "基本称职", "不称职", "优秀", "优秀", "优秀", null],
        ["合计"],
      ],
    });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.ballots?.primary.form).toBe("long");
    expect(summary(r.ballots?.primary)).toEqual([
      "一公司#1 上级: 0=优优称基优 1=称称称称称",
      "一公司#2 同级: 1=不不_弃_",
      "二公司#1 下级: 2=基不优优优",
    ]);
    const first = r.ballots!.primary.ballots[0];
    expect(first.cell).toBe("测评票!A3");
    expect(first.groupCell).toBe("测评票!C3");
    expect(first.lines[1].cell).toBe("测评票!D5");
    expect(first.lines[1].marks.map((m) => m.cell)).toEqual([
      "测评票!E5",
      "测评票!F5",
      "测评票!G5",
      "测评票!H5",
      "测评票!I5",
    ]);
  });

  it("the overall item is optional and read under its aliases; dimension columns are required", () => {
    const ok = readBook({
      测评票: [
        ["票号", "单位", "测评人类别", "姓名", "德", "能", "勤", "廉", "总体评价"],
        [1, "一公司", "上级", "甲", "优秀", "优秀", "优秀", "优秀", "称职"],
      ],
    });
    expect(summary(ok.ballots?.primary)).toEqual(["一公司#1 上级: 0=优优优优称"]);
    const without = readBook({
      测评票: [
        ["票号", "单位", "测评人类别", "姓名", "德", "能", "勤", "廉"],
        [1, "一公司", "上级", "甲", "优秀", "优秀", "优秀", "优秀"],
      ],
    });
    expect(summary(without.ballots?.primary)).toEqual(["一公司#1 上级: 0=优优优优"]);
    const missing = readBook({
      测评票: [
        ["票号", "单位", "测评人类别", "姓名", "德", "能", "勤"],
        [1, "一公司", "上级", "甲", "优秀", "优秀", "优秀"],
      ],
    });
    expect(brief(missing.errors)).toEqual(["测评票!A1 missingColumn"]);
    expect(missing.errors[0].message).toBe("第1行的表头缺少必需的列「廉」");
  });

  it("every error of §11.1 is at its cell", () => {
    const r = readBook({
      测评票: [
        LONG_HEADER,
        [null, "一公司", "上级", "甲", "优秀", "优秀", "优秀", "优秀", "优秀"], // 票号 blank
        [1, null, "上级", "甲", "优秀", "优秀", "优秀", "优秀", "优秀"], // 单位 blank
        [2, "一公司", "群众", "甲", "优秀", "优秀", "优秀", "优秀", "优秀"], // unknown group
        [3, "一公司", "上级", null, "优秀", "优秀", "优秀", "优秀", "优秀"], // 姓名 blank
        [4, "一公司", "上级", "甲", "优秀", "很好", "优秀", 3, "优秀"], // two ratings that are not categories
        [5, "一公司", "上级", "丁", "优秀", "优秀", "优秀", "优秀", "优秀"], // not a leader of 一公司
        [5, "一公司", "上级", "丙", "优秀", "优秀", "优秀", "优秀", "优秀"], // a leader, but of 二公司
        [6, "一公司", "上级", "甲", "优秀", "优秀", "优秀", "优秀", "优秀"],
        [6, "一公司", "同级", "乙", "优秀", "优秀", "优秀", "优秀", "优秀"], // the same ballot with another group
        [7, "一公司", "上级", "甲", "优秀", "优秀", "优秀", "优秀", "优秀"],
        [7, "一公司", "上级", " 甲", "称职", "优秀", "优秀", "优秀", "优秀"], // 甲 twice on one ballot
      ],
    });
    expect(brief(r.errors)).toEqual([
      "测评票!A2 blankBallotNumber",
      "测评票!B3 blankUnit",
      "测评票!C4 unknownGroup",
      "测评票!D5 blankName",
      "测评票!F6 invalidRating",
      "测评票!H6 invalidRating",
      "测评票!D7 unknownLeader",
      "测评票!D8 unknownLeader",
      "测评票!C10 ballotGroupMismatch",
      "测评票!D12 duplicateLeader",
    ]);
    const msg = (cell: string) => r.errors.find((e) => e.cell === cell)?.message;
    expect(msg("测评票!F6")).toBe(
      "甲的「能」评价「很好」无法识别，应为优秀、称职、基本称职、不称职（或其别名）、弃权，或留空",
    );
    expect(msg("测评票!D7")).toBe("「丁」不是一公司的考核对象（考核对象表中没有）");
    expect(msg("测评票!C10")).toBe(
      "同一张测评票（一公司第「6」号）各行的测评人类别应一致：第9行为「上级」，本行为「同级」",
    );
    expect(msg("测评票!D12")).toBe("同一张测评票（一公司第「7」号）上甲出现两次：第11行和本行");
  });

  it("rows of a unit with no assessed leaders are left out, with one warning per unit", () => {
    const r = readBook({
      测评票: [
        LONG_HEADER,
        [1, "机关", "上级", "某某", "优秀", "优秀", "优秀", "优秀", "优秀"],
        [2, "机关", "上级", "某某", "优秀", "优秀", "优秀", "优秀", "优秀"],
        [1, "一公司", "上级", "甲", "优秀", "优秀", "优秀", "优秀", "优秀"],
      ],
    });
    expect(r.errors).toEqual([]);
    expect(brief(r.warnings)).toEqual(["测评票!B2 unitWithoutLeaders"]);
    expect(r.warnings[0].message).toBe("单位「机关」在考核对象中没有考核对象，该单位的测评票不计入");
    expect(summary(r.ballots?.primary)).toEqual(["一公司#1 上级: 0=优优优优优"]);
  });

  it("with 工号 on both sheets, a row finds its leader by 工号, who must belong to the row's unit", () => {
    const leaders: Rows = [
      ["姓名", "单位", "职务", "工号"],
      ["张伟", "一公司", "党委书记", "A1"],
      ["张伟", "一公司", "纪委书记", "A2"],
      ["丙", "二公司", "书记", "B1"],
    ];
    const r = readBook(
      {
        测评票: [
          [...LONG_HEADER, "工号"],
          [1, "一公司", "上级", "张伟", "优秀", "优秀", "优秀", "优秀", "优秀", "A2"],
          [1, "一公司", "上级", "张伟", "称职", "称职", "称职", "称职", "称职", "A1"],
          [2, "一公司", "上级", "张伟", "称职", "称职", "称职", "称职", "称职", null],
          [3, "一公司", "上级", "丙", "称职", "称职", "称职", "称职", "称职", "B1"],
        ],
      },
      defaultMethod(),
      leaders,
    );
    expect(brief(r.errors)).toEqual(["测评票!D4 unknownLeader", "测评票!J5 unknownLeader"]);
    expect(r.errors[0].message).toBe("「张伟」对应一公司的多名考核对象，请填写工号");
    expect(r.errors[1].message).toBe("工号「B1」是二公司的丙，不是一公司的考核对象");
  });

  it("an empty sheet is a warning at its header", () => {
    const r = readBook({ 测评票: [LONG_HEADER] });
    expect(r.errors).toEqual([]);
    expect(brief(r.warnings)).toEqual(["测评票!A1 noData"]);
  });

  it("a workbook without 测评票 cannot be tallied; its review and 测评组织 sheets do nothing", () => {
    const r = readBook({ "测评票（复核）": [LONG_HEADER], 测评组织: [["单位", "测评人类别", "应到人数"]] });
    expect(brief(r.errors)).toEqual(["测评票 missingSheet"]);
    expect(brief(r.warnings)).toEqual(["测评票（复核）!A1 noBallots", "测评组织!A1 noBallots"]);
  });
});

describe("测评票 in wide form, as survey tools export it (docs/method.md §11.1)", () => {
  const items = new Map(
    ["德", "能", "勤", "廉", "综合评价"].map((d) => [d, { name: d, overall: d === "综合评价" }] as const),
  );
  items.set("综合", { name: "综合评价", overall: true });

  it("reads `{姓名}-{维度}` headers with any of the separators, brackets, and the item first", () => {
    const cases: [string, string, string][] = [
      ["张三-德", "张三", "德"],
      ["张三_能", "张三", "能"],
      ["张三·勤", "张三", "勤"],
      ["张三/廉", "张三", "廉"],
      ["张三 综合评价", "张三", "综合评价"],
      ["张三（德）", "张三", "德"],
      ["张三(综合)", "张三", "综合评价"],
      ["张三－德", "张三", "德"],
      ["德-张三", "张三", "德"],
      ["阿不都·热合曼-德", "阿不都·热合曼", "德"],
      ["阿不都·热合曼·廉", "阿不都·热合曼", "廉"],
    ];
    for (const [text, name, item] of cases) {
      expect(parseLeaderHeader(text, items), text).toEqual({ name, item: items.get(item) });
    }
    for (const text of ["提交时间", "德", "张三", "来源渠道-网页", "序号"]) {
      expect(parseLeaderHeader(text, items), text).toBeNull();
    }
  });

  it("one row per ballot: a leader of the row's unit with columns is on the ballot, blank cells are 弃权", () => {
    const r = readBook({
      测评票: [
        [
          "序号",
          "提交答卷时间",
          "单位",
          "测评人类别",
          "甲-德",
          "甲-能",
          "甲-勤",
          "甲-廉",
          "乙（德）",
          "乙（能）",
          "乙（勤）",
          "乙（廉）",
          "丙-德",
          "丙-能",
          "丙-勤",
          "丙-廉",
          "丙-综合评价",
        ],
        [
          1,
          "2025-01-05 10:00",
          "一公司",
          "上级",
          "优秀",
          "好",
          "称职",
          "优秀",
          "称职",
          null,
          "弃权",
          "称职",
          null,
          null,
          null,
          null,
          null,
        ],
        [
          2,
          "2025-01-05 10:01",
          "二公司",
          "职工代表",
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          "一般",
          "一般",
          "一般",
          "一般",
          "较差",
        ],
      ],
    });
    expect(r.errors).toEqual([]);
    expect(r.ballots?.primary.form).toBe("wide");
    expect(summary(r.ballots?.primary)).toEqual(["一公司#1 上级: 0=优优称优 1=称_弃称", "二公司#2 下级: 2=基基基基不"]);
    expect(r.ballots!.primary.ballots[0].cell).toBe("测评票!A2");
    expect(r.ballots!.primary.ballots[1].lines[0].marks[4].cell).toBe("测评票!Q3");
  });

  it("两行表头: the leader's name above its item columns", () => {
    const r = readBook({
      测评票: [
        ["票号", "单位", "测评人类别", "甲", null, null, null, "乙", null, null, null],
        [null, null, null, "德", "能", "勤", "廉", "德", "能", "勤", "廉"],
        ["A-01", "一公司", "同级", "优秀", "优秀", "优秀", "称职", "称职", "称职", "称职", "称职"],
      ],
    });
    expect(r.errors).toEqual([]);
    expect(summary(r.ballots?.primary)).toEqual(["一公司#A-01 同级: 0=优优优称 1=称称称称"]);
  });

  it("errors at the cells: a mark for someone not of the row's unit, a 票号 twice, a word that is not a category", () => {
    const r = readBook({
      测评票: [
        ["票号", "单位", "测评人类别", "甲-德", "甲-能", "丙-德", "丙-能", "丁-德"],
        [1, "一公司", "上级", "优秀", "优秀", "优秀", null, null], // 丙 is of 二公司
        [1, "一公司", "上级", "优秀", "优秀", null, null, null], // 票号 1 again
        [2, "一公司", "上级", "优秀", "满意", null, null, "优秀"], // 满意; 丁 is nobody
        [3, "二公司", "同级", null, "优秀", "称职", "称职", null], // 甲 is of 一公司, but his cells are blank but one
      ],
    });
    expect(brief(r.errors)).toEqual([
      "测评票!F2 unknownLeader",
      "测评票!A3 duplicateBallot",
      "测评票!E4 invalidRating",
      "测评票!H4 unknownLeader",
      "测评票!E5 unknownLeader",
    ]);
    expect(r.errors[0].message).toBe("「丙」不是一公司的考核对象，一公司的测评票不应评价此列");
    expect(r.errors[1].message).toBe("与第2行票号相同：一公司的第「1」号测评票出现两次");
    expect(r.errors[3].message).toBe(
      "列「丁-德」中的「丁」不是考核对象；若此列表头不是“姓名-维度”的写法，请在测评票列对应表中说明此列是谁的哪一项",
    );
  });

  it("a name two leaders of the row's unit share is an error at its header; a header twice is a warning", () => {
    const leaders: Rows = [
      ["姓名", "单位", "职务", "工号"],
      ["张伟", "一公司", "党委书记", "A1"],
      ["张伟", "一公司", "纪委书记", "A2"],
      ["丙", "二公司", "书记", "B1"],
    ];
    const r = readBook(
      {
        测评票: [
          ["票号", "单位", "测评人类别", "张伟-德", "丙-德", "丙（德）"],
          [1, "一公司", "上级", "优秀", null, null],
          [1, "二公司", "上级", null, "优秀", "称职"],
        ],
      },
      defaultMethod(),
      leaders,
    );
    expect(brief(r.errors)).toEqual(["测评票!D1 ambiguousColumn"]);
    expect(r.errors[0].message).toBe("「张伟」对应一公司的多名考核对象；请在测评票列对应表中为此列填写工号");
    expect(brief(r.warnings)).toEqual(["测评票!F1 duplicateColumn"]);
    expect(summary(r.ballots?.primary)).toEqual(["一公司#1 上级: ", "二公司#1 上级: 2=优"]);
  });

  it("without 票号 or 序号 the header is incomplete", () => {
    const r = readBook({
      测评票: [
        ["单位", "测评人类别", "甲-德"],
        ["一公司", "上级", "优秀"],
      ],
    });
    expect(brief(r.errors)).toEqual(["测评票!A1 missingColumn"]);
    expect(r.errors[0].message).toBe("第1行的表头缺少必需的列「票号」（或「序号」）");
  });

  it("测评票列对应 says which leader and item a column is, where its header does not say it", () => {
    const r = readBook({
      测评票: [
        ["序号", "单位", "测评人类别", "Q5. 对甲同志的政治品德评价", "Q6. 对甲同志的工作能力评价", "乙-德"],
        [1, "一公司", "上级", "优秀", "称职", "优秀"],
      ],
      测评票列对应: [
        ["列标题", "姓名", "维度", "单位"],
        ["Q5. 对甲同志的政治品德评价", "甲", "德", null],
        ["Q6.对甲同志的工作能力评价", "甲", "能", "一公司"],
        ["Q7. 对甲同志的勤勉评价", "甲", "勤", null],
        ["Q8", "甲", "品德", null],
        ["Q9", "丁", "廉", "一公司"],
      ],
    });
    expect(brief(r.errors)).toEqual(["测评票列对应!C5 unknownDimension", "测评票列对应!B6 unknownLeader"]);
    expect(r.errors[1].message).toBe("「丁」（一公司）不在考核对象中");
    expect(brief(r.warnings)).toEqual(["测评票列对应!A4 unusedMapping"]);
    expect(summary(r.ballots?.primary)).toEqual(["一公司#1 上级: 0=优称 1=优"]);
  });

  it("测评票列对应's own errors: a blank 列标题 or 姓名, a 列标题 twice", () => {
    const r = readBook({
      测评票: [
        ["序号", "单位", "测评人类别", "甲-德"],
        [1, "一公司", "上级", "优秀"],
      ],
      测评票列对应: [
        ["列标题", "姓名", "项目"],
        [null, "甲", "德"],
        ["Q1", null, "德"],
        ["Q2", "甲", "能"],
        ["Q 2", "甲", "勤"],
      ],
    });
    expect(brief(r.errors)).toEqual([
      "测评票列对应!A2 blankHeader",
      "测评票列对应!B3 blankName",
      "测评票列对应!A5 duplicate",
    ]);
  });
});

describe("测评票（复核）: double entry (docs/method.md §11.1)", () => {
  const entry = (rows: CellValue[][]): Rows => [LONG_HEADER, ...rows];
  const base = [
    [1, "一公司", "上级", "甲", "优秀", "优秀", "称职", "优秀", "优秀"],
    [1, "一公司", "上级", "乙", "称职", null, "称职", "称职", "称职"],
    [2, "一公司", "同级", "甲", "称职", "称职", "称职", "称职", "称职"],
  ];

  it("two entries that agree in meaning pass (an alias for its category, 弃权 for an empty cell)", () => {
    const r = readBook({
      测评票: entry(base),
      "测评票（复核）": entry([
        [2, "一公司", "班子成员", "甲", "较好", "较好", "较好", "较好", "较好"],
        [1, "一公司", "上级", "乙", "称职", "弃权", "称职", "称职", "称职"],
        [1, "一公司", "上级", "甲", "好", "优秀", "称职", "优秀", "优秀"],
      ]),
    });
    expect(r.errors).toEqual([]);
    expect(r.ballots?.review?.ballots).toHaveLength(2);
  });

  it("every difference is an error at the cell of 测评票 naming the cell of 测评票（复核）, and the other way round", () => {
    const r = readBook({
      测评票: entry(base),
      "测评票（复核）": entry([
        [1, "一公司", "上级", "甲", "优秀", "称职", "称职", "优秀", "优秀"], // 能 differs
        [1, "一公司", "上级", "丙", "称职", "称职", "称职", "称职", "称职"], // 丙 is not 一公司's: a reader error
      ]),
    });
    // A reader error in either sheet comes first; the entries are compared once both read cleanly.
    expect(brief(r.errors)).toEqual(["测评票（复核）!D3 unknownLeader"]);

    const d = readBook({
      测评票: entry(base),
      "测评票（复核）": entry([
        [1, "一公司", "同级", "甲", "优秀", "称职", "称职", "优秀", "优秀"],
        [3, "一公司", "下级", "甲", "称职", "称职", "称职", "称职", "称职"],
      ]),
    });
    expect(brief(d.errors)).toEqual([
      "测评票!C2 doubleEntryDiffers",
      "测评票!F2 doubleEntryDiffers",
      "测评票!D3 doubleEntryMissing",
      "测评票!A4 doubleEntryMissing",
      "测评票（复核）!A3 doubleEntryMissing",
    ]);
    const msg = (cell: string) => d.errors.find((e) => e.cell === cell)?.message;
    expect(msg("测评票!C2")).toBe(
      "一公司第「1」号测评票的测评人类别与测评票（复核）!C2不一致：本表为「上级」，测评票（复核）为「同级」",
    );
    expect(msg("测评票!F2")).toBe(
      "一公司第「1」号测评票上甲的「能」与测评票（复核）!F2不一致：本表为「优秀」，测评票（复核）为「称职」",
    );
    expect(msg("测评票!D3")).toBe("测评票（复核）的一公司第「1」号测评票上没有乙（两次录入不一致）");
    expect(msg("测评票!A4")).toBe("测评票（复核）中没有一公司第「2」号测评票（两次录入不一致）");
    expect(msg("测评票（复核）!A3")).toBe("测评票中没有一公司第「3」号测评票（两次录入不一致）");
  });

  it("an item one entry has and the other lacks is a difference at the cell of the entry that has it", () => {
    const r = readBook({
      测评票: entry([[1, "一公司", "上级", "甲", "优秀", "优秀", "称职", "优秀", "优秀"]]),
      "测评票（复核）": [HEADER_WITHOUT_OVERALL, [1, "一公司", "上级", "甲", "优秀", "优秀", "称职", "优秀"]],
    });
    expect(brief(r.errors)).toEqual(["测评票!I2 doubleEntryMissing"]);
    expect(r.errors[0].message).toBe("测评票（复核）的一公司第「1」号测评票没有甲的「综合评价」一项");
  });

  it("the review may be in the other form", () => {
    const r = readBook({
      测评票: entry([[1, "一公司", "上级", "甲", "优秀", "优秀", "称职", "优秀", null]]),
      "测评票（复核）": [
        ["票号", "单位", "测评人类别", "甲-德", "甲-能", "甲-勤", "甲-廉", "甲-综合评价"],
        [1, "一公司", "上级", "优秀", "优秀", "基本称职", "优秀", null],
      ],
    });
    expect(brief(r.errors)).toEqual(["测评票!G2 doubleEntryDiffers"]);
    expect(r.errors[0].message).toContain("测评票（复核）!F2");
  });
});

describe("测评组织 (docs/method.md §11.2)", () => {
  const BALLOTS: Rows = [LONG_HEADER, [1, "一公司", "上级", "甲", "优秀", "优秀", "优秀", "优秀", "优秀"]];

  it("reads 应到人数 per unit and group; 实到人数 is ignored", () => {
    const r = readBook({
      测评票: BALLOTS,
      测评组织: [
        ["单位", "测评人类别", "应到人数", "实到人数"],
        ["一公司", "集团领导", 5, 99],
        ["一公司", "同级", "8", null],
      ],
    });
    expect(r.errors).toEqual([]);
    expect(r.ballots?.turnout?.rows.map((x) => [x.unit, x.group, x.expected, x.expectedCell])).toEqual([
      ["一公司", "上级", 5, "测评组织!C2"],
      ["一公司", "同级", 8, "测评组织!C3"],
    ]);
  });

  it("errors and warnings at the cells", () => {
    const r = readBook({
      测评票: BALLOTS,
      测评组织: [
        ["单位", "测评人类别", "应到人数"],
        ["一公司", "上级", 5],
        ["一公司", "上级", 6],
        ["一公司", "群众", 6],
        ["二公司", "下级", null],
        ["二公司", "同级", 2.5],
        ["机关", "同级", 3],
        [null, "同级", 3],
      ],
    });
    expect(brief(r.errors)).toEqual([
      "测评组织!A3 duplicate",
      "测评组织!B4 unknownGroup",
      "测评组织!C5 invalidExpected",
      "测评组织!C6 invalidExpected",
      "测评组织!A8 blankUnit",
    ]);
    expect(r.errors[2].message).toBe("应到人数为空");
    expect(r.errors[3].message).toBe("应到人数「2.5」不是非负整数");
    expect(brief(r.warnings)).toEqual(["测评组织!A7 unitWithoutLeaders"]);
  });
});

import { describe, expect, it } from "vitest";
import { LEADERS, VOTE_HEADER, brief, read, voteRows, withCell } from "./helpers";

describe("考核对象", () => {
  it("reads leaders in sheet order with normalized keys and the row's first cell", () => {
    const r = read({
      leaders: [
        ["考核对象名单"],
        ["序号", "姓名", "单位", "职务", "任职模式"],
        [1, " 甲 ", "一公司", "党委书记", " 党政 一肩挑 "],
        [2, "乙", "二公司", "党委副书记", "党建工作指导员"],
      ],
    });
    expect(r.errors).toEqual([]);
    expect(r.input.leaders).toEqual([
      {
        index: 0,
        name: "甲",
        unit: "一公司",
        position: "党委书记",
        mode: "党政一肩挑",
        employeeId: null,
        nameKey: "甲",
        unitKey: "一公司",
        cell: "考核对象!A3",
        quotaGroup: null,
      },
      {
        index: 1,
        name: "乙",
        unit: "二公司",
        position: "党委副书记",
        mode: "党建工作指导员",
        employeeId: null,
        nameKey: "乙",
        unitKey: "二公司",
        cell: "考核对象!A4",
        quotaGroup: null,
      },
    ]);
  });

  it("folds full width and spaces into the keys", () => {
    const r = read({
      leaders: [
        ["姓名", "单位", "职务"],
        ["张　三", "一 公司", "书记"],
        ["乙", "二公司", "书记"],
      ],
      votes: [
        VOTE_HEADER,
        ...voteRows([
          ["张三", "一公司"],
          ["乙", "二公司"],
        ]),
      ],
    });
    expect(r.input.leaders[0]).toMatchObject({
      name: "张　三",
      nameKey: "张三",
      unitKey: "一公司",
    });
    expect(r.warnings).toEqual([]);
    expect(r.input.votes.filter((v) => v.nameKey === "张三")).toHaveLength(12);
  });

  it("reports a blank 姓名 or 单位 at its cell", () => {
    const rows = withCell(withCell(LEADERS, 1, 0, "  "), 2, 1, null);
    const r = read({ leaders: rows });
    expect(brief(r.errors)).toEqual(["考核对象!A2 blankName", "考核对象!B3 blankUnit"]);
    expect(r.input.leaders).toEqual([]);
  });

  it("accepts the four modes and blank markers, and rejects anything else", () => {
    const r = read({
      leaders: [
        ["姓名", "单位", "职务", "任职模式"],
        ["甲", "一公司", "书记", "交叉任职"],
        ["乙", "二公司", "书记", "专职书记"],
        ["丙", "一公司", "书记", "—"],
        ["丁", "二公司", "书记", "一肩挑"],
        ["戊", "一公司", "书记", 1],
      ],
    });
    expect(brief(r.errors)).toEqual(["考核对象!D5 unknownMode", "考核对象!D6 unknownMode"]);
    expect(r.errors[0].message).toBe(
      "任职模式「一肩挑」无法识别，应为党政一肩挑、交叉任职、专职书记、党建工作指导员之一，或留空",
    );
    expect(r.input.leaders.map((l) => l.mode)).toEqual(["交叉任职", "专职书记", null, null, null]);
  });

  it("reports a duplicate (姓名, 单位) at the second row's first cell, naming the first row", () => {
    const r = read({
      leaders: [
        [null, "姓名", "单位", "职务"],
        [null, "甲", "一公司", "书记"],
        [null, "乙", "二公司", "书记"],
        [null, " 甲", "一 公司", "副书记"],
      ],
    });
    expect(brief(r.errors)).toEqual(["考核对象!B4 duplicate"]);
    expect(r.errors[0].message).toBe("与第2行重复：同一姓名和单位（甲，一 公司）");
    expect(r.input.leaders.map((l) => l.position)).toEqual(["书记", "书记"]);
  });

  it("identifies leaders by 工号 where the column exists, and by name and unit where it is blank", () => {
    const r = read({
      leaders: [
        ["工号", "姓名", "单位", "职务"],
        [1001, "甲", "一公司", "书记"],
        [1002, "甲", "一公司", "副书记"],
        [null, "乙", "二公司", "书记"],
        ["1001", "丙", "二公司", "书记"],
        ["", "乙", "二公司", "副书记"],
      ],
      votes: [VOTE_HEADER, ...voteRows([["乙", "二公司"]])],
    });
    // Row 6 starts in column B: its first non-empty cell is B6.
    expect(brief(r.errors)).toEqual(["考核对象!A5 duplicate", "考核对象!B6 duplicate"]);
    expect(r.errors.map((e) => e.message)).toEqual([
      "与第2行重复：工号「1001」",
      "与第4行重复：同一姓名和单位（乙，二公司）",
    ]);
    expect(r.input.leaders.map((l) => l.employeeId)).toEqual(["1001", "1002", null]);
  });

  it("keeps an empty 职务 as empty text", () => {
    const r = read({ leaders: withCell(LEADERS, 1, 2, null) });
    expect(r.errors).toEqual([]);
    expect(r.input.leaders[0].position).toBe("");
  });

  it("warns when the sheet has a header but no leaders", () => {
    const r = read({ leaders: [["姓名", "单位", "职务"]] });
    expect(r.errors).toEqual([]);
    expect(brief(r.warnings).filter((w) => w.startsWith("考核对象"))).toEqual(["考核对象!A1 noData"]);
  });
});

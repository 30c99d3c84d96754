import { describe, expect, it } from "vitest";
import type { Rows } from "./helpers";
import { ECONOMIC, VOTE_HEADER, WORK, brief, read, voteRows } from "./helpers";

const LEADERS: Rows = [
  ["姓名", "单位", "职务", "任职模式"],
  ["甲", "一公司", "书记", null],
  ["乙", "二公司", "书记", null],
  ["丙", "三公司", "书记", "党建工作指导员"],
  ["丁", "四公司", "书记", "党建工作指导员"],
  ["戊", "四公司", "副书记", null],
  ["己", "五公司", "书记", null],
  ["庚", "五公司", "副书记", null],
];
const VOTES: Rows = [
  VOTE_HEADER,
  ...voteRows([
    ["甲", "一公司"],
    ["乙", "二公司"],
    ["丙", "三公司"],
    ["丁", "四公司"],
    ["戊", "四公司"],
    ["己", "五公司"],
    ["庚", "五公司"],
  ]),
];

describe("units across sheets", () => {
  it("warns once per unit and sheet at the leader's 单位 cell; a 党建工作指导员 needs no 经营业绩", () => {
    const r = read({
      leaders: LEADERS,
      votes: VOTES,
      economic: [...ECONOMIC, ["九公司", 1, 1, 1, 1]],
      work: [...WORK, ["三公司", 90, 90, 90]],
    });
    expect(r.errors).toEqual([]);
    // 经营业绩: 三公司 has only a guide (no warning); 四公司 is warned at 戊 (B6), not at its guide 丁; 五公司 once.
    // 工作评价: 四公司 at its first leader (B5); 五公司 once.
    expect(brief(r.warnings)).toEqual([
      "考核对象!B5 unitMissing",
      "考核对象!B6 unitMissing",
      "考核对象!B7 unitMissing",
      "考核对象!B7 unitMissing",
      "经营业绩!A4 unitWithoutLeader",
    ]);
    expect(r.warnings.map((w) => w.message)).toEqual([
      "单位「四公司」在「工作评价」中没有数据，重点工作、党的建设、安全稳定按缺失处理",
      "单位「四公司」在「经营业绩」中没有数据，经营业绩按缺失处理",
      "单位「五公司」在「经营业绩」中没有数据，经营业绩按缺失处理",
      "单位「五公司」在「工作评价」中没有数据，重点工作、党的建设、安全稳定按缺失处理",
      "单位「九公司」在「考核对象」中没有考核对象，此行不参与计算",
    ]);
  });

  it("compares units after normalization", () => {
    const r = read({
      work: [
        ["单位", "重点工作", "党的建设", "安全稳定"],
        ["一 公司", 1, 1, 1],
        ["二公司　", 1, 1, 1],
      ],
    });
    expect(r.warnings).toEqual([]);
  });

  it("skips the cross-sheet checks when 考核对象 cannot be read", () => {
    const r = read({
      leaders: [
        ["名字", "单位"],
        ["甲", "一公司"],
      ],
    });
    expect(brief(r.errors)).toEqual(["考核对象!A1 missingColumn", "考核对象!A1 missingColumn"]);
    expect(r.warnings).toEqual([]);
    // Votes cannot be matched to leaders, so none are kept.
    expect(r.input.votes).toEqual([]);
  });
});

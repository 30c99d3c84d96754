import { describe, expect, it } from "vitest";
import type { Rows } from "./helpers";
import { VOTE_HEADER, VOTES, brief, read, voteRows, withCell } from "./helpers";

const ONE: Rows = [VOTE_HEADER, ...voteRows([["甲", "一公司"]]), ...voteRows([["乙", "二公司"]])];

describe("民主测评", () => {
  it("reads vote rows with canonical group and dimension, counts in category order, and the row's first cell (the counts' cells follow from it and the columns)", () => {
    const r = read();
    expect(r.errors).toEqual([]);
    expect(r.input.votes[0]).toEqual({
      name: "甲",
      unit: "一公司",
      nameKey: "甲",
      unitKey: "一公司",
      employeeId: null,
      group: "上级",
      dimension: "德",
      overall: false,
      counts: [3, 2, 0, 0],
      abstain: null,
      cell: "民主测评!A2",
    });
    expect(r.input.sheets["民主测评"]?.columns).toMatchObject({ 优秀: 4, 称职: 5, 基本称职: 6, 不称职: 7 });
  });

  it("resolves group aliases and vote-header aliases, with columns in any order", () => {
    const r = read({
      votes: [
        ["民主测评汇总表"],
        ["测评维度", "差", "一般", "较好", "好(票)", "弃权票", "评价主体", "单位名称", "测评对象"],
        ["德", 0, 1, 2, 3, 4, "集团领导", "一公司", "甲"],
        ["能", "0", "1", "2.0", "3", null, " 班子成员 ", "一公司", "甲"],
        ["勤", 0, 1, 2, 3, 0, "中层及职工代表", "一公司", "甲"],
      ],
    });
    expect(r.errors).toEqual([]);
    expect(r.warnings.filter((w) => w.cell.startsWith("民主测评"))).toEqual([]);
    expect(r.input.votes.map((v) => [v.group, v.dimension, v.counts, v.abstain, v.cell])).toEqual([
      ["上级", "德", [3, 2, 1, 0], 4, "民主测评!A3"],
      ["同级", "能", [3, 2, 1, 0], null, "民主测评!A4"],
      ["下级", "勤", [3, 2, 1, 0], 0, "民主测评!A5"],
    ]);
  });

  it("an unknown group or dimension is an error at its cell", () => {
    const r = read({
      votes: withCell(withCell(withCell(ONE, 1, 2, "群众"), 2, 3, "绩"), 3, 2, null),
    });
    expect(brief(r.errors)).toEqual([
      "民主测评!C2 unknownGroup",
      "民主测评!D3 unknownDimension",
      "民主测评!C4 unknownGroup",
    ]);
    expect(r.errors.map((e) => e.message)).toEqual([
      "测评人类别「群众」无法识别，应为上级、同级、下级之一（或其别名）",
      "维度「绩」无法识别，应为德、能、勤、廉、综合评价之一",
      "测评人类别为空，应为上级、同级、下级之一",
    ]);
    expect(r.input.votes).toHaveLength(21);
  });

  it("vote cells must be non-negative integers", () => {
    let rows = ONE;
    rows = withCell(rows, 1, 4, 12.5);
    rows = withCell(rows, 1, 5, -1);
    rows = withCell(rows, 2, 6, "三");
    rows = withCell(rows, 2, 7, "12.0");
    rows = withCell(rows, 3, 4, true);
    rows = withCell(rows, 3, 5, "50%");
    const r = read({ votes: rows });
    expect(brief(r.errors)).toEqual([
      "民主测评!E2 invalidVote",
      "民主测评!F2 invalidVote",
      "民主测评!G3 invalidVote",
      "民主测评!E4 invalidVote",
      "民主测评!F4 invalidVote",
    ]);
    expect(r.errors[0].message).toBe("「优秀」票数「12.5」不是非负整数");
  });

  it("a blank vote cell counts as 0 with a warning", () => {
    const rows = withCell(withCell(ONE, 1, 7, null), 1, 6, "—");
    const r = read({ votes: rows });
    expect(r.errors).toEqual([]);
    expect(brief(r.warnings)).toEqual(["民主测评!G2 blankVote", "民主测评!H2 blankVote"]);
    expect(r.warnings[0].message).toBe("「基本称职」票数为空，按0票计");
    expect(r.input.votes[0].counts).toEqual([3, 2, 0, 0]);
  });

  it("弃权: optional, blank is no abstention (no warning), a bad value is an error", () => {
    const rows: Rows = [
      [...VOTE_HEADER, "弃权"],
      ["甲", "一公司", "上级", "德", 3, 2, 0, 0, null],
      ["甲", "一公司", "上级", "能", 3, 2, 0, 0, -2],
    ];
    const r = read({ votes: rows });
    expect(brief(r.errors)).toEqual(["民主测评!I3 invalidVote"]);
    expect(r.input.votes.map((v) => v.abstain)).toEqual([null]);
  });

  it("a row whose leader is not on 考核对象 is a warning and is left out", () => {
    const rows: Rows = [...ONE, ["丙", "一公司", "上级", "德", 1, 1, 1, 1], ["甲", "二公司", "上级", "德", 1, 1, 1, 1]];
    const r = read({ votes: rows });
    expect(r.errors).toEqual([]);
    expect(brief(r.warnings)).toEqual(["民主测评!A26 unknownLeader", "民主测评!A27 unknownLeader"]);
    expect(r.warnings[0].message).toBe("「丙」（一公司）不在考核对象中，此行不计入");
    expect(r.input.votes).toHaveLength(24);
  });

  it("a duplicate (leader, group, dimension) is an error at the second row's first cell", () => {
    const rows: Rows = [...ONE, [" 甲", "一公司", "集团领导", "德", 1, 1, 1, 1]];
    const r = read({ votes: rows });
    expect(brief(r.errors)).toEqual(["民主测评!A26 duplicate"]);
    expect(r.errors[0].message).toBe("与第2行重复：同一考核对象、测评人类别（上级）和维度（德）");
    expect(r.input.votes).toHaveLength(24);
  });

  it("warns once per (leader, group) whose vote totals differ across dimensions", () => {
    let rows = ONE;
    rows = withCell(rows, 3, 4, 4); // 甲 上级 勤: 6 votes instead of 5
    rows = withCell(rows, 4, 4, 1); // 甲 上级 廉: 3 votes (still one warning for the group)
    rows = withCell(rows, 24, 5, 3); // 乙 下级 廉
    const r = read({ votes: rows });
    expect(brief(r.warnings)).toEqual(["民主测评!A4 groupTotals", "民主测评!A25 groupTotals"]);
    expect(r.warnings[0].message).toBe(
      "甲的「上级」票数合计各维度不一致：第2行（德）5票，本行（勤）6票；每张测评票应评全部维度",
    );
    // The second leader's third group: what the warning names is found from the leader and the group it is for.
    expect(r.warnings[1].message).toBe(
      "乙的「下级」票数合计各维度不一致：第22行（德）5票，本行（廉）6票；每张测评票应评全部维度",
    );
  });

  it("that warning's text, made when read, is in JSON as every other diagnostic's, the fields in order", () => {
    const r = read({ votes: withCell(ONE, 3, 4, 4) });
    const w = r.warnings[0];
    expect(JSON.parse(JSON.stringify(r.warnings))).toEqual([
      {
        severity: "warning",
        cell: "民主测评!A4",
        code: "groupTotals",
        message: "甲的「上级」票数合计各维度不一致：第2行（德）5票，本行（勤）6票；每张测评票应评全部维度",
      },
    ]);
    expect(Object.keys(JSON.parse(JSON.stringify(w)))).toEqual(["severity", "cell", "code", "message"]);
    expect(w.message).toBe(w.message);
  });

  it("abstentions count in the ballot totals (a ballot may abstain on one dimension)", () => {
    const rows: Rows = [
      [...VOTE_HEADER, "弃权"],
      ["甲", "一公司", "上级", "德", 3, 2, 0, 0, 0],
      ["甲", "一公司", "上级", "能", 3, 1, 0, 0, 1],
      ["甲", "一公司", "上级", "勤", 3, 1, 0, 0, null],
    ];
    const r = read({ votes: rows });
    expect(brief(r.warnings)).toEqual(["民主测评!A4 groupTotals"]);
  });

  it("matches leaders by 工号 when both sheets have it, taking the leader's own name and unit", () => {
    const leaders: Rows = [
      ["姓名", "单位", "职务", "工号"],
      ["甲", "一公司", "书记", "A1"],
      ["甲", "一公司", "副书记", "A2"],
      ["乙", "二公司", "书记", null],
    ];
    const votes: Rows = [
      ["工号", ...VOTE_HEADER],
      ["a2", "甲（副）", "一公司", "上级", "德", 1, 0, 0, 0],
      ["A1", null, null, "上级", "德", 2, 0, 0, 0],
      ["A9", "甲", "一公司", "上级", "德", 2, 0, 0, 0],
      [null, "乙", "二公司", "上级", "德", 3, 0, 0, 0],
      [null, "甲", "一公司", "上级", "德", 3, 0, 0, 0],
    ];
    const r = read({ leaders, votes });
    expect(r.errors).toEqual([]);
    expect(brief(r.warnings.filter((w) => w.code === "unknownLeader"))).toEqual([
      "民主测评!A4 unknownLeader",
      "民主测评!B6 unknownLeader",
    ]);
    expect(r.warnings.find((w) => w.cell === "民主测评!B6")?.message).toBe(
      "「甲」（一公司）对应多名考核对象，请填写工号；此行不计入",
    );
    expect(r.input.votes.map((v) => [v.name, v.employeeId, v.counts[0]])).toEqual([
      ["甲", "A2", 1],
      ["甲", "A1", 2],
      ["乙", null, 3],
    ]);
  });

  it("matches by name and unit when only 考核对象 has 工号", () => {
    const leaders: Rows = [
      ["姓名", "单位", "职务", "工号"],
      ["甲", "一公司", "书记", "A1"],
      ["乙", "二公司", "书记", "A2"],
    ];
    const r = read({ leaders });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.input.votes[0].employeeId).toBe("A1");
  });

  it("blank 姓名 or 单位 on a vote row is an error", () => {
    const r = read({ votes: withCell(withCell(VOTES, 1, 0, null), 2, 1, "") });
    expect(brief(r.errors)).toEqual(["民主测评!A2 blankName", "民主测评!B3 blankUnit"]);
  });
});

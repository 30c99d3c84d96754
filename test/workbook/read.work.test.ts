import { describe, expect, it } from "vitest";
import { WORK, brief, methodWith, plain, read, withCell } from "./helpers";

describe("工作评价", () => {
  it("reads numbers and rating words, with their cells", () => {
    const r = read();
    expect(plain(r.input.work)).toEqual([
      {
        unit: "一公司",
        unitKey: "一公司",
        cell: "工作评价!A2",
        keyTasks: { value: 90, cell: "工作评价!B2" },
        partyBuilding: { value: 100, cell: "工作评价!C2" },
        safety: { value: 100, cell: "工作评价!D2" },
        veto: null,
      },
      {
        unit: "二公司",
        unitKey: "二公司",
        cell: "工作评价!A3",
        keyTasks: { value: 85, cell: "工作评价!B3" },
        partyBuilding: { value: 92, cell: "工作评价!C3" },
        safety: { value: 80, cell: "工作评价!D3" },
        veto: null,
      },
    ]);
  });

  it("maps every rating word of the method, after normalization", () => {
    const r = read({
      work: [
        ["单位", "重点工作", "党的建设", "安全稳定"],
        ["一公司", "一般", " 差 ", "未完成"],
        ["二公司", "较好", "好", 0],
      ],
    });
    expect(r.errors).toEqual([]);
    expect(r.input.work.map((u) => [u.keyTasks.value, u.partyBuilding.value, u.safety.value])).toEqual([
      [60, 40, 0],
      [80, 100, 0],
    ]);
  });

  it("uses the method's own rating words", () => {
    const r = read(
      {
        work: [
          ["单位", "重点工作"],
          ["一公司", "优"],
          ["二公司", "好"],
        ],
      },
      methodWith({ ratings: { 优: 95, 良: 85 } }),
    );
    expect(brief(r.errors)).toEqual(["工作评价!B3 invalidValue"]);
    expect(r.errors[0].message).toBe("重点工作「好」无法识别：应为0～100的数字或评价等次（优、良）");
    expect(r.input.work[0].keyTasks.value).toBe(95);
  });

  it("outside [0, 100] is an error; unknown text is an error; blank is a warning", () => {
    const r = read({
      work: [
        ["单位", "重点工作", "党的建设", "安全稳定"],
        ["一公司", 100.5, -1, "优秀"],
        ["二公司", null, "—", { error: "#N/A" }],
      ],
    });
    expect(brief(r.errors)).toEqual([
      "工作评价!B2 outOfRange",
      "工作评价!C2 outOfRange",
      "工作评价!D2 invalidValue",
      "工作评价!D3 invalidValue",
    ]);
    expect(r.errors[0].message).toBe("重点工作得分100.5超出0～100的范围");
    expect(brief(r.warnings)).toEqual(["工作评价!B3 missing", "工作评价!C3 missing"]);
    expect(plain(r.input.work[1].keyTasks)).toEqual({ value: null, cell: "工作评价!B3" });
  });

  it("an absent score column: one warning at the header row, missing for every unit", () => {
    const r = read({
      work: [["标题"], ["单位", "重点工作", "安全稳定"], ["一公司", 90, 90], ["二公司", 90, 90]],
    });
    expect(r.errors).toEqual([]);
    expect(brief(r.warnings)).toEqual(["工作评价!A2 missingColumn"]);
    expect(r.warnings[0].message).toBe("缺少「党的建设」列，各单位该项按缺失处理");
    expect(r.input.work[0].partyBuilding).toEqual({ value: null, cell: "" });
    expect(r.input.work[0].veto).toBeNull();
  });

  it("否决事项: any text but a missing marker is a veto, with the text as its reason", () => {
    const rows = [
      ["单位", "重点工作", "党的建设", "安全稳定", "否决事项"],
      ["一公司", 90, 90, 90, " 发生重大安全责任事故 "],
      ["二公司", 90, 90, 90, "无"],
      ["三公司", 90, 90, 90, 1],
      ["四公司", 90, 90, 90, true],
      ["五公司", 90, 90, 90, "-"],
    ];
    const r = read({ work: rows });
    expect(r.input.work.map((u) => u.veto)).toEqual([
      { reason: "发生重大安全责任事故", cell: "工作评价!E2" },
      null,
      { reason: "1", cell: "工作评价!E4" },
      { reason: "TRUE", cell: "工作评价!E5" },
      null,
    ]);
  });

  it("否 in 否决事项 is still a veto, with a warning that says how to write none", () => {
    const rows = [
      ["单位", "重点工作", "党的建设", "安全稳定", "否决事项"],
      ["一公司", 90, 90, 90, "否"],
    ];
    const r = read({ work: rows });
    expect(r.input.work[0].veto).toEqual({ reason: "否", cell: "工作评价!E2" });
    expect(r.warnings.filter((w) => w.code === "vetoWord").map((w) => w.cell)).toEqual(["工作评价!E2"]);
  });

  it("a duplicate unit is an error at the row's first cell", () => {
    const r = read({ work: [...WORK, ["二公司", 1, 1, 1]] });
    expect(brief(r.errors)).toEqual(["工作评价!A4 duplicate"]);
    expect(r.input.work[1].keyTasks.value).toBe(85);
  });

  it("a blank unit with scores is an error at the unit cell", () => {
    const r = read({ work: withCell(WORK, 2, 0, "  ") });
    expect(brief(r.errors)).toEqual(["工作评价!A3 blankUnit"]);
  });
});

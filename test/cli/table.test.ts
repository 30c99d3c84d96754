import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { displayWidth, pad, renderTable, resultsTable, summaryLine } from "../../src/cli/table";
import { assessmentOf, leader } from "../support/assessment";

describe("displayWidth", () => {
  it("counts CJK and full-width characters as two columns, ASCII as one", () => {
    expect(displayWidth("")).toBe(0);
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("张三")).toBe(4);
    expect(displayWidth("一公司A")).toBe(7);
    expect(displayWidth("ＡＢ１")).toBe(6); // full-width letters and digits
    expect(displayWidth("，。：；（）")).toBe(12); // CJK punctuation
    expect(displayWidth("가나")).toBe(4); // Hangul
    expect(displayWidth("𠀀")).toBe(2); // CJK Extension B, outside the BMP
    expect(displayWidth("😀")).toBe(2);
  });

  it("counts combining marks and zero-width characters as nothing", () => {
    expect(displayWidth("e\u0301")).toBe(1);
    expect(displayWidth("张\u200b三")).toBe(4);
  });

  it("is additive over concatenation of single-line text", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "1", " ", "张", "Ａ", "·", "—", "é") });
    fc.assert(fc.property(text, text, (a, b) => displayWidth(a + b) === displayWidth(a) + displayWidth(b)));
  });
});

describe("pad", () => {
  it("pads to a display width on the chosen side", () => {
    expect(pad("张三", 6)).toBe("张三  ");
    expect(pad("12.5", 6, "right")).toBe("  12.5");
    expect(pad("张三丰", 4)).toBe("张三丰"); // never cuts
  });
});

describe("renderTable", () => {
  it("aligns columns by display width, whatever mix of CJK and ASCII the cells hold", () => {
    const columns = [
      { header: "姓名", align: "left" as const },
      { header: "得分", align: "right" as const },
      { header: "说明", align: "left" as const },
    ];
    const rows = [
      ["欧阳娜娜", "101.36", "超出优秀名额"],
      ["Li", "9.5", ""],
      ["张三", "88.00", "note"],
    ];
    const lines = renderTable(columns, rows);
    expect(lines).toHaveLength(5);
    // Every line's right-aligned score ends at the same display column.
    const scoreEnd = (line: string, score: string) => displayWidth(line.slice(0, line.indexOf(score) + score.length));
    const ends = [scoreEnd(lines[0], "得分"), ...rows.map((r, i) => scoreEnd(lines[i + 2], r[1]))];
    expect(new Set(ends).size).toBe(1);
    // Every 说明 cell starts at the same display column.
    const noteStart = (line: string, note: string) => displayWidth(line.slice(0, line.lastIndexOf(note)));
    expect(noteStart(lines[2], "超出优秀名额")).toBe(noteStart(lines[0], "说明"));
    expect(noteStart(lines[4], "note")).toBe(noteStart(lines[0], "说明"));
    for (const l of lines) expect(l).not.toMatch(/\s$/);
    expect(lines[1]).toMatch(/^-+ +-+ +-+$/);
    expect(lines[2].startsWith("欧阳娜娜")).toBe(true);
  });

  it("keeps each row on one line", () => {
    const lines = renderTable([{ header: "说明", align: "left" }], [["第一行\n第二行"]]);
    expect(lines).toEqual(["说明", "-".repeat(13), "第一行 第二行"]);
  });
});

describe("resultsTable", () => {
  const a = assessmentOf([
    leader({}),
    leader({
      index: 1,
      name: "欧阳乙",
      unit: "二公司",
      work: null,
      final: null,
      rank: null,
      adjustment: -1,
      grade: "暂缓评定",
      status: "pending",
      flags: [{ code: "pending", message: "工作业绩缺失" }],
    }),
  ]);
  const text = resultsTable(a);
  const lines = text.trimEnd().split("\n");

  it("shows the ten columns, one line per leader in the order of 考核对象, then the summary", () => {
    expect(lines[0].split(/\s+/)).toEqual([
      "排名",
      "姓名",
      "单位",
      "职务",
      "工作业绩",
      "民主测评",
      "加减分",
      "综合得分",
      "等次",
      "说明",
    ]);
    expect(lines[2]).toMatch(/^\s*1\s+甲\s+一公司\s+党委书记\s+102\.09\s+93\.00\s+\+2\.00\s+101\.36\s+优秀$/);
    expect(lines[3]).toMatch(/^\s*-\s+欧阳乙\s+二公司\s+党委书记\s+-\s+93\.00\s+-1\.00\s+-\s+暂缓评定\s+工作业绩缺失$/);
    expect(lines.at(-1)).toBe(summaryLine(a));
    expect(summaryLine(a)).toBe("共 2 人：已评定 1 人，暂缓评定 1 人；优秀名额 q = 1，评为优秀 1 人。");
  });

  it("lines the 等次 column up across rows with names of different widths", () => {
    const at = (line: string, s: string) => displayWidth(line.slice(0, line.indexOf(s)));
    expect(at(lines[2], "优秀")).toBe(at(lines[0], "等次"));
    expect(at(lines[3], "暂缓评定")).toBe(at(lines[0], "等次"));
  });
});

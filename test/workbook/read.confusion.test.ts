/**
 * Names that look the same but differ in invisible characters, composition or look-alike letters (issue 12):
 * compared NFKC-folded with invisible characters removed, and a warning at the cell for mixed scripts.
 * The text shown stays as typed; only the keys used for matching are folded.
 */
import { describe, expect, it } from "vitest";
import { confusableScripts, nameKey } from "../../src/workbook/normalize";
import { LEADERS, brief, read, voteRows, VOTE_HEADER } from "./helpers";

const INVISIBLE = [
  "\u200b",
  "\u200c",
  "\u200d",
  "\u2060",
  "\u00ad",
  "\ufeff",
  "\u202e",
  "\u202a",
  "\u2066",
  "\u2069",
  "\u200f",
];

describe("name keys", () => {
  it("ignore every invisible character, one at a time", () => {
    for (const ch of INVISIBLE) expect(nameKey(`张${ch}三`), JSON.stringify(ch)).toBe("张三");
  });

  it("fold composed and decomposed letters, and compatibility forms, alike", () => {
    expect(nameKey("Jose\u0301")).toBe(nameKey("José"));
    expect(nameKey("ｶﾀｶﾅ")).toBe(nameKey("カタカナ"));
    expect(nameKey("第①公司")).toBe("第1公司");
    expect(nameKey("ＡＢＣ公司")).toBe("ABC公司");
  });
});

describe("duplicates and joins in 考核对象", () => {
  it("a leader typed twice, once with a zero-width joiner, is a duplicate row", () => {
    for (const ch of ["\u2060", "\u00ad", "\u200c", "\u200d"]) {
      const leaders = [...LEADERS, [`甲${ch}`, "一公司", "党委书记", null]];
      const r = read({ leaders });
      expect(brief(r.errors), JSON.stringify(ch)).toEqual(["考核对象!A4 duplicate"]);
    }
  });

  it("a decomposed accent in 民主测评 joins the composed name of 考核对象", () => {
    const leaders = [LEADERS[0], ["José", "一公司", "党委书记", null], LEADERS[2]];
    const votes = [
      VOTE_HEADER,
      ...voteRows([
        ["Jose\u0301", "一公司"],
        ["乙", "二公司"],
      ]),
    ];
    const r = read({ leaders, votes });
    expect(r.errors).toEqual([]);
    expect(r.input.leaders[0].name).toBe("José"); // shown as typed
    expect(r.input.votes.filter((v) => v.nameKey === r.input.leaders[0].nameKey)).toHaveLength(12);
  });

  it("a name with only invisible characters is blank", () => {
    const r = read({ leaders: [...LEADERS, ["\u200b\u2060", "三公司", "党委书记", null]] });
    expect(brief(r.errors)).toContain("考核对象!A4 blankName");
  });
});

describe("mixed scripts", () => {
  it("are reported for Cyrillic or Greek beside Han or Latin, not for Han with Latin", () => {
    expect(confusableScripts("Аlex")).toEqual(["拉丁字母", "西里尔字母"]); // Cyrillic А
    expect(confusableScripts("张А")).toEqual(["汉字", "西里尔字母"]);
    expect(confusableScripts("ΑBC公司")).toEqual(["汉字", "拉丁字母", "希腊字母"]); // Greek Α
    expect(confusableScripts("ABC科技公司")).toBeNull();
    expect(confusableScripts("Алексей")).toBeNull();
    expect(confusableScripts("张三")).toBeNull();
  });

  it("a warning at the 姓名 cell, and once per unit at the first 单位 cell", () => {
    const leaders = [
      ...LEADERS.slice(0, 2),
      ["乙А", "二公司", "党委书记", null],
      ["丙", "Сity公司", "党委书记", null],
      ["丁", "Сity公司", "党委副书记", null],
    ];
    const votes = [
      VOTE_HEADER,
      ...voteRows([
        ["甲", "一公司"],
        ["乙А", "二公司"],
      ]),
    ];
    const r = read({ leaders, votes });
    expect(brief(r.warnings).filter((w) => w.endsWith("mixedScripts"))).toEqual([
      "考核对象!A3 mixedScripts",
      "考核对象!B4 mixedScripts",
    ]);
    expect(r.warnings.find((w) => w.cell === "考核对象!A3")?.message).toBe(
      "姓名「乙А」混用了汉字和西里尔字母：其中可能有形近字母（如西里尔字母 А 与拉丁字母 A），请核对后重新输入",
    );
  });
});

/** Pure parts of the views: theme choice, requirement-set hints, diagnostics order, field and option labels. */
import { describe, expect, it } from "vitest";
import type { InspectResult, Supports } from "../../src/excel/addin";
import type { AssessmentSummary, CapExplanation, Flag, LeaderExplanation } from "../../src/engine/types";
import { defaultMethod } from "../../src/method/defaults";
import type { Diagnostic } from "../../src/workbook/diagnostic";
import { type Lang, type MessageKey, type Params, registerLanguage, translate } from "../../src/taskpane/i18n";
import { en } from "../../src/taskpane/i18n/en";
import { zh } from "../../src/taskpane/i18n/zh";
import { formFields, methodToForm } from "../../src/taskpane/methodForm";
import { chooseTheme, luminance } from "../../src/taskpane/theme";
import { errorsFirst } from "../../src/taskpane/views/diagnostics";
import { fieldLabel, optionLabel } from "../../src/taskpane/views/method";
import { resultTag } from "../../src/taskpane/views/calculate";
import { gradeLabel, needsCommittee, paneQuotes } from "../../src/taskpane/views/shared";
import { apiHints, statusTiles } from "../../src/taskpane/views/status";
import { leader } from "../support/assessment";

const DICTIONARIES = { zh, en };
registerLanguage("en", en);

const ctx = (lang: Lang) => ({ lang, t: (k: MessageKey, p?: Params) => translate(lang, k, p) });

describe("theme", () => {
  it("luminance of hex colours", () => {
    expect(luminance("#FFFFFF")).toBeCloseTo(1);
    expect(luminance("#000")).toBe(0);
    expect(luminance("#262626")).toBeLessThan(0.05);
    expect(luminance("red")).toBeNull();
    expect(luminance(undefined)).toBeNull();
  });

  it("an Office theme decides, by isDarkTheme or by the body colour; its colours are used as they are", () => {
    const dark = chooseTheme(
      {
        bodyBackgroundColor: "#262626",
        bodyForegroundColor: "#FFFFFF",
        controlBackgroundColor: "#333333",
        controlForegroundColor: "#FFFFFF",
      },
      false,
    );
    expect(dark.dark).toBe(true);
    expect(dark.properties).toEqual({
      "--kp-bg": "#262626",
      "--kp-fg": "#FFFFFF",
      "--kp-control-bg": "#333333",
      "--kp-control-fg": "#FFFFFF",
    });
    expect(chooseTheme({ bodyBackgroundColor: "#FFFFFF", bodyForegroundColor: "#000000" }, true).dark).toBe(false);
    expect(chooseTheme({ bodyBackgroundColor: "#FFFFFF", isDarkTheme: true }, false).dark).toBe(true);
  });

  it("without an Office theme, the system preference decides", () => {
    expect(chooseTheme(null, true)).toEqual({ dark: true, properties: {} });
    expect(chooseTheme(undefined, false)).toEqual({ dark: false, properties: {} });
    expect(chooseTheme({}, true).dark).toBe(true);
  });

  it("colours that are not #rgb/#rrggbb are not passed to CSS", () => {
    expect(chooseTheme({ bodyBackgroundColor: "#1f1f1f", bodyForegroundColor: "url(x)" }, false).properties).toEqual({
      "--kp-bg": "#1f1f1f",
    });
  });
});

describe("requirement-set hints", () => {
  const supports = (version: string): Supports => {
    const n = Number(version.split(".")[1]);
    return {
      version,
      scoring: n >= 7,
      validation: n >= 8,
      nativeCharts: n >= 8,
      suspendCalculation: n >= 6,
      autoFilter: n >= 9,
      pageLayout: n >= 9,
      cellProperties: n >= 9,
      pictures: n >= 9,
      notes: n >= 18,
      comments: n >= 10,
      headerNotes: n >= 18 ? "notes" : n >= 8 ? "prompt" : "none",
    };
  };

  it("ExcelApi 1.8 scores; the extras say in plain words which Excel has them, the sets go to the details", () => {
    const hints = apiHints(supports("1.8"));
    const plain = hints.map((h) => translate("zh", h.key));
    expect(plain).toEqual([
      "“考核结果”的筛选按钮需要 Office 2021 或更新版本、Microsoft 365 或 Excel 网页版；此 Excel 不加筛选按钮。",
      "撤销时逐格恢复填充色和加粗需要 Office 2021 或更新版本、Microsoft 365 或 Excel 网页版；此 Excel 按列恢复。",
      "表头说明改为选中表头单元格时显示的输入提示：以批注显示需要 Microsoft 365 或 Excel 网页版，并从微软网站加载 Office 组件。",
    ]);
    for (const lang of ["zh", "en"] as const)
      for (const h of hints) expect(translate(lang, h.key), h.key).not.toMatch(/ExcelApi|\b1\.\d+\b/);
    expect(hints.map((h) => translate("zh", "api.needs", { feature: translate("zh", h.feature), set: h.set }))).toEqual(
      ["筛选按钮：需要 ExcelApi 1.9", "逐格恢复格式：需要 ExcelApi 1.9", "表头批注：需要 ExcelApi 1.18"],
    );
  });

  it("volume-licensed Excel 2019 (1.7) scores; drop-downs and inserted charts are named as missing, notes not twice", () => {
    const hints = apiHints(supports("1.7"));
    expect(hints.map((h) => h.key)).toEqual([
      "api.noValidation",
      "api.noNativeCharts",
      "api.noAutoFilter",
      "api.noCellProperties",
    ]);
    expect(hints.map((h) => h.set)).toEqual(["1.8", "1.8", "1.9", "1.9"]);
  });

  it("an Excel below 1.7 gets one message: it cannot score", () => {
    expect(apiHints(supports("1.2"))).toEqual([{ key: "api.noScoring", feature: "api.feature.scoring", set: "1.7" }]);
    expect(apiHints(supports("1.6"))).toHaveLength(1);
    expect(translate("zh", "api.noScoring")).toBe(
      "此版本的 Excel 无法运行考评：需要 Excel 2019 或更新版本、Microsoft 365、Mac 版或网页版 Excel（Excel 2016 不支持）。",
    );
  });

  it("Microsoft 365 with 1.18 needs no hint", () => {
    expect(apiHints(supports("1.18"))).toEqual([]);
  });
});

describe("diagnostics", () => {
  const d = (severity: Diagnostic["severity"], cell: string): Diagnostic => ({
    severity,
    cell,
    code: "x",
    message: cell,
  });
  it("errors first, then warnings, each in the core's (cell) order", () => {
    const list = [d("warning", "A!A1"), d("error", "B!B2"), d("warning", "A!A2"), d("error", "B!B1")];
    expect(errorsFirst(list).map((x) => `${x.severity} ${x.cell}`)).toEqual([
      "error B!B2",
      "error B!B1",
      "warning A!A1",
      "warning A!A2",
    ]);
  });
});

describe("labels of the method form", () => {
  const form = methodToForm(defaultMethod());
  for (const lang of ["zh", "en"] as const) {
    it(`every field has a label of its own in ${lang}`, () => {
      const labels = formFields(form).map((f) => fieldLabel(ctx(lang), f));
      for (const [i, l] of labels.entries()) {
        const f = formFields(form)[i];
        expect(l, f.path).not.toBe(f.path);
        expect(l.trim(), f.path).not.toBe("");
        expect(l, f.path).not.toMatch(/\{\w+\}/);
      }
      // Within an indicator row the four parts differ; outside the rows no two fields share a label.
      const outside = formFields(form)
        .filter((f) => f.label.kind !== "indicator" && f.label.kind !== "rule")
        .map((f) => fieldLabel(ctx(lang), f));
      expect(new Set(outside).size).toBe(outside.length);
    });
  }

  it("options read as words: directions, tie modes, grades", () => {
    const fields = formFields(form);
    const dir = fields.find((f) => f.path === "economic.indicators[0].direction")!;
    const ties = fields.find((f) => f.path === "ranking.ties")!;
    const cap = fields.find((f) => f.path === "grades.vetoCap")!;
    expect(optionLabel(ctx("zh"), dir, "lower")).toBe("逆向（越低越好）");
    expect(optionLabel(ctx("en"), ties, "dense")).toBe("Dense (1, 2, 2, 3)");
    expect(optionLabel(ctx("zh"), cap, "基本称职")).toBe("基本称职");
    expect(optionLabel(ctx("en"), cap, "基本称职")).toBe("Adequate");
  });

  it("grades in English, anything else as it is", () => {
    expect(gradeLabel(ctx("en"), "暂缓评定")).toBe("Pending");
    expect(gradeLabel(ctx("zh"), "优秀")).toBe("优秀");
    expect(gradeLabel(ctx("en"), "其他")).toBe("其他");
  });
});

describe("状态's tiles", () => {
  const summary: AssessmentSummary = {
    graded: 3,
    pending: 1,
    ungraded: 1,
    quota: 1,
    excellent: 1,
    decided: 1,
    quotaGroups: null,
    circumstances: 2,
    referenceDate: "2025-12-31",
  };
  const inspect = (over: Partial<InspectResult["counts"]>, sum: AssessmentSummary | null) =>
    ({
      counts: {
        leaders: 5,
        units: 4,
        voteRows: 60,
        candidates: null,
        personalRows: 3,
        decisionRows: 1,
        ...over,
      },
      summary: sum,
    }) as InspectResult;

  it("the input's counts, then what the rules decide: graded, pending, ungraded, circumstances, decided", () => {
    const t = statusTiles(inspect({}, summary));
    expect(t.data.map((x) => `${x.key}=${x.value}`)).toEqual(["leaders=5", "units=4", "voteRows=60"]);
    expect(t.grading!.map((x) => `${x.key}=${x.value}`)).toEqual([
      "graded=3",
      "pending=1",
      "ungraded=1",
      "circumstances=2",
      "decided=1",
    ]);
    expect(statusTiles(inspect({ candidates: 2 }, summary)).data.map((x) => x.key)).toContain("candidates");
  });

  it("no grading tiles when the workbook cannot be scored, or is empty", () => {
    expect(statusTiles(inspect({}, null)).grading).toBeNull();
    expect(statusTiles(inspect({ leaders: 0 }, summary)).grading).toBeNull();
  });

  it("labels are short enough for a third of a 320-pixel pane; the tips say what is counted", () => {
    const t = statusTiles(inspect({ candidates: 1 }, summary));
    for (const x of [...t.data, ...t.grading!]) {
      // A Chinese character is 12 px, a Latin letter at most ~7 px: a label gets about 72 px.
      expect([...translate("zh", x.label)].length, x.label).toBeLessThanOrEqual(6);
      expect(translate("en", x.label).length, x.label).toBeLessThanOrEqual(10);
      expect(translate("zh", x.tip).length, x.tip).toBeGreaterThan(translate("zh", x.label).length);
    }
  });
});

describe("cases for the committee", () => {
  const cap = (code: CapExplanation["code"], applied: boolean): CapExplanation => ({
    code,
    cap: "基本称职",
    reason: "",
    applied,
  });
  const graded = (flags: Flag[], caps: CapExplanation[], committee: unknown = null) =>
    leader({ flags, explain: { grade: { caps, committee } } as unknown as LeaderExplanation });

  it("a tie at the quota boundary and a vote rule that only flags go to the committee", () => {
    const tie = graded([{ code: "quotaTie", message: "并列" }], []);
    expect(needsCommittee(tie).map((f) => f.code)).toEqual(["quotaTie"]);
    const flagged = graded([{ code: "lowCompetentVotes", message: "票" }], [cap("lowCompetentVotes", false)]);
    expect(needsCommittee(flagged).map((f) => f.code)).toEqual(["lowCompetentVotes"]);
    expect(resultTag(flagged)).toBe("review");
  });

  it("a vote rule that lowered the grade, the quota itself, a decided or ungraded leader do not", () => {
    const capped = graded([{ code: "unfitVotes", message: "票" }], [cap("unfitVotes", true)]);
    expect(needsCommittee(capped)).toEqual([]);
    expect(resultTag(capped)).toBeNull();
    expect(needsCommittee(graded([{ code: "excellentQuota", message: "超出" }], []))).toEqual([]);
    const decided = graded([{ code: "quotaTie", message: "并列" }], [], {
      grade: "优秀",
      basis: "",
      cell: "组织决定!A2",
    });
    expect(needsCommittee(decided)).toEqual([]);
    expect(resultTag(decided)).toBe("decided");
    const ungraded = leader({
      status: "ungraded",
      grade: "不定等次",
      flags: [{ code: "quotaTie", message: "" }],
      explain: { grade: { caps: [], committee: null } } as unknown as LeaderExplanation,
    });
    expect(needsCommittee(ungraded)).toEqual([]);
  });
});

describe("one quotation style", () => {
  it("the core's 「」 are shown as the pane's “”", () => {
    expect(paneQuotes("等次「良好」无法识别，应为“优秀”等")).toBe("等次“良好”无法识别，应为“优秀”等");
    expect(paneQuotes("没有引号")).toBe("没有引号");
  });

  it("the pane's own words: “” only, and every opening quote closed", () => {
    for (const lang of ["zh", "en"] as const) {
      for (const [k, v] of Object.entries(DICTIONARIES[lang])) {
        expect(v, k).not.toMatch(/[「」『』"]/);
        expect((v.match(/“/g) ?? []).length, k).toBe((v.match(/”/g) ?? []).length);
      }
    }
  });

  it("no developer terms outside the technical details", () => {
    const details = new Set(["api.version", "api.none", "api.needs", "calc.syncs"]);
    for (const lang of ["zh", "en"] as const)
      for (const [k, v] of Object.entries(DICTIONARIES[lang]))
        if (!details.has(k)) expect(v, k).not.toMatch(/ExcelApi|往返|round trip|requirement set|要求集/i);
  });
});

describe("labels of the 个人情况 rules and the new options", () => {
  const form = methodToForm(defaultMethod());
  const field = (path: string) => formFields(form).find((f) => f.path === path)!;

  it("a rule's four parts as on the 考核方法 sheet; effects, rounding and vote rules as words", () => {
    expect(
      ["name", "aliases", "effect", "minDays"].map((p) => fieldLabel(ctx("zh"), field(`personal.rules[5].${p}`))),
    ).toEqual(["情形", "别名", "处理", "最少天数"]);
    const effect = field("personal.rules[0].effect");
    expect(effect.options).toEqual(["pending", "unfit", "noGrade", "noExcellent"]);
    expect(effect.options!.map((o) => optionLabel(ctx("zh"), effect, o))).toEqual([
      "暂缓确定等次",
      "确定为不称职",
      "不确定等次",
      "不得确定为优秀",
    ]);
    expect(optionLabel(ctx("zh"), field("grades.quotaRounding"), "round")).toBe("四舍五入");
    expect(optionLabel(ctx("en"), field("grades.voteCaps"), "flag")).toBe("Only flag it for the committee");
    expect(fieldLabel(ctx("zh"), field("grades.quotaGroupColumn"))).toBe("优秀名额分组列");
    expect(fieldLabel(ctx("zh"), field("democratic.overall.weight"))).toBe("综合评价项权重");
  });
});

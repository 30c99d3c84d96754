/** Pure parts of the views: theme choice, requirement-set hints, diagnostics order, field and option labels. */
import { describe, expect, it } from "vitest";
import type { Supports } from "../../src/excel/addin";
import { defaultMethod } from "../../src/method/defaults";
import type { Diagnostic } from "../../src/workbook/diagnostic";
import { type Lang, type MessageKey, type Params, translate } from "../../src/taskpane/i18n";
import { formFields, methodToForm } from "../../src/taskpane/methodForm";
import { chooseTheme, luminance } from "../../src/taskpane/theme";
import { errorsFirst } from "../../src/taskpane/views/diagnostics";
import { fieldLabel, optionLabel } from "../../src/taskpane/views/method";
import { gradeLabel } from "../../src/taskpane/views/shared";
import { apiHints } from "../../src/taskpane/views/status";

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
      scoring: n >= 8,
      suspendCalculation: n >= 6,
      autoFilter: n >= 9,
      pageLayout: n >= 9,
      cellProperties: n >= 9,
      notes: n >= 18,
      comments: n >= 10,
      headerNotes: n >= 18 ? "notes" : "prompt",
    };
  };

  it("Excel 2019 (1.8) scores; the extras say which set they need", () => {
    const hints = apiHints(supports("1.8"));
    expect(hints.map((h) => translate("zh", h.key, { set: h.set }))).toEqual([
      "自动筛选需要 ExcelApi 1.9：“考核结果”将不加筛选按钮。",
      "逐格记住填充色和加粗需要 ExcelApi 1.9：撤销时按列恢复“考核结果”原有的格式。",
      "表头说明以批注显示需要 ExcelApi 1.18：改为选中表头单元格时显示的输入提示。",
    ]);
  });

  it("an Excel below 1.8 gets one message: it cannot score", () => {
    expect(apiHints(supports("1.2"))).toEqual([{ key: "api.noScoring", set: "1.8" }]);
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
        .filter((f) => f.label.kind !== "indicator")
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

/** The pane's words: both languages complete and consistent, every key used, the choice kept. */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  EN_PARAMETER_LABELS,
  LANG_STORAGE_KEY,
  format,
  loadLang,
  parameterLabel,
  placeholders,
  saveLang,
  sheetParameterPaths,
  loadLanguage,
  translate,
} from "../../src/taskpane/i18n";
import { en } from "../../src/taskpane/i18n/en";
import { zh } from "../../src/taskpane/i18n/zh";

const DICTIONARIES = { zh, en };
import { formFields, methodToForm } from "../../src/taskpane/methodForm";
import { defaultMethod } from "../../src/method/defaults";
import { METHOD_SHEET_PARAMETERS } from "../../src/workbook/methodSheet";

const SRC = join(__dirname, "../../src/taskpane");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith(".ts") ? [p] : [];
  });
}

describe("loading English", () => {
  it("is a chunk fetched on demand: Chinese until it is loaded, English after", async () => {
    // This file's own import of en.ts does not register it: only loadLanguage does.
    expect(translate("en", "tab.status")).toBe(zh["tab.status"]);
    await loadLanguage("en");
    expect(translate("en", "tab.status")).toBe(en["tab.status"]);
    const index = readFileSync(join(SRC, "i18n", "index.ts"), "utf8");
    expect(index).not.toMatch(/^import[^;]*"\.\/en"/m);
  });
});

describe("dictionaries", () => {
  const zhKeys = Object.keys(DICTIONARIES.zh).sort();
  const enKeys = Object.keys(DICTIONARIES.en).sort();

  it("have the same keys, none empty", () => {
    expect(enKeys).toEqual(zhKeys);
    for (const lang of ["zh", "en"] as const) {
      for (const k of zhKeys)
        expect(DICTIONARIES[lang][k as keyof typeof DICTIONARIES.zh].trim(), `${lang} ${k}`).not.toBe("");
    }
  });

  it("use the same placeholders in both languages", () => {
    for (const k of zhKeys) {
      const key = k as keyof typeof DICTIONARIES.zh;
      expect(placeholders(DICTIONARIES.en[key]), k).toEqual(placeholders(DICTIONARIES.zh[key]));
    }
  });

  it("English says things in English (only sheet names and grades stay Chinese)", () => {
    // Chinese in the English dictionary: sheet names (考核结果…), grade words in quotes, the language switch.
    const allowed =
      /考核结果|计算明细|任期考核|基本称职|考核方法|考核对象|个人情况|组织决定|考评|经营业绩|不称职|优秀|切换到中文|中文|、/g;
    for (const k of enKeys) {
      const s = DICTIONARIES.en[k as keyof typeof DICTIONARIES.en].replace(allowed, "");
      expect(/[\u4e00-\u9fff]/.test(s), `${k}: ${s}`).toBe(false);
    }
  });

  it("every key is used by the pane, and every key the pane names exists", () => {
    const code = sources(SRC)
      .filter((p) => !p.includes(`${join("i18n", "")}`))
      .map((p) => readFileSync(p, "utf8"))
      .join("\n");
    for (const k of zhKeys) expect(code.includes(`"${k}"`), `unused key ${k}`).toBe(true);
    const named = new Set<string>();
    for (const m of code.matchAll(/\bt\("([\w.]+)"/g)) named.add(m[1]);
    for (const k of named) expect(zhKeys, k).toContain(k);
  });
});

describe("format and translate", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    expect(format("参评 {graded} 人，暂缓 {pending} 人", { graded: 4, pending: 0 })).toBe("参评 4 人，暂缓 0 人");
    expect(format("{a}{a}{b}", { a: "x" })).toBe("xx{b}");
    expect(translate("en", "calc.summary", { graded: 4, pending: 0, excellent: 1, quota: 1 })).toBe(
      "4 graded, 0 pending; 1 rated 优秀 (quota 1).",
    );
    expect(translate("zh", "why.decision.added", { sheet: "组织决定", row: 2, name: "乙", grade: "优秀" })).toBe(
      "已在“组织决定”第 2 行记录：乙，优秀。",
    );
  });

  it("lists placeholders once, sorted", () => {
    expect(placeholders("{b} {a} {b}")).toEqual(["a", "b"]);
    expect(placeholders("none")).toEqual([]);
  });
});

describe("parameter labels", () => {
  it("in Chinese are the words of the 考核方法 sheet; in English each has its own", () => {
    for (const p of METHOD_SHEET_PARAMETERS) {
      expect(parameterLabel(p.key, "zh")).toBe(p.label);
      expect(EN_PARAMETER_LABELS[p.key], p.key).toBeDefined();
    }
    expect(Object.keys(EN_PARAMETER_LABELS).sort()).toEqual(sheetParameterPaths().sort());
  });

  it("every parameter field of the form is a parameter of the sheet", () => {
    const form = methodToForm(defaultMethod());
    const paths = new Set(sheetParameterPaths());
    for (const f of formFields(form).filter((x) => x.label.kind === "parameter"))
      expect(paths.has(f.path), f.path).toBe(true);
  });
});

describe("the language choice", () => {
  function memory(initial?: string) {
    const data = new Map<string, string>(initial ? [[LANG_STORAGE_KEY, initial]] : []);
    return {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      data,
    };
  }

  it("is Chinese unless English was saved", () => {
    expect(loadLang(null)).toBe("zh");
    expect(loadLang(memory())).toBe("zh");
    expect(loadLang(memory("fr"))).toBe("zh");
    expect(loadLang(memory("en"))).toBe("en");
  });

  it("is saved, and a storage that refuses does no harm", () => {
    const m = memory();
    saveLang(m, "en");
    expect(loadLang(m)).toBe("en");
    const refusing = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    expect(() => saveLang(refusing, "en")).not.toThrow();
    expect(loadLang(refusing)).toBe("zh");
  });
});

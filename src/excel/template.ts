/**
 * 新建模板: the standard sheets of docs/method.md §1 that the workbook lacks, ready to fill in — headers with a
 * note on each saying what goes there, widths, frozen header rows, validation, and the 考核方法 sheet.
 * Existing sheets are never touched. `templateSheets(method)` is pure (what to write); `createTemplate`
 * writes the missing ones in one request.
 *
 * Validation:
 * - drop-down lists for 任职模式, 测评人类别 (the method's group names; other text only after a warning,
 *   because the reader also accepts aliases such as 集团领导), 维度 and 类型 (加分/减分);
 * - 重点工作/党的建设/安全稳定 take a score 0–100 OR a rating word. A list validation would refuse the numbers,
 *   so these cells get a custom rule (a number in [0, 100], a rating word of the method, or a missing
 *   marker) with an input message that lists the words — no drop-down arrow, but both kinds are accepted
 *   and anything else is refused with a message saying what is allowed. Excel takes a validation formula
 *   of at most 255 characters: a method with many or long rating words gets the shorter FIND form, and
 *   beyond that no rule at all, only the input message (scoreRule);
 * - vote counts: whole numbers ≥ 0; 分值: a number > 0;
 * - 个人情况: 情形 from a drop-down of the method's rule names (a warning: aliases are accepted too), 天数 a
 *   number ≥ 0 or a missing marker; 组织决定: 等次 from a drop-down of the four grades.
 * Validation covers each column from the first data row to the bottom of the sheet.
 */
import { GRADES } from "../method/schema";
import type { Method } from "../method/types";
import { PERSONAL_EFFECT_TEXT } from "../engine/personal";
import { LEADER_MODES, SHEETS } from "../workbook/input";
import type { CellRange, CellStyle, ColumnLayout, LayoutValue, NoteCell, StyledRange } from "../workbook/layout";
import { RESULT_HEADER_FILL } from "../workbook/layout";
import { METHOD_SHEET, methodToSheet } from "../workbook/methodSheet";
import { columnLetters, parseAddress } from "../workbook/address";
import { displayWidth } from "../workbook/textWidth";
import {
  type SheetWrite,
  type ValidationSpec,
  NEW_SHEET,
  VALIDATION_FORMULA_MAX,
  excelLength,
  headerNotesVia,
  newWriteBatch,
  queueSheetLayout,
} from "./gateway";
import type { Session } from "./session";

const LAST_ROW = 1_048_575; // 0-based
/** Data rows that get a column's number format (dates on 资质审查): formats are written cell by cell. */
export const TEMPLATE_FORMAT_ROWS = 1000;
const HEADER_STYLE: CellStyle = {
  bold: true,
  fill: RESULT_HEADER_FILL,
  horizontalAlignment: "center",
  verticalAlignment: "center",
  wrapText: true,
};
const MISSING_MARKERS = ["-", "—", "/", "无"];

export interface Column {
  header: string;
  note: string;
  width: number;
  numberFormat?: string;
  validation?: Omit<ValidationSpec, "range">;
}

function width(header: string, min: number): number {
  return Math.max(min, displayWidth(header) + 4);
}

function dataRange(col: number, firstRow: number): CellRange {
  return { top: firstRow, bottom: LAST_ROW, left: col, right: col };
}

/** A one-header-row table sheet. */
export function tableSheet(name: string, columns: Column[], freezeColumns = 0): SheetWrite {
  const values: LayoutValue[][] = [columns.map((c) => c.header)];
  const layoutColumns: ColumnLayout[] = columns.map((c) => ({
    width: width(c.header, c.width),
    numberFormat: c.numberFormat ?? null,
  }));
  const notes: NoteCell[] = columns.map((c, i) => ({ row: 0, col: i, text: c.note }));
  const styles: StyledRange[] = [
    { range: { top: 0, bottom: 0, left: 0, right: columns.length - 1 }, style: HEADER_STYLE },
  ];
  const validations: ValidationSpec[] = [];
  const rangeFormats: { range: CellRange; numberFormat: string }[] = [];
  columns.forEach((c, i) => {
    if (c.validation) validations.push({ ...c.validation, range: dataRange(i, 1) });
    if (c.numberFormat)
      rangeFormats.push({
        range: { top: 1, bottom: TEMPLATE_FORMAT_ROWS, left: i, right: i },
        numberFormat: c.numberFormat,
      });
  });
  return {
    layout: {
      sheet: name,
      values,
      textCells: [],
      formulas: [],
      headerRows: 1,
      columns: layoutColumns,
      freeze: { rows: 1, columns: freezeColumns },
      autoFilter: null,
      styles,
      notes,
    },
    validations,
    rangeFormats,
  };
}

export const list = (items: readonly string[], errorStyle: "Stop" | "Warning", title: string, message: string) => ({
  rule: { list: items } as const,
  errorAlert: { style: errorStyle, title, message },
});

function custom(formula: string, title: string, message: string, prompt?: string): Omit<ValidationSpec, "range"> {
  return {
    rule: { custom: formula },
    errorAlert: { style: "Stop", title, message },
    ...(prompt ? { prompt: { title, message: prompt } } : {}),
  };
}

/** A formula-safe string literal. */
const lit = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * The custom rule for a 0–100 score or one of `words` in cell B2 (shifted to each column later), within
 * Excel's 255 characters: each word compared (exact), else the words in one FIND over "|w1|w2|…|" (exact
 * too, as long as no word holds "|"), else null — no rule; the input message still lists the words.
 */
export function scoreRule(words: readonly string[]): string | null {
  const number = "AND(ISNUMBER(B2),B2>=0,B2<=100)";
  const each = `=OR(${[number, ...words.map((w) => `B2=${lit(w)}`)].join(",")})`;
  if (excelLength(each) <= VALIDATION_FORMULA_MAX) return each;
  if (words.some((w) => w.includes("|"))) return null;
  const joined = `=OR(${number},ISNUMBER(FIND("|"&B2&"|",${lit(`|${words.join("|")}|`)})))`;
  return excelLength(joined) <= VALIDATION_FORMULA_MAX ? joined : null;
}

function leadersSheet(): SheetWrite {
  return tableSheet(
    SHEETS.leaders,
    [
      { header: "姓名", width: 10, note: "被考核人的姓名（必填）。同一单位有同名者时请填写工号。" },
      { header: "单位", width: 20, note: "被考核人所在单位的全称（必填），须与经营业绩、工作评价表中的单位名称一致。" },
      { header: "职务", width: 16, note: "现任职务（必填），如 党委书记、党委副书记。" },
      {
        header: "任职模式",
        width: 14,
        note: `可选：${LEADER_MODES.join("、")}；可留空。党建工作指导员不计经营业绩。`,
        validation: list(LEADER_MODES, "Stop", "任职模式", `请从下拉列表中选择：${LEADER_MODES.join("、")}，或留空。`),
      },
      { header: "工号", width: 12, note: "可选。填写后按工号识别被考核人（民主测评、加减分表中也可填写工号）。" },
    ],
    1,
  );
}

function economicSheet(method: Method): SheetWrite {
  const indicators = method.economic.indicators;
  const top: LayoutValue[] = ["单位"];
  const sub: LayoutValue[] = [null];
  const columns: ColumnLayout[] = [{ width: 20, numberFormat: null }];
  const notes: NoteCell[] = [{ row: 0, col: 0, text: "单位全称，每个单位一行，须与考核对象表中的单位名称一致。" }];
  const merges: CellRange[] = [{ top: 0, bottom: 1, left: 0, right: 0 }];
  indicators.forEach((ind, i) => {
    const col = 1 + 2 * i;
    top.push(ind.name, null);
    sub.push("目标", "完成");
    const w = Math.max(10, Math.ceil(displayWidth(ind.name) / 2) + 4);
    columns.push({ width: w, numberFormat: null }, { width: w, numberFormat: null });
    merges.push({ top: 0, bottom: 0, left: col, right: col + 1 });
    const aliases = ind.aliases.length > 0 ? `（也可写作 ${ind.aliases.join("、")}）` : "";
    notes.push({
      row: 0,
      col,
      text:
        `${ind.name}${aliases}：左列填目标值，右列填完成值，两者单位一致（如均为万元，或均为百分数）。` +
        `${ind.direction === "lower" ? "逆向指标，越低越好" : "正向指标，越高越好"}；权重 ${ind.weight}。亏损目标填负数；无数据留空。`,
    });
  });
  const right = columns.length - 1;
  return {
    layout: {
      sheet: SHEETS.economic,
      values: [top, sub],
      textCells: [],
      formulas: [],
      headerRows: 2,
      columns,
      freeze: { rows: 2, columns: 1 },
      autoFilter: null,
      styles: [{ range: { top: 0, bottom: 1, left: 0, right }, style: HEADER_STYLE }],
      notes,
    },
    merges,
  };
}

function workSheet(method: Method): SheetWrite {
  const words = Object.keys(method.ratings);
  const formula = scoreRule([...words, ...MISSING_MARKERS]);
  const scoreColumn = (header: string, what: string): Column => {
    const wordsText = words.map((w) => `${w}（${method.ratings[w]}）`).join("、");
    const message = `请填写 0～100 的分数，或评价词：${words.join("、")}；不填表示缺失。`;
    const prompt = `分数 0～100，或：${words.join("、")}`;
    return {
      header,
      width: 12,
      note: `${what}：填 0～100 的分数，或评价词 ${wordsText}；无数据留空。`,
      // The formula is written for column B and shifted to each column below.
      validation:
        formula !== null
          ? custom(formula, header, message, prompt)
          : { rule: null, prompt: { title: header, message: prompt } },
    };
  };
  const sheet = tableSheet(
    SHEETS.work,
    [
      { header: "单位", width: 20, note: "单位全称，每个单位一行，须与考核对象表中的单位名称一致。" },
      scoreColumn("重点工作", "重点工作任务完成情况"),
      scoreColumn("党的建设", "党的建设工作情况"),
      scoreColumn("安全稳定", "安全稳定工作情况"),
      {
        header: "否决事项",
        width: 30,
        note: "有一票否决事项时写明事由（该单位负责人等次最高为基本称职）；没有则留空或填“无”。",
      },
    ],
    1,
  );
  sheet.validations = (sheet.validations ?? []).map((v) =>
    v.rule && "custom" in v.rule
      ? { ...v, rule: { custom: v.rule.custom.replace(/B2/g, `${columnLetters(v.range.left)}2`) } }
      : v,
  );
  return sheet;
}

function votesSheet(method: Method): SheetWrite {
  const groups = method.democratic.groups;
  const dims = Object.keys(method.democratic.dimensions);
  const aliasText = groups
    .filter((g) => g.aliases.length > 0)
    .map((g) => `${g.aliases.join("、")}→${g.name}`)
    .join("；");
  const voteColumn = (header: string, note: string): Column => ({
    header,
    width: 9,
    note,
    validation: custom("=AND(ISNUMBER(E2),E2>=0,E2=INT(E2))", header, "票数应为不小于 0 的整数。"),
  });
  const cats = method.democratic.categories;
  const sheet = tableSheet(
    SHEETS.votes,
    [
      { header: "姓名", width: 10, note: "被考核人姓名，须与考核对象表一致（有工号时可加一列“工号”）。" },
      { header: "单位", width: 20, note: "被考核人所在单位。" },
      {
        header: "测评人类别",
        width: 12,
        note: `测评人类别：${groups.map((g) => `${g.name}（权重 ${g.weight}）`).join("、")}。${aliasText ? `也接受：${aliasText}。` : ""}`,
        validation: list(
          groups.map((g) => g.name),
          "Warning",
          "测评人类别",
          `建议从下拉列表中选择：${groups.map((g) => g.name).join("、")}。${aliasText ? `别名也可以：${aliasText}。` : ""}`,
        ),
      },
      {
        header: "维度",
        width: 8,
        note: `测评维度：${dims.join("、")}。每名被考核人、每类测评人各维度一行。`,
        validation: list(dims, "Stop", "维度", `请从下拉列表中选择：${dims.join("、")}。`),
      },
      ...cats.map((c) => voteColumn(c.name, `评为“${c.name}”的票数（每票 ${c.points} 分）。`)),
      voteColumn("弃权", "弃权票数（不参与计分，可留空）。"),
    ],
    2,
  );
  sheet.validations = (sheet.validations ?? []).map((v) =>
    v.rule && "custom" in v.rule
      ? { ...v, rule: { custom: v.rule.custom.replace(/E2/g, `${columnLetters(v.range.left)}2`) } }
      : v,
  );
  return sheet;
}

function adjustmentsSheet(): SheetWrite {
  return tableSheet(SHEETS.adjustments, [
    { header: "姓名", width: 10, note: "被考核人姓名；留空表示该单位全部被考核人都适用此项。" },
    { header: "单位", width: 20, note: "被考核人所在单位（必填）。" },
    {
      header: "类型",
      width: 8,
      note: "加分 或 减分。",
      validation: list(["加分", "减分"], "Stop", "类型", "请从下拉列表中选择：加分、减分。"),
    },
    {
      header: "分值",
      width: 8,
      note: "正数；加分合计有上限（见考核方法），减分不设上限。",
      validation: custom("=AND(ISNUMBER(D2),D2>0)", "分值", "分值应为大于 0 的数。"),
    },
    { header: "事项", width: 32, note: "加分或减分的事由，如 获省部级表彰、被集团通报批评。" },
  ]);
}

function qualificationSheet(): SheetWrite {
  const date = (header: string, note: string): Column => ({
    header,
    width: 12,
    note: `${note}填写日期，如 1975-03-15；只知年月时可写 1975.03 或 1975年3月。`,
    numberFormat: "yyyy-mm-dd",
  });
  return tableSheet(
    SHEETS.qualification,
    [
      { header: "姓名", width: 10, note: "候选人姓名（必填）。" },
      { header: "单位", width: 20, note: "候选人所在单位。" },
      date("出生日期", "用于计算年龄。"),
      { header: "学历", width: 10, note: "中专、大专、本科、硕士、博士（大学本科、研究生等也可）。" },
      { header: "专业", width: 14, note: "所学专业；党政、管理类专业优先（仅作提示）。" },
      date("入党时间", "用于计算党龄。"),
      date("参加工作时间", "用于计算工龄。"),
      { header: "职称", width: 14, note: "专业技术职称，如 工程师（中级）、高级工程师（副高级）。" },
      { header: "部门经历数", width: 10, note: "曾任职的部门个数（整数）。" },
      { header: "相关任职年限", width: 12, note: "在相关岗位任职的年数。" },
      { header: "健康状况", width: 10, note: "如 健康、良好。" },
    ],
    1,
  );
}

/** Excel refuses a drop-down list whose source passes 255 characters (and splits it at commas). */
const LIST_SOURCE_MAX = 255;

/**
 * 个人情况 (docs/method.md §10.1): 情形 from a drop-down of the method's rule names (a warning only, because the
 * reader also takes the aliases), 天数 a number ≥ 0 or a missing marker.
 */
function personalSheet(method: Method): SheetWrite {
  const rules = method.personal.rules;
  const names = rules.map((r) => r.name).filter((n) => n.indexOf(",") < 0);
  const ruleText = rules
    .map((r) => {
      const days = r.minDays != null ? `，累计满 ${r.minDays} 天` : "";
      const aliases = r.aliases.length > 0 ? `（也可写 ${r.aliases.join("、")}）` : "";
      return `${r.name}${aliases}${days}：${PERSONAL_EFFECT_TEXT[r.effect]}`;
    })
    .join("；");
  const listFits = names.length > 0 && names.join(",").length <= LIST_SOURCE_MAX;
  const circumstance: Column = {
    header: "情形",
    width: 14,
    note:
      rules.length > 0
        ? `情形及其处理（见考核方法的个人情况规则）：${ruleText}。`
        : "考核方法中没有个人情况规则；请先在“考核方法”中添加规则。",
    ...(listFits
      ? {
          validation: list(names, "Warning", "情形", `建议从下拉列表中选择：${names.join("、")}。规则中的别名也可以。`),
        }
      : {}),
  };
  const markers = MISSING_MARKERS.map((w) => `D2=${lit(w)}`).join(",");
  return tableSheet(
    SHEETS.personal,
    [
      { header: "姓名", width: 10, note: "被考核人姓名，须与考核对象表一致（有工号时可加一列“工号”）。" },
      { header: "单位", width: 20, note: "被考核人所在单位。" },
      circumstance,
      {
        header: "天数",
        width: 8,
        note: "病假、事假等按天数计的情形填天数（同一人同一情形可分几行，天数合计）；其他情形可留空。",
        validation: custom(
          `=OR(AND(ISNUMBER(D2),D2>=0),${markers})`,
          "天数",
          "天数应为不小于 0 的数，不填表示没有天数。",
        ),
      },
      { header: "说明", width: 32, note: "可选：处分文号、时间等，显示在计算说明中。" },
    ],
    1,
  );
}

/** 组织决定 (docs/method.md §12): one row per leader whose grade the committee decided. */
export function decisionsSheet(): SheetWrite {
  return tableSheet(
    SHEETS.decisions,
    [
      { header: "姓名", width: 10, note: "被考核人姓名，须与考核对象表一致（有工号时可加一列“工号”）。每人最多一行。" },
      { header: "单位", width: 20, note: "被考核人所在单位。" },
      {
        header: "等次",
        width: 10,
        note: `组织研究确定的等次：${GRADES.join("、")}。计算时取代按规则得出的等次，并在说明中注明。`,
        validation: list(GRADES, "Stop", "等次", `请从下拉列表中选择：${GRADES.join("、")}。`),
      },
      { header: "依据", width: 36, note: "如 2026年1月8日党委会研究决定。显示在考核结果的说明中。" },
    ],
    1,
  );
}

/** The 考核方法 sheet of methodToSheet as a layout: titles and section rows bold, column widths. */
export function methodSheetWrite(method: Method): SheetWrite {
  const sheet = methodToSheet(method);
  const values: LayoutValue[][] = sheet.grid.rows.map((row) =>
    row.map((v) =>
      v === null || typeof v === "number" || typeof v === "string" || typeof v === "boolean" ? v : String(v),
    ),
  );
  const widthCols = sheet.widths.length;
  const styles: StyledRange[] = [{ range: { top: 0, bottom: 0, left: 0, right: 0 }, style: { bold: true } }];
  for (const r of sheet.sectionRows)
    styles.push({ range: { top: r, bottom: r, left: 0, right: 0 }, style: { bold: true, fontColor: "#1F4E79" } });
  for (const r of sheet.headerRows)
    styles.push({
      range: { top: r, bottom: r, left: 0, right: widthCols - 1 },
      style: { bold: true, fill: RESULT_HEADER_FILL },
    });
  const notes: NoteCell[] = [];
  for (const [cell, text] of Object.entries(sheet.notes)) {
    const p = parseAddress(`${METHOD_SHEET}!${cell}`);
    if (p) notes.push({ row: p.row, col: p.col, text });
  }
  return {
    layout: {
      sheet: METHOD_SHEET,
      values,
      textCells: [],
      formulas: [],
      headerRows: 0,
      columns: sheet.widths.map((w) => ({ width: w, numberFormat: null })),
      freeze: { rows: 0, columns: 0 },
      autoFilter: null,
      styles,
      notes,
    },
  };
}

/** Every standard sheet of docs/method.md §1, in the standard order, for this method. */
export function templateSheets(method: Method): SheetWrite[] {
  return [
    leadersSheet(),
    economicSheet(method),
    workSheet(method),
    votesSheet(method),
    adjustmentsSheet(),
    qualificationSheet(),
    personalSheet(method),
    decisionsSheet(),
    methodSheetWrite(method),
  ];
}

export interface TemplateOutcome {
  created: string[];
  kept: string[];
  notesVia: "notes" | "prompt" | "none";
  /** Drop-downs and number checks were written (ExcelApi 1.8). */
  validations: boolean;
}

/**
 * Writes the standard sheets missing from `existing` (names as in the workbook), in one request; or, given `sheets`,
 * those of them that are missing (新建测评票录入表: the 测评票 sheet of excel/ballots.ts alone).
 */
export async function writeTemplate(
  session: Session,
  method: Method,
  existing: readonly string[],
  opts: { sheets?: readonly SheetWrite[] } = {},
): Promise<TemplateOutcome> {
  const present = new Set(existing.map((n) => n.trim()));
  const all = opts.sheets ?? templateSheets(method);
  const missing = all.filter((s) => !present.has(s.layout.sheet));
  const batch = newWriteBatch(session);
  for (const s of missing) await queueSheetLayout(batch, session, s, NEW_SHEET);
  // Leave the user on the first sheet created.
  if (missing.length > 0) {
    const first = missing[0].layout.sheet;
    await batch.add(0, () => session.context.workbook.worksheets.getItem(first).activate());
  }
  await batch.flush();
  return {
    created: missing.map((s) => s.layout.sheet),
    kept: all.filter((s) => present.has(s.layout.sheet)).map((s) => s.layout.sheet),
    notesVia: headerNotesVia(session.api),
    validations: session.api.validation,
  };
}

/**
 * The 资质审查 sheet (docs/method.md §6). Unlike the other sheets an unreadable value is not an error: the field
 * is "unreadable", a warning names the cell, and the screening reports 待核实 for it.
 */

import { cellText, formatYMD, isMissingMarker, parseDateDetailed, parseNumber } from "./cells";
import type { CellValue, Grid } from "./grid";
import { columnSpec } from "./headers";
import type { Candidate, QualValue, SheetMap, YMD } from "./input";
import { foldWidth } from "./normalize";
import { isBlank } from "./rows";
import type { Diagnostics } from "./table";
import { openTable } from "./table";

/** Counts and numbers of years may be written with their unit: `3个`, `5年`. */
const COUNT_UNITS = { 部门经历数: /(个部门|个|项)$/, 相关任职年限: /年$/ } as const;

function rawText(v: CellValue): string {
  return cellText(v).trim();
}

function unreadable<T>(key: string, v: CellValue, cell: string, diag: Diagnostics): QualValue<T> {
  const raw = rawText(v);
  diag.warning(cell, "unreadable", `${key}「${raw}」无法识别，该项待核实`);
  return { status: "unreadable", raw, cell };
}

function readDate(key: string, v: CellValue, cell: string, diag: Diagnostics): QualValue<YMD> {
  const p = parseDateDetailed(v);
  if (p.result === "missing") return { status: "missing", cell };
  if (p.result === "invalid") return unreadable(key, v, cell, diag);
  if (p.ambiguousMonth) {
    diag.warning(
      cell,
      "ambiguousDate",
      `${key}按${formatYMD(p.result).slice(0, 7)}读取；数字${rawText(v)}也可能是10月，如是请以文本填写（如「${p.result.y}.10」）`,
    );
  }
  return { status: "ok", value: p.result, cell };
}

function readText(key: string, v: CellValue, cell: string, diag: Diagnostics): QualValue<string> {
  if (isMissingMarker(v)) return { status: "missing", cell };
  if (typeof v === "string") return { status: "ok", value: foldWidth(v).trim(), cell };
  if (typeof v === "number") return { status: "ok", value: String(v), cell };
  return unreadable(key, v, cell, diag);
}

function readCount(key: string, unit: RegExp, v: CellValue, cell: string, diag: Diagnostics): QualValue<number> {
  let p = parseNumber(v);
  if (p.kind === "invalid" && typeof v === "string") p = parseNumber(foldWidth(v).trim().replace(unit, ""));
  if (p.kind === "missing") return { status: "missing", cell };
  if (p.kind === "invalid" || p.value < 0) return unreadable(key, v, cell, diag);
  return { status: "ok", value: p.value, cell };
}

export function readQualification(grid: Grid, diag: Diagnostics): { candidates: Candidate[]; map: SheetMap | null } {
  // In the column order of docs/method.md §1.
  const optional = [
    "出生日期",
    "学历",
    "专业",
    "入党时间",
    "参加工作时间",
    "职称",
    "部门经历数",
    "相关任职年限",
    "健康状况",
  ];
  const specs = [columnSpec("姓名", true), columnSpec("单位", false), ...optional.map((k) => columnSpec(k, false))];
  const table = openTable(grid, specs, diag);
  if (!table) return { candidates: [], map: null };
  for (const key of optional) {
    if (!table.has(key)) {
      diag.warning(table.headerCell(), "missingColumn", `缺少「${key}」列，各人该项待核实`);
    }
  }
  const candidates: Candidate[] = [];
  for (const r of table.map.dataRows) {
    const name = table.text(r, "姓名");
    if (isBlank(name)) {
      diag.warning(table.cell(r, "姓名"), "blankName", "姓名为空，此行不参加资质审查");
      continue;
    }
    const field = (key: string) => ({ v: table.value(r, key), cell: table.cell(r, key) });
    const date = (key: string): QualValue<YMD> => {
      const f = field(key);
      return f.cell === "" ? { status: "missing", cell: "" } : readDate(key, f.v, f.cell, diag);
    };
    const text = (key: string): QualValue<string> => {
      const f = field(key);
      return f.cell === "" ? { status: "missing", cell: "" } : readText(key, f.v, f.cell, diag);
    };
    const count = (key: keyof typeof COUNT_UNITS): QualValue<number> => {
      const f = field(key);
      return f.cell === "" ? { status: "missing", cell: "" } : readCount(key, COUNT_UNITS[key], f.v, f.cell, diag);
    };
    candidates.push({
      name,
      unit: table.text(r, "单位"),
      cell: table.rowCell(r),
      birth: date("出生日期"),
      education: text("学历"),
      major: text("专业"),
      partyDate: date("入党时间"),
      workDate: date("参加工作时间"),
      title: text("职称"),
      departments: count("部门经历数"),
      postYears: count("相关任职年限"),
      health: text("健康状况"),
    });
  }
  return { candidates, map: table.map };
}

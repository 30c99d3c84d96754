/**
 * The workbook reader of docs/method.md §1: Grids in, typed AssessmentInput out, with every error and warning
 * pointing at its cell. It never stops at the first problem; `input` is best effort even with errors.
 */

import type { Method } from "../method/types";
import { cellAddress } from "./address";
import { cellText, isMissingMarker, parseNumber } from "./cells";
import type { Diagnostic } from "./diagnostic";
import { sortDiagnostics } from "./diagnostic";
import type { Grid, GridBook } from "./grid";
import { cellAt } from "./grid";
import type {
  AdjustmentItem,
  AssessmentInput,
  IndicatorValues,
  Leader,
  LeaderMode,
  Measured,
  SheetMap,
  StandardSheet,
  UnitEconomics,
  UnitWork,
  VoteRow,
} from "./input";
import { LEADER_MODES, SHEETS } from "./input";
import { HEADER_SEARCH_ROWS, columnSpec, economicKey, findEconomicHeader } from "./headers";
import { nameKeyOf as nameKey, valueKey } from "./keys";
import { readQualification } from "./qualification";
import { dataRows, isBlank } from "./rows";
import { ADJUSTMENT_TYPES, VOTE_HEADER_SUFFIXES } from "./synonyms";
import { Diagnostics, Table, openTable, reportDuplicateColumns, rowCell, rowNumber } from "./table";

export interface ReadResult {
  input: AssessmentInput;
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

const REQUIRED_SHEETS: readonly StandardSheet[] = [SHEETS.leaders, SHEETS.economic, SHEETS.work, SHEETS.votes];
const STANDARD_ORDER: readonly StandardSheet[] = [
  SHEETS.leaders,
  SHEETS.economic,
  SHEETS.work,
  SHEETS.votes,
  SHEETS.adjustments,
  SHEETS.qualification,
];

/** Ratio |A/T| beyond which target and actual are probably in different units (万元/元, % / ratio). */
const SUSPICIOUS_RATIO = 10;

// ---------------------------------------------------------------------------------------------------------------
// 考核对象

interface LeaderIndex {
  leaders: Leader[];
  /** 单位 cell of each leader, by Leader.index. */
  unitCells: string[];
  /** The sheet has a 工号 column. */
  hasId: boolean;
  byId: Map<string, Leader>;
  byNameUnit: Map<string, Leader[]>;
  byUnit: Map<string, Leader[]>;
  /** False when 考核对象 could not be read: cross-sheet checks are then skipped. */
  read: boolean;
}

function emptyIndex(): LeaderIndex {
  return {
    leaders: [],
    unitCells: [],
    hasId: false,
    byId: new Map(),
    byNameUnit: new Map(),
    byUnit: new Map(),
    read: false,
  };
}

function nameUnitKey(nk: string, uk: string): string {
  return `${nk}\u0000${uk}`;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const MODE_BY_KEY = new Map<string, LeaderMode>(LEADER_MODES.map((m) => [valueKey(m), m]));

function readLeaders(table: Table, diag: Diagnostics): LeaderIndex {
  const index = emptyIndex();
  index.read = true;
  index.hasId = table.has("工号");
  const seen = new Map<string, number>();
  for (const r of table.map.dataRows) {
    const name = table.text(r, "姓名");
    const unit = table.text(r, "单位");
    let bad = false;
    if (isBlank(name)) {
      diag.error(table.cell(r, "姓名"), "blankName", "姓名为空");
      bad = true;
    }
    if (isBlank(unit)) {
      diag.error(table.cell(r, "单位"), "blankUnit", "单位为空");
      bad = true;
    }
    let mode: LeaderMode | null = null;
    const modeValue = table.value(r, "任职模式");
    if (!isMissingMarker(modeValue)) {
      const found = MODE_BY_KEY.get(valueKey(cellText(modeValue)));
      if (found) mode = found;
      else
        diag.error(
          table.cell(r, "任职模式"),
          "unknownMode",
          `任职模式「${cellText(modeValue).trim()}」无法识别，应为${LEADER_MODES.join("、")}之一，或留空`,
        );
    }
    const idValue = table.value(r, "工号");
    const employeeId = isMissingMarker(idValue) ? null : cellText(idValue).trim();
    if (bad) continue;

    const nk = nameKey(name);
    const uk = nameKey(unit);
    const identity = employeeId !== null ? `id:${valueKey(employeeId)}` : `nu:${nameUnitKey(nk, uk)}`;
    const earlier = seen.get(identity);
    if (earlier !== undefined) {
      const what = employeeId !== null ? `工号「${employeeId}」` : `同一姓名和单位（${name}，${unit}）`;
      diag.error(table.rowCell(r), "duplicate", `与第${rowNumber(earlier)}行重复：${what}`);
      continue;
    }
    seen.set(identity, r);
    const leader: Leader = {
      index: index.leaders.length,
      name,
      unit,
      position: table.text(r, "职务"),
      mode,
      employeeId,
      nameKey: nk,
      unitKey: uk,
      cell: table.rowCell(r),
    };
    index.leaders.push(leader);
    index.unitCells.push(table.cell(r, "单位"));
    if (employeeId !== null) index.byId.set(valueKey(employeeId), leader);
    pushTo(index.byNameUnit, nameUnitKey(nk, uk), leader);
    pushTo(index.byUnit, uk, leader);
  }
  if (table.map.dataRows.length === 0) diag.warning(table.headerCell(), "noData", "考核对象表没有数据行");
  return index;
}

type Resolution = { kind: "found"; leader: Leader } | { kind: "unknown" } | { kind: "ambiguous" };

/**
 * A row of another sheet → its leader: by 工号 when both sheets have the column and the row gives one,
 * else by normalized (姓名, 单位).
 */
function resolveLeader(index: LeaderIndex, name: string, unit: string, id: string | null): Resolution {
  if (index.hasId && id !== null) {
    const leader = index.byId.get(valueKey(id));
    return leader ? { kind: "found", leader } : { kind: "unknown" };
  }
  const list = index.byNameUnit.get(nameUnitKey(nameKey(name), nameKey(unit)));
  if (!list) return { kind: "unknown" };
  return list.length === 1 ? { kind: "found", leader: list[0] } : { kind: "ambiguous" };
}

function rowId(table: Table, r: number): string | null {
  if (!table.has("工号")) return null;
  const v = table.value(r, "工号");
  return isMissingMarker(v) ? null : cellText(v).trim();
}

// ---------------------------------------------------------------------------------------------------------------
// Cells of numeric fields

/** A number read from a cell, and whether it was unreadable (already reported as an error). */
type ReadMeasured = Measured & { invalid: boolean };

/** Reads a numeric cell; an unparseable value is an error and reads as missing. */
function readNumber(table: Table, r: number, key: string, label: string, diag: Diagnostics): ReadMeasured {
  const cell = table.cell(r, key);
  if (cell === "") return { value: null, cell, invalid: false };
  const p = parseNumber(table.value(r, key));
  if (p.kind === "number") return { value: p.value, cell, invalid: false };
  if (p.kind === "invalid") {
    diag.error(cell, "invalidNumber", `${label}「${p.text}」不是有效的数字`);
    return { value: null, cell, invalid: true };
  }
  return { value: null, cell, invalid: false };
}

// ---------------------------------------------------------------------------------------------------------------
// 经营业绩

interface UnitRows<T> {
  units: T[];
  /** 单位 cell of each unit, in the same order. */
  unitCells: string[];
  map: SheetMap | null;
}

/** Checks a unit row's 单位 cell: blank → error; repeated → error at the row's first cell. */
function unitOfRow(
  grid: Grid,
  r: number,
  unitCol: number,
  seen: Map<string, number>,
  diag: Diagnostics,
): { unit: string; unitKey: string } | null {
  const unit = cellText(cellAt(grid, r, unitCol)).trim();
  if (isBlank(unit)) {
    diag.error(cellAddress(grid.name, r, unitCol), "blankUnit", "单位为空");
    return null;
  }
  const uk = nameKey(unit);
  const earlier = seen.get(uk);
  if (earlier !== undefined) {
    diag.error(rowCell(grid, r), "duplicate", `单位「${unit}」与第${rowNumber(earlier)}行重复`);
    return null;
  }
  seen.set(uk, r);
  return { unit, unitKey: uk };
}

function readEconomics(grid: Grid, method: Method, diag: Diagnostics): UnitRows<UnitEconomics> {
  const indicators = method.economic.indicators;
  const search = findEconomicHeader(grid, indicators);
  if (!search.found) {
    diag.error(
      cellAddress(grid.name, 0, 0),
      "missingColumn",
      `前${HEADER_SEARCH_ROWS}行中找不到表头：缺少必需的列「单位」`,
    );
    return { units: [], unitCells: [], map: null };
  }
  const h = search.header;
  reportDuplicateColumns(grid, h.duplicates, diag);
  const headerCell = rowCell(grid, h.headerRow);
  const columns: Record<string, number> = { 单位: h.unitCol };
  for (const ind of indicators) {
    const found = h.indicators.get(ind.name);
    if (!found) {
      diag.warning(
        headerCell,
        "missingIndicator",
        `找不到指标「${ind.name}」的目标值和完成值列，各单位该指标按缺失处理`,
      );
      continue;
    }
    if (found.target) columns[economicKey(ind.name, "target")] = found.target.col;
    if (found.actual) columns[economicKey(ind.name, "actual")] = found.actual.col;
    const lone = found.target ?? found.actual;
    if (lone && (!found.target || !found.actual)) {
      const [has, lacks] = found.target ? ["目标值", "完成值"] : ["完成值", "目标值"];
      diag.error(
        cellAddress(grid.name, lone.row, lone.col),
        "missingColumn",
        `指标「${ind.name}」有${has}列，但找不到${lacks}列`,
      );
    }
  }
  const map: SheetMap = {
    sheet: grid.name,
    headerRow: h.headerRow,
    headerEndRow: h.headerEndRow,
    columns,
    dataRows: dataRows(grid, h.headerEndRow, Object.values(columns)),
  };
  const table = new Table(grid, map);
  const out: UnitRows<UnitEconomics> = { units: [], unitCells: [], map };
  const seen = new Map<string, number>();
  const fields = indicators.map((ind) => ({
    ind,
    tKey: economicKey(ind.name, "target"),
    aKey: economicKey(ind.name, "actual"),
    tLabel: `${ind.name}目标值`,
    aLabel: `${ind.name}完成值`,
  }));
  for (const r of map.dataRows) {
    const id = unitOfRow(grid, r, h.unitCol, seen, diag);
    const values: Record<string, IndicatorValues> = {};
    for (const { ind, tKey, aKey, tLabel, aLabel } of fields) {
      const target = readNumber(table, r, tKey, tLabel, diag);
      const actual = readNumber(table, r, aKey, aLabel, diag);
      values[ind.name] = {
        target: { value: target.value, cell: target.cell },
        actual: { value: actual.value, cell: actual.cell },
      };
      checkIndicator(ind.name, ind.direction, target, actual, diag);
    }
    if (!id) continue;
    out.units.push({
      unit: id.unit,
      unitKey: id.unitKey,
      cell: rowCell(grid, r),
      indicators: values,
    });
    out.unitCells.push(cellAddress(grid.name, r, h.unitCol));
  }
  if (map.dataRows.length === 0) diag.warning(headerCell, "noData", "经营业绩表没有数据行");
  return out;
}

function checkIndicator(
  name: string,
  direction: "higher" | "lower",
  target: ReadMeasured,
  actual: ReadMeasured,
  diag: Diagnostics,
): void {
  // An absent column is reported once at the header; an unreadable value has its error already.
  const tMissing = target.value === null && target.cell !== "" && !target.invalid;
  const aMissing = actual.value === null && actual.cell !== "" && !actual.invalid;
  if (tMissing && aMissing) {
    diag.warning(target.cell, "missing", `${name}目标值和完成值均缺失，该指标不计分，按其余指标折算`);
  } else if (tMissing) {
    diag.warning(target.cell, "missing", `${name}目标值缺失，该指标不计分，按其余指标折算`);
  } else if (aMissing) {
    diag.warning(actual.cell, "missing", `${name}完成值缺失，该指标不计分，按其余指标折算`);
  }
  const T = target.value;
  const A = actual.value;
  if (T === null) return;
  if (T === 0) {
    diag.warning(target.cell, "targetZero", `${name}目标值为0，该指标无法计分，按其余指标折算`);
    return;
  }
  if (direction === "lower" && T < 0) {
    diag.error(target.cell, "lowerNegativeTarget", `逆向指标「${name}」的目标值不能为负数（${T}）`);
  }
  if (A === null || A === 0) return;
  const ratio = Math.abs(A / T);
  if (ratio > SUSPICIOUS_RATIO || ratio < 1 / SUSPICIOUS_RATIO) {
    diag.warning(
      actual.cell,
      "ratioSuspicious",
      `${name}完成值与目标值相差十倍以上（完成${A}，目标${T}），请检查是否混用了万元与元，或百分数与小数`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 工作评价

/** In the order of UnitWork's keyTasks, partyBuilding, safety. */
const WORK_FIELDS = ["重点工作", "党的建设", "安全稳定"] as const;

function readWorkScore(
  table: Table,
  r: number,
  key: string,
  ratings: Map<string, number>,
  ratingWords: string,
  diag: Diagnostics,
): Measured {
  const cell = table.cell(r, key);
  if (cell === "") return { value: null, cell };
  const v = table.value(r, key);
  if (typeof v === "string") {
    const rated = ratings.get(valueKey(v));
    if (rated !== undefined) return { value: rated, cell };
  }
  const p = parseNumber(v);
  if (p.kind === "missing") {
    diag.warning(cell, "missing", `${key}为空，按缺失处理（按其余部分折算）`);
    return { value: null, cell };
  }
  if (p.kind === "invalid") {
    diag.error(cell, "invalidValue", `${key}「${p.text}」无法识别：应为0～100的数字或评价等次（${ratingWords}）`);
    return { value: null, cell };
  }
  if (p.value < 0 || p.value > 100) {
    diag.error(cell, "outOfRange", `${key}得分${p.value}超出0～100的范围`);
    return { value: null, cell };
  }
  return { value: p.value, cell };
}

const NO_VETO_WORDS = new Set(["否", "没有", "无否决事项", "不涉及", "未发生", "0"]);

function readWork(grid: Grid, method: Method, diag: Diagnostics): UnitRows<UnitWork> {
  const specs = [
    columnSpec("单位", true),
    ...WORK_FIELDS.map((key) => columnSpec(key, false)),
    columnSpec("否决事项", false),
  ];
  const table = openTable(grid, specs, diag);
  if (!table) return { units: [], unitCells: [], map: null };
  for (const key of WORK_FIELDS) {
    if (!table.has(key)) {
      diag.warning(table.headerCell(), "missingColumn", `缺少「${key}」列，各单位该项按缺失处理`);
    }
  }
  const ratings = new Map(Object.entries(method.ratings).map(([w, v]) => [valueKey(w), v]));
  const ratingWords = Object.keys(method.ratings).join("、");
  const unitCol = table.map.columns["单位"];
  const out: UnitRows<UnitWork> = { units: [], unitCells: [], map: table.map };
  const seen = new Map<string, number>();
  for (const r of table.map.dataRows) {
    const id = unitOfRow(grid, r, unitCol, seen, diag);
    const scores = WORK_FIELDS.map((key) => readWorkScore(table, r, key, ratings, ratingWords, diag));
    const vetoValue = table.value(r, "否决事项");
    const veto = isMissingMarker(vetoValue)
      ? null
      : { reason: cellText(vetoValue).trim(), cell: table.cell(r, "否决事项") };
    // docs/method.md §1: any text but a missing marker is a veto. People do write 否 for "none", so say so.
    if (veto && NO_VETO_WORDS.has(valueKey(veto.reason))) {
      diag.warning(veto.cell, "vetoWord", `「${veto.reason}」按否决事项处理；若没有否决事项，请留空或填写“无”`);
    }
    if (!id) continue;
    out.units.push({
      unit: id.unit,
      unitKey: id.unitKey,
      cell: rowCell(grid, r),
      keyTasks: scores[0],
      partyBuilding: scores[1],
      safety: scores[2],
      veto,
    });
    out.unitCells.push(cellAddress(grid.name, r, unitCol));
  }
  if (table.map.dataRows.length === 0) diag.warning(table.headerCell(), "noData", "工作评价表没有数据行");
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// 民主测评

type Count = { kind: "count"; value: number } | { kind: "blank" } | { kind: "invalid"; text: string };

function readCount(table: Table, r: number, key: string): Count {
  const v = table.value(r, key);
  if (isMissingMarker(v)) return { kind: "blank" };
  const p = parseNumber(v);
  if (p.kind === "number" && Number.isInteger(p.value) && p.value >= 0) return { kind: "count", value: p.value + 0 };
  return { kind: "invalid", text: cellText(v).trim() };
}

function aliasMap(entries: readonly { name: string; aliases: readonly string[] }[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of entries) {
    for (const w of [e.name, ...e.aliases]) {
      const k = valueKey(w);
      if (!m.has(k)) m.set(k, e.name);
    }
  }
  return m;
}

function readVotes(
  grid: Grid,
  method: Method,
  leaders: LeaderIndex,
  diag: Diagnostics,
): { votes: VoteRow[]; map: SheetMap | null } {
  const { categories, groups, dimensions } = method.democratic;
  const specs = [
    columnSpec("姓名", true),
    columnSpec("单位", true),
    columnSpec("测评人类别", true),
    columnSpec("维度", true),
    ...categories.map((c) => {
      const words = [c.name, ...c.aliases];
      return columnSpec(c.name, true, [...c.aliases, ...words.flatMap((w) => VOTE_HEADER_SUFFIXES.map((s) => w + s))]);
    }),
    columnSpec("弃权", false),
    columnSpec("工号", false),
  ];
  const table = openTable(grid, specs, diag);
  if (!table) return { votes: [], map: null };

  const groupOf = aliasMap(groups);
  const groupWords = groups.map((g) => g.name).join("、");
  const dimensionOf = new Map(Object.keys(dimensions).map((d) => [valueKey(d), d]));
  const dimensionWords = Object.keys(dimensions).join("、");
  const hasAbstain = table.has("弃权");
  const votes: VoteRow[] = [];
  // Numeric keys: (leader, group, dimension) → its row; (leader, group) → its first row's ballot total.
  const groupIndex = new Map(groups.map((g, i) => [g.name, i]));
  const dimensionIndex = new Map(Object.keys(dimensions).map((d, i) => [d, i]));
  const nDims = dimensionIndex.size;
  const seen = new Map<number, number>();
  const totals = new Map<number, { total: number; row: number; dimension: string; warned: boolean }>();

  for (const r of table.map.dataRows) {
    let bad = false;
    const name = table.text(r, "姓名");
    const unit = table.text(r, "单位");
    const id = leaders.hasId ? rowId(table, r) : null;
    const byId = leaders.hasId && id !== null;
    if (!byId && isBlank(name)) {
      diag.error(table.cell(r, "姓名"), "blankName", "姓名为空");
      bad = true;
    }
    if (!byId && isBlank(unit)) {
      diag.error(table.cell(r, "单位"), "blankUnit", "单位为空");
      bad = true;
    }
    const groupText = table.text(r, "测评人类别");
    const group = groupOf.get(valueKey(groupText));
    if (group === undefined) {
      diag.error(
        table.cell(r, "测评人类别"),
        "unknownGroup",
        isBlank(groupText)
          ? `测评人类别为空，应为${groupWords}之一`
          : `测评人类别「${groupText}」无法识别，应为${groupWords}之一（或其别名）`,
      );
      bad = true;
    }
    const dimText = table.text(r, "维度");
    const dimension = dimensionOf.get(valueKey(dimText));
    if (dimension === undefined) {
      diag.error(
        table.cell(r, "维度"),
        "unknownDimension",
        isBlank(dimText)
          ? `维度为空，应为${dimensionWords}之一`
          : `维度「${dimText}」无法识别，应为${dimensionWords}之一`,
      );
      bad = true;
    }
    const counts: number[] = [];
    for (const c of categories) {
      const n = readCount(table, r, c.name);
      if (n.kind === "count") counts.push(n.value);
      else if (n.kind === "blank") {
        diag.warning(table.cell(r, c.name), "blankVote", `「${c.name}」票数为空，按0票计`);
        counts.push(0);
      } else {
        diag.error(table.cell(r, c.name), "invalidVote", `「${c.name}」票数「${n.text}」不是非负整数`);
        bad = true;
      }
    }
    let abstain: number | null = null;
    if (hasAbstain) {
      const n = readCount(table, r, "弃权");
      if (n.kind === "count") abstain = n.value;
      else if (n.kind === "invalid") {
        diag.error(table.cell(r, "弃权"), "invalidVote", `弃权票数「${n.text}」不是非负整数`);
        bad = true;
      }
    }
    if (bad || group === undefined || dimension === undefined) continue;

    const res = resolveLeader(leaders, name, unit, byId ? id : null);
    if (res.kind !== "found") {
      if (leaders.read) {
        const who = byId ? `工号「${id}」` : `「${name}」（${unit}）`;
        diag.warning(
          table.rowCell(r),
          "unknownLeader",
          res.kind === "ambiguous"
            ? `${who}对应多名考核对象，请填写工号；此行不计入`
            : `${who}不在考核对象中，此行不计入`,
        );
      }
      continue;
    }
    const leader = res.leader;
    const gKey = leader.index * groups.length + groupIndex.get(group)!;
    const key = gKey * nDims + dimensionIndex.get(dimension)!;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      diag.error(
        table.rowCell(r),
        "duplicate",
        `与第${rowNumber(earlier)}行重复：同一考核对象、测评人类别（${group}）和维度（${dimension}）`,
      );
      continue;
    }
    seen.set(key, r);

    // Each ballot rates every dimension, so per group the number of ballots (abstentions included) is the same.
    const total = counts.reduce((a, b) => a + b, 0) + (abstain ?? 0);
    const first = totals.get(gKey);
    if (!first) totals.set(gKey, { total, row: r, dimension, warned: false });
    else if (!first.warned && first.total !== total) {
      first.warned = true;
      diag.warning(
        table.rowCell(r),
        "groupTotals",
        `${leader.name}的「${group}」票数合计各维度不一致：第${rowNumber(first.row)}行（${first.dimension}）${first.total}票，本行（${dimension}）${total}票；每张测评票应评全部维度`,
      );
    }

    votes.push({
      name: leader.name,
      unit: leader.unit,
      nameKey: leader.nameKey,
      unitKey: leader.unitKey,
      employeeId: leader.employeeId,
      group,
      dimension,
      counts,
      abstain,
      cell: table.rowCell(r),
    });
  }
  if (table.map.dataRows.length === 0) diag.warning(table.headerCell(), "noData", "民主测评表没有数据行");
  return { votes, map: table.map };
}

// ---------------------------------------------------------------------------------------------------------------
// 加减分

const ADJUSTMENT_KIND = new Map<string, "bonus" | "penalty">([
  ...ADJUSTMENT_TYPES.bonus.map((w) => [valueKey(w), "bonus"] as const),
  ...ADJUSTMENT_TYPES.penalty.map((w) => [valueKey(w), "penalty"] as const),
]);

function readAdjustments(
  grid: Grid,
  leaders: LeaderIndex,
  diag: Diagnostics,
): { items: AdjustmentItem[]; map: SheetMap | null } {
  const specs = [
    columnSpec("姓名", false),
    columnSpec("单位", true),
    columnSpec("类型", true),
    columnSpec("分值", true),
    columnSpec("事项", false),
    columnSpec("工号", false),
  ];
  const table = openTable(grid, specs, diag);
  if (!table) return { items: [], map: null };
  const items: AdjustmentItem[] = [];
  for (const r of table.map.dataRows) {
    let bad = false;
    const name = table.text(r, "姓名");
    const unit = table.text(r, "单位");
    const id = rowId(table, r);
    const byId = leaders.hasId && id !== null;
    if (isBlank(unit) && !byId) {
      diag.error(table.cell(r, "单位"), "blankUnit", "单位为空");
      bad = true;
    }
    const typeText = table.text(r, "类型");
    const kind = ADJUSTMENT_KIND.get(valueKey(typeText));
    if (!kind) {
      diag.error(
        table.cell(r, "类型"),
        "unknownType",
        isBlank(typeText) ? "类型为空，应为加分或减分" : `类型「${typeText}」无法识别，应为加分或减分`,
      );
      bad = true;
    }
    const valueCell = table.cell(r, "分值");
    const p = parseNumber(table.value(r, "分值"));
    let value: number | null = null;
    if (p.kind === "missing") {
      diag.error(valueCell, "blankValue", "分值为空");
      bad = true;
    } else if (p.kind === "invalid") {
      diag.error(valueCell, "invalidNumber", `分值「${p.text}」不是有效的数字`);
      bad = true;
    } else if (p.value < 0) {
      diag.error(valueCell, "outOfRange", `分值应为正数（${p.value}）；减分请在类型中填写「减分」`);
      bad = true;
    } else if (p.value === 0) {
      diag.warning(valueCell, "zeroValue", "分值为0，此项不计");
      bad = true;
    } else value = p.value;
    if (bad || !kind || value === null) continue;

    const item = table.text(r, "事项");
    const cell = table.rowCell(r);
    if (isBlank(name) && !byId) {
      const uk = nameKey(unit);
      if (leaders.read && !leaders.byUnit.has(uk)) {
        diag.warning(table.cell(r, "单位"), "unknownUnit", `单位「${unit}」没有考核对象，此项不计入`);
      }
      items.push({
        name: null,
        nameKey: null,
        unit,
        unitKey: uk,
        employeeId: null,
        kind,
        value,
        item,
        cell,
      });
      continue;
    }
    const res = resolveLeader(leaders, name, unit, byId ? id : null);
    if (res.kind === "found") {
      const l = res.leader;
      items.push({
        name: l.name,
        nameKey: l.nameKey,
        unit: l.unit,
        unitKey: l.unitKey,
        employeeId: l.employeeId,
        kind,
        value,
        item,
        cell,
      });
      continue;
    }
    if (leaders.read) {
      const who = byId ? `工号「${id}」` : `「${name}」（${unit}）`;
      diag.warning(
        table.rowCell(r),
        "unknownLeader",
        res.kind === "ambiguous"
          ? `${who}对应多名考核对象，请填写工号；此项不计入`
          : `${who}不在考核对象中，此项不计入`,
      );
    }
    // Kept as written: it matches no leader, so it changes no score, but it stays visible in the input.
    items.push({
      name,
      nameKey: nameKey(name),
      unit,
      unitKey: nameKey(unit),
      employeeId: id,
      kind,
      value,
      item,
      cell,
    });
  }
  return { items, map: table.map };
}

// ---------------------------------------------------------------------------------------------------------------
// Cross-sheet coverage

function checkCoverage(
  leaders: LeaderIndex,
  sheet: string,
  units: {
    unitKeys: Set<string>;
    rows: { unit: string; unitKey: string }[];
    cells: string[];
  } | null,
  skipGuides: boolean,
  diag: Diagnostics,
): void {
  if (!units || !leaders.read) return;
  const warned = new Set<string>();
  const consequence = sheet === SHEETS.economic ? "经营业绩按缺失处理" : "重点工作、党的建设、安全稳定按缺失处理";
  for (const l of leaders.leaders) {
    if (skipGuides && l.mode === "党建工作指导员") continue;
    if (units.unitKeys.has(l.unitKey) || warned.has(l.unitKey)) continue;
    warned.add(l.unitKey);
    diag.warning(
      leaders.unitCells[l.index],
      "unitMissing",
      `单位「${l.unit}」在「${sheet}」中没有数据，${consequence}`,
    );
  }
  units.rows.forEach((u, i) => {
    if (!leaders.byUnit.has(u.unitKey)) {
      diag.warning(
        units.cells[i],
        "unitWithoutLeader",
        `单位「${u.unit}」在「考核对象」中没有考核对象，此行不参与计算`,
      );
    }
  });
}

function coverageOf(rows: UnitRows<{ unit: string; unitKey: string }>) {
  return {
    unitKeys: new Set(rows.units.map((u) => u.unitKey)),
    rows: rows.units,
    cells: rows.unitCells,
  };
}

// ---------------------------------------------------------------------------------------------------------------

export function readWorkbook(book: GridBook, method: Method): ReadResult {
  const diag = new Diagnostics();
  const sheetOrder = book.map((g) => g.name);
  const byName = new Map<string, Grid>();
  for (const g of book) {
    const n = g.name.trim();
    if (!byName.has(n)) byName.set(n, g);
  }
  for (const s of REQUIRED_SHEETS) {
    if (!byName.has(s)) diag.error(s, "missingSheet", `缺少工作表「${s}」`);
  }
  const sheets: Partial<Record<StandardSheet, SheetMap>> = {};

  const leadersGrid = byName.get(SHEETS.leaders);
  let leaders = emptyIndex();
  if (leadersGrid) {
    const table = openTable(
      leadersGrid,
      [
        columnSpec("姓名", true),
        columnSpec("单位", true),
        columnSpec("职务", true),
        columnSpec("任职模式", false),
        columnSpec("工号", false),
      ],
      diag,
    );
    if (table) {
      leaders = readLeaders(table, diag);
      sheets[SHEETS.leaders] = table.map;
    }
  }

  const econGrid = byName.get(SHEETS.economic);
  const economics = econGrid ? readEconomics(econGrid, method, diag) : null;
  if (economics?.map) sheets[SHEETS.economic] = economics.map;

  const workGrid = byName.get(SHEETS.work);
  const work = workGrid ? readWork(workGrid, method, diag) : null;
  if (work?.map) sheets[SHEETS.work] = work.map;

  const votesGrid = byName.get(SHEETS.votes);
  const votes = votesGrid ? readVotes(votesGrid, method, leaders, diag) : null;
  if (votes?.map) sheets[SHEETS.votes] = votes.map;

  const adjGrid = byName.get(SHEETS.adjustments);
  const adjustments = adjGrid ? readAdjustments(adjGrid, leaders, diag) : null;
  if (adjustments?.map) sheets[SHEETS.adjustments] = adjustments.map;

  const qualGrid = byName.get(SHEETS.qualification);
  const qualification = qualGrid ? readQualification(qualGrid, diag) : null;
  if (qualification?.map) sheets[SHEETS.qualification] = qualification.map;

  checkCoverage(leaders, SHEETS.economic, economics?.map ? coverageOf(economics) : null, true, diag);
  checkCoverage(leaders, SHEETS.work, work?.map ? coverageOf(work) : null, false, diag);

  // Missing sheets have no tab: they sort after the present ones, in the standard order.
  const order = [...sheetOrder, ...STANDARD_ORDER.filter((s) => !byName.has(s))];
  return {
    input: {
      leaders: leaders.leaders,
      economics: economics?.units ?? [],
      work: work?.units ?? [],
      votes: votes?.votes ?? [],
      adjustments: adjustments?.items ?? [],
      candidates: qualification ? qualification.candidates : null,
      sheetOrder,
      sheets,
    },
    errors: sortDiagnostics(diag.errors, order),
    warnings: sortDiagnostics(diag.warnings, order),
  };
}

/**
 * A small reader of the standard workbook (docs/method.md §1), written for the self-check of writeCase.ts: it reads
 * a generated workbook back into a clean case, so that oracle(readBack(workbook)) = oracle(case) shows every
 * layout variant carries the case under this reading of §1. Independent of src/workbook. Strict: anything it
 * does not understand throws, naming the cell.
 *
 * Merged cells read as Office.js gives them (the value in the top-left cell, the others empty) or, with
 * `mergedAs: "master"`, as ExcelJS gives them (every cell of the merge holds the top-left value).
 */
import type ExcelJS from "exceljs";
import type {
  BallotLine,
  CaseAdjust,
  CaseBallot,
  CaseBallots,
  CaseCandidate,
  CaseDecision,
  CaseLeader,
  CasePersonal,
  CaseTurnout,
  CaseVote,
  CaseWork,
  CleanCase,
  Num,
  OracleMethod,
  QualCell,
} from "./case";
import { OVERALL_ITEM, QUAL_COLUMNS } from "./case";
import { GROUP_COLUMNS } from "./generate";
import { dimensionOf, mergeMethod, ruleOf } from "./oracle";
import { fold, isMissingText, normHeader, normName, parseNumberText } from "./text";

type V = string | number | boolean | Date | null;
type Grid = V[][];

export type MergedAs = "empty" | "master";

function cellValue(cell: ExcelJS.Cell, mergedAs: MergedAs): V {
  if (mergedAs === "empty" && cell.isMerged && cell.master.address !== cell.address) return null;
  const v = cell.value as unknown;
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean" || v instanceof Date) return v;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join("");
  if ("result" in o) return (o.result as V) ?? null;
  if ("error" in o) return String(o.error);
  if ("text" in o) return String(o.text);
  return String(v);
}

function gridOf(ws: ExcelJS.Worksheet, mergedAs: MergedAs): Grid {
  const g: Grid = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row: V[] = [];
    for (let c = 1; c <= ws.columnCount; c++) row.push(cellValue(ws.getCell(r, c), mergedAs));
    g.push(row);
  }
  return g;
}

const addr = (sheet: string, r: number, c: number): string => {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return `${sheet}!${s}${r + 1}`;
};

const isEmpty = (v: V): boolean => v === null || (typeof v === "string" && fold(v).trim() === "");
const text = (v: V): string => (v === null ? "" : v instanceof Date ? v.toISOString() : String(v));

function isNonData(row: V[]): boolean {
  const first = row.find((v) => !isEmpty(v));
  if (first === undefined) return true;
  const t = normName(text(first));
  return ["合计", "小计", "总计"].includes(t) || /^(注|说明|备注)/.test(t);
}

interface Table {
  sheet: string;
  header: number;
  /** Canonical key → column. */
  cols: Map<string, number>;
  rows: number[];
  grid: Grid;
}

function findHeader(sheet: string, grid: Grid, required: string[]): number {
  for (let r = 0; r < Math.min(10, grid.length); r++) {
    const heads = new Set(grid[r]!.map((v) => normHeader(text(v))));
    if (required.every((h) => heads.has(h))) return r;
  }
  throw new Error(`${sheet}: no header row with ${required.join(", ")}`);
}

function table(
  sheet: string,
  grid: Grid,
  required: string[],
  keyOf: (h: string) => string | undefined,
  firstData?: number,
): Table {
  const header = findHeader(sheet, grid, required);
  const cols = new Map<string, number>();
  grid[header]!.forEach((v, c) => {
    const k = keyOf(normHeader(text(v)));
    if (k === undefined) return;
    if (cols.has(k)) throw new Error(`${addr(sheet, header, c)}: duplicate column ${k}`);
    cols.set(k, c);
  });
  const rows: number[] = [];
  for (let r = firstData ?? header + 1; r < grid.length; r++) if (!isNonData(grid[r]!)) rows.push(r);
  return { sheet, header, cols, rows, grid };
}

const get = (t: Table, r: number, key: string): V => {
  const c = t.cols.get(key);
  return c === undefined ? null : (t.grid[r]![c] ?? null);
};

function num(t: Table, r: number, key: string): Num {
  const v = get(t, r, key);
  if (v === null) return null;
  if (typeof v === "number") return v;
  if (typeof v === "string") {
    if (isMissingText(v)) return null;
    const n = parseNumberText(v);
    if (n !== undefined) return n;
  }
  throw new Error(`${addr(t.sheet, r, t.cols.get(key)!)}: not a number: ${text(v)}`);
}

function str(t: Table, r: number, key: string): string | null {
  const v = get(t, r, key);
  return isEmpty(v) ? null : fold(text(v)).trim();
}

function voteCount(t: Table, r: number, key: string, optional: boolean): number | null {
  const n = num(t, r, key);
  if (n === null) {
    if (optional) return null;
    throw new Error(`${addr(t.sheet, r, t.cols.get(key)!)}: votes missing`);
  }
  if (!Number.isInteger(n) || n < 0) throw new Error(`${addr(t.sheet, r, t.cols.get(key)!)}: not a vote count`);
  return n;
}

function indicatorByName(method: OracleMethod, name: string): string | undefined {
  const k = normHeader(name);
  return method.economic.indicators.find((i) => normHeader(i.name) === k || i.aliases.some((a) => normHeader(a) === k))
    ?.name;
}

const TARGET_WORDS = ["目标", "目标值", "计划"];
const ACTUAL_WORDS = ["完成", "完成值", "实际", "实际完成"];

/** One-row form: `{指标}目标值`, joined by -, _, ：, a space or parentheses; units in parentheses dropped. */
function oneRowHeader(method: OracleMethod, raw: string): [string, "T" | "A"] | undefined {
  const s = fold(raw).replace(/\s+/g, "");
  let m = /^(.*)\((目标值|完成值)\)$/.exec(s);
  if (!m) m = /^(.*?)[-_:]?(目标值|完成值)$/.exec(s.replace(/\([^()]*\)/g, ""));
  if (!m) return undefined;
  const ind = indicatorByName(method, m[1]!.replace(/[-_:]$/, ""));
  return ind ? [ind, m[2] === "目标值" ? "T" : "A"] : undefined;
}

function economicTable(sheet: string, grid: Grid, method: OracleMethod): Table {
  const header = findHeader(sheet, grid, ["单位"]);
  const upper = grid[header]!;
  const lower = grid[header + 1] ?? [];
  const twoRow = lower.some((v) => [...TARGET_WORDS, ...ACTUAL_WORDS].includes(normHeader(text(v))));
  const cols = new Map<string, number>();
  upper.forEach((v, c) => {
    if (normHeader(text(v)) === "单位") cols.set("单位", c);
  });
  if (twoRow) {
    lower.forEach((v, c) => {
      const w = normHeader(text(v));
      const kind = TARGET_WORDS.includes(w) ? "T" : ACTUAL_WORDS.includes(w) ? "A" : undefined;
      if (!kind) return;
      const above = !isEmpty(upper[c] ?? null) ? upper[c]! : (upper[c - 1] ?? null);
      const ind = indicatorByName(method, text(above));
      if (ind) cols.set(`${ind}|${kind}`, c);
    });
  } else {
    upper.forEach((v, c) => {
      const h = oneRowHeader(method, text(v));
      if (h) cols.set(`${h[0]}|${h[1]}`, c);
    });
  }
  const rows: number[] = [];
  for (let r = header + (twoRow ? 2 : 1); r < grid.length; r++) if (!isNonData(grid[r]!)) rows.push(r);
  return { sheet, header, cols, rows, grid };
}

/** Reads a workbook written by writeCase.ts back into a clean case (method overrides passed separately). */
export function readBack(
  wb: ExcelJS.Workbook,
  methodPatch?: CleanCase["method"],
  referenceDate?: string | null,
  mergedAs: MergedAs = "empty",
): CleanCase {
  const method = mergeMethod(methodPatch);
  const sheet = (name: string): Grid | undefined => {
    const ws = wb.getWorksheet(name);
    return ws ? gridOf(ws, mergedAs) : undefined;
  };
  const need = (name: string): Grid => {
    const g = sheet(name);
    if (!g) throw new Error(`sheet ${name} missing`);
    return g;
  };

  const simple = (h: string) => h;
  const lt = table("考核对象", need("考核对象"), ["姓名", "单位", "职务"], simple);
  const leaders: CaseLeader[] = lt.rows.map((r) => {
    const l: CaseLeader = { name: str(lt, r, "姓名")!, unit: str(lt, r, "单位")!, position: str(lt, r, "职务") ?? "" };
    const mode = str(lt, r, "任职模式");
    l.mode = (mode as CaseLeader["mode"]) ?? null;
    if (lt.cols.has("工号")) l.id = str(lt, r, "工号");
    // §10.3: the quota group column and the other group columns a generated 考核对象 may carry
    const groupCols = [...Object.keys(GROUP_COLUMNS), method.grades.quotaGroupColumn].filter(
      (k): k is string => k !== null && lt.cols.has(normHeader(k)),
    );
    for (const k of groupCols) l.columns = { ...l.columns, [k]: str(lt, r, normHeader(k)) };
    return l;
  });

  const et = economicTable("经营业绩", need("经营业绩"), method);
  const economic: CleanCase["economic"] = {};
  for (const r of et.rows) {
    const unit = str(et, r, "单位");
    if (!unit) throw new Error(`${addr("经营业绩", r, et.cols.get("单位")!)}: no unit`);
    const e: Record<string, [Num, Num]> = {};
    for (const ind of method.economic.indicators)
      e[ind.name] = [num(et, r, `${ind.name}|T`), num(et, r, `${ind.name}|A`)];
    economic[unit] = e;
  }

  const wt = table("工作评价", need("工作评价"), ["单位"], simple);
  const work: CleanCase["work"] = {};
  const workValue = (r: number, k: string): number | string | null => {
    const v = get(wt, r, k);
    if (typeof v === "string" && !isMissingText(v) && parseNumberText(v) === undefined) {
      const word = Object.keys(method.ratings).find((w) => normName(w) === normName(v));
      if (!word) throw new Error(`${addr("工作评价", r, wt.cols.get(k)!)}: not a rating: ${v}`);
      return word;
    }
    return num(wt, r, k);
  };
  for (const r of wt.rows) {
    const w: CaseWork = {
      重点工作: workValue(r, "重点工作"),
      党的建设: workValue(r, "党的建设"),
      安全稳定: workValue(r, "安全稳定"),
    };
    const veto = str(wt, r, "否决事项");
    w.否决事项 = veto === null || isMissingText(veto) ? null : veto;
    work[str(wt, r, "单位")!] = w;
  }

  const vg = sheet("民主测评");
  const votes = vg ? readVotes(vg, method) : [];

  const c: CleanCase = { leaders, economic, work, votes };
  if (methodPatch) c.method = methodPatch;
  if (referenceDate) c.referenceDate = referenceDate;
  const ag = sheet("加减分");
  if (ag) {
    const at = table("加减分", ag, ["单位", "类型", "分值"], simple);
    c.adjust = at.rows.map((r) => {
      const type = normName(str(at, r, "类型") ?? "");
      if (type !== "加分" && type !== "减分") throw new Error(`${addr("加减分", r, at.cols.get("类型")!)}: bad type`);
      const value = num(at, r, "分值");
      if (value === null || value <= 0) throw new Error(`${addr("加减分", r, at.cols.get("分值")!)}: bad value`);
      const name = str(at, r, "姓名");
      const a: CaseAdjust = {
        name: name && normName(name) !== "" ? name : null,
        unit: str(at, r, "单位")!,
        type,
        value,
      };
      const item = str(at, r, "事项");
      if (item) a.item = item;
      if (at.cols.has("工号")) a.id = str(at, r, "工号");
      return a;
    });
  }
  const pg = sheet("个人情况");
  if (pg) {
    const pt = table("个人情况", pg, ["姓名", "单位", "情形"], simple);
    c.personal = pt.rows.map((r) => {
      const kind = str(pt, r, "情形") ?? "";
      if (!ruleOf(method, kind)) throw new Error(`${addr("个人情况", r, pt.cols.get("情形")!)}: unknown 情形 ${kind}`);
      const days = num(pt, r, "天数");
      if (days !== null && days < 0) throw new Error(`${addr("个人情况", r, pt.cols.get("天数")!)}: negative 天数`);
      const row: CasePersonal = { name: str(pt, r, "姓名")!, unit: str(pt, r, "单位")!, kind, days };
      if (pt.cols.has("工号")) row.id = str(pt, r, "工号");
      return row;
    });
  }
  const bg = sheet("测评票");
  if (bg) {
    c.ballots = readBallots(bg, method);
    const tg = sheet("测评组织");
    if (tg) c.ballots.turnout = readTurnout(tg);
  }
  const dg = sheet("组织决定");
  if (dg) {
    const head = (h: string) => (h === "决定等次" || h === "确定等次" ? "等次" : h === "决定依据" ? "依据" : h);
    const dt = table("组织决定", dg, ["姓名"], head);
    if (!dt.cols.has("等次")) throw new Error("组织决定: no column 等次");
    c.decisions = dt.rows.map((r) => {
      const d: CaseDecision = {
        name: str(dt, r, "姓名")!,
        unit: str(dt, r, "单位") ?? "",
        grade: str(dt, r, "等次") ?? "",
      };
      if (dt.cols.has("工号")) d.id = str(dt, r, "工号");
      if (!dt.cols.has("单位")) {
        const l = leaders.find((x) => x.id && x.id === d.id);
        if (!l) throw new Error(`${addr("组织决定", r, dt.cols.get("工号")!)}: no leader with 工号 ${d.id}`);
        d.unit = l.unit;
      }
      d.basis = str(dt, r, "依据");
      return d;
    });
  }
  const qg = sheet("资质审查");
  if (qg) {
    const qt = table("资质审查", qg, ["姓名"], simple);
    c.qualification = qt.rows.map((r) => {
      const cand: CaseCandidate = {};
      for (const k of QUAL_COLUMNS) {
        const v = get(qt, r, k);
        let q: QualCell;
        if (v instanceof Date) q = { date: v.toISOString().slice(0, 10) };
        else if (typeof v === "number") q = v;
        else if (v === null) q = null;
        else q = k === "姓名" || k === "单位" ? fold(String(v)).trim() : String(v);
        cand[k] = q;
      }
      return cand;
    });
  }
  return c;
}

// ───────────────────────────── 民主测评 (long and wide) ─────────────────────────────

function categoryIndex(method: OracleMethod, word: string): number {
  const h = normHeader(word);
  return method.democratic.categories.findIndex(
    (x) => normHeader(x.name) === h || x.aliases.some((a) => normHeader(a) === h),
  );
}

function canonicalGroup(method: OracleMethod, t: Table, r: number): string {
  const g = normName(str(t, r, "测评人类别") ?? "");
  const dm = method.democratic;
  const group = dm.groups.find((x) => normName(x.name) === g || x.aliases.some((a) => normName(a) === g));
  if (!group) throw new Error(`${addr(t.sheet, r, t.cols.get("测评人类别")!)}: unknown group ${g}`);
  return group.name;
}

/** 民主测评 as §1 has it: the long form, or the wide form with one or two header rows (one vote row per row × item). */
export function readVotes(grid: Grid, method: OracleMethod): CaseVote[] {
  const header = findHeader("民主测评", grid, ["姓名", "单位", "测评人类别"]);
  const heads = grid[header]!.map((v) => normHeader(text(v)));
  if (heads.includes("维度")) {
    const catKey = (h: string): string | undefined => {
      const k = categoryIndex(method, h);
      return k >= 0 ? `cat:${k}` : h;
    };
    const vt = table("民主测评", grid, ["姓名", "单位", "测评人类别", "维度"], catKey);
    for (let k = 0; k < 4; k++) if (!vt.cols.has(`cat:${k}`)) throw new Error(`民主测评: no column for category ${k}`);
    return vt.rows.map((r) => {
      const group = canonicalGroup(method, vt, r);
      const dim = normName(str(vt, r, "维度") ?? "");
      if (dimensionOf(method, dim) === undefined)
        throw new Error(`${addr("民主测评", r, vt.cols.get("维度")!)}: unknown dimension ${dim}`);
      const n = [0, 1, 2, 3].map((k) => voteCount(vt, r, `cat:${k}`, false)!) as CaseVote["n"];
      const v: CaseVote = { name: str(vt, r, "姓名")!, unit: str(vt, r, "单位")!, group, dim, n };
      if (vt.cols.has("弃权")) v.abstain = voteCount(vt, r, "弃权", true);
      if (vt.cols.has("工号")) v.id = str(vt, r, "工号");
      return v;
    });
  }
  // wide: item × category columns
  const upper = grid[header]!;
  const lower = grid[header + 1] ?? [];
  const isCat = (v: V) => {
    const h = normHeader(text(v));
    return h === "弃权" || categoryIndex(method, h) >= 0;
  };
  const twoRow = lower.filter(isCat).length >= 4;
  const cols = new Map<string, number>();
  upper.forEach((v, c) => {
    const h = normHeader(text(v));
    if (["姓名", "单位", "测评人类别", "工号"].includes(h)) cols.set(h, c);
  });
  /** item → [category 0..3, 弃权 as 4] → column */
  const itemCols = new Map<string, Map<number, number>>();
  const put = (item: string, k: number, c: number, where: string) => {
    const key = normName(item);
    if (dimensionOf(method, key) === undefined) throw new Error(`${where}: unknown dimension ${item}`);
    let m = itemCols.get(key);
    if (!m) itemCols.set(key, (m = new Map()));
    if (m.has(k)) throw new Error(`${where}: duplicate column`);
    m.set(k, c);
  };
  const catOf = (w: string) => (normHeader(w) === "弃权" ? 4 : categoryIndex(method, w));
  if (twoRow) {
    lower.forEach((v, c) => {
      if (!isCat(v)) return;
      let d = c;
      while (d >= 0 && isEmpty(upper[d] ?? null)) d--;
      if (d < 0) throw new Error(`${addr("民主测评", header + 1, c)}: no dimension above`);
      put(text(upper[d]!), catOf(text(v)), c, addr("民主测评", header, c));
    });
  } else {
    const words = [...method.democratic.categories.flatMap((x) => [x.name, ...x.aliases]), "弃权"].sort(
      (a, b) => b.length - a.length,
    );
    const alt = words.join("|");
    upper.forEach((v, c) => {
      const h = fold(text(v)).replace(/\s+/g, "");
      const m = new RegExp(`^(.+?)\\((${alt})\\)$`).exec(h) ?? new RegExp(`^(.+?)-?(${alt})$`).exec(h);
      if (!m || dimensionOf(method, normName(m[1]!)) === undefined) return;
      put(m[1]!, catOf(m[2]!), c, addr("民主测评", header, c));
    });
  }
  const t: Table = { sheet: "民主测评", header, cols, rows: [], grid };
  for (let r = header + (twoRow ? 2 : 1); r < grid.length; r++) if (!isNonData(grid[r]!)) t.rows.push(r);
  const votes: CaseVote[] = [];
  for (const r of t.rows) {
    const group = canonicalGroup(method, t, r);
    for (const [item, m] of itemCols) {
      for (let k = 0; k < 4; k++) if (!m.has(k)) throw new Error(`民主测评: ${item} has no column for category ${k}`);
      const cells = [0, 1, 2, 3].map((k) => grid[r]![m.get(k)!] ?? null);
      if (cells.every(isEmpty)) continue;
      const count = (c: number): number => {
        const one: Table = { ...t, cols: new Map([["x", c]]) };
        return voteCount(one, r, "x", false)!;
      };
      const v: CaseVote = {
        name: str(t, r, "姓名")!,
        unit: str(t, r, "单位")!,
        group,
        dim: item,
        n: [0, 1, 2, 3].map((k) => count(m.get(k)!)) as CaseVote["n"],
      };
      if (m.has(4)) {
        const one: Table = { ...t, cols: new Map([["x", m.get(4)!]]) };
        v.abstain = voteCount(one, r, "x", true);
      }
      if (cols.has("工号")) v.id = str(t, r, "工号");
      votes.push(v);
    }
  }
  return votes;
}

// ───────────────────────────── 测评票 and 测评组织 (§11) ─────────────────────────────

/** The item (a dimension, or OVERALL_ITEM) a header word names, or undefined. */
function itemOf(method: OracleMethod, word: string): string | undefined {
  const d = dimensionOf(method, normName(word));
  if (d === undefined) return undefined;
  return d in method.democratic.dimensions ? d : OVERALL_ITEM;
}

const markOf = (v: V): string | null => (isEmpty(v) ? null : fold(text(v)).trim());

/** 测评票 in the long or the wide form (docs/method.md §11.1), as a case's ballots (turnout read separately). */
export function readBallots(grid: Grid, method: OracleMethod): CaseBallots {
  const header = findHeader("测评票", grid, ["单位", "测评人类别"]);
  const heads = grid[header]!.map((v) => normHeader(text(v)));
  const ballots = new Map<string, CaseBallot>();
  const ballotOf = (unit: string, no: number | string, group: string, where: string): CaseBallot => {
    const key = `${normName(unit)}|${normName(String(no))}`;
    let b = ballots.get(key);
    if (!b) ballots.set(key, (b = { unit, no, group, lines: [] }));
    else if (normName(b.group) !== normName(group)) throw new Error(`${where}: a ballot in two groups`);
    return b;
  };
  const noOf = (v: V): number | string => (typeof v === "number" ? v : fold(text(v)).trim());
  let overallWord: string | undefined;
  const itemsSeen = new Set<string>();
  if (heads.includes("姓名")) {
    const t = table("测评票", grid, ["票号", "单位", "测评人类别", "姓名"], (h) => itemOf(method, h) ?? h);
    grid[header]!.forEach((v) => {
      const item = itemOf(method, normHeader(text(v)));
      if (item) itemsSeen.add(item);
      if (item === OVERALL_ITEM) overallWord = normHeader(text(v));
    });
    for (const r of t.rows) {
      const b = ballotOf(str(t, r, "单位")!, noOf(get(t, r, "票号")), str(t, r, "测评人类别")!, addr("测评票", r, 0));
      const marks: Record<string, string | null> = {};
      for (const item of itemsSeen) marks[item] = markOf(get(t, r, item));
      b.lines.push({ name: str(t, r, "姓名")!, marks });
    }
    return {
      form: "long",
      items: order(method, itemsSeen),
      ...(overallWord ? { overallWord } : {}),
      ballots: [...ballots.values()],
    };
  }
  const idCol = heads.indexOf("票号") >= 0 ? heads.indexOf("票号") : heads.indexOf("序号");
  if (idCol < 0) throw new Error("测评票: no 票号 or 序号");
  const unitCol = heads.indexOf("单位");
  const groupCol = heads.indexOf("测评人类别");
  const itemWords = [
    ...Object.keys(method.democratic.dimensions),
    method.democratic.overall.name,
    ...method.democratic.overall.aliases,
  ]
    .map(normName)
    .sort((a, b) => b.length - a.length)
    .join("|");
  const answers: { col: number; name: string; item: string }[] = [];
  grid[header]!.forEach((v, c) => {
    const h = fold(text(v)).trim();
    const m = new RegExp(`^(.+?)(?:[-_·/ ](${itemWords})|\\((${itemWords})\\))$`).exec(h);
    if (!m) return;
    const word = m[2] ?? m[3]!;
    const item = itemOf(method, word)!;
    itemsSeen.add(item);
    if (item === OVERALL_ITEM) overallWord = word;
    answers.push({ col: c, name: normName(m[1]!), item });
  });
  for (let r = header + 1; r < grid.length; r++) {
    const row = grid[r]!;
    if (isNonData(row)) continue;
    const unit = fold(text(row[unitCol] ?? null)).trim();
    const b = ballotOf(unit, noOf(row[idCol] ?? null), fold(text(row[groupCol] ?? null)).trim(), addr("测评票", r, 0));
    const byName = new Map<string, BallotLine>();
    for (const a of answers) {
      const mark = markOf(row[a.col] ?? null);
      let line = byName.get(a.name);
      if (!line) byName.set(a.name, (line = { name: a.name, marks: {} }));
      line.marks[a.item] = mark;
    }
    for (const line of byName.values()) if (Object.values(line.marks).some((m) => m !== null)) b.lines.push(line);
  }
  return {
    form: "wide",
    items: order(method, itemsSeen),
    ...(overallWord ? { overallWord } : {}),
    ballots: [...ballots.values()],
  };
}

function order(method: OracleMethod, items: Set<string>): string[] {
  return [...Object.keys(method.democratic.dimensions), OVERALL_ITEM].filter((i) => items.has(i));
}

export function readTurnout(grid: Grid): CaseTurnout[] {
  const t = table("测评组织", grid, ["单位", "测评人类别", "应到人数"], (h) => h);
  return t.rows.map((r) => {
    const expected = num(t, r, "应到人数");
    if (expected === null) throw new Error(`${addr("测评组织", r, t.cols.get("应到人数")!)}: 应到人数 missing`);
    const row: CaseTurnout = { unit: str(t, r, "单位")!, group: str(t, r, "测评人类别")!, expected };
    if (t.cols.has("实到人数")) row.present = num(t, r, "实到人数");
    return row;
  });
}

/** The 民主测评 of a workbook (for the tally's output, read independently of the product). */
export function readVotesOf(
  wb: ExcelJS.Workbook,
  methodPatch?: CleanCase["method"],
  mergedAs: MergedAs = "empty",
): CaseVote[] {
  const ws = wb.getWorksheet("民主测评");
  if (!ws) throw new Error("no sheet 民主测评");
  return readVotes(gridOf(ws, mergedAs), mergeMethod(methodPatch));
}

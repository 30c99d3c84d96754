/**
 * Generated cases with one faulty 个人情况 row (docs/method.md §10.1): an unknown 情形, a 天数 that is not a
 * non-negative number, or a row for a person who is not in 考核对象. Each is an error at one cell (the 情形,
 * 天数 or 姓名 cell); `cellOf` finds that cell in the workbook the random-layout writer made of the case.
 */
import type ExcelJS from "exceljs";
import type { CasePersonal, CleanCase } from "./case";
import { generateCase } from "./generate";
import { mergeMethod, ruleOf } from "./oracle";
import { Rng } from "./prng";
import { normName } from "./text";

export type PersonalFault = "unknownKind" | "badDays" | "unknownLeader";
export const PERSONAL_FAULTS: PersonalFault[] = ["unknownKind", "badDays", "unknownLeader"];

const NOT_RULES = ["记功", "通报表扬", "诫勉谈活", "停职检查", "年度考核优秀", "警告"];
const BAD_DAYS = ["约200", "两个月", "-3", "183天", "#N/A", "半年", "−15"];
const STRANGERS = ["欧阳明远", "司马长风", "诸葛文斌", "上官海燕", "皇甫立新"];

export interface FaultyPersonalCase {
  c: CleanCase;
  fault: PersonalFault;
  /** The faulty row's value in the cell the error must name (情形, 天数 or 姓名). */
  value: string;
}

/** A valid §10 case (seed) with one faulty 个人情况 row inserted at random. */
export function faultyPersonalCase(seed: number, fault: PersonalFault): FaultyPersonalCase {
  const c = generateCase(seed, { section10: true, maxLeaders: 12, qualification: false });
  const rng = new Rng(seed * 977 + PERSONAL_FAULTS.indexOf(fault));
  const method = mergeMethod(c.method);
  const words = method.personal.rules.flatMap((r) => [r.name, ...r.aliases]);
  const l = rng.pick(c.leaders);
  const row: CasePersonal = { name: l.name, unit: l.unit, kind: rng.pick(words), days: null };
  if (l.id) row.id = l.id;
  let value: string;
  if (fault === "unknownKind") {
    row.kind = value = rng.pick(NOT_RULES.filter((w) => !ruleOf(method, w)));
  } else if (fault === "badDays") {
    row.days = value = rng.pick(BAD_DAYS);
  } else {
    const names = new Set(c.leaders.map((x) => normName(x.name)));
    row.name = value = rng.pick(STRANGERS.filter((n) => !names.has(normName(n))));
    if (l.id) row.id = `X${seed}${rng.int(100, 999)}`; // nobody's 工号 either
  }
  const rows = c.personal ?? [];
  rows.splice(rng.int(0, rows.length), 0, row);
  c.personal = rows;
  return { c, fault, value };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object" && "richText" in v) return v.richText.map((r) => r.text).join("");
  return String(v);
}

/** The A1 address (`个人情况!C7`) of the faulty value in the workbook written from the case. */
export function cellOf(wb: ExcelJS.Workbook, f: FaultyPersonalCase): string {
  const ws = wb.getWorksheet("个人情况");
  if (!ws) throw new Error("no sheet 个人情况");
  const found: string[] = [];
  ws.eachRow((r) =>
    r.eachCell((cell) => {
      const t = cellText(cell.value);
      const hit = f.fault === "badDays" ? t === f.value : normName(t) === normName(f.value);
      if (hit) found.push(cell.address);
    }),
  );
  if (found.length !== 1) throw new Error(`the faulty value ${f.value} is in ${found.length} cells`);
  return `个人情况!${found[0]}`;
}

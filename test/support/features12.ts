/**
 * Which docs/method.md §12 features a clean case exercises (as the oracle computes it), and which header forms the
 * random-layout writer gave its 组织决定 sheet: for the coverage test of the §12 differential seeds and for
 * counting them.
 */
import type ExcelJS from "exceljs";
import type { CleanCase } from "./case";
import { gradeOf, oracleDetails } from "./oracle";
import { normHeader } from "./text";

export const SECTION12_FEATURES = [
  "dec:sheet",
  "dec:emptySheet",
  "dec:quotaTie",
  "dec:quotaTieAllExcellent",
  "dec:voteFlag",
  "dec:voteFlagKept",
  "dec:excellentQuotaRaised",
  "dec:sameAsComputed",
  "dec:raises",
  "dec:lowers",
  "dec:overQuota",
  "dec:overQuotaInGroup",
  "dec:byId",
  "dec:gradeWithSpaces",
  "dec:noBasis",
  "dec:grade:优秀",
  "dec:grade:称职",
  "dec:grade:基本称职",
  "dec:grade:不称职",
] as const;

const ORDER = ["优秀", "称职", "基本称职", "不称职"];

export function section12Features(c: CleanCase): Set<string> {
  const f = new Set<string>();
  if (!c.decisions) return f;
  f.add(c.decisions.length === 0 ? "dec:emptySheet" : "dec:sheet");
  const before = oracleDetails({ ...c, decisions: undefined });
  const after = oracleDetails(c);
  const m = after.method;
  for (const d of c.decisions) {
    const i = c.leaders.findIndex((l) => (d.id && l.id ? d.id === l.id : l.name === d.name && l.unit === d.unit));
    const x = before.leaders[i]!;
    const g = gradeOf(m, d.grade)!;
    f.add(`dec:grade:${g}`);
    if (d.id) f.add("dec:byId");
    if (d.grade !== g) f.add("dec:gradeWithSpaces");
    if (!d.basis) f.add("dec:noBasis");
    if (x.flags.includes("quotaTie")) f.add("dec:quotaTie");
    if (x.flags.includes("excellentQuota") && g === "优秀") f.add("dec:excellentQuotaRaised");
    const voteFlag = x.flags.includes("unfitVotes") || x.flags.includes("lowCompetentVotes");
    if (voteFlag && m.grades.voteCaps === "flag") f.add(g === x.grade ? "dec:voteFlagKept" : "dec:voteFlag");
    const delta = ORDER.indexOf(g) - ORDER.indexOf(x.grade!);
    f.add(delta === 0 ? "dec:sameAsComputed" : delta < 0 ? "dec:raises" : "dec:lowers");
  }
  for (const g of before.groups) {
    const tied = before.leaders.filter((x) => x.group === g.key && x.flags.includes("quotaTie"));
    if (tied.length > 0 && tied.every((x) => after.leaders[x.index]!.grade === "优秀"))
      f.add("dec:quotaTieAllExcellent");
  }
  if (after.overQuota.length > 0) f.add("dec:overQuota");
  if (after.overQuota.length > 0 && m.grades.quotaGroupColumn !== null) f.add("dec:overQuotaInGroup");
  return f;
}

export const SECTION12_LAYOUTS = [
  "head:等次",
  "head:决定等次",
  "head:确定等次",
  "head:等次(…)",
  "head:决定依据",
  "col:原等次",
  "col:工号",
] as const;

/** The header forms of the 组织决定 sheet the writer made. */
export function section12Layout(wb: ExcelJS.Workbook): Set<string> {
  const f = new Set<string>();
  const ws = wb.getWorksheet("组织决定");
  if (!ws) return f;
  ws.eachRow((r) =>
    r.eachCell((cell) => {
      const raw = typeof cell.value === "string" ? cell.value : "";
      const h = normHeader(raw);
      if (h === "等次") f.add(/[（(]/.test(raw) ? "head:等次(…)" : "head:等次");
      if (h === "决定等次" || h === "确定等次") f.add(`head:${h}`);
      if (h === "决定依据") f.add("head:决定依据");
      if (h === "原等次") f.add("col:原等次");
      if (h === "工号") f.add("col:工号");
    }),
  );
  return f;
}

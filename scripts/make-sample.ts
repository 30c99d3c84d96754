/**
 * Writes assets/sample.xlsx — the demonstration workbook that `npm run demo` scores.
 *
 *   npx tsx scripts/make-sample.ts [out.xlsx]
 *
 * A fictional group (恒川能源集团, 2025) in the standard layout of docs/method.md §1, without a 考核方法
 * sheet, so the default method (§7) applies. The data is chosen so that one run shows most of the method:
 * - 恒川煤业 has loss targets and reduces the loss but stays in loss: both its leaders score above 90 and are
 *   capped at 称职 (stillInLoss); the reduced-loss bonus stops at lossMaxBonusPoints (+3).
 * - 恒川物流 beats its loss targets into a profit (again at most +3 points per indicator).
 * - 恒川科技 beats two targets by more than 18%: those indicators stop at +6 points.
 * - 恒川置业 misses its revenue target: the below-base rule caps its other indicators at 1; its general
 *   manager has fewer than 2/3 称职-or-better votes (capped at 基本称职).
 * - 恒川建设 has a 否决事项 (a work-safety accident): both leaders capped at 基本称职.
 * - Six leaders are 优秀 after the caps; 20 are graded, so the quota q = 4 demotes two (no tie at the boundary).
 * - A unit-wide bonus (姓名 blank), personal bonuses and penalties on 加减分; two leaders' 民主测评 rows name the
 *   evaluator groups by their aliases (集团领导, 班子成员, …).
 * - 资质审查: dates as Excel dates and in several text forms; one candidate per unmet criterion kind
 *   (age, education, title, departments, party standing) and one with a missing date (待核实). The age and
 *   party-standing failures hold for reference dates up to mid-2028.
 * - 泓源燃气 is a firm the group holds shares in but does not control: its 党建工作指导员 has no economic
 *   score (W_E = 0), and the firm has no row on 经营业绩 (a footnote there says why).
 * - Secretary and general manager of a unit share the unit's 工作业绩 but differ in 民主测评.
 * Names of people and firms are invented.
 *
 * The output is byte-for-byte the same on every run: fixed document dates, and the zip entries' timestamps
 * (which JSZip sets to the time of writing) are overwritten with a fixed date.
 */
import ExcelJS from "exceljs";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

const GROUP = "恒川能源集团";
const YEAR = 2025;
const FIXED_DATE = new Date(Date.UTC(2026, 0, 20, 9, 0, 0));

// ── The data ─────────────────────────────────────────────────────────────────────────────────────────

type Indicator = "实现利润" | "主营业务收入" | "净资产收益率" | "上缴资金" | "经营活动现金流入量";
const INDICATORS: { name: Indicator; unitLabel: string; percent: boolean }[] = [
  { name: "实现利润", unitLabel: "万元", percent: false },
  { name: "主营业务收入", unitLabel: "万元", percent: false },
  { name: "净资产收益率", unitLabel: "%", percent: true },
  { name: "上缴资金", unitLabel: "万元", percent: false },
  { name: "经营活动现金流入量", unitLabel: "万元", percent: false },
];

/** [目标, 完成] per indicator; null: the firm is not assessed on economics and has no row on 经营业绩. */
type Economics = Record<Indicator, [number, number]> | null;

interface Unit {
  name: string;
  economics: Economics;
  economicsNote?: string;
  keyTasks: number | string;
  partyBuilding: number | string;
  safety: number | string;
  veto?: string;
}

const UNITS: Unit[] = [
  {
    name: "恒川发电有限公司",
    economics: {
      实现利润: [52000, 54080],
      主营业务收入: [680000, 693600],
      净资产收益率: [8.0, 8.2],
      上缴资金: [18000, 18360],
      经营活动现金流入量: [720000, 734400],
    },
    keyTasks: "较好",
    partyBuilding: 88,
    safety: 90,
  },
  {
    name: "恒川煤业有限公司",
    economics: {
      实现利润: [-8000, -5200],
      主营业务收入: [420000, 433600],
      净资产收益率: [-3.4, -2.2],
      上缴资金: [6500, 6760],
      经营活动现金流入量: [460000, 471300],
    },
    economicsNote: "减亏目标，全年减亏2800万元",
    keyTasks: 90,
    partyBuilding: 92,
    safety: "好",
  },
  {
    name: "恒川建设工程有限公司",
    economics: {
      实现利润: [9500, 9980],
      主营业务收入: [260000, 268300],
      净资产收益率: [7.5, 7.7],
      上缴资金: [3200, 3260],
      经营活动现金流入量: [250000, 259600],
    },
    keyTasks: "较好",
    partyBuilding: 88,
    safety: "差",
    veto: "发生一般生产安全责任事故（“9·14”高处坠落事故）",
  },
  {
    name: "恒川物流有限公司",
    economics: {
      实现利润: [-1200, 360],
      主营业务收入: [150000, 157800],
      净资产收益率: [-1.5, 0.4],
      上缴资金: [1500, 1540],
      经营活动现金流入量: [158000, 163900],
    },
    economicsNote: "扭亏为盈",
    keyTasks: 65,
    partyBuilding: 80,
    safety: 85,
  },
  {
    name: "恒川科技有限公司",
    economics: {
      实现利润: [3800, 4590],
      主营业务收入: [42000, 51240],
      净资产收益率: [9.0, 9.9],
      上缴资金: [1100, 1150],
      经营活动现金流入量: [45000, 50200],
    },
    keyTasks: "好",
    partyBuilding: 92,
    safety: 100,
  },
  {
    name: "恒川集团财务有限公司",
    economics: {
      实现利润: [21000, 21630],
      主营业务收入: [36000, 36900],
      净资产收益率: [10.5, 10.7],
      上缴资金: [7200, 7350],
      经营活动现金流入量: [38000, 38900],
    },
    keyTasks: 75,
    partyBuilding: "较好",
    safety: 95,
  },
  {
    name: "恒川置业有限公司",
    economics: {
      实现利润: [12000, 12360],
      主营业务收入: [185000, 166500],
      净资产收益率: [6.5, 6.6],
      上缴资金: [4000, 4080],
      经营活动现金流入量: [200000, 202600],
    },
    economicsNote: "房地产市场下行，销售收入未完成目标",
    keyTasks: "一般",
    partyBuilding: 85,
    safety: 95,
  },
  {
    name: "恒川新材料有限公司",
    economics: {
      实现利润: [6800, 7480],
      主营业务收入: [98000, 104900],
      净资产收益率: [8.5, 9.1],
      上缴资金: [2100, 2210],
      经营活动现金流入量: [102000, 108600],
    },
    keyTasks: 95,
    partyBuilding: 93,
    safety: 100,
  },
  {
    name: "恒川国际贸易有限公司",
    economics: {
      实现利润: [4500, 4610],
      主营业务收入: [520000, 531200],
      净资产收益率: [6.0, 6.1],
      上缴资金: [1400, 1420],
      经营活动现金流入量: [540000, 548500],
    },
    keyTasks: "一般",
    partyBuilding: 84,
    safety: 90,
  },
  {
    name: "泓源燃气股份有限公司",
    economics: null,
    keyTasks: "较好",
    partyBuilding: 92,
    safety: 100,
  },
];

type Mode = "党政一肩挑" | "交叉任职" | "专职书记" | "党建工作指导员";
type Group = "上级" | "同级" | "下级";
/** Votes per group for 优秀, 称职, 基本称职, 不称职 on a typical dimension, and abstentions. */
type Ballots = Record<Group, [number, number, number, number, number?]>;

interface Leader {
  name: string;
  unit: number;
  position: string;
  mode: Mode;
  id: string;
  votes: Ballots;
  /** Write the evaluator groups under these names (the aliases of docs/method.md §7). */
  groupLabels?: Record<Group, string>;
}

const ALIAS_LABELS: Record<Group, string> = { 上级: "集团领导", 同级: "班子成员", 下级: "中层及职工代表" };

// Ballots: 上级 = the group's leadership (10–11), 同级 = the unit's leadership team, 下级 = middle managers and
// employee representatives. Within a unit both leaders face the same evaluators.
const LEADERS: Leader[] = [
  {
    name: "周启明",
    unit: 0,
    position: "党委书记、董事长",
    mode: "党政一肩挑",
    id: "HC0101",
    votes: { 上级: [8, 3, 0, 0], 同级: [7, 2, 0, 0], 下级: [44, 12, 2, 0, 1] },
  },
  {
    name: "陈立航",
    unit: 0,
    position: "党委副书记、总经理",
    mode: "交叉任职",
    id: "HC0102",
    votes: { 上级: [6, 5, 0, 0], 同级: [6, 3, 0, 0], 下级: [35, 19, 3, 1, 1] },
  },
  {
    name: "林雪梅",
    unit: 0,
    position: "党委副书记（专职）、工会主席",
    mode: "专职书记",
    id: "HC0103",
    votes: { 上级: [3, 6, 2, 0], 同级: [2, 6, 1, 0], 下级: [16, 34, 8, 0, 1] },
  },
  {
    name: "赵国栋",
    unit: 1,
    position: "党委书记、董事长",
    mode: "交叉任职",
    id: "HC0201",
    votes: { 上级: [8, 3, 0, 0], 同级: [6, 2, 0, 0], 下级: [40, 10, 2, 0] },
  },
  {
    name: "孙立成",
    unit: 1,
    position: "党委副书记、总经理",
    mode: "交叉任职",
    id: "HC0202",
    votes: { 上级: [5, 5, 1, 0], 同级: [4, 4, 0, 0], 下级: [28, 20, 4, 0] },
    groupLabels: ALIAS_LABELS,
  },
  {
    name: "钱卫东",
    unit: 2,
    position: "党委书记",
    mode: "专职书记",
    id: "HC0301",
    votes: { 上级: [7, 4, 0, 0], 同级: [5, 2, 0, 0], 下级: [30, 14, 2, 0] },
  },
  {
    name: "吴振华",
    unit: 2,
    position: "党委副书记、总经理",
    mode: "交叉任职",
    id: "HC0302",
    votes: { 上级: [4, 6, 1, 0], 同级: [4, 3, 0, 0], 下级: [22, 18, 5, 1] },
  },
  {
    name: "郑海涛",
    unit: 3,
    position: "党委书记、董事长",
    mode: "交叉任职",
    id: "HC0401",
    votes: { 上级: [6, 5, 0, 0], 同级: [4, 2, 0, 0], 下级: [22, 10, 1, 0] },
  },
  {
    name: "王晓峰",
    unit: 3,
    position: "党委副书记、总经理",
    mode: "交叉任职",
    id: "HC0402",
    votes: { 上级: [3, 7, 1, 0], 同级: [2, 3, 1, 0], 下级: [12, 17, 4, 0] },
  },
  {
    name: "冯雅琴",
    unit: 4,
    position: "党委书记、董事长",
    mode: "交叉任职",
    id: "HC0501",
    votes: { 上级: [7, 4, 0, 0], 同级: [5, 1, 0, 0], 下级: [24, 4, 0, 0] },
  },
  {
    name: "蒋文博",
    unit: 4,
    position: "党委副书记、总经理",
    mode: "交叉任职",
    id: "HC0502",
    votes: { 上级: [8, 3, 0, 0], 同级: [5, 1, 0, 0], 下级: [23, 5, 0, 0] },
  },
  {
    name: "韩丽娟",
    unit: 5,
    position: "党委书记",
    mode: "专职书记",
    id: "HC0601",
    votes: { 上级: [4, 6, 1, 0], 同级: [3, 3, 1, 0], 下级: [10, 17, 3, 0] },
  },
  {
    name: "杨子健",
    unit: 5,
    position: "党委副书记、总经理",
    mode: "交叉任职",
    id: "HC0602",
    votes: { 上级: [5, 5, 1, 0], 同级: [3, 4, 0, 0], 下级: [12, 16, 2, 0] },
  },
  {
    name: "朱明轩",
    unit: 6,
    position: "党委书记、董事长",
    mode: "交叉任职",
    id: "HC0701",
    votes: { 上级: [5, 5, 1, 0], 同级: [4, 3, 1, 0], 下级: [24, 16, 5, 1, 1] },
  },
  {
    name: "秦少华",
    unit: 6,
    position: "党委副书记、总经理",
    mode: "交叉任职",
    id: "HC0702",
    votes: { 上级: [3, 5, 3, 0], 同级: [2, 3, 2, 1], 下级: [10, 16, 15, 5, 1] },
    groupLabels: { 上级: "上级领导", 同级: "同级", 下级: "职工代表" },
  },
  {
    name: "许文静",
    unit: 7,
    position: "党委书记",
    mode: "专职书记",
    id: "HC0801",
    votes: { 上级: [7, 4, 0, 0], 同级: [5, 2, 0, 0], 下级: [28, 8, 1, 0] },
  },
  {
    name: "何建国",
    unit: 7,
    position: "党委副书记、总经理",
    mode: "交叉任职",
    id: "HC0802",
    votes: { 上级: [6, 5, 0, 0], 同级: [5, 2, 0, 0], 下级: [25, 11, 1, 0] },
  },
  {
    name: "吕志强",
    unit: 8,
    position: "党委书记、董事长",
    mode: "交叉任职",
    id: "HC0901",
    votes: { 上级: [5, 6, 0, 0], 同级: [3, 3, 0, 0], 下级: [12, 15, 3, 0] },
  },
  {
    name: "施晓婷",
    unit: 8,
    position: "党委副书记、总经理",
    mode: "交叉任职",
    id: "HC0902",
    votes: { 上级: [4, 6, 1, 0], 同级: [2, 4, 0, 0], 下级: [9, 17, 4, 0] },
  },
  {
    name: "张德宏",
    unit: 9,
    position: "党建工作指导员",
    mode: "党建工作指导员",
    id: "HC1001",
    votes: { 上级: [4, 6, 1, 0], 同级: [3, 4, 0, 0], 下级: [10, 13, 2, 0] },
  },
];

interface Adjustment {
  name: string | null;
  unit: number;
  kind: "加分" | "减分";
  value: number;
  item: string;
  basis: string;
}

const ADJUSTMENTS: Adjustment[] = [
  { name: null, unit: 7, kind: "加分", value: 1, item: "公司党委获评省级先进基层党组织", basis: "省委组织部表彰文件" },
  { name: "冯雅琴", unit: 4, kind: "加分", value: 1, item: "个人获评省级优秀党务工作者", basis: "省委表彰决定" },
  {
    name: "蒋文博",
    unit: 4,
    kind: "加分",
    value: 0.5,
    item: "牵头项目获集团科技进步一等奖",
    basis: "集团科技奖励通报",
  },
  { name: "许文静", unit: 7, kind: "加分", value: 0.5, item: "党建品牌获集团“十佳党建品牌”", basis: "集团党委通报" },
  {
    name: "朱明轩",
    unit: 6,
    kind: "减分",
    value: 1,
    item: "巡察整改不到位，被集团党委通报",
    basis: "集团巡察办整改督查报告",
  },
  { name: "吕志强", unit: 8, kind: "减分", value: 0.5, item: "信访事项处置不及时", basis: "集团信访办督办单" },
];

/** A date written into a cell: an Excel date, or text exactly as a clerk typed it. */
type DateCell = { date: [number, number, number] } | string | null;

interface Candidate {
  name: string;
  unit: number;
  birth: DateCell;
  education: string;
  major: string;
  party: DateCell;
  work: DateCell;
  title: string;
  departments: number;
  postYears: number;
  health: string;
  note?: string;
}

const CANDIDATES: Candidate[] = [
  {
    name: "马骏",
    unit: 0,
    birth: { date: [1983, 4, 16] },
    education: "硕士",
    major: "工商管理",
    party: "2004.06",
    work: "2008年7月",
    title: "高级经济师",
    departments: 4,
    postYears: 6,
    health: "健康",
  },
  {
    name: "唐晓燕",
    unit: 1,
    birth: "1985/9/3",
    education: "大学本科",
    major: "思想政治教育",
    party: "2006年5月12日",
    work: { date: [2007, 7, 1] },
    title: "高级政工师",
    departments: 3,
    postYears: 7,
    health: "良好",
  },
  {
    name: "曹宇航",
    unit: 4,
    birth: "1993.11",
    education: "研究生",
    major: "计算机科学与技术",
    party: "2015-06-20",
    work: "2015.07",
    title: "工程师",
    departments: 3,
    postYears: 5,
    health: "健康",
  },
  {
    name: "邓国庆",
    unit: 2,
    birth: "197910",
    education: "大专",
    major: "土木工程",
    party: "2003年7月",
    work: "199908",
    title: "高级工程师",
    departments: 5,
    postYears: 10,
    health: "健康",
  },
  {
    name: "彭丽",
    unit: 5,
    birth: { date: [1987, 2, 28] },
    education: "硕士",
    major: "金融学",
    party: null,
    work: "2012年7月",
    title: "经济师",
    departments: 3,
    postYears: 5,
    health: "健康",
    note: "入党时间档案待核实",
  },
  {
    name: "袁志刚",
    unit: 6,
    birth: "1986-05-20",
    education: "本科",
    major: "工程管理",
    party: "2009.12",
    work: "2009-07-01",
    title: "助理经济师",
    departments: 4,
    postYears: 6,
    health: "良好",
  },
  {
    name: "潘文杰",
    unit: 7,
    birth: "1984年8月",
    education: "博士",
    major: "材料科学与工程",
    party: "2008.04",
    work: "2012.07",
    title: "正高级工程师",
    departments: 2,
    postYears: 6,
    health: "健康",
  },
  {
    name: "罗晓明",
    unit: 3,
    birth: { date: [1982, 12, 5] },
    education: "本科",
    major: "物流管理",
    party: "2003年11月",
    work: "2005年7月",
    title: "高级经济师",
    departments: 4,
    postYears: 8,
    health: "健康",
  },
  {
    name: "苏婉清",
    unit: 8,
    birth: "1988年3月9日",
    education: "硕士",
    major: "党政管理",
    party: "2010.06",
    work: "2013.07",
    title: "政工师",
    departments: 3,
    postYears: 5,
    health: "良好",
  },
  {
    name: "蔡明哲",
    unit: 0,
    birth: "1990年1月",
    education: "本科",
    major: "电气工程及其自动化",
    party: "2023.07",
    work: "2012-07",
    title: "高级工程师",
    departments: 4,
    postYears: 6,
    health: "健康",
  },
];

// ── Presentation ─────────────────────────────────────────────────────────────────────────────────────

const FONT = "宋体";
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
const TOTAL_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
const THIN: ExcelJS.Border = { style: "thin", color: { argb: "FF808080" } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const MONEY = "#,##0.00";
const PERCENT = "0.0";
const DATE = "yyyy-mm-dd";

interface Column {
  header: string;
  width: number;
  align?: "left" | "center" | "right";
  numFmt?: string;
}

function newSheet(wb: ExcelJS.Workbook, name: string, headerRows: number, frozenCols: number): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: "frozen", xSplit: frozenCols, ySplit: headerRows }],
    pageSetup: {
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: `&C${name}　第 &P 页，共 &N 页` },
  });
  ws.pageSetup.printTitlesRow = `1:${headerRows}`;
  return ws;
}

function styleHeader(cell: ExcelJS.Cell): void {
  cell.font = { name: FONT, size: 11, bold: true };
  cell.fill = HEADER_FILL;
  cell.border = BORDER;
  cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
}

function styleBody(cell: ExcelJS.Cell, col: Column): void {
  cell.font = { name: FONT, size: 11 };
  cell.border = BORDER;
  const horizontal = col.align ?? "center";
  cell.alignment = { horizontal, vertical: "middle", indent: horizontal === "center" ? 0 : 1 };
  if (col.numFmt) cell.numFmt = col.numFmt;
}

/** A sheet with one header row on row 1 and the rows below it. */
function simpleTable(
  wb: ExcelJS.Workbook,
  name: string,
  columns: Column[],
  rows: ExcelJS.CellValue[][],
  frozenCols: number,
): ExcelJS.Worksheet {
  const ws = newSheet(wb, name, 1, frozenCols);
  columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width;
    styleHeader(ws.getCell(1, i + 1));
    ws.getCell(1, i + 1).value = c.header;
  });
  ws.getRow(1).height = 24;
  rows.forEach((values, r) => {
    columns.forEach((c, i) => {
      const cell = ws.getCell(r + 2, i + 1);
      const v = values[i];
      cell.value = v === undefined ? null : v;
      styleBody(cell, c);
    });
    ws.getRow(r + 2).height = 18;
  });
  return ws;
}

function leadersSheet(wb: ExcelJS.Workbook): void {
  simpleTable(
    wb,
    "考核对象",
    [
      { header: "姓名", width: 10 },
      { header: "单位", width: 26, align: "left" },
      { header: "职务", width: 30, align: "left" },
      { header: "任职模式", width: 16 },
      { header: "工号", width: 10 },
    ],
    LEADERS.map((l) => [l.name, UNITS[l.unit]!.name, l.position, l.mode, l.id]),
    1,
  );
}

function economicsSheet(wb: ExcelJS.Workbook): void {
  const ws = newSheet(wb, "经营业绩", 3, 1);
  const cols: Column[] = [
    { header: "单位", width: 26, align: "left" },
    ...INDICATORS.flatMap((ind) => {
      const col: Column = { header: ind.name, width: 15, align: "right", numFmt: ind.percent ? PERCENT : MONEY };
      return [col, col];
    }),
    { header: "备注", width: 36, align: "left" },
  ];
  const lastCol = cols.length;
  cols.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));

  ws.mergeCells(1, 1, 1, lastCol);
  const title = ws.getCell(1, 1);
  title.value = `${GROUP}${YEAR}年度经营业绩考核指标完成情况`;
  title.font = { name: FONT, size: 16, bold: true };
  title.alignment = { horizontal: "center", vertical: "middle" };
  ws.getRow(1).height = 32;

  ws.mergeCells(2, 1, 3, 1);
  ws.getCell(2, 1).value = "单位";
  INDICATORS.forEach((ind, i) => {
    const c = 2 + i * 2;
    ws.mergeCells(2, c, 2, c + 1);
    ws.getCell(2, c).value = `${ind.name}（${ind.unitLabel}）`;
    ws.getCell(3, c).value = "目标";
    ws.getCell(3, c + 1).value = "完成";
  });
  ws.mergeCells(2, lastCol, 3, lastCol);
  ws.getCell(2, lastCol).value = "备注";
  for (let r = 2; r <= 3; r++) for (let c = 1; c <= lastCol; c++) styleHeader(ws.getCell(r, c));
  ws.getRow(2).height = 30;
  ws.getRow(3).height = 20;

  const first = 4;
  const assessed = UNITS.filter((u) => u.economics !== null);
  assessed.forEach((u, i) => {
    const r = first + i;
    const values: ExcelJS.CellValue[] = [u.name];
    for (const ind of INDICATORS) values.push(...u.economics![ind.name]);
    values.push(u.economicsNote ?? null);
    values.forEach((v, c) => {
      const cell = ws.getCell(r, c + 1);
      cell.value = v;
      styleBody(cell, cols[c]!);
    });
    ws.getRow(r).height = 18;
  });

  // 合计: a formula with its value cached, so that a reader that does not calculate still sees the number.
  const last = first + assessed.length - 1;
  const total = last + 1;
  ws.getCell(total, 1).value = "合计";
  for (let c = 2; c < lastCol; c++) {
    const ind = INDICATORS[Math.floor((c - 2) / 2)]!;
    const cell = ws.getCell(total, c);
    if (!ind.percent) {
      const side = (c - 2) % 2;
      const sum = assessed.reduce((s, u) => s + u.economics![ind.name][side]!, 0);
      const letter = ws.getColumn(c).letter;
      cell.value = { formula: `SUM(${letter}${first}:${letter}${last})`, result: sum };
    }
  }
  for (let c = 1; c <= lastCol; c++) {
    const cell = ws.getCell(total, c);
    styleBody(cell, cols[c - 1]!);
    cell.font = { name: FONT, size: 11, bold: true };
    cell.fill = TOTAL_FILL;
  }
  ws.getCell(total, 1).alignment = { horizontal: "center", vertical: "middle" };
  ws.getRow(total).height = 18;

  const note = total + 1;
  ws.mergeCells(note, 1, note, lastCol);
  const n = ws.getCell(note, 1);
  n.value =
    "注：1. 利润、收入、上缴资金、现金流入量单位为万元，净资产收益率单位为%；2. 负数目标为减亏目标" +
    "（亏损额以负数表示）；3. 泓源燃气股份有限公司为参股企业，党建工作指导员不考核经营业绩，未列入本表；" +
    "4. 净资产收益率不合计。";
  n.font = { name: FONT, size: 10, italic: true };
  n.alignment = { horizontal: "left", vertical: "middle", wrapText: true };
  ws.getRow(note).height = 32;
}

function workSheet(wb: ExcelJS.Workbook): void {
  simpleTable(
    wb,
    "工作评价",
    [
      { header: "单位", width: 26, align: "left" },
      { header: "重点工作", width: 12 },
      { header: "党的建设", width: 12 },
      { header: "安全稳定", width: 12 },
      { header: "否决事项", width: 46, align: "left" },
    ],
    UNITS.map((u) => [u.name, u.keyTasks, u.partyBuilding, u.safety, u.veto ?? null]),
    1,
  );
}

const DIMENSIONS = ["德", "能", "勤", "廉"] as const;
/** Per dimension, votes moved from 称职 to 优秀 (negative: the other way), so the four rows of a group differ
 * a little while every ballot still rates all four dimensions (equal totals). */
const DIMENSION_SHIFT: Record<(typeof DIMENSIONS)[number], number> = { 德: 0, 能: -1, 勤: 0, 廉: 1 };

function votesSheet(wb: ExcelJS.Workbook): void {
  const rows: ExcelJS.CellValue[][] = [];
  for (const l of LEADERS) {
    for (const g of ["上级", "同级", "下级"] as const) {
      const [n1, n2, n3, n4, abstain] = l.votes[g];
      for (const dim of DIMENSIONS) {
        const shift = Math.max(-n1, Math.min(n2, DIMENSION_SHIFT[dim]));
        rows.push([
          l.name,
          UNITS[l.unit]!.name,
          l.groupLabels ? l.groupLabels[g] : g,
          dim,
          n1 + shift,
          n2 - shift,
          n3,
          n4,
          abstain ?? 0,
        ]);
      }
    }
  }
  simpleTable(
    wb,
    "民主测评",
    [
      { header: "姓名", width: 10 },
      { header: "单位", width: 26, align: "left" },
      { header: "测评人类别", width: 16 },
      { header: "维度", width: 8 },
      { header: "优秀", width: 9, numFmt: "0" },
      { header: "称职", width: 9, numFmt: "0" },
      { header: "基本称职", width: 10, numFmt: "0" },
      { header: "不称职", width: 9, numFmt: "0" },
      { header: "弃权", width: 9, numFmt: "0" },
    ],
    rows,
    2,
  );
}

function adjustmentsSheet(wb: ExcelJS.Workbook): void {
  simpleTable(
    wb,
    "加减分",
    [
      { header: "姓名", width: 10 },
      { header: "单位", width: 26, align: "left" },
      { header: "类型", width: 8 },
      { header: "分值", width: 8, numFmt: "0.0" },
      { header: "事项", width: 40, align: "left" },
      { header: "依据", width: 26, align: "left" },
    ],
    ADJUSTMENTS.map((a) => [a.name, UNITS[a.unit]!.name, a.kind, a.value, a.item, a.basis]),
    1,
  );
}

function dateValue(d: DateCell): ExcelJS.CellValue {
  if (d === null || typeof d === "string") return d;
  const [y, m, day] = d.date;
  return new Date(Date.UTC(y, m - 1, day));
}

function qualificationSheet(wb: ExcelJS.Workbook): void {
  const columns: Column[] = [
    { header: "姓名", width: 10 },
    { header: "单位", width: 26, align: "left" },
    { header: "出生日期", width: 14 },
    { header: "学历", width: 10 },
    { header: "专业", width: 20, align: "left" },
    { header: "入党时间", width: 16 },
    { header: "参加工作时间", width: 14 },
    { header: "职称", width: 14 },
    { header: "部门经历数", width: 11, numFmt: "0" },
    { header: "相关任职年限", width: 12, numFmt: "0" },
    { header: "健康状况", width: 10 },
    { header: "备注", width: 22, align: "left" },
  ];
  const ws = simpleTable(
    wb,
    "资质审查",
    columns,
    CANDIDATES.map((c) => [
      c.name,
      UNITS[c.unit]!.name,
      dateValue(c.birth),
      c.education,
      c.major,
      dateValue(c.party),
      dateValue(c.work),
      c.title,
      c.departments,
      c.postYears,
      c.health,
      c.note ?? null,
    ]),
    1,
  );
  ws.eachRow((row, r) => {
    if (r === 1) return;
    row.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = DATE;
    });
  });
}

export function buildSample(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Kaoping 考评";
  wb.lastModifiedBy = "Kaoping 考评";
  wb.title = `${GROUP}${YEAR}年度党组织负责人考核评价（示例）`;
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  leadersSheet(wb);
  economicsSheet(wb);
  workSheet(wb);
  votesSheet(wb);
  adjustmentsSheet(wb);
  qualificationSheet(wb);
  return wb;
}

/**
 * Sets the modification time of every entry of a zip archive (local headers and central directory) to a
 * fixed DOS date. The CRCs cover only the data, so the archive stays valid.
 */
function fixZipTimestamps(buf: Buffer): Buffer {
  const out = Buffer.from(buf);
  // 2026-01-20 09:00:00 in MS-DOS form.
  const time = (9 << 11) | (0 << 5) | 0;
  const date = ((2026 - 1980) << 9) | (1 << 5) | 20;
  for (let i = 0; i + 30 <= out.length;) {
    const sig = out.readUInt32LE(i);
    if (sig === 0x04034b50) {
      out.writeUInt16LE(time, i + 10);
      out.writeUInt16LE(date, i + 12);
      const compressed = out.readUInt32LE(i + 18);
      const nameLen = out.readUInt16LE(i + 26);
      const extraLen = out.readUInt16LE(i + 28);
      i += 30 + nameLen + extraLen + compressed;
      // A data descriptor may follow the data (general purpose bit 3); JSZip writes sizes in the header.
      continue;
    }
    if (sig === 0x02014b50) {
      out.writeUInt16LE(time, i + 12);
      out.writeUInt16LE(date, i + 14);
      const nameLen = out.readUInt16LE(i + 28);
      const extraLen = out.readUInt16LE(i + 30);
      const commentLen = out.readUInt16LE(i + 32);
      i += 46 + nameLen + extraLen + commentLen;
      continue;
    }
    break;
  }
  return out;
}

/** The bytes of assets/sample.xlsx: the same on every call. */
export async function sampleBytes(): Promise<Buffer> {
  const data = Buffer.from(await buildSample().xlsx.writeBuffer());
  return fixZipTimestamps(data);
}

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? "assets/sample.xlsx");
  const data = await sampleBytes();
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, data);
  console.log(`已写入 ${out}`);
}

// Run only as a script (`npx tsx scripts/make-sample.ts`), not when a test imports sampleBytes.
if (/make-sample\.ts$/.test(process.argv[1] ?? "")) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}

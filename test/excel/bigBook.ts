/**
 * A large assessment workbook built as Grids directly (test/support/generate.ts draws unit names from a
 * pool of about 470 and cannot make 1,000 units): `leaders` leaders, two per unit, all four input sheets in
 * the two-row 经营业绩 form with merged indicator headers, three evaluator groups × four dimensions per
 * leader, bonus and penalty items, and a 资质审查 roster with Excel dates and text dates. Deterministic.
 * `gridBookToXlsx` writes Grids through ExcelJS (dates with a date format, merges), for the CLI's path.
 */
import ExcelJS from "exceljs";
import type { CellValue, GridBook } from "../../src/workbook/grid";
import { QUAL_COLUMNS } from "../support/case";
import { Rng } from "../support/prng";

const SURNAMES = [
  ..."王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹黎易常武乔贺赖龚文",
];
const GIVEN = [
  "伟",
  "芳",
  "娜",
  "敏",
  "静",
  "强",
  "磊",
  "军",
  "洋",
  "勇",
  "杰",
  "涛",
  "明",
  "超",
  "华",
  "建国",
  "志强",
  "海燕",
  "晓东",
  "红梅",
  "卫东",
  "文斌",
  "立新",
];
const REGIONS = ["华北", "华东", "华南", "西南", "西北", "东北", "华中"];
const KINDS = ["分公司", "工程公司", "能源公司", "物流公司", "设计院", "电力公司", "矿业公司", "建设公司"];
const INDICATORS = ["实现利润", "主营业务收入", "净资产收益率", "上缴资金", "经营活动现金流入量"];
const MODES: (string | null)[] = ["党政一肩挑", "交叉任职", "专职书记", null, null, "党建工作指导员"];
const GROUPS = ["上级", "同级", "下级"];
const DIMS = ["德", "能", "勤", "廉"];

export interface BigBookOptions {
  seed?: number;
  /** Whether to include a 资质审查 roster (default true). */
  qualification?: boolean;
}

export function bigBook(leaders: number, opts: BigBookOptions = {}): GridBook {
  const rng = new Rng(opts.seed ?? 1);
  const unitCount = Math.ceil(leaders / 2);
  const units = Array.from({ length: unitCount }, (_, i) => `${rng.pick(REGIONS)}第${i + 1}${rng.pick(KINDS)}`);
  const people: { name: string; unit: string }[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < leaders; i++) {
    const unit = units[Math.floor(i / 2)];
    let name: string;
    do name = rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.5) ? rng.pick(GIVEN) : "");
    while (seen.has(`${name}|${unit}`));
    seen.add(`${name}|${unit}`);
    people.push({ name, unit });
  }

  const leaderRows: CellValue[][] = [["姓名", "单位", "职务", "任职模式"]];
  people.forEach((p, i) => leaderRows.push([p.name, p.unit, i % 2 === 0 ? "党委书记" : "党委副书记", rng.pick(MODES)]));

  const econTop: CellValue[] = ["单位"];
  const econSub: CellValue[] = [null];
  for (const ind of INDICATORS) {
    econTop.push(ind, null);
    econSub.push("目标", "完成");
  }
  const econRows: CellValue[][] = [econTop, econSub];
  for (const u of units) {
    const row: CellValue[] = [u];
    for (const ind of INDICATORS) {
      const loss = ind === "实现利润" && rng.chance(0.05);
      const t = ind === "净资产收益率" ? Math.round(rng.real(4, 12) * 100) / 100 : Math.round(rng.real(500, 20000));
      const target = loss ? -t : t;
      const actual = Math.round(target * rng.real(0.85, 1.15) * 100) / 100;
      row.push(target, rng.chance(0.02) ? "-" : actual);
    }
    econRows.push(row);
  }

  const workRows: CellValue[][] = [["单位", "重点工作", "党的建设", "安全稳定", "否决事项"]];
  for (const u of units) {
    const score = () => (rng.chance(0.2) ? rng.pick(["好", "较好", "一般"]) : rng.int(70, 100));
    workRows.push([u, score(), score(), score(), rng.chance(0.01) ? "发生一般安全事故" : null]);
  }

  const voteRows: CellValue[][] = [
    ["姓名", "单位", "测评人类别", "维度", "优秀", "称职", "基本称职", "不称职", "弃权"],
  ];
  for (const p of people) {
    for (const g of GROUPS) {
      const n = rng.int(5, 30);
      for (const d of DIMS) {
        const a = rng.int(Math.floor(n * 0.4), n);
        const b = rng.int(0, n - a);
        const c = rng.int(0, n - a - b);
        const x = rng.chance(0.05) ? n - a - b - c : 0;
        voteRows.push([p.name, p.unit, g, d, a, b, c, x, rng.chance(0.1) ? 1 : null]);
      }
    }
  }

  const adjRows: CellValue[][] = [["姓名", "单位", "类型", "分值", "事项"]];
  for (let i = 0; i < Math.ceil(leaders / 20); i++) {
    const p = rng.pick(people);
    const bonus = rng.chance(0.6);
    adjRows.push([
      rng.chance(0.2) ? null : p.name,
      p.unit,
      bonus ? "加分" : "减分",
      rng.int(1, 3),
      bonus ? "获省部级表彰" : "被集团通报批评",
    ]);
  }

  const book: GridBook = [
    { name: "考核对象", rows: leaderRows },
    { name: "经营业绩", rows: econRows },
    { name: "工作评价", rows: workRows },
    { name: "民主测评", rows: voteRows },
    { name: "加减分", rows: adjRows },
  ];
  if (opts.qualification !== false) {
    const qual: CellValue[][] = [[...QUAL_COLUMNS]];
    for (let i = 0; i < 40; i++) {
      const p = rng.pick(people);
      const y = rng.int(1965, 1992);
      qual.push([
        p.name,
        p.unit,
        new Date(Date.UTC(y, rng.int(0, 11), rng.int(1, 28))),
        rng.pick(["本科", "硕士", "大专", "大学本科"]),
        rng.pick(["工商管理", "电气工程", "党政"]),
        rng.chance(0.5) ? `${y + 24}.${rng.int(1, 12)}` : new Date(Date.UTC(y + 24, rng.int(0, 11), 1)),
        `${y + 22}年${rng.int(1, 12)}月`,
        rng.pick(["工程师", "高级工程师", "助理工程师"]),
        rng.int(1, 6),
        rng.int(1, 12),
        rng.pick(["健康", "良好", "一般"]),
      ]);
    }
    book.push({ name: "资质审查", rows: qual });
  }
  return book;
}

/** Grids → an ExcelJS workbook (Dates with a date format; merges of the two-row 经营业绩 header). */
export function gridBookToExcelJS(book: GridBook): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const g of book) {
    const ws = wb.addWorksheet(g.name);
    g.rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null) return;
        const cell = ws.getCell(r + 1, c + 1);
        if (v instanceof Date) {
          cell.value = v;
          cell.numFmt = "yyyy-mm-dd";
        } else if (typeof v === "object") cell.value = { error: v.error } as ExcelJS.CellErrorValue;
        else cell.value = v;
      }),
    );
    if (g.name === "经营业绩" && g.rows[1]?.[0] === null && g.rows[0]?.[0] === "单位") {
      ws.mergeCells(1, 1, 2, 1);
      for (let c = 1; c < g.rows[0].length; c += 2) ws.mergeCells(1, c + 1, 1, c + 2);
    }
  }
  return wb;
}

import type { Indicator, Method } from "../../src/method/types";
import { defaultMethod } from "../../src/method/defaults";
import type { Diagnostic } from "../../src/workbook/diagnostic";
import type { CellValue, Grid, GridBook } from "../../src/workbook/grid";
import type { ReadResult } from "../../src/workbook/read";
import { readWorkbook } from "../../src/workbook/read";

export type Rows = CellValue[][];

export function sheet(name: string, rows: Rows): Grid {
  return { name, rows };
}

/** The default method with some parts replaced. */
export function methodWith(patch: { indicators?: Indicator[]; ratings?: Record<string, number> } = {}): Method {
  const m = defaultMethod();
  if (patch.indicators) m.economic.indicators = patch.indicators;
  if (patch.ratings) m.ratings = patch.ratings;
  return m;
}

/** Two indicators keep the sheets of a test small. */
export const TWO_INDICATORS = methodWith({
  indicators: [
    { name: "实现利润", aliases: ["利润总额"], weight: 60, direction: "higher" },
    { name: "主营业务收入", aliases: ["营业收入"], weight: 40, direction: "higher" },
  ],
});

export interface SmallBook {
  leaders: Rows;
  economic: Rows;
  work: Rows;
  votes: Rows;
  adjustments?: Rows;
  qualification?: Rows;
  personal?: Rows;
}

export const LEADERS: Rows = [
  ["姓名", "单位", "职务", "任职模式"],
  ["甲", "一公司", "党委书记", null],
  ["乙", "二公司", "党委书记", "交叉任职"],
];

export const ECONOMIC: Rows = [
  ["单位", "实现利润目标值", "实现利润完成值", "主营业务收入目标值", "主营业务收入完成值"],
  ["一公司", 100, 110, 1000, 1050],
  ["二公司", 200, 190, 2000, 2100],
];

export const WORK: Rows = [
  ["单位", "重点工作", "党的建设", "安全稳定", "否决事项"],
  ["一公司", 90, "好", 100, null],
  ["二公司", 85, 92, "较好", null],
];

export const VOTE_HEADER: CellValue[] = ["姓名", "单位", "测评人类别", "维度", "优秀", "称职", "基本称职", "不称职"];

/** Full vote rows (3 groups × 4 dimensions) for each (name, unit). */
export function voteRows(people: [string, string][], counts: number[] = [3, 2, 0, 0]): Rows {
  const rows: Rows = [];
  for (const [name, unit] of people) {
    for (const g of ["上级", "同级", "下级"]) {
      for (const d of ["德", "能", "勤", "廉"]) rows.push([name, unit, g, d, ...counts]);
    }
  }
  return rows;
}

export const VOTES: Rows = [
  VOTE_HEADER,
  ...voteRows([
    ["甲", "一公司"],
    ["乙", "二公司"],
  ]),
];

export function smallBook(over: Partial<SmallBook> = {}): GridBook {
  const b: SmallBook = { leaders: LEADERS, economic: ECONOMIC, work: WORK, votes: VOTES, ...over };
  const book: GridBook = [
    sheet("考核对象", b.leaders),
    sheet("经营业绩", b.economic),
    sheet("工作评价", b.work),
    sheet("民主测评", b.votes),
  ];
  if (b.adjustments) book.push(sheet("加减分", b.adjustments));
  if (b.qualification) book.push(sheet("资质审查", b.qualification));
  if (b.personal) book.push(sheet("个人情况", b.personal));
  return book;
}

export function read(over: Partial<SmallBook> = {}, method: Method = TWO_INDICATORS): ReadResult {
  return readWorkbook(smallBook(over), method);
}

/**
 * The value as its JSON has it. A number read from a unit sheet makes its cell's address when read (a getter), so
 * the input is compared as a user of it sees it.
 */
export function plain<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

/** `经营业绩!C4 missing` — the address and code of each diagnostic, in order. */
export function brief(list: Diagnostic[]): string[] {
  return list.map((d) => `${d.cell} ${d.code}`);
}

/** A copy of rows with one cell replaced (row and column 0-based). */
export function withCell(rows: Rows, r: number, c: number, v: CellValue): Rows {
  const out = rows.map((row) => [...row]);
  while (out.length <= r) out.push([]);
  out[r][c] = v;
  return out;
}

export function utcDate(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d));
}

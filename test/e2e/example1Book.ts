/**
 * example-1 (example1.ts) in the browser tests: as a filled-in workbook with its method (two indicators,
 * 60/40) on the 考核方法 sheet, for tests that start from data; typed under the headers of the template, for
 * those that start from an empty workbook; and a GridBook as the JSON that fakeOffice.ts takes.
 */
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { defaultMethod } from "../../src/method/defaults";
import type { CellValue, GridBook } from "../../src/workbook/grid";
import { methodToSheet } from "../../src/workbook/methodSheet";
import {
  EXAMPLE1_ADJUSTMENTS,
  EXAMPLE1_ECONOMIC,
  EXAMPLE1_LEADERS,
  EXAMPLE1_METHOD,
  EXAMPLE1_VOTES,
  EXAMPLE1_WORK,
} from "./example1";
import type { JsonCell } from "./fakeOffice";
import type { E2EWindow } from "./harness";

function table(
  name: string,
  rows: Record<string, CellValue>[],
  headers: string[],
): { name: string; rows: CellValue[][] } {
  return { name, rows: [headers, ...rows.map((r) => headers.map((h) => (r[h] === undefined ? null : r[h])))] };
}

export function example1Book(): GridBook {
  const method = defaultMethod();
  method.economic.indicators = EXAMPLE1_METHOD.map((x) => ({
    ...method.economic.indicators.find((i) => i.name === x.name)!,
    weight: x.weight,
  }));
  const econTop: CellValue[] = ["单位"];
  const econSub: CellValue[] = [null];
  for (const x of EXAMPLE1_METHOD) {
    econTop.push(x.name, null);
    econSub.push("目标", "完成");
  }
  const econ = EXAMPLE1_ECONOMIC.map(
    (r) => [r.单位, ...EXAMPLE1_METHOD.flatMap((x) => [r[`${x.name}/目标`], r[`${x.name}/完成`]])] as CellValue[],
  );
  return [
    table("考核对象", EXAMPLE1_LEADERS, ["姓名", "单位", "职务"]),
    { name: "经营业绩", rows: [econTop, econSub, ...econ] },
    table("工作评价", EXAMPLE1_WORK, ["单位", "重点工作", "党的建设", "安全稳定"]),
    table("民主测评", EXAMPLE1_VOTES, ["姓名", "单位", "测评人类别", "维度", "优秀", "称职", "基本称职", "不称职"]),
    table("加减分", EXAMPLE1_ADJUSTMENTS, ["姓名", "单位", "类型", "分值", "事项"]),
    methodToSheet(method).grid,
  ];
}

export function toJsonBook(book: GridBook): { name: string; rows: JsonCell[][] }[] {
  return book.map((g) => ({
    name: g.name,
    rows: g.rows.map((r) => r.map((v): JsonCell => (v instanceof Date ? { $date: v.toISOString().slice(0, 10) } : v))),
  }));
}

/** Types the example's rows under the headers of the template's sheets, as a person would. */
export async function typeExample1(page: Page): Promise<void> {
  const fill = (name: string, rows: Record<string, JsonCell>[]) =>
    page.evaluate(([n, r]) => (window as unknown as E2EWindow).__kaopingE2E.fill(n, r), [name, rows] as const);
  expect(await fill("考核对象", EXAMPLE1_LEADERS)).toBe(4);
  expect(await fill("经营业绩", EXAMPLE1_ECONOMIC)).toBe(4);
  expect(await fill("工作评价", EXAMPLE1_WORK)).toBe(4);
  expect(await fill("民主测评", EXAMPLE1_VOTES)).toBe(48);
  expect(await fill("加减分", EXAMPLE1_ADJUSTMENTS)).toBe(2);
}

/**
 * Printable blank ballots (docs/method.md §11): from 考核对象, one ballot per unit on one sheet, each starting a
 * new page — A4 portrait, one page wide. A ballot: title, the unit and a space for 票号, the 测评人类别 tick line,
 * the instructions (with the method's validity rules, so that evaluators know them), then per leader one row per
 * item (德, 能, 勤, 廉, and 综合评价 when the method uses it) with a box per category.
 *
 * The table's columns — 姓名, 职务, 测评项目, one per category — follow the long form of 测评票, so a typist
 * copies a paper ballot row by row.
 */

import { allowedExcellent } from "../engine/ballots/validity";
import type { Method } from "../method/types";
import { ballotItems } from "./ballotInput";
import type { Leader } from "./input";
import { SHEETS } from "./input";
import type { CellRange, LayoutValue, SheetLayout, StyledRange } from "./layout";
import { textCellsOf } from "./layout";

export interface BlankBallots {
  layout: SheetLayout;
  /** Each unit's ballot: its rows (0-based, both ends included). */
  units: { unit: string; leaders: number; firstRow: number; lastRow: number }[];
}

const WIDTHS = [14, 20, 11, 11, 11, 11, 11];
const COLS = WIDTHS.length;
const HEADER_FILL = "#D9E1F2";
/** Points: a box row's height, its least, and the room for the box rows on an A4 page (margins and the rest taken). */
const BOX_HEIGHT = 24;
const MIN_BOX_HEIGHT = 16;
const BOX_SPACE = 540;

/** Items on the printed ballot: the dimensions, and the overall item when the method uses it or the user asks. */
export function printedItems(method: Method, askOverall: boolean): { name: string; overall: boolean }[] {
  const withOverall = askOverall || method.democratic.overall.weight > 0 || method.ballots.maxExcellentShare !== null;
  return ballotItems(method).filter((it) => !it.overall || withOverall);
}

function instructions(method: Method, leaders: number, hasOverall: boolean): string {
  const cats = method.democratic.categories.map((c) => `“${c.name}”`).join("、");
  const rules = [
    `请对每位考核对象的每个测评项目，在${cats}中选择一项，在对应的格内打“√”。`,
    "每项只选一项，不选的视为弃权。",
  ];
  if (method.ballots.invalidIfAllSame) rules.push("对所有考核对象、所有项目的评价全部相同的，本票无效。");
  const share = method.ballots.maxExcellentShare;
  if (share !== null && hasOverall) {
    rules.push(
      `“${method.democratic.overall.name}”评为“${method.democratic.categories[0].name}”的不得超过 ${allowedExcellent(share, leaders)} 人，超过的本票无效。`,
    );
  }
  rules.push("本票不记名，请勿在票上书写姓名或作其他标记。");
  return `填写说明：${rules.map((r, i) => `${i + 1}. ${r}`).join("")}`;
}

/** Units in the order they first appear on 考核对象, each with its leaders in that order. */
function unitsOf(leaders: readonly Leader[]): { unit: string; leaders: Leader[] }[] {
  const byUnit = new Map<string, { unit: string; leaders: Leader[] }>();
  for (const l of [...leaders].sort((a, b) => a.index - b.index)) {
    let u = byUnit.get(l.unitKey);
    if (!u) byUnit.set(l.unitKey, (u = { unit: l.unit, leaders: [] }));
    u.leaders.push(l);
  }
  return [...byUnit.values()];
}

export function blankBallotsLayout(
  leaders: readonly Leader[],
  method: Method,
  opts: { overall?: boolean } = {},
): BlankBallots {
  const items = printedItems(method, opts.overall ?? false);
  const hasOverall = items.some((it) => it.overall);
  const cats = method.democratic.categories.map((c) => c.name);
  const groups = method.democratic.groups.map((g) => g.name);
  const values: LayoutValue[][] = [];
  const merges: CellRange[] = [];
  const styles: StyledRange[] = [];
  const rowHeights: { row: number; height: number }[] = [];
  const rowBreaks: number[] = [];
  const units: BlankBallots["units"] = [];
  const line = (row: LayoutValue[], height?: number) => {
    values.push(row);
    if (height !== undefined) rowHeights.push({ row: values.length - 1, height });
    return values.length - 1;
  };
  const across = (r: number, left = 0, right = COLS - 1) => merges.push({ top: r, left, bottom: r, right });
  const style = (range: CellRange, s: StyledRange["style"]) => styles.push({ range, style: s });

  for (const u of unitsOf(leaders)) {
    const first = values.length;
    if (first > 0) rowBreaks.push(first);
    const title = line([`${u.unit}党组织负责人民主测评票`], 36);
    across(title);
    style(
      { top: title, left: 0, bottom: title, right: COLS - 1 },
      { bold: true, fontSize: 16, horizontalAlignment: "center", verticalAlignment: "center" },
    );
    const meta = line([`单位：${u.unit}`, null, null, null, "票号：____________"], 24);
    across(meta, 0, 3);
    across(meta, 4, COLS - 1);
    style({ top: meta, left: 0, bottom: meta, right: 3 }, { verticalAlignment: "center" });
    style(
      { top: meta, left: 4, bottom: meta, right: COLS - 1 },
      { horizontalAlignment: "right", verticalAlignment: "center" },
    );
    const tick = line([`测评人类别（请在所属类别前的□内打“√”）：${groups.map((g) => `□ ${g}`).join("　　　")}`], 26);
    across(tick);
    style({ top: tick, left: 0, bottom: tick, right: COLS - 1 }, { verticalAlignment: "center" });
    const text = instructions(method, u.leaders.length, hasOverall);
    // About 44 characters a line across the ballot's width; 16 points a line.
    const lines = Math.ceil(text.length / 44);
    const help = line([text], Math.max(32, lines * 16 + 6));
    across(help);
    style(
      { top: help, left: 0, bottom: help, right: COLS - 1 },
      { wrapText: true, verticalAlignment: "top", fontSize: 10 },
    );
    const head = line(["姓名", "职务", "测评项目", ...cats], 26);
    style(
      { top: head, left: 0, bottom: head, right: COLS - 1 },
      {
        bold: true,
        fill: HEADER_FILL,
        horizontalAlignment: "center",
        verticalAlignment: "center",
        border: "thin",
        wrapText: true,
      },
    );
    // The boxes shrink (down to a height still easy to tick) so that a larger unit's ballot stays on one page.
    const boxHeight = Math.max(
      MIN_BOX_HEIGHT,
      Math.min(BOX_HEIGHT, Math.floor(BOX_SPACE / (u.leaders.length * items.length))),
    );
    for (const l of u.leaders) {
      const top = values.length;
      items.forEach((it, k) =>
        line([k === 0 ? l.name : null, k === 0 ? l.position : null, it.name, ...cats.map(() => null)], boxHeight),
      );
      const bottom = values.length - 1;
      merges.push({ top, left: 0, bottom, right: 0 }, { top, left: 1, bottom, right: 1 });
      style(
        { top, left: 0, bottom, right: COLS - 1 },
        { border: "thin", horizontalAlignment: "center", verticalAlignment: "center", wrapText: true },
      );
    }
    const date = line([null, null, null, null, "测评日期：　　年　　月　　日"], 30);
    across(date, 4, COLS - 1);
    style(
      { top: date, left: 4, bottom: date, right: COLS - 1 },
      { horizontalAlignment: "right", verticalAlignment: "bottom" },
    );
    units.push({ unit: u.unit, leaders: u.leaders.length, firstRow: first, lastRow: values.length - 1 });
  }

  const layout: SheetLayout = {
    sheet: SHEETS.blankBallots,
    values,
    textCells: textCellsOf(values),
    formulas: [],
    headerRows: 0,
    columns: WIDTHS.map((width) => ({ width, numberFormat: null })),
    freeze: { rows: 0, columns: 0 },
    autoFilter: null,
    styles,
    notes: [],
    merges,
    rowHeights,
    print: {
      paper: "A4",
      orientation: "portrait",
      // One page wide; the height is left to the manual breaks, one ballot per page.
      fitTo: { width: 1, height: 0 },
      titleRows: null,
      header: "",
      footer: "",
      margins: { left: 0.6, right: 0.6, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 },
      centerHorizontally: true,
      rowBreaks,
    },
  };
  return { layout, units };
}

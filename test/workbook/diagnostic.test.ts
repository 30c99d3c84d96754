import { describe, expect, it } from "vitest";
import { appendDiagnostics, type Diagnostic, sortDiagnostics, warning } from "../../src/workbook/diagnostic";

const ORDER = ["考核对象", "经营业绩", "民主测评"];
const cells = (list: Diagnostic[]) => list.map((d) => d.cell);

/** The order sortDiagnostics promises, worked out independently: sheet (by ORDER, others after by name), row, column, position. */
function reference(list: Diagnostic[], order: string[]): Diagnostic[] {
  const key = (cell: string) => {
    const m = /^(.*)!\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(cell);
    if (!m) return { sheet: cell, row: -1, col: -1 };
    const sheet = m[1].startsWith("'") && m[1].endsWith("'") ? m[1].slice(1, -1).replace(/''/g, "'") : m[1];
    const col = [...m[2].toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return { sheet, row: Number(m[3]), col };
  };
  const rank = (s: string) => (order.includes(s) ? order.indexOf(s) : order.length);
  return list
    .map((d, i) => ({ d, i, k: key(d.cell) }))
    .sort(
      (a, b) =>
        rank(a.k.sheet) - rank(b.k.sheet) ||
        (a.k.sheet < b.k.sheet ? -1 : a.k.sheet > b.k.sheet ? 1 : 0) ||
        a.k.row - b.k.row ||
        a.k.col - b.k.col ||
        a.i - b.i,
    )
    .map((x) => x.d);
}

/** A small deterministic generator, so that a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomCell(next: () => number): string {
  const sheets = [...ORDER, "其他表", "'O''Brien 表'", "附表"];
  const sheet = sheets[Math.floor(next() * sheets.length)];
  if (next() < 0.05) return sheet.replace(/^'|'$/g, "");
  const col = ["A", "B", "Z", "AA", "AB"][Math.floor(next() * 5)];
  return `${sheet}!${col}${1 + Math.floor(next() * 30)}`;
}

describe("sortDiagnostics", () => {
  it("orders by the given sheets, then row, then column; other sheets after, by name; equal cells kept in order", () => {
    const list = [
      warning("民主测评!B3", "a", "1"),
      warning("经营业绩!C10", "a", "2"),
      warning("附表!A1", "a", "3"),
      warning("经营业绩!C9", "a", "4"),
      warning("经营业绩!AA9", "a", "5"),
      warning("其他表!A1", "a", "6"),
      warning("考核对象", "a", "7"),
      warning("经营业绩!C9", "a", "8"),
    ];
    const sorted = sortDiagnostics(list, ORDER);
    expect(cells(sorted)).toEqual([
      "考核对象",
      "经营业绩!C9",
      "经营业绩!C9",
      "经营业绩!AA9",
      "经营业绩!C10",
      "民主测评!B3",
      "其他表!A1",
      "附表!A1",
    ]);
    expect(sorted.filter((d) => d.cell === "经营业绩!C9").map((d) => d.message)).toEqual(["4", "8"]);
  });

  it("a list already in order comes back equal, as a copy", () => {
    const list = [warning("考核对象!A2", "a", ""), warning("民主测评!A3", "a", "")];
    const sorted = sortDiagnostics(list, ORDER);
    expect(sorted).toEqual(list);
    expect(sorted).not.toBe(list);
  });

  it("gives the independent order for random lists: in order, a run in order with more after it, or none", () => {
    const next = rng(11);
    for (let t = 0; t < 300; t++) {
      const n = Math.floor(next() * 60);
      const list = Array.from({ length: n }, (_, i) => warning(randomCell(next), "a", String(i)));
      // Most lists in the product are the reader's, in order, followed by the engine's few.
      const shape = t % 3;
      const head = shape === 2 ? 0 : Math.floor(next() * n);
      const input = shape === 2 ? list : [...reference(list.slice(0, head), ORDER), ...list.slice(head)];
      const prepared = shape === 0 ? reference(input, ORDER) : input;
      expect(sortDiagnostics(prepared, ORDER)).toEqual(reference(prepared, ORDER));
    }
  });
});

describe("appendDiagnostics", () => {
  it("gives the order of sorting both lists together, whatever the first list was sorted under", () => {
    const next = rng(23);
    // The reader sorts under the tabs and the missing standard sheets after them; the engine under the tabs. With
    // 测评票, the ballots' sheets follow the tabs, one of them perhaps a tab too: its rank is then the later one.
    const orders = [
      ORDER,
      [...ORDER, "附表"],
      [...ORDER, "其他表", "附表"],
      ["经营业绩", "考核对象"],
      [...ORDER, "经营业绩", "附表"],
    ];
    let merged = 0;
    for (let t = 0; t < 400; t++) {
      const n = Math.floor(next() * 50);
      const m = Math.floor(next() * 6);
      const made = Array.from({ length: n }, (_, i) => warning(randomCell(next), "a", `r${i}`));
      const extra = Array.from({ length: m }, (_, i) => warning(randomCell(next), "b", `e${i}`));
      // Equal cells in both lists, to see that the first list's come first.
      if (n > 0 && m > 0) extra[0] = warning(made[Math.floor(next() * n)].cell, "b", "e0");
      const under = orders[Math.floor(t / 5) % orders.length];
      const shape = t % 5;
      // Sorted by sortDiagnostics; or only on the order's sheets (as the reader's list of a full workbook);
      // or a plain list in order, which appendDiagnostics cannot trust.
      const onListed = shape === 1 ? made.filter((d) => ORDER.some((o) => d.cell.startsWith(`${o}!`))) : made;
      const list = shape === 4 ? reference(onListed, ORDER) : sortDiagnostics(onListed, under);
      const want = reference([...list, ...extra], ORDER);
      const got = appendDiagnostics(list, extra, ORDER);
      expect(got).toEqual(want);
      expect(got).not.toBe(list);
      if (m > 0) merged++;
    }
    expect(merged).toBeGreaterThan(300);
  });

  it("does not trust a sorted list that was changed after", () => {
    const list = sortDiagnostics([warning("经营业绩!C9", "a", "1"), warning("民主测评!A3", "a", "2")], ORDER);
    list.push(warning("考核对象!A2", "a", "3"));
    expect(cells(appendDiagnostics(list, [warning("经营业绩!A1", "b", "4")], ORDER))).toEqual([
      "考核对象!A2",
      "经营业绩!A1",
      "经营业绩!C9",
      "民主测评!A3",
    ]);
  });
});

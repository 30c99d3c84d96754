import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { GridBook } from "../../src/workbook/grid";
import { readWorkbook } from "../../src/workbook/read";
import { SheetNumber } from "../../src/workbook/read/numbers";
import type { Rows } from "./helpers";
import { TWO_INDICATORS, smallBook } from "./helpers";

/** The input without anything that depends on where values sit. */
function values(book: GridBook) {
  const r = readWorkbook(book, TWO_INDICATORS);
  const strip = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(strip);
    // A number read from a unit sheet holds its row and column, for the address it makes when read: as JSON it is
    // its value and that address.
    if (x instanceof SheetNumber) return strip(x.toJSON());
    if (x && typeof x === "object") {
      return Object.fromEntries(
        Object.entries(x)
          .filter(([k]) => !["cell", "sheets", "countCells", "abstainCell"].includes(k))
          .map(([k, v]) => [k, strip(v)]),
      );
    }
    return x;
  };
  return {
    input: strip(r.input),
    errors: r.errors.map((d) => d.code),
    warnings: r.warnings.map((d) => d.code),
  };
}

function permuteColumns(rows: Rows, order: number[]): Rows {
  return rows.map((row) => order.map((c) => row[c] ?? null));
}

describe("reader invariants", () => {
  const base = values(smallBook());

  it("the order of columns changes nothing but addresses", () => {
    const book = smallBook();
    const widths = book.map((g) => Math.max(...g.rows.map((r) => r.length)));
    fc.assert(
      fc.property(
        fc.tuple(...widths.map((w) => fc.shuffledSubarray([...Array(w).keys()], { minLength: w, maxLength: w }))),
        (orders) => {
          const shuffled = book.map((g, i) => ({
            name: g.name,
            rows: permuteColumns(g.rows, orders[i]),
          }));
          expect(values(shuffled)).toEqual(base);
        },
      ),
    );
  });

  it("title rows above the header, and blank, total and footnote rows among the data, change nothing but addresses", () => {
    const filler: Rows[] = [[[]], [["合计", null, 1]], [["注：以上数据由财务部提供"]], [[null, null]], [["小计"]]];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 8 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: filler.length - 1 })), {
          maxLength: 6,
        }),
        (titles, inserts) => {
          const book = smallBook().map((g) => {
            const [header, ...data] = g.rows;
            const body = [...data];
            for (const [at, kind] of inserts) body.splice(at % (body.length + 1), 0, ...filler[kind]);
            const top: Rows = Array.from({ length: titles }, (_, i) => (i === 0 ? [`${g.name}（2024年度）`] : []));
            return { name: g.name, rows: [...top, header, ...body] };
          });
          expect(values(book)).toEqual(base);
        },
      ),
    );
  });
});

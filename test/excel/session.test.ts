/** Requirement-set detection, and the write batch that keeps each request within its budget. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACTION_OVERHEAD_BYTES, Session, WriteBatch, detectApi, rowBlocks } from "../../src/excel/session";

describe("detectApi", () => {
  it("finds the highest ExcelApi 1.x and what it allows", () => {
    const upTo = (max: number) => (name: string, v: string) => name === "ExcelApi" && Number(v.split(".")[1]) <= max;
    expect(detectApi(upTo(8))).toMatchObject({
      version: "1.8",
      scoring: true,
      autoFilter: false,
      pageLayout: false,
      cellProperties: false,
      notes: false,
      suspendCalculation: true,
    });
    expect(detectApi(upTo(9))).toMatchObject({
      version: "1.9",
      autoFilter: true,
      pageLayout: true,
      cellProperties: true,
      notes: false,
    });
    expect(detectApi(upTo(20))).toMatchObject({ version: "1.20", notes: true, comments: true });
    expect(detectApi(upTo(7))).toMatchObject({ version: "1.7", scoring: false });
    expect(detectApi(() => false)).toMatchObject({ version: "", scoring: false });
    expect(
      detectApi(() => {
        throw new Error("no Office");
      }).version,
    ).toBe("");
  });
});

describe("WriteBatch", () => {
  it("sends a request before the budget would be passed, and starts each request with onRequestStart", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 900 }), { maxLength: 60 }),
        fc.integer({ min: 1000, max: 5000 }),
        async (sizes, budget) => {
          const requests: number[][] = [];
          let current: number[] = [];
          const context = {
            sync: async () => void requests.push(current.splice(0)),
          } as unknown as Excel.RequestContext;
          const session = new Session(
            context,
            detectApi(() => true),
            budget,
          );
          let starts = 0;
          const batch = new WriteBatch(session, () => starts++);
          for (const n of sizes) await batch.add(n, () => current.push(n + ACTION_OVERHEAD_BYTES));
          await batch.flush();
          expect(requests.flat().length).toBe(sizes.length);
          expect(starts).toBe(requests.length);
          expect(session.syncs).toBe(requests.length);
          for (const r of requests) {
            expect(r.length).toBeGreaterThan(0);
            if (r.length > 1) expect(r.reduce((a, b) => a + b, ACTION_OVERHEAD_BYTES)).toBeLessThanOrEqual(budget);
          }
        },
      ),
    );
  });
});

describe("rowBlocks", () => {
  it("splits rows into consecutive blocks within the size, in order", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 50 })), fc.integer({ min: 10, max: 200 }), (sizes, max) => {
        const blocks = rowBlocks(sizes, max, (n) => n);
        expect(blocks.flatMap((b) => b.rows)).toEqual(sizes);
        let next = 0;
        for (const b of blocks) {
          expect(b.start).toBe(next);
          next += b.rows.length;
          if (b.rows.length > 1) expect(b.rows.reduce((a, n) => a + n + 1, 0)).toBeLessThanOrEqual(max);
        }
      }),
    );
  });
});

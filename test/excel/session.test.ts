/** Requirement-set detection, and the write batch that keeps each request within its budget. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REQUEST_BYTES, Session, WriteBatch, detectApi, libraryImplements, rowBlocks } from "../../src/excel/session";
import { officeJs } from "./officeJs";

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
    expect(detectApi(upTo(7))).toMatchObject({ version: "1.7", scoring: true, validation: false, nativeCharts: false });
    expect(detectApi(upTo(6))).toMatchObject({ version: "1.6", scoring: false });
    expect(detectApi(() => false)).toMatchObject({ version: "", scoring: false });
    expect(
      detectApi(() => {
        throw new Error("no Office");
      }).version,
    ).toBe("");
  });

  it("uses an extra only when the loaded library implements it, whatever the requirement set says", () => {
    const all = (name: string) => name === "ExcelApi";
    const noNotes = (cls: string, member: string) => !(cls === "Worksheet" && member === "notes");
    expect(detectApi(all, noNotes)).toMatchObject({ version: "1.40", notes: false, autoFilter: true, scoring: true });
    expect(detectApi(all, () => false)).toMatchObject({ scoring: false, notes: false, pictures: false });
    expect(
      detectApi(all, () => {
        throw new Error("no library");
      }).scoring,
    ).toBe(false);
  });

  it("the office.js of the npm package (1.1.110) has no Note API: an Excel reporting 1.18 gets input messages", () => {
    const lib = officeJs();
    const implemented = libraryImplements(lib.Excel);
    expect(implemented("Worksheet", "autoFilter")).toBe(true);
    expect(implemented("Range", "getCellProperties")).toBe(true);
    expect(implemented("Worksheet", "notes")).toBe(false);
    const m365 = detectApi((name, v) => name === "ExcelApi" && Number(v.split(".")[1]) <= 20, implemented);
    expect(m365).toMatchObject({ version: "1.20", scoring: true, autoFilter: true, pictures: true, notes: false });
    // Without asking the library, 1.18 would have meant notes, and ws.notes.add a TypeError.
    expect(detectApi((name, v) => name === "ExcelApi" && Number(v.split(".")[1]) <= 20).notes).toBe(true);
    expect(libraryImplements(undefined)("Worksheet", "notes")).toBe(false);
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
          for (const n of sizes) await batch.add(n, () => current.push(n));
          await batch.flush();
          expect(requests.flat().length).toBe(sizes.length);
          expect(starts).toBe(requests.length);
          expect(session.syncs).toBe(requests.length);
          for (const r of requests) {
            expect(r.length).toBeGreaterThan(0);
            if (r.length > 1) expect(r.reduce((a, b) => a + b, REQUEST_BYTES.request)).toBeLessThanOrEqual(budget);
          }
          expect(batch.estimates).toHaveLength(requests.length);
          for (let i = 0; i < requests.length; i++) {
            expect(batch.estimates[i]).toBe(requests[i].reduce((a, b) => a + b, REQUEST_BYTES.request));
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

/**
 * 撤销上次计算: the snapshot kept in the workbook, and restore. A first run is undone by deleting 考核结果; a
 * later run by putting the earlier sheet back cell for cell; a run that fails while writing leaves a
 * workbook that restore brings back; the snapshot survives saving and reopening; only the last run is kept.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RESULTS_SHEET, SNAPSHOT_SHEET } from "../../src/excel/gateway";
import {
  type SheetCapture,
  SNAPSHOT_PART_CHARS,
  constantToWrite,
  decodeSnapshot,
  encodeSnapshot,
  splitParts,
} from "../../src/excel/snapshot";
import { FakeExcel, cloneWorkbook, dumpWorkbook } from "./fake";
import type { WorkbookState } from "./fake/state";
import { TODAY, addinOn, dumpsExcept, example, fakeFromXlsx, withoutSheets } from "./helpers";

const ex = example("example-1");
const run = (fake: FakeExcel) => addinOn(fake).calculate({ today: TODAY, method: ex.method });

/** An earlier 考核结果 made by hand: every kind of value, formats, fills, widths, frozen panes, a filter. */
function handMadeResults(wb: WorkbookState, withNotes: boolean): void {
  const s = wb.addSheet(RESULTS_SHEET);
  wb.sheets.splice(wb.sheets.indexOf(s), 1);
  wb.sheets.splice(2, 0, s);
  const put = (
    r: number,
    c: number,
    v: number | string | boolean | null,
    type: "Double" | "String" | "Boolean" | "Error",
    extra: object = {},
  ) => {
    Object.assign(s.edit(r, c), { value: v, type, ...extra });
    s.tidy(r, c);
  };
  ["姓名", "得分", "日期", "备注", "公式"].forEach((h, c) =>
    put(0, c, h, "String", { bold: true, fill: "#FFC000", horizontalAlignment: "Center", fontColor: "#1F4E79" }),
  );
  for (let r = 1; r <= 12; r++) {
    put(r, 0, `人员${r}`, "String");
    put(r, 1, 60 + r * 2.5, "Double", { numberFormat: "0.0", fill: r % 3 === 0 ? "#C6EFCE" : null, bold: r % 4 === 0 });
    put(r, 2, 45000 + r, "Double", { numberFormat: 'yyyy"年"m"月"d"日"', horizontalAlignment: "Right" });
    put(r, 3, r % 2 ? "3-1" : "00123", "String", { quotePrefix: true });
    Object.assign(s.edit(r, 4), {
      formula: `=B${r + 1}*2`,
      value: (60 + r * 2.5) * 2,
      type: "Double",
      numberFormat: "0.00",
    });
  }
  put(13, 0, "=不是公式", "String", { numberFormat: "@" });
  put(13, 1, "#N/A", "Error");
  put(13, 2, true, "Boolean", { horizontalAlignment: "Right" });
  put(13, 3, "'引号开头", "String", { quotePrefix: true });
  // A formatted cell far away widens the used range.
  Object.assign(s.edit(20, 7), { fill: "#FF0000" });
  s.widths.set(0, 70);
  s.widths.set(3, 120.5);
  s.freeze = { rows: 1, columns: 1 };
  s.autoFilter = { top: 0, left: 0, bottom: 12, right: 4 };
  if (withNotes) s.notes.set("B1", "旧表头说明");
  s.validations.push({
    rect: { top: 0, left: 2, bottom: 0, right: 2 },
    rule: null,
    prompt: { title: "日期", message: "报到日期", showPrompt: true },
    errorAlert: null,
    ignoreBlanks: true,
  });
}

describe("restore", () => {
  it("after a first run, takes 考核结果 away again and leaves the workbook as it was", async () => {
    const fake = await fakeFromXlsx(ex.xlsx);
    const before = dumpWorkbook(fake.state);
    await run(fake);
    const r = await addinOn(fake).undoLast();
    expect(r).toMatchObject({ restored: true, deleted: true, syncs: 2 });
    expect(dumpWorkbook(fake.state)).toEqual(before);
    expect(await addinOn(fake).undoLast()).toMatchObject({ restored: false });
  });

  it.each(["Microsoft 365", "ExcelApi 1.18"])(
    "after a second run, puts the first run's sheet back cell for cell, formats too (%s)",
    async (req) => {
      const fake = await fakeFromXlsx(ex.xlsx, req);
      await run(fake);
      const afterFirst = dumpWorkbook(fake.state);
      const firstSheet = afterFirst[RESULTS_SHEET];
      // The input changes, so the second run writes something else.
      const work = fake.state.sheet("工作评价")!;
      work.edit(1, 1).value = 70;
      work.edit(1, 1).type = "Double";
      await run(fake);
      expect(dumpWorkbook(fake.state)[RESULTS_SHEET]).not.toEqual(firstSheet);
      const r = await addinOn(fake).undoLast();
      expect(r.restored).toBe(true);
      const now = dumpWorkbook(fake.state);
      expect(now[SNAPSHOT_SHEET]).toBeUndefined();
      // Positions are counted without the very hidden snapshot sheet (it sits before 考核结果 after a first run).
      expect(withoutSheets(now, [])[RESULTS_SHEET]).toEqual(withoutSheets(afterFirst, [SNAPSHOT_SHEET])[RESULTS_SHEET]);
      expect(Object.keys(now)).toEqual(Object.keys(afterFirst).filter((n) => n !== SNAPSHOT_SHEET));
    },
  );

  it("on ExcelApi 1.8, puts back values, number formats, widths, frozen panes and input messages; fills per column", async () => {
    const fake = await fakeFromXlsx(ex.xlsx, "ExcelApi 1.8");
    await run(fake);
    const first = withoutSheets(dumpWorkbook(fake.state), [SNAPSHOT_SHEET])[RESULTS_SHEET];
    await run(fake);
    await addinOn(fake).undoLast();
    const now = withoutSheets(dumpWorkbook(fake.state), [SNAPSHOT_SHEET])[RESULTS_SHEET];
    const strip = (d: typeof first) =>
      Object.fromEntries(
        Object.entries(d.cells).map(([a, c]) => [
          a,
          { ...c, fill: /^P\d+$/.test(a) && a !== "P1" ? "(per cell)" : c.fill },
        ]),
      );
    // The 等次 column's grade colours differ row by row: ExcelApi 1.8 cannot read them cheaply (see snapshot.ts).
    expect(strip(now)).toEqual(strip(first));
    expect({ ...now, cells: {} }).toEqual({ ...first, cells: {} });
  });

  it("puts back a hand-made earlier 考核结果: values of every kind, formats, fills, widths, panes, filter, header notes", async () => {
    const fake = await fakeFromXlsx(ex.xlsx, "ExcelApi 1.18");
    handMadeResults(fake.state, true);
    const before = dumpWorkbook(fake.state);
    const r = await run(fake);
    expect(r.ok).toBe(true);
    expect(dumpsExcept(fake.state)).toEqual(withoutSheets(before));
    await addinOn(fake).undoLast();
    expect(dumpWorkbook(fake.state)).toEqual(before);
  });

  it("survives saving and reopening: the snapshot is in the workbook", async () => {
    const fake = await fakeFromXlsx(ex.xlsx);
    handMadeResults(fake.state, false);
    const before = dumpWorkbook(fake.state);
    await run(fake);
    const reopened = new FakeExcel(cloneWorkbook(fake.state));
    const r = await addinOn(reopened).undoLast();
    expect(r.restored).toBe(true);
    expect(dumpWorkbook(reopened.state)).toEqual(before);
  });

  it("recreates 考核结果 at its old tab position if the user deleted it since", async () => {
    const fake = await fakeFromXlsx(ex.xlsx);
    handMadeResults(fake.state, false);
    const before = dumpWorkbook(fake.state);
    await run(fake);
    fake.state.sheets = fake.state.sheets.filter((x) => x.name !== RESULTS_SHEET);
    const r = await addinOn(fake).undoLast();
    expect(r).toMatchObject({ restored: true, deleted: false });
    expect(dumpWorkbook(fake.state)).toEqual(before);
  });

  it("keeps only the last run", async () => {
    const fake = await fakeFromXlsx(ex.xlsx);
    await run(fake);
    const work = fake.state.sheet("工作评价")!;
    work.edit(1, 1).value = 70;
    await run(fake);
    const second = withoutSheets(dumpWorkbook(fake.state), [SNAPSHOT_SHEET])[RESULTS_SHEET];
    work.edit(1, 1).value = 75;
    await run(fake);
    await addinOn(fake).undoLast();
    expect(withoutSheets(dumpWorkbook(fake.state), [SNAPSHOT_SHEET])[RESULTS_SHEET]).toEqual(second);
    expect(await addinOn(fake).undoLast()).toMatchObject({ restored: false, reason: "没有可撤销的计算。" });
  });
});

describe("a failing sync midway", () => {
  it.each([1, "half" as const, 40])(
    "while writing the results (after %s actions) leaves a workbook that restore brings back",
    async (after) => {
      const fake = await fakeFromXlsx(ex.xlsx);
      handMadeResults(fake.state, false);
      const before = dumpWorkbook(fake.state);
      fake.failAt({ sync: 3, afterActions: after });
      await expect(run(fake)).rejects.toThrow(/计算失败/);
      expect(fake.stats.requests[2].failed).toBe("GeneralException");
      expect(dumpsExcept(fake.state)).toEqual(withoutSheets(before));
      const r = await addinOn(fake).undoLast();
      expect(r.restored).toBe(true);
      expect(dumpWorkbook(fake.state)).toEqual(before);
    },
  );

  it("while writing the results of a first run: restore deletes the half-written sheet", async () => {
    const fake = await fakeFromXlsx(ex.xlsx);
    const before = dumpWorkbook(fake.state);
    fake.failAt({ sync: 3, afterActions: "half" });
    await expect(run(fake)).rejects.toThrow();
    expect(fake.state.sheet(RESULTS_SHEET)).toBeDefined();
    await addinOn(fake).undoLast();
    expect(dumpWorkbook(fake.state)).toEqual(before);
  });

  it("while writing the snapshot leaves 考核结果 as it was, and no snapshot to restore", async () => {
    const fake = await fakeFromXlsx(ex.xlsx);
    handMadeResults(fake.state, false);
    const before = dumpWorkbook(fake.state);
    fake.failAt({ sync: 2, afterActions: "half" });
    await expect(run(fake)).rejects.toThrow();
    expect(dumpsExcept(fake.state, [SNAPSHOT_SHEET])).toEqual(withoutSheets(before, [SNAPSHOT_SHEET]));
    expect(await addinOn(fake).undoLast()).toMatchObject({ restored: false });
  });
});

describe("a large earlier 考核结果 (snapshot above 5 MB)", () => {
  it("is stored in several requests within the payload limit, and restored exactly", async () => {
    const fake = await fakeFromXlsx(ex.xlsx);
    const s = fake.state.addSheet(RESULTS_SHEET);
    const long = "考核结果说明文字".repeat(12);
    for (let r = 0; r < 1500; r++)
      for (let c = 0; c < 20; c++) Object.assign(s.edit(r, c), { value: `${r}-${c}${long}`, type: "String" });
    const before = dumpWorkbook(fake.state);
    fake.payloadLimit = 5 * 1024 * 1024;
    fake.responseLimit = 20 * 1024 * 1024;
    const r = await run(fake);
    expect(r.ok).toBe(true);
    const requests = fake.stats.requests;
    expect(requests.every((q) => q.bytes <= 5 * 1024 * 1024 && q.failed === undefined)).toBe(true);
    expect(requests.length).toBeGreaterThan(3);
    const snap = fake.state.sheet(SNAPSHOT_SHEET)!;
    expect(
      [...snap.cells.values()].every((c) => typeof c.value !== "string" || c.value.length <= SNAPSHOT_PART_CHARS),
    ).toBe(true);
    fake.resetStats();
    fake.payloadLimit = 5 * 1024 * 1024;
    // The snapshot itself is too large for one answer: it is read in parts.
    fake.responseLimit = 5 * 1024 * 1024;
    const u = await addinOn(fake).undoLast();
    expect(u.restored).toBe(true);
    expect(fake.stats.requests[0].failed).toBe("ResponsePayloadSizeLimitExceeded");
    expect(fake.stats.requests.slice(1).every((q) => q.bytes <= 5 * 1024 * 1024 && q.failed === undefined)).toBe(true);
    expect(dumpWorkbook(fake.state)).toEqual(before);
  });
});

describe("the stored form", () => {
  const capture = (cells: (number | string | boolean | null)[][]): SheetCapture => ({
    existed: true,
    protected: false,
    position: 3,
    used: { address: `A1:C${cells.length}`, top: 0, left: 0, rows: cells.length, cols: 3 },
    cells,
    formats: cells.map((row) => row.map((_, c) => (c === 1 ? "0.00" : "General"))),
    columnLooks: [
      {
        header: {
          fill: "#D9E1F2",
          bold: true,
          fontColor: "#000000",
          horizontalAlignment: "Center",
          verticalAlignment: "Center",
          wrapText: false,
        },
        data: { address: "A2:A9", look: { horizontalAlignment: "Right" } },
      },
    ],
    cellMarks: cells.map((row) => row.map((_, c) => ({ fill: c === 2 ? "#63BE7B" : null, bold: false }))),
    widths: [48, null, 100],
    freeze: { rows: 1, columns: 2 },
    autoFilter: "A1:C3",
    notes: { A1: "说明" },
    prompts: {},
  });

  it("round-trips through JSON parts", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(
            fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string(), fc.boolean(), fc.constant(null)),
            { minLength: 3, maxLength: 3 },
          ),
          {
            minLength: 1,
            maxLength: 30,
          },
        ),
        (cells) => {
          const c = capture(cells.map((row) => row.map((v) => (Object.is(v, -0) ? 0 : v))));
          const parts = splitParts(encodeSnapshot(RESULTS_SHEET, c, "2025-12-31T00:00:00Z"), 50);
          const back = decodeSnapshot(parts.join(""));
          expect(back.capture).toEqual(c);
          expect(back.sheet).toBe(RESULTS_SHEET);
        },
      ),
    );
  });

  it("splits text into parts of at most the given length, never inside a surrogate pair", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), fc.integer({ min: 2, max: 40 }), (text, max) => {
        const parts = splitParts(text, max);
        expect(parts.join("")).toBe(text);
        for (const p of parts) {
          expect(p.length).toBeLessThanOrEqual(max);
          expect(p.length).toBeGreaterThan(0);
          const last = p.charCodeAt(p.length - 1);
          expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
        }
      }),
    );
  });

  it("writes back text that Excel would change with a quote prefix, formulas and errors as they are", () => {
    expect(constantToWrite("00123", "General")).toBe("'00123");
    expect(constantToWrite("00123", "@")).toBe("00123");
    expect(constantToWrite("'引号", "@")).toBe("''引号");
    expect(constantToWrite("=B2*2", "0.00")).toBe("=B2*2");
    expect(constantToWrite("=B2*2", "0.00", 42)).toBe("=B2*2");
    // Text that only starts with "=" (its value is itself): written back as text, not as a formula.
    expect(constantToWrite("=HYPERLINK(1)", "General", "=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(constantToWrite("=文字", "@", "=文字")).toBe("=文字");
    expect(constantToWrite("#N/A", "General")).toBe("#N/A");
    expect(constantToWrite("", "General")).toBeNull();
    expect(constantToWrite(12.5, "0.0")).toBe(12.5);
  });
});

/** The fake Excel itself: it must behave as Office.js does where the add-in depends on it. */
import { describe, expect, it } from "vitest";
import { FakeExcel, FakeOfficeError, WorkbookState, dumpWorkbook, gridBookOf, workbookFromGridBook } from "./fake";
import { toSerial } from "./fake/state";

function fake(requirements = "Microsoft 365") {
  const wb = workbookFromGridBook([
    {
      name: "甲",
      rows: [
        ["姓名", "分数"],
        ["张三", 90],
        ["李四", 80],
      ],
    },
    { name: "乙", rows: [[new Date(Date.UTC(2024, 0, 5)), { error: "#N/A" }, true]] },
  ]);
  return new FakeExcel(wb, { requirements });
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as FakeOfficeError).code;
  }
  return "no error";
}

describe("load and sync", () => {
  it("reading a property that was not loaded and synced throws PropertyNotLoaded", async () => {
    const excel = fake();
    await excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("甲").getRange("A1:B3");
      expect(() => r.values).toThrow(/PropertyNotLoaded|not available/);
      r.load("values");
      expect(() => r.values).toThrow();
      await ctx.sync();
      expect(r.values).toEqual([
        ["姓名", "分数"],
        ["张三", 90],
        ["李四", 80],
      ]);
      expect(() => r.address).toThrow();
      try {
        void r.numberFormat;
      } catch (e) {
        expect(e).toBeInstanceOf(FakeOfficeError);
        expect((e as FakeOfficeError).code).toBe("PropertyNotLoaded");
      }
    });
  });

  it("applies queued writes only at sync, in order", async () => {
    const excel = fake();
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("甲");
      ws.getRange("B2").values = [[95]];
      expect(gridBookOf(excel.state)[0].rows[1][1]).toBe(90);
      const used = ws.getUsedRange(true);
      ws.getRange("A3:B3").clear("Contents");
      const after = ws.getUsedRange(true);
      used.load("address");
      after.load("address");
      await ctx.sync();
      expect(gridBookOf(excel.state)[0].rows[1][1]).toBe(95);
      // Each used range is resolved at its place in the queue.
      expect(used.address).toBe("甲!A1:B3");
      expect(after.address).toBe("甲!A1:B2");
    });
  });

  it("counts round trips (not empty syncs) and request bytes", async () => {
    const excel = fake();
    await excel.run(async (ctx) => {
      await ctx.sync();
      const r = ctx.workbook.worksheets.getItem("甲").getRange("A1");
      r.values = [["x".repeat(1000)]];
      await ctx.sync();
    });
    expect(excel.stats.syncs).toBe(1);
    expect(excel.stats.requests[0].bytes).toBeGreaterThan(1000);
    expect(excel.stats.runs).toBe(1);
  });

  it("syncs what is left when the batch function returns", async () => {
    const excel = fake();
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("甲").getRange("A1").values = [["名字"]];
    });
    expect(gridBookOf(excel.state)[0].rows[0][0]).toBe("名字");
    expect(excel.stats.syncs).toBe(1);
  });
});

describe("null objects and missing items", () => {
  it("…OrNullObject gives isNullObject after the sync; methods on it give null objects, writes do nothing", async () => {
    const excel = fake();
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject("没有");
      const used = ws.getUsedRangeOrNullObject();
      used.load("values");
      ws.getRange("A1").values = [[1]];
      expect(() => ws.isNullObject).toThrow();
      await ctx.sync();
      expect(ws.isNullObject).toBe(true);
      expect(used.isNullObject).toBe(true);
      expect(used.values).toBeUndefined();
      const there = ctx.workbook.worksheets.getItemOrNullObject("甲");
      await ctx.sync();
      expect(there.isNullObject).toBe(false);
    });
    expect(excel.state.sheets.map((s) => s.name)).toEqual(["甲", "乙"]);
  });

  it("getItem of a missing sheet fails at sync with ItemNotFound", async () => {
    const excel = fake();
    const code = await codeOf(
      excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("没有");
        await ctx.sync();
        return ws;
      }),
    );
    expect(code).toBe("ItemNotFound");
  });

  it("the used range of a blank sheet is a null object", async () => {
    const wb = new WorkbookState();
    wb.addSheet("空");
    const excel = new FakeExcel(wb);
    await excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("空").getUsedRangeOrNullObject(true);
      await ctx.sync();
      expect(r.isNullObject).toBe(true);
    });
  });
});

describe("what Excel gives and takes", () => {
  it("dates are serials with a date format; errors and booleans have their types", async () => {
    const excel = fake();
    await excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("乙").getRange("A1:C1");
      r.load("values,valueTypes,numberFormat");
      await ctx.sync();
      expect(r.values).toEqual([[toSerial(new Date(Date.UTC(2024, 0, 5))), "#N/A", true]]);
      expect(r.values[0][0]).toBe(45296);
      expect(r.valueTypes).toEqual([["Double", "Error", "Boolean"]]);
      expect(r.numberFormat[0][0]).toBe("yyyy-mm-dd");
    });
  });

  it("written text turns into numbers, dates and formulas unless the cell is text (@) or quote-prefixed", async () => {
    const excel = fake();
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("甲");
      const r = ws.getRange("D1:D6");
      r.values = [["123"], ["3-1"], ["=SUM(B2:B3)"], ["'007"], ["TRUE"], ["50%"]];
      const t = ws.getRange("E1:E2");
      t.numberFormat = [["@"], ["@"]];
      t.values = [["=1+1"], ["0012"]];
      r.load("values,valueTypes,formulas,numberFormat");
      t.load("values,valueTypes,formulas");
      await ctx.sync();
      expect(r.valueTypes.map((x) => x[0])).toEqual(["Double", "Double", "Empty", "String", "Boolean", "Double"]);
      expect(r.values[3][0]).toBe("007");
      expect(r.formulas[2][0]).toBe("=SUM(B2:B3)");
      expect(r.numberFormat[1][0]).toBe("yyyy/m/d");
      expect(r.numberFormat[5][0]).toBe("0%");
      expect(t.values).toEqual([["=1+1"], ["0012"]]);
      expect(t.valueTypes).toEqual([["String"], ["String"]]);
    });
  });

  it("a merged area keeps its value in the top-left cell only", async () => {
    const excel = fake();
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("甲");
      ws.getRange("A1:B1").merge();
      const r = ws.getRange("A1:B1");
      r.load("values");
      await ctx.sync();
      expect(r.values).toEqual([["姓名", ""]]);
    });
    expect(dumpWorkbook(excel.state)["甲"].merges).toEqual(["A1:B1"]);
  });

  it("a rectangular mismatch is InvalidArgument", async () => {
    const excel = fake();
    const code = await codeOf(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("甲").getRange("A1:B2").values = [[1, 2]];
        await ctx.sync();
      }),
    );
    expect(code).toBe("InvalidArgument");
  });

  it("mixed formats read as null, uniform ones as their value; no fill reads as white", async () => {
    const excel = fake();
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("甲");
      ws.getRange("A1").format.fill.color = "#FF0000";
      const mixed = ws.getRange("A1:A2").format.fill;
      const none = ws.getRange("C1:C9").format.fill;
      mixed.load("color");
      none.load("color");
      await ctx.sync();
      expect(mixed.color).toBeNull();
      expect(none.color).toBe("#FFFFFF");
    });
  });
});

describe("failures", () => {
  it("a failure injected at the nth sync applies part of the batch, then throws", async () => {
    const excel = fake();
    excel.failAt({ sync: 2, afterActions: 2 });
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("甲");
      ws.getRange("A1").values = [["一"]];
      await ctx.sync();
      ws.getRange("A2").values = [["二"]];
      ws.getRange("A3").values = [["三"]];
      const e = await codeOf(ctx.sync());
      expect(e).toBe("GeneralException");
    });
    const rows = gridBookOf(excel.state)[0].rows;
    expect(rows.map((r) => r[0])).toEqual(["一", "二", "李四"]);
    expect(excel.stats.requests[1].failed).toBe("GeneralException");
  });

  it("a request above the payload limit fails whole", async () => {
    const excel = fake();
    excel.payloadLimit = 2000;
    const code = await codeOf(
      excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("甲");
        ws.getRange("A1").values = [["短"]];
        ws.getRange("A2").values = [["长".repeat(1000)]];
        await ctx.sync();
      }),
    );
    expect(code).toBe("RequestPayloadSizeLimitExceeded");
    expect(gridBookOf(excel.state)[0].rows[0][0]).toBe("姓名");
  });

  it("a protected sheet refuses writes with AccessDenied; what came before stays", async () => {
    const excel = fake();
    excel.state.sheet("乙")!.protected = true;
    const code = await codeOf(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("甲").getRange("C1").values = [["前"]];
        ctx.workbook.worksheets.getItem("乙").getRange("A1").values = [["后"]];
        await ctx.sync();
      }),
    );
    expect(code).toBe("AccessDenied");
    expect(gridBookOf(excel.state)[0].rows[0][2]).toBe("前");
  });

  it("cell edit mode fails every sync with InvalidOperationInCellEditMode", async () => {
    const excel = fake();
    excel.cellEditMode = true;
    const code = await codeOf(
      excel.run(async (ctx) => {
        const r = ctx.workbook.worksheets.getItem("甲").getRange("A1");
        r.load("values");
        await ctx.sync();
      }),
    );
    expect(code).toBe("InvalidOperationInCellEditMode");
  });
});

describe("requirement sets", () => {
  it("Excel 2019 (ExcelApi 1.8) has data validation but no AutoFilter, cell properties or notes", async () => {
    const excel = fake("Excel 2019");
    expect(excel.isSetSupported("ExcelApi", "1.8")).toBe(true);
    expect(excel.isSetSupported("ExcelApi", "1.9")).toBe(false);
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("甲");
      expect(() => ws.autoFilter).toThrow(/ExcelApi 1.9/);
      expect(() => ws.notes).toThrow(/1.18/);
      expect(() => ws.getRange("A1").getCellProperties({ format: { fill: { color: true } } })).toThrow(
        /ApiNotFound|could not be found/,
      );
      ws.getRange("A2").dataValidation.prompt = { title: "说明", message: "填姓名", showPrompt: true };
      ws.freezePanes.freezeRows(1);
      await ctx.sync();
    });
    const d = dumpWorkbook(excel.state)["甲"];
    expect(d.freeze).toEqual({ rows: 1, columns: 0 });
    expect(d.validations).toHaveLength(1);
  });

  it("Microsoft 365 (1.17) has AutoFilter and cell properties, notes need 1.18", async () => {
    const excel = fake("Microsoft 365");
    expect(excel.isSetSupported("ExcelApi", "1.17")).toBe(true);
    expect(excel.isSetSupported("ExcelApi", "1.18")).toBe(false);
    const withNotes = fake("ExcelApi 1.18");
    await withNotes.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("甲").notes.add("B1", "分数 0～100");
      await ctx.sync();
    });
    expect(dumpWorkbook(withNotes.state)["甲"].notes).toEqual({ B1: "分数 0～100" });
  });
});

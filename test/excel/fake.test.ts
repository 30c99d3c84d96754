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
  it("profiles as Microsoft's tables give them: volume-licensed 2016 1.1, 2019 1.7, 2021 1.14, 2024 1.17", () => {
    const highest = (label: string) => {
      const excel = fake(label);
      let v = 0;
      while (excel.isSetSupported("ExcelApi", `1.${v + 1}`)) v++;
      return `1.${v}`;
    };
    expect(highest("Excel 2016")).toBe("1.1");
    expect(highest("Excel 2019")).toBe("1.7");
    expect(highest("Excel 2021")).toBe("1.14");
    expect(highest("Excel 2024")).toBe("1.17");
    expect(highest("Microsoft 365")).toBe("1.20");
  });

  it("ExcelApi 1.8 has data validation but no AutoFilter, cell properties or notes", async () => {
    const excel = fake("ExcelApi 1.8");
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

  it("Excel 2024 (1.17) has AutoFilter and cell properties, notes need 1.18", async () => {
    const excel = fake("Excel 2024");
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

describe("strict where Excel is", () => {
  it("ends each Excel.run: an object of a finished run, or its context, throws InvalidObjectPath", async () => {
    const excel = fake();
    let kept: Excel.Worksheet | null = null;
    let context: Excel.RequestContext | null = null;
    await excel.run(async (ctx) => {
      kept = ctx.workbook.worksheets.getItem("甲");
      kept.load("name");
      context = ctx;
      await ctx.sync();
    });
    const ws = kept! as Excel.Worksheet;
    expect(ws.name).toBe("甲");
    for (const use of [
      () => ws.getRange("A1").load("values"),
      () => (ws.getRange("A1").values = [["后来"]]),
      () => ws.activate(),
      () => context!.workbook.worksheets.getItem("乙"),
    ])
      expect(use).toThrow(expect.objectContaining({ code: "InvalidObjectPath" }));
    // Also when the batch function failed.
    let failed: Excel.Worksheet | null = null;
    await excel
      .run(async (ctx) => {
        failed = ctx.workbook.worksheets.getItem("没有");
        await ctx.sync();
      })
      .catch(() => undefined);
    expect(() => failed!.load("name")).toThrow(expect.objectContaining({ code: "InvalidObjectPath" }));
    expect(gridBookOf(excel.state)[0].rows[0][0]).toBe("姓名");
  });

  it("the office.js of the npm package (1.1.110) has no worksheet.notes, whatever Excel reports", async () => {
    const cdn = new FakeExcel(new WorkbookState(), { requirements: "Microsoft 365" });
    const local = new FakeExcel(new WorkbookState(), { requirements: "Microsoft 365", library: "office.js 1.1.110" });
    expect(cdn.implements("Worksheet", "notes")).toBe(true);
    expect(local.implements("Worksheet", "notes")).toBe(false);
    expect(local.implements("Worksheet", "autoFilter")).toBe(true);
    local.state.addSheet("甲");
    const e = await local
      .run(async (ctx) => {
        ctx.workbook.worksheets.getItem("甲").notes.add("A1", "说明");
        await ctx.sync();
      })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TypeError);
  });

  it("freezePanes.unfreeze() on a hidden sheet throws (office-js #1463); on a visible one it does not", async () => {
    const excel = fake();
    excel.state.sheet("乙")!.visibility = "Hidden";
    expect(
      await codeOf(
        excel.run(async (ctx) => {
          ctx.workbook.worksheets.getItem("甲").freezePanes.unfreeze();
          await ctx.sync();
          ctx.workbook.worksheets.getItem("乙").freezePanes.unfreeze();
          await ctx.sync();
        }),
      ),
    ).toBe("GeneralException");
  });

  it("getSelectedRange throws InvalidSelection for several areas, getActiveCell gives the active cell", async () => {
    const excel = fake();
    const sheet = excel.state.sheet("甲")!;
    const a = { top: 1, left: 0, bottom: 1, right: 1 };
    const b = { top: 2, left: 0, bottom: 2, right: 1 };
    excel.state.selection = { sheetId: sheet.id, rect: b, areas: [a, b], active: { row: 2, col: 1 } };
    expect(
      await codeOf(
        excel.run(async (ctx) => {
          ctx.workbook.getSelectedRange().load("address");
          await ctx.sync();
        }),
      ),
    ).toBe("InvalidSelection");
    const address = await excel.run(async (ctx) => {
      const cell = ctx.workbook.getActiveCell();
      cell.load("address");
      await ctx.sync();
      return cell.address;
    });
    expect(address).toBe("甲!B3");
    excel.state.selection = { sheetId: sheet.id, rect: a, object: "chart" };
    expect(
      await codeOf(
        excel.run(async (ctx) => {
          ctx.workbook.getActiveCell().load("address");
          await ctx.sync();
        }),
      ),
    ).toBe("InvalidSelection");
  });

  it("data validation: an error alert's message holds 225 characters, a custom formula 255", async () => {
    const set = (f: (dv: Excel.DataValidation) => void) =>
      codeOf(
        fake().run(async (ctx) => {
          f(ctx.workbook.worksheets.getItem("甲").getRange("B2:B9").dataValidation);
          await ctx.sync();
        }),
      );
    const alert = (n: number) => (dv: Excel.DataValidation) =>
      (dv.errorAlert = { style: "Stop", title: "t", message: "错".repeat(n), showAlert: true });
    const formula = (n: number) => (dv: Excel.DataValidation) =>
      (dv.rule = { custom: { formula: `=LEN(B2)<${"9".repeat(n - 9)}` } });
    expect(await set(alert(225))).toBe("no error");
    expect(await set(alert(226))).toBe("InvalidArgument");
    expect(await set(formula(255))).toBe("no error");
    expect(await set(formula(256))).toBe("InvalidArgument");
  });

  it("a very hidden sheet cannot be deleted (InvalidOperation); made hidden first, it can", async () => {
    const excel = fake();
    excel.state.sheet("乙")!.visibility = "VeryHidden";
    expect(
      await codeOf(
        excel.run(async (ctx) => {
          ctx.workbook.worksheets.getItem("乙").delete();
          await ctx.sync();
        }),
      ),
    ).toBe("InvalidOperation");
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("乙");
      ws.visibility = "Hidden";
      ws.delete();
      await ctx.sync();
    });
    expect(excel.state.sheets.map((s) => s.name)).toEqual(["甲"]);
  });

  it("a workbook on the 1904 date system keeps 1904 serials; DATE(1904,1,1) tells the system", async () => {
    const day = new Date(Date.UTC(2024, 0, 5));
    const book = [{ name: "甲", rows: [[day]] }];
    for (const date1904 of [false, true]) {
      const excel = new FakeExcel(workbookFromGridBook(book, { date1904 }));
      const r = await excel.run(async (ctx) => {
        const cell = ctx.workbook.worksheets.getItem("甲").getRange("A1");
        cell.load("values");
        const probe = ctx.workbook.functions.date(1904, 1, 1);
        probe.load("value");
        await ctx.sync();
        return { serial: cell.values[0][0], probe: probe.value };
      });
      expect(r).toEqual(date1904 ? { serial: 45296 - 1462, probe: 0 } : { serial: 45296, probe: 1462 });
      expect(gridBookOf(excel.state)[0].rows[0][0]).toEqual(day);
    }
  });
});

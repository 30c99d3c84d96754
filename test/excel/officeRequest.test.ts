/**
 * The page setup and the table's look as Excel receives them: Office.js's own request builder
 * (@microsoft/office-js's excel-web-16.00.debug.js, loaded in a bare context) serializes what the gateway
 * queues. A property Office.js does not know would be set on the proxy in silence and never sent: each one
 * the gateway sets must appear as an action of the request.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { queuePrint, queueRowHeights, queueStyle } from "../../src/excel/gateway";
import { Session, WriteBatch, detectApi } from "../../src/excel/session";
import { resultsPrint } from "../../src/workbook/layout";

interface Action {
  ActionType: number;
  Name: string;
  ArgumentInfo?: { Arguments: unknown[] };
}

/** The actions of the request Office.js would send for what `queue` does on the sheet 考核结果. */
async function requestOf(queue: (batch: WriteBatch, ws: Excel.Worksheet) => Promise<void>): Promise<Action[]> {
  const code = readFileSync(
    join(__dirname, "../../node_modules/@microsoft/office-js/dist/excel-web-16.00.debug.js"),
    "utf8",
  );
  const sandbox: Record<string, unknown> = { console, setTimeout, clearTimeout, navigator: { userAgent: "node" } };
  sandbox.window = sandbox;
  sandbox.self = sandbox;
  runInNewContext(code, sandbox);
  const ExcelNs = sandbox.Excel as typeof Excel;
  const context = new ExcelNs.RequestContext();
  const session = new Session(
    context,
    detectApi(() => true),
  );
  const batch = new WriteBatch(session);
  await queue(batch, context.workbook.worksheets.getItem("考核结果"));
  const pending = (
    context as unknown as {
      _pendingRequest: { buildRequestMessageBodyAndRequestFlags(): { body: { Actions: Action[] } } };
    }
  )._pendingRequest;
  return pending.buildRequestMessageBodyAndRequestFlags().body.Actions;
}

const sets = (actions: Action[]) =>
  Object.fromEntries(actions.filter((a) => a.ActionType === 4).map((a) => [a.Name, a.ArgumentInfo?.Arguments[0]]));

describe("Office.js's request builder", () => {
  it("sends every page-setup property and the print titles", async () => {
    const actions = await requestOf((batch, ws) => queuePrint(batch, ws, resultsPrint("2025年度考核&评价结果")));
    expect(sets(actions)).toEqual({
      Orientation: "Landscape",
      PaperSize: "A4",
      CenterHorizontally: true,
      LeftMargin: 0.4 * 72,
      RightMargin: 0.4 * 72,
      TopMargin: 0.75 * 72,
      BottomMargin: 0.6 * 72,
      HeaderMargin: 0.3 * 72,
      FooterMargin: 0.3 * 72,
      Zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      CenterHeader: '&"宋体,Regular"&14&B2025年度考核&&评价结果',
      CenterFooter: '&"宋体,Regular"&10第 &P 页 共 &N 页',
    });
    expect(actions.filter((a) => a.ActionType === 3).map((a) => [a.Name, a.ArgumentInfo?.Arguments])).toEqual([
      ["SetPrintTitleRows", ["$1:$1"]],
    ]);
  });

  it("sends the face, the thin lines on every edge and the row heights", async () => {
    const actions = await requestOf(async (batch, ws) => {
      await queueStyle(batch, ws, { top: 0, left: 0, bottom: 2, right: 16 }, { fontName: "宋体", border: "thin" });
      await queueRowHeights(batch, ws, [
        { row: 0, height: 15 },
        { row: 1, height: 15 },
        { row: 2, height: 30 },
      ]);
    });
    const named = actions
      .filter((a) => a.ActionType === 4)
      .map((a) => `${a.Name}=${String(a.ArgumentInfo?.Arguments[0])}`);
    expect(named.filter((n) => n.startsWith("Name="))).toEqual(["Name=宋体"]);
    expect(named.filter((n) => n === "Style=Continuous")).toHaveLength(6);
    expect(named.filter((n) => n === "Weight=Thin")).toHaveLength(6);
    expect(named.filter((n) => n.startsWith("RowHeight="))).toEqual(["RowHeight=15", "RowHeight=30"]);
  });
});

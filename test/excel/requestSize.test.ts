/**
 * Request sizes against Office.js itself (test/excel/officeJs.ts): the add-in's writes run on the request
 * builder of @microsoft/office-js, and what it would send is measured.
 * - Each kind of write: its estimate (requestCost) holds Office.js's size for it, ids of six digits.
 * - Each request of the large writes (2,000 leaders): its estimate holds the real size, and stays in the
 *   4 MB budget, so every request is under Excel on the web's 5 MB.
 * - The fake counts a request at least as Office.js does, and not much more: a request the fake lets through
 *   under `payloadLimit` is one Excel on the web takes.
 */
import { describe, expect, it } from "vitest";
import { scoreBook } from "../../src/app/score";
import { chartCost, writeMeetingSheet } from "../../src/excel/charts";
import {
  type ExistingSheet,
  NEW_SHEET,
  RESULTS_SHEET,
  newWriteBatch,
  prepareSheet,
  queueMatrix,
  queuePrompt,
  queueSheetLayout,
  queueStyle,
  queueValidation,
  queueWidths,
  queueFreeze,
} from "../../src/excel/gateway";
import { meetingLayout, picturesLayout } from "../../src/excel/meetingLayout";
import {
  DEFAULT_MAX_REQUEST_BYTES,
  type ApiSupport,
  Session,
  WriteBatch,
  detectApi,
  requestCost,
} from "../../src/excel/session";
import { type SheetCapture, queueCapture, queueCaptured, writeSnapshot } from "../../src/excel/snapshot";
import { templateSheets } from "../../src/excel/template";
import { ballotsSheet } from "../../src/excel/ballots";
import { tallyBook } from "../../src/app/tally";
import { ballotColumnsLayout } from "../../src/workbook/ballotColumnsLayout";
import { blankBallotsLayout } from "../../src/workbook/ballotLayout";
import { readLeadersOnly } from "../../src/workbook/read/ballotBook";
import type { Assessment } from "../../src/engine/types";
import { defaultMethod } from "../../src/method/defaults";
import { RESULT_HEADERS, resultsLayout } from "../../src/workbook/layout";
import { bigBook } from "./bigBook";
import { FakeExcel, workbookFromGridBook } from "./fake";
import { TODAY } from "./helpers";
import { type RecordedRequest, officeJs } from "./officeJs";

const API: ApiSupport = { ...detectApi(() => true), notes: false };
const lib = officeJs();

function assessment(n: number): Assessment {
  const out = scoreBook({ book: bigBook(n, { qualification: false }), today: TODAY });
  if (!out.ok) throw new Error("not scored");
  return out.assessment;
}

/** Runs `write` with every WriteBatch.add measured: its estimate and what it added to Office.js's request. */
async function measured(
  context: Excel.RequestContext,
  write: () => Promise<unknown>,
): Promise<{ label: string; estimate: number; real: number }[]> {
  const out: { label: string; estimate: number; real: number }[] = [];
  const add = WriteBatch.prototype.add;
  WriteBatch.prototype.add = async function (this: WriteBatch, estimate: number, queue: () => void) {
    const before = lib.pendingBytes(context);
    await add.call(this, estimate, queue);
    const label = queue.toString().replace(/\s+/g, " ").slice(0, 80);
    out.push({ label, estimate, real: lib.pendingBytes(context) - before });
  };
  try {
    await write();
  } finally {
    WriteBatch.prototype.add = add;
  }
  return out;
}

/**
 * A context whose ids already have six digits (what a long run reaches; ids count up across the syncs of a
 * context), with nothing pending and a sheet proxy on it.
 */
async function paddedContext(): Promise<{ context: Excel.RequestContext; session: Session; ws: Excel.Worksheet }> {
  const { context } = lib.recordingContext();
  const ws = context.workbook.worksheets.getItem(RESULTS_SHEET);
  for (let i = 0; i < 36_000; i++) ws.getRangeByIndexes(i, 0, 1, 1).format.fill.color = "#FFFFFF";
  await context.sync();
  // The request's base (workbook, worksheets, the sheet), which a batch counts once a request.
  context.workbook.worksheets.load("items/name");
  ws.load("name");
  // Calculation not suspended: that is the request's base, not any write's.
  return { context, session: new Session(context, { ...API, suspendCalculation: false }, 1e12), ws };
}

describe("each kind of write: the estimate holds what Office.js sends", () => {
  it("cells, styles, widths, panes, validation, input messages, sheets prepared", async () => {
    const { context, session, ws } = await paddedContext();
    const batch = newWriteBatch(session);
    const existing: ExistingSheet = {
      exists: true,
      usedAddress: "A1:Q2001",
      // (No notes to delete: the library has no Note API. A note's add or delete is the shape of a prompt's.)
      notes: [],
      autoFilter: true,
      hidden: false,
    };
    const adds = await measured(context, async () => {
      await prepareSheet(batch, session, RESULTS_SHEET, existing);
      await prepareSheet(batch, session, "新的工作表名称", NEW_SHEET, 3);
      await queueMatrix(batch, ws, 0, 0, [["党委书记", 12.5, null, '=A1&"x"', true]], "values");
      await queueMatrix(
        batch,
        ws,
        0,
        0,
        Array.from({ length: 300 }, () => Array(17).fill("0.00")),
        "numberFormat",
      );
      await queueMatrix(
        batch,
        ws,
        5,
        3,
        Array.from({ length: 90 }, () => Array(60).fill(null)),
        "formulas",
      );
      for (const style of [
        { fill: "#DDEBF7" },
        { bold: true },
        { fill: null },
        { fill: "#DDEBF7", bold: true, fontColor: "#1F4E79" },
        {
          fill: "#DDEBF7",
          bold: true,
          fontColor: "#1F4E79",
          horizontalAlignment: "Center",
          verticalAlignment: "Center",
          wrapText: true,
        },
      ])
        await queueStyle(batch, ws, { top: 123_456, bottom: 1_048_575, left: 10, right: 16_000 }, style);
      await queueWidths(batch, ws, [8.43, 120.75, null, 9]);
      await queueFreeze(batch, ws, { rows: 1, columns: 2 });
      await queueFreeze(batch, ws, { rows: 2, columns: 0 });
      await queuePrompt(batch, ws, "XFD1048576", "任".repeat(40), "说".repeat(300));
      await queueValidation(batch, ws, {
        range: { top: 1, bottom: 1_048_575, left: 3, right: 3 },
        rule: { list: ["党政一肩挑", "专职副书记", "党建工作指导员"] },
        errorAlert: { style: "Stop", title: "任职模式", message: "请".repeat(300) },
        prompt: { title: "任职模式", message: "选".repeat(300) },
      });
      await queueValidation(batch, ws, {
        range: { top: 1, bottom: 1_048_575, left: 4, right: 4 },
        rule: { custom: `=OR(AND(ISNUMBER(E2),E2>=0,E2<=100),E2="好",E2="较好")` },
      });
    });
    expect(adds.length).toBeGreaterThan(15);
    for (const a of adds) expect(a.real, a.label).toBeLessThanOrEqual(a.estimate);
  });

  it("every chart of 会议图表, and pictures", async () => {
    const a = assessment(120);
    const plan = meetingLayout(a, { date: TODAY });
    const { context, session } = await paddedContext();
    const adds = await measured(context, async () => {
      await writeMeetingSheet(session, plan, { existing: NEW_SHEET, charts: [], shapes: [] }, [], true);
    });
    const charts = adds.filter((x) => x.label.includes("queueChart"));
    expect(charts).toHaveLength(plan.charts.length);
    for (const c of charts) expect(c.real).toBeLessThanOrEqual(c.estimate);
    // Not wildly above: an estimate within three times the real size.
    for (const c of charts) expect(c.estimate).toBeLessThanOrEqual(3 * c.real);
    expect(plan.charts.map(chartCost).reduce((x, y) => x + y, 0)).toBe(charts.reduce((x, y) => x + y.estimate, 0));

    const png = "iVBORw0KGgo" + "A".repeat(4000) + "==";
    const pictures = picturesLayout(
      a,
      [1, 2, 3].map((i) => ({ name: `0${i}-图`, title: `图${i}`, base64: png, width: 1600, height: 900 })),
      { date: TODAY },
    );
    const padded = await paddedContext();
    const placed = await measured(padded.context, async () => {
      await writeMeetingSheet(
        padded.session,
        pictures,
        { existing: NEW_SHEET, charts: [], shapes: [] },
        [png, png, png],
        true,
      );
    });
    for (const p of placed) expect(p.real, p.label).toBeLessThanOrEqual(p.estimate);
  });
});

/** Each request of a write on Office.js: its real size, the gateway's estimate, and the budget. */
function expectWithin(requests: RecordedRequest[], estimates: number[]): void {
  expect(requests.length).toBe(estimates.length);
  requests.forEach((r, i) => {
    expect(r.bytes).toBeLessThanOrEqual(estimates[i]);
    expect(estimates[i]).toBeLessThanOrEqual(DEFAULT_MAX_REQUEST_BYTES);
  });
}

describe("the large writes, request by request: real size ≤ estimate ≤ 4 MB", () => {
  const a = assessment(2000);

  it("考核结果 of 2,000 leaders, new and over an earlier one", async () => {
    for (const existing of [NEW_SHEET, { ...NEW_SHEET, exists: true, usedAddress: "A1:Q2001", autoFilter: true }]) {
      const { context, requests } = lib.recordingContext();
      const batch = newWriteBatch(new Session(context, API));
      await queueSheetLayout(batch, new Session(context, API), { layout: resultsLayout(a) }, existing);
      await batch.flush();
      expectWithin(requests, batch.estimates);
    }
  });

  it("会议图表 of 2,000 leaders: 137 charts and 32,000 formulas, in several requests", async () => {
    const { context, requests } = lib.recordingContext();
    const plan = meetingLayout(a, { date: TODAY });
    const batch = await writeMeetingSheet(
      new Session(context, API),
      plan,
      { existing: NEW_SHEET, charts: [], shapes: [] },
      [],
      true,
    );
    expect(requests.length).toBeGreaterThan(1);
    expectWithin(requests, batch.estimates);
  });

  it("新建模板, the snapshot of 2,000 leaders' 考核结果, and its restore", async () => {
    {
      const { context, requests } = lib.recordingContext();
      const session = new Session(context, API);
      const batch = newWriteBatch(session);
      for (const w of templateSheets(defaultMethod())) await queueSheetLayout(batch, session, w, NEW_SHEET);
      await batch.flush();
      expectWithin(requests, batch.estimates);
    }
    // The capture of a 2,000-leader 考核结果 as the fake gives it.
    const fake = new FakeExcel(workbookFromGridBook([{ name: "Sheet1", rows: [] }]));
    const capture: SheetCapture = await fake.run(async (ctx) => {
      const s = new Session(ctx, detectApi(fake.isSetSupported));
      const b = newWriteBatch(s);
      await queueSheetLayout(b, s, { layout: resultsLayout(a) }, NEW_SHEET);
      await b.flush();
      const c = queueCapture(s, RESULTS_SHEET, RESULT_HEADERS.length);
      await s.sync();
      return c();
    });
    expect(capture.used?.rows).toBe(2001);
    {
      const { context, requests } = lib.recordingContext();
      const session = new Session(context, API);
      const estimates: number[] = [];
      const flush = WriteBatch.prototype.flush;
      WriteBatch.prototype.flush = async function (this: WriteBatch) {
        await flush.call(this);
        estimates.splice(0, estimates.length, ...this.estimates);
      };
      try {
        await writeSnapshot(session, RESULTS_SHEET, capture, { snapshotSheetExists: false, takenAt: TODAY });
      } finally {
        WriteBatch.prototype.flush = flush;
      }
      expectWithin(requests, estimates);
    }
    {
      const { context, requests } = lib.recordingContext();
      const session = new Session(context, API);
      const batch = newWriteBatch(session);
      const existing = { ...NEW_SHEET, exists: true, usedAddress: "A1:Q2001" };
      const ws = await prepareSheet(batch, session, RESULTS_SHEET, existing);
      await queueCaptured(batch, session, ws, capture, false);
      await batch.flush();
      expectWithin(requests, batch.estimates);
    }
  });
});

describe("the ballot writes: real size ≤ estimate ≤ 4 MB", () => {
  it("民主测评 tallied for 2,000 leaders, the printable ballots, the 测评票 template and 测评票列对应", async () => {
    const method = defaultMethod();
    const book = bigBook(2000, { qualification: false });
    const leaders = readLeadersOnly(book, method).leaders;
    const votes = book.find((g) => g.name === "民主测评")!;
    const tally = tallyBook({
      book: [
        ...book.filter((g) => g.name !== "民主测评"),
        {
          name: "测评票",
          rows: [
            ["票号", "单位", "测评人类别", "姓名", "德", "能", "勤", "廉"],
            ...votes.rows.slice(2, 4000).map((r, k) => [k, r[1], "上级", r[0], "优秀", "称职", "称职", "优秀"]),
          ],
        },
      ],
    });
    if (!tally.ok) throw new Error(JSON.stringify(tally.errors).slice(0, 300));
    const blank = blankBallotsLayout(leaders, method, { overall: true }).layout;
    const writes = [
      { layout: tally.layout },
      { layout: blank, merges: blank.merges },
      ballotsSheet(method),
      {
        layout: ballotColumnsLayout(
          leaders
            .slice(0, 200)
            .map((l) => ({ header: `Q. 对${l.name}同志的评价`, name: l.name, unit: l.unit, item: "德" })),
        ),
      },
    ];
    for (const write of writes) {
      const { context, requests } = lib.recordingContext();
      const session = new Session(context, API);
      const batch = newWriteBatch(session);
      await batch.add(requestCost({ paths: 3, actions: 1, args: 0 }), () =>
        context.workbook.worksheets.getItem(write.layout.sheet).horizontalPageBreaks.removePageBreaks(),
      );
      await queueSheetLayout(batch, session, write, { ...NEW_SHEET, exists: true, usedAddress: "A1:J24001" });
      await batch.flush();
      expectWithin(requests, batch.estimates);
    }
  });

  it("each piece of the printable ballots: merges, row heights, the page setup and its breaks", async () => {
    const { context, session } = await paddedContext();
    const blank = blankBallotsLayout(readLeadersOnly(bigBook(40), defaultMethod()).leaders, defaultMethod()).layout;
    const adds = await measured(context, async () => {
      const batch = newWriteBatch(session);
      await batch.add(requestCost({ paths: 3, actions: 1, args: 0 }), () =>
        context.workbook.worksheets.getItem(blank.sheet).horizontalPageBreaks.removePageBreaks(),
      );
      await queueSheetLayout(batch, session, { layout: blank, merges: blank.merges }, NEW_SHEET);
    });
    expect(adds.length).toBeGreaterThan(50);
    for (const a of adds) expect(a.real, a.label).toBeLessThanOrEqual(a.estimate);
  });
});

describe("the fake's request size", () => {
  it("is at least Office.js's, and within a third above it, request by request", async () => {
    const a = assessment(600);
    const writes: [string, (s: Session) => Promise<WriteBatch>][] = [
      [
        "考核结果",
        async (s) => {
          const b = newWriteBatch(s);
          await queueSheetLayout(b, s, { layout: { ...resultsLayout(a), sheet: "结果" } }, NEW_SHEET);
          await b.flush();
          return b;
        },
      ],
      [
        "会议图表",
        (s) =>
          writeMeetingSheet(
            s,
            meetingLayout(a, { date: TODAY }),
            { existing: NEW_SHEET, charts: [], shapes: [] },
            [],
            true,
          ),
      ],
      [
        "新建模板",
        async (s) => {
          const b = newWriteBatch(s);
          for (const w of templateSheets(defaultMethod())) await queueSheetLayout(b, s, w, NEW_SHEET);
          await b.flush();
          return b;
        },
      ],
    ];
    for (const [name, write] of writes) {
      const { context, requests } = lib.recordingContext();
      await write(new Session(context, API, 1024 * 1024));
      const fake = new FakeExcel(
        workbookFromGridBook([
          { name: "Sheet1", rows: [] },
          { name: RESULTS_SHEET, rows: [] },
        ]),
      );
      await fake.run((ctx) => write(new Session(ctx, API, 1024 * 1024)));
      const faked = fake.stats.requests.map((q) => q.bytes);
      expect(faked.length, name).toBe(requests.length);
      requests.forEach((r, i) => {
        expect(faked[i], `${name} #${i}`).toBeGreaterThanOrEqual(r.bytes);
        expect(faked[i], `${name} #${i}`).toBeLessThanOrEqual(r.bytes * 1.34);
      });
    }
  });
});

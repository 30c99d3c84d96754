/**
 * The ballots of docs/method.md §11 in the add-in, on the fake Excel: 计算 scores straight from 测评票 when 民主测评
 * is absent (as the CLI's `score` does), within three round trips, touching nothing but 考核结果 and its snapshot;
 * 汇总测评票 writes 民主测评 as the CLI's `tally` does, in three, and its undo restores the workbook exactly; 生成测评票
 * writes the CLI's printable ballots, and asks before replacing them.
 */
import { describe, expect, it } from "vitest";
import { ballotSupport } from "../../src/app/ballots";
import { resultDocument } from "../../src/app/report";
import { scoreBook } from "../../src/app/score";
import { tallyBook } from "../../src/app/tally";
import { ballotsBehind } from "../../src/engine/ballots/tally";
import { RESULTS_SHEET, SNAPSHOT_SHEET, TALLY_SNAPSHOT_SHEET } from "../../src/excel/gateway";
import { blankBallotsLayout } from "../../src/workbook/ballotLayout";
import { loadMethod } from "../../src/method/schema";
import { readLeadersOnly } from "../../src/workbook/read/ballotBook";
import { FakeExcel, dumpWorkbook, gridBookOf, workbookFromGridBook } from "./fake";
import { BALLOT_METHOD, BALLOTS, SURVEY, TURNOUT, ballotBook } from "./ballotBook";
import { TODAY, addinOn, dumpsExcept, withoutSheets } from "./helpers";

function cliScore(book: ReturnType<typeof ballotBook>) {
  const r = scoreBook({ book, method: BALLOT_METHOD, today: TODAY, ballots: ballotSupport });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r;
}

describe("计算 with 测评票 and no 民主测评", () => {
  it("scores from the ballots in three round trips, as the command line does, writing only 考核结果", async () => {
    const book = ballotBook();
    const fake = new FakeExcel(workbookFromGridBook(book));
    const before = dumpsExcept(fake.state);
    const r = await addinOn(fake).calculate({ today: TODAY, method: BALLOT_METHOD });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(fake.stats.syncs).toBe(3);
    expect(resultDocument(r.assessment)).toEqual(resultDocument(cliScore(book).assessment));
    // 二公司 is below the minimum turnout: 丙 is pending; the invalid ballot 7 is among the warnings.
    const bing = r.assessment.leaders.find((l) => l.name === "丙")!;
    expect(bing.status).toBe("pending");
    expect(r.warnings.some((w) => w.code === "invalidBallot" && w.cell === "测评票!A14")).toBe(true);
    expect(dumpsExcept(fake.state)).toEqual(before);
  });

  it("gives 为什么 the ballots behind each count: the 票号 of the valid ballots, per category", async () => {
    const fake = new FakeExcel(workbookFromGridBook(ballotBook()));
    const r = await addinOn(fake).calculate({ today: TODAY, method: BALLOT_METHOD });
    if (!r.ok || !r.ballots) throw new Error("no ballots behind the votes");
    // 甲 (leader 0), 下级, 能: ballots 4 and 6 say 称职, 5 says 优秀; ballot 7 is invalid and counts for nothing.
    expect(ballotsBehind(r.ballots, 0, "下级", "能")).toEqual({ byCategory: [["5"], ["4", "6"], [], []], abstain: [] });
    // 乙 (leader 1), 下级, 勤: ballot 4 left it blank.
    expect(ballotsBehind(r.ballots, 1, "下级", "勤")?.abstain).toEqual(["4"]);
  });

  it("gives no ballots behind the counts when 民主测评 differs from them (it is scored as it stands)", async () => {
    const typed = [
      ["姓名", "单位", "测评人类别", "维度", "优秀", "称职", "基本称职", "不称职"],
      ["甲", "一公司", "上级", "德", 1, 0, 0, 0],
    ];
    const fake = new FakeExcel(workbookFromGridBook(ballotBook({ 测评票: BALLOTS, 民主测评: typed })));
    const r = await addinOn(fake).calculate({ today: TODAY, method: { ...BALLOT_METHOD, ballots: {} } });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.warnings.some((w) => w.code === "votesNotTallied")).toBe(true);
    expect(r.ballots).toBeUndefined();
  });

  it("状态 counts the tallied vote rows and reports no missing 民主测评", async () => {
    const fake = new FakeExcel(workbookFromGridBook(ballotBook()));
    const addin = addinOn(fake);
    await addin.saveMethod(BALLOT_METHOD);
    fake.resetStats();
    const s = await addin.inspect();
    expect(s.syncs).toBe(1);
    expect(s.errors).toEqual([]);
    // 甲 and 乙: 上级, 同级, 下级 × 德 能 勤 廉 综合评价; 丙's unit is void.
    expect(s.counts.voteRows).toBe(30);
    expect(s.tallySnapshot.exists).toBe(false);
    expect(s.sheets.find((x) => x.name === "民主测评")).toEqual({ name: "民主测评", required: false, found: false });
  });

  it("without 测评票 nor 民主测评, 民主测评 is still missing", async () => {
    const fake = new FakeExcel(workbookFromGridBook(ballotBook({ 测评组织: TURNOUT })));
    const r = await addinOn(fake).calculate({ today: TODAY, method: BALLOT_METHOD });
    expect(r.ok).toBe(false);
    if (r.ok || r.kind !== "workbook") return;
    expect(r.errors.map((e) => e.cell)).toContain("民主测评");
    expect(fake.stats.syncs).toBe(1);
  });

  it("stops at a ballot's error, at its cell, writing nothing", async () => {
    const bad = BALLOTS.map((row) => [...row]);
    bad[3][5] = "很好";
    const fake = new FakeExcel(workbookFromGridBook(ballotBook({ 测评票: bad })));
    const before = dumpsExcept(fake.state, []);
    const r = await addinOn(fake).calculate({ today: TODAY, method: BALLOT_METHOD });
    expect(r.ok).toBe(false);
    if (r.ok || r.kind !== "workbook") return;
    expect(r.errors.map((e) => e.cell)).toEqual(["测评票!F4"]);
    expect(dumpsExcept(fake.state, [])).toEqual(before);
  });
});

const VOTES = "民主测评";

/** The sheet's rows as the fake holds them (values, trailing empties left out as the Grid does). */
function rowsOf(fake: FakeExcel, name: string) {
  return gridBookOf(fake.state).find((g) => g.name === name)?.rows ?? null;
}

function cliTally(book: ReturnType<typeof ballotBook>) {
  const t = tallyBook({ book, method: BALLOT_METHOD });
  if (!t.ok) throw new Error(JSON.stringify(t.errors));
  return t;
}

describe("汇总测评票", () => {
  it("writes 民主测评 as the command line's tally, in three round trips, and nothing else but its snapshot", async () => {
    const book = ballotBook();
    const fake = new FakeExcel(workbookFromGridBook(book));
    const before = dumpWorkbook(fake.state);
    const r = await addinOn(fake).tally({ method: BALLOT_METHOD });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.syncs).toBe(3);
    expect(fake.stats.syncs).toBe(3);
    const cli = cliTally(book);
    expect(rowsOf(fake, VOTES)).toEqual(cli.layout.values.map((row) => row.map((v) => v ?? null)));
    expect(r.rows).toBe(cli.tally.votes.length);
    // What was rejected and why: ballot 7 on both counts, 二公司 for its turnout.
    expect(r.tally.invalid.map((x) => [x.unit, x.number, x.cell, x.reasons.map((y) => y.code)])).toEqual([
      ["一公司", "7", "测评票!A14", ["allSame", "tooManyExcellent"]],
    ]);
    expect(r.tally.voidUnits.map((v) => [v.unit, v.ballots, v.expected, v.cell])).toEqual([
      ["二公司", 6, 10, "测评组织!A5"],
    ]);
    expect(r.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(["invalidBallot", "voidUnit"]));
    expect(r.replaced).toBe(false);
    // Only 民主测评 and the tally's own snapshot are new; every other sheet is as it was.
    const after = dumpWorkbook(fake.state);
    expect(Object.keys(after).sort()).toEqual([...Object.keys(before), VOTES, TALLY_SNAPSHOT_SHEET].sort());
    expect(withoutSheets(after, [VOTES, TALLY_SNAPSHOT_SHEET])).toEqual(before);
    expect(fake.state.sheet(TALLY_SNAPSHOT_SHEET)!.visibility).toBe("VeryHidden");
  });

  it("then 计算 scores the written 民主测评 to the results of scoring straight from the ballots", async () => {
    const book = ballotBook();
    const fake = new FakeExcel(workbookFromGridBook(book));
    const addin = addinOn(fake);
    await addin.tally({ method: BALLOT_METHOD });
    const r = await addin.calculate({ today: TODAY, method: BALLOT_METHOD });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const direct = cliScore(book).assessment;
    const numbers = (a: typeof direct) => a.leaders.map((l) => [l.name, l.democratic, l.final, l.grade, l.status]);
    expect(numbers(r.assessment)).toEqual(numbers(direct));
    // 民主测评 and the ballots agree: no warning that they differ.
    expect(r.warnings.some((w) => w.code === "votesNotTallied")).toBe(false);
  });

  it("replaces a typed 民主测评, and 撤销上次汇总 puts it back exactly (values, formats, widths), in two round trips", async () => {
    const typed = [
      ["姓名", "单位", "测评人类别", "维度", "优秀", "称职", "基本称职", "不称职"],
      ["甲", "一公司", "上级", "德", 1, 0, 0, 0],
      ["乙", "一公司", "上级", "德", 0, 1, 0, 0],
    ];
    const fake = new FakeExcel(
      workbookFromGridBook(ballotBook({ 测评票: BALLOTS, 民主测评: typed, 测评组织: TURNOUT })),
    );
    const sheet = fake.state.sheet(VOTES)!;
    const header = sheet.edit(0, 0);
    header.bold = true;
    header.fill = "#FFFF00";
    sheet.tidy(0, 0);
    sheet.widths.set(0, 90);
    sheet.notes.set("A1", "手工汇总");
    const before = dumpWorkbook(fake.state);
    const addin = addinOn(fake);
    const r = await addin.tally({ method: BALLOT_METHOD });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.replaced).toBe(true);
    expect(rowsOf(fake, VOTES)![1][0]).toBe("甲");
    expect(rowsOf(fake, VOTES)).not.toEqual(typed);
    // 计算's undo is not this one's.
    const status = await addin.inspect();
    expect(status.tallySnapshot.exists).toBe(true);
    expect(status.snapshot.exists).toBe(false);

    fake.resetStats();
    const u = await addin.undoTally();
    expect(u.restored).toBe(true);
    expect(fake.stats.syncs).toBe(2);
    expect(dumpWorkbook(fake.state)).toEqual(before);
    const again = await addin.undoTally();
    expect(again).toMatchObject({ restored: false, reason: "没有可撤销的汇总。" });
  });

  it("undoing a tally that created 民主测评 deletes it; 计算's results and snapshot stay as they are", async () => {
    const fake = new FakeExcel(workbookFromGridBook(ballotBook()));
    const addin = addinOn(fake);
    const calc = await addin.calculate({ today: TODAY, method: BALLOT_METHOD });
    expect(calc.ok).toBe(true);
    const before = dumpWorkbook(fake.state);
    expect(Object.keys(before)).toEqual(expect.arrayContaining([RESULTS_SHEET, SNAPSHOT_SHEET]));
    await addin.tally({ method: BALLOT_METHOD });
    const u = await addin.undoTally();
    expect(u).toMatchObject({ restored: true, deleted: true, sheet: VOTES });
    expect(dumpWorkbook(fake.state)).toEqual(before);
    // 计算's undo still works.
    expect((await addin.undoLast()).restored).toBe(true);
  });

  it("refuses while the double entry differs: every difference at its cell, naming the other, nothing written", async () => {
    const review = BALLOTS.map((row) => [...row]);
    review[2][5] = "优秀"; // 乙 on ballot 1: 能 称职 in 测评票
    const fake = new FakeExcel(
      workbookFromGridBook(ballotBook({ 测评票: BALLOTS, "测评票（复核）": review, 测评组织: TURNOUT })),
    );
    const before = dumpWorkbook(fake.state);
    const r = await addinOn(fake).tally({ method: BALLOT_METHOD });
    expect(r.ok).toBe(false);
    if (r.ok || r.kind !== "workbook") return;
    expect(r.errors.map((e) => [e.cell, e.code])).toEqual([["测评票!F3", "doubleEntryDiffers"]]);
    expect(r.errors[0].message).toContain("测评票（复核）!F3");
    expect(fake.stats.syncs).toBe(1);
    expect(dumpWorkbook(fake.state)).toEqual(before);
  });

  it("stops at a ballot's error and at too many ballots for 应到人数, writing nothing", async () => {
    const turnout = TURNOUT.map((row) => [...row]);
    turnout[3][2] = 3; // 一公司 下级: 4 ballots received
    const fake = new FakeExcel(workbookFromGridBook(ballotBook({ 测评票: BALLOTS, 测评组织: turnout })));
    const before = dumpWorkbook(fake.state);
    const r = await addinOn(fake).tally({ method: BALLOT_METHOD });
    expect(r.ok).toBe(false);
    if (r.ok || r.kind !== "workbook") return;
    expect(r.errors.map((e) => e.cell)).toEqual(["测评组织!C4"]);
    expect(dumpWorkbook(fake.state)).toEqual(before);
  });
});

describe("生成测评票", () => {
  const method = loadMethod(BALLOT_METHOD);
  if (!method.ok) throw new Error("method");

  it("writes the command line's printable ballots, a page per unit, in two round trips", async () => {
    const fake = new FakeExcel(workbookFromGridBook(ballotBook()));
    const before = dumpWorkbook(fake.state);
    const r = await addinOn(fake).blankBallots({ method: BALLOT_METHOD });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(fake.stats.syncs).toBe(2);
    expect(r.print).toBe(true);
    expect(r.units.map((u) => [u.unit, u.leaders])).toEqual([
      ["一公司", 2],
      ["二公司", 1],
    ]);
    const { leaders } = readLeadersOnly(ballotBook(), method.method);
    const expected = blankBallotsLayout(leaders, method.method).layout;
    const sheet = fake.state.sheet("测评票（空白）")!;
    expect(rowsOf(fake, "测评票（空白）")).toEqual(
      expected.values.map((row) => {
        const out = row.map((v) => v ?? null);
        while (out.length > 0 && out[out.length - 1] === null) out.pop();
        return out;
      }),
    );
    expect(sheet.rowBreaks).toEqual(expected.print!.rowBreaks);
    expect(sheet.pageLayout.paperSize).toBe("A4");
    expect(sheet.pageLayout.orientation).toBe("Portrait");
    expect(sheet.merges.length).toBe(expected.merges!.length);
    expect(withoutSheets(dumpWorkbook(fake.state), ["测评票（空白）"])).toEqual(before);
  });

  it("asks before replacing an existing sheet (one round trip, nothing written), then replaces it", async () => {
    const fake = new FakeExcel(workbookFromGridBook(ballotBook({ 测评票: BALLOTS, "测评票（空白）": [["旧的"]] })));
    const before = dumpWorkbook(fake.state);
    const addin = addinOn(fake);
    const ask = await addin.blankBallots({ method: BALLOT_METHOD });
    expect(ask).toMatchObject({ ok: false, kind: "confirmReplace", sheet: "测评票（空白）", syncs: 1 });
    expect(dumpWorkbook(fake.state)).toEqual(before);
    const r = await addin.blankBallots({ method: BALLOT_METHOD, replace: true });
    expect(r).toMatchObject({ ok: true, replaced: true });
    expect(rowsOf(fake, "测评票（空白）")![0][0]).toBe("一公司党组织负责人民主测评票");
  });

  it("on Excel 2019 (ExcelApi 1.8) writes the ballots without the page setup, and says so", async () => {
    const fake = new FakeExcel(workbookFromGridBook(ballotBook()), { requirements: "ExcelApi 1.8" });
    const r = await addinOn(fake).blankBallots({ method: BALLOT_METHOD });
    expect(r).toMatchObject({ ok: true, print: false });
    expect(fake.state.sheet("测评票（空白）")!.rowBreaks).toEqual([]);
  });

  it("stops at an error of 考核对象, at its cell, writing nothing", async () => {
    const fake = new FakeExcel(
      workbookFromGridBook(
        ballotBook().map((g) =>
          g.name === "考核对象"
            ? {
                ...g,
                rows: [
                  ["姓名", "职务"],
                  ["甲", "书记"],
                ],
              }
            : g,
        ),
      ),
    );
    const before = dumpWorkbook(fake.state);
    const r = await addinOn(fake).blankBallots({ method: BALLOT_METHOD });
    expect(r.ok).toBe(false);
    expect(dumpWorkbook(fake.state)).toEqual(before);
  });
});

describe("新建模板 with the 测评票 sheet", () => {
  it("creates 测评票 alone, in the long form, with drop-downs of the groups and of the category words", async () => {
    const fake = new FakeExcel(workbookFromGridBook(ballotBook({})));
    const addin = addinOn(fake);
    await addin.saveMethod(BALLOT_METHOD);
    const before = dumpWorkbook(fake.state);
    const r = await addin.createTemplate({ ballots: true });
    expect(r).toMatchObject({ ok: true, created: ["测评票"] });
    expect(withoutSheets(dumpWorkbook(fake.state), ["测评票"])).toEqual(before);
    // The method limits 优秀 on the overall item, so the printed ballot, and this sheet, have 综合评价.
    expect(rowsOf(fake, "测评票")).toEqual([
      ["票号", "单位", "测评人类别", "姓名", "德", "能", "勤", "廉", "综合评价"],
    ]);
    const lists = fake.state
      .sheet("测评票")!
      .validations.map((v) => [v.rect.left, (v.rule as { list?: { source: string } }).list?.source]);
    expect(lists).toEqual(
      expect.arrayContaining([
        [2, "上级,同级,下级"],
        [4, "优秀,称职,基本称职,不称职,弃权"],
        [8, "优秀,称职,基本称职,不称职,弃权"],
      ]),
    );
    const again = await addin.createTemplate({ ballots: true });
    expect(again).toMatchObject({ ok: true, created: [], kept: ["测评票"] });
  });
});

describe("测评票列对应 from the pane's editor", () => {
  const METHOD = { ...BALLOT_METHOD, ballots: {} };

  it("lists the columns that read by their header and those that do not, in one round trip", async () => {
    const fake = new FakeExcel(workbookFromGridBook(ballotBook({ 测评票: SURVEY })));
    const r = await addinOn(fake).ballotColumns({ method: METHOD });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(fake.stats.syncs).toBe(1);
    expect(r.form).toBe("wide");
    expect(r.columns.map((c) => [c.cell, c.reads, c.name, c.item])).toEqual([
      ["测评票!B1", "none", null, null],
      ["测评票!E1", "header", "甲", "德"],
      ["测评票!F1", "none", null, null],
      ["测评票!G1", "header", "甲", "勤"],
      ["测评票!H1", "header", "甲", "廉"],
      ["测评票!I1", "header", "乙", "德"],
      ["测评票!J1", "header", "乙", "能"],
      ["测评票!K1", "header", "乙", "勤"],
      ["测评票!L1", "header", "乙", "廉"],
    ]);
    expect(r.leaders.map((l) => l.name)).toEqual(["甲", "乙", "丙"]);
    expect(r.items).toEqual(["德", "能", "勤", "廉", "综合评价"]);
  });

  it("writes the mapping, which the tally then reads: the mapped column counts, nothing else changes", async () => {
    const fake = new FakeExcel(workbookFromGridBook(ballotBook({ 测评票: SURVEY })));
    const addin = addinOn(fake);
    const before = dumpWorkbook(fake.state);
    fake.resetStats();
    const header = "Q6. 对甲同志的工作能力评价";
    const saved = await addin.saveBallotColumns({
      method: METHOD,
      shown: ["提交答卷时间", header],
      rows: [{ header, name: "甲", unit: "一公司", item: "能" }],
    });
    expect(saved).toMatchObject({ ok: true, sheet: "测评票列对应", rows: 1 });
    expect(fake.stats.syncs).toBe(2);
    expect(rowsOf(fake, "测评票列对应")).toEqual([
      ["列标题", "姓名", "单位", "维度"],
      [header, "甲", "一公司", "能"],
    ]);
    expect(withoutSheets(dumpWorkbook(fake.state), ["测评票列对应"])).toEqual(before);
    const again = await addin.ballotColumns({ method: METHOD });
    if (!again.ok) throw new Error("not read");
    expect(again.columns.find((c) => c.header === header)).toMatchObject({ reads: "mapping", name: "甲", item: "能" });
    const t = await addin.tally({ method: METHOD });
    if (!t.ok) throw new Error(JSON.stringify(t.errors));
    const jia = t.tally.votes.filter((v) => v.name === "甲" && v.dimension === "能");
    expect(jia.map((v) => [v.group, v.counts])).toEqual([
      ["上级", [0, 1, 0, 0]],
      ["同级", [1, 0, 0, 0]],
    ]);
  });

  it("keeps the sheet's rows for columns the editor did not show, and refuses a row the reader would refuse", async () => {
    const mapping = [
      ["列标题", "姓名", "单位", "维度"],
      ["复核表的列", "乙", "一公司", "德"],
    ];
    const fake = new FakeExcel(workbookFromGridBook(ballotBook({ 测评票: SURVEY, 测评票列对应: mapping })));
    const addin = addinOn(fake);
    const header = "Q6. 对甲同志的工作能力评价";
    const before = dumpWorkbook(fake.state);
    const bad = await addin.saveBallotColumns({
      method: METHOD,
      shown: [header],
      rows: [{ header, name: "丁", unit: "一公司", item: "能" }],
    });
    expect(bad.ok).toBe(false);
    expect(dumpWorkbook(fake.state)).toEqual(before);
    await addin.saveBallotColumns({
      method: METHOD,
      shown: [header],
      rows: [{ header, name: "甲", unit: "一公司", item: "能" }],
    });
    expect(rowsOf(fake, "测评票列对应")!.slice(1)).toEqual([
      ["复核表的列", "乙", "一公司", "德"],
      [header, "甲", "一公司", "能"],
    ]);
  });
});

describe("on volume-licensed Excel 2019 (ExcelApi 1.7)", () => {
  it("counts, undoes and makes the ballots to print, without what 1.7 lacks (filter, page setup, drop-downs)", async () => {
    const fake = new FakeExcel(workbookFromGridBook(ballotBook()), { requirements: "ExcelApi 1.7" });
    const addin = addinOn(fake);
    const before = dumpWorkbook(fake.state);
    const t = await addin.tally({ method: BALLOT_METHOD });
    if (!t.ok) throw new Error(JSON.stringify(t.errors));
    expect(rowsOf(fake, "民主测评")![1][0]).toBe("甲");
    expect(fake.state.sheet("民主测评")!.autoFilter).toBeNull();
    expect((await addin.undoTally()).restored).toBe(true);
    expect(dumpWorkbook(fake.state)).toEqual(before);
    expect(await addin.blankBallots({ method: BALLOT_METHOD })).toMatchObject({ ok: true, print: false });
    const empty = new FakeExcel(workbookFromGridBook(ballotBook({})), { requirements: "ExcelApi 1.7" });
    const entry = await addinOn(empty).createTemplate({ ballots: true });
    expect(entry).toMatchObject({ ok: true, created: ["测评票"], validations: false });
    expect(empty.state.sheet("测评票")!.validations).toEqual([]);
  });
});

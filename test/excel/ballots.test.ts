/**
 * The ballots of docs/method.md §11 in the add-in, on the fake Excel: 计算 scores straight from 测评票 when 民主测评
 * is absent (as the CLI's `score` does), within three round trips, touching nothing but 考核结果 and its snapshot.
 */
import { describe, expect, it } from "vitest";
import { ballotSupport } from "../../src/app/ballots";
import { resultDocument } from "../../src/app/report";
import { scoreBook } from "../../src/app/score";
import { FakeExcel, workbookFromGridBook } from "./fake";
import { BALLOT_METHOD, BALLOTS, TURNOUT, ballotBook } from "./ballotBook";
import { TODAY, addinOn, dumpsExcept } from "./helpers";

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

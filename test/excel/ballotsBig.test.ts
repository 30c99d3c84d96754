/**
 * 汇总测评票 on a 2,000-leader workbook (ten ballots a unit, 20,000 rows of 测评票): within three round trips when
 * Excel answers everything, each request and answer within Excel on the web's 5 MB otherwise, and again over the
 * 24,000 rows of 民主测评 it wrote (their snapshot is the large part).
 */
import { describe, expect, it } from "vitest";
import type { CellValue, GridBook } from "../../src/workbook/grid";
import { bigBook } from "./bigBook";
import { FakeExcel, workbookFromGridBook } from "./fake";
import { addinOn } from "./helpers";

const CATS = ["优秀", "称职", "基本称职", "不称职"];
const GROUPS = ["上级", "同级", "下级"];

function withBallots(leaders: number): GridBook {
  const book = bigBook(leaders).filter((g) => g.name !== "民主测评");
  const people = book.find((g) => g.name === "考核对象")!.rows.slice(1);
  const rows: CellValue[][] = [["票号", "单位", "测评人类别", "姓名", "德", "能", "勤", "廉"]];
  for (let i = 0; i < people.length; i += 2) {
    for (let n = 1; n <= 10; n++) {
      for (const p of people.slice(i, i + 2)) {
        const name = p[0];
        const unit = p[1];
        rows.push([n, unit, GROUPS[n % 3], name, ...[0, 1, 2, 3].map((k) => CATS[(n + k + i) % 3])]);
      }
    }
  }
  return [...book, { name: "测评票", rows }];
}

describe("汇总测评票 on 2,000 leaders", () => {
  it("reads, keeps the undo and writes within Excel on the web's 5 MB, then again over its own 民主测评", async () => {
    const fake = new FakeExcel(workbookFromGridBook(withBallots(2000)));
    fake.payloadLimit = 5_000_000;
    fake.responseLimit = 5_000_000;
    const addin = addinOn(fake);
    const first = await addin.tally();
    if (!first.ok) throw new Error(JSON.stringify(first.errors).slice(0, 400));
    expect(first.rows).toBe(24_000);
    expect(fake.stats.requests.every((q) => q.failed !== undefined || q.responseBytes <= 5_000_000)).toBe(true);
    fake.resetStats();
    const again = await addin.tally();
    expect(again.ok).toBe(true);
    expect(fake.stats.requests.every((q) => q.failed !== undefined || q.responseBytes <= 5_000_000)).toBe(true);
    const undo = await addin.undoTally();
    expect(undo.restored).toBe(true);
  }, 120_000);
});

/** Pure formatting of the pane: scores, rates, dates, grade counts, the order and search of the lists. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LeaderResult } from "../../src/engine/types";
import {
  MISSING,
  filterLeaders,
  formatPercent,
  formatScore,
  formatTime,
  gradeCounts,
  localDay,
  normalizeDateInput,
  rankOrder,
  splitAddress,
} from "../../src/taskpane/format";

function leader(
  index: number,
  name: string,
  unit: string,
  rank: number | null,
  grade: LeaderResult["grade"] = "称职",
): LeaderResult {
  return { index, name, unit, position: "党委书记", rank, grade } as LeaderResult;
}

describe("numbers", () => {
  it("scores have two decimals, rounded half away from zero as the sheet shows them", () => {
    expect(formatScore(101.36)).toBe("101.36");
    expect(formatScore(93)).toBe("93.00");
    expect(formatScore(1.005)).toBe("1.01");
    expect(formatScore(-2.345)).toBe("-2.35");
    expect(formatScore(null)).toBe(MISSING);
    expect(formatScore(NaN)).toBe(MISSING);
  });

  it("rates are percentages", () => {
    expect(formatPercent(0.7)).toBe("70.0%");
    expect(formatPercent(0.95, 0)).toBe("95%");
    expect(formatPercent(1 / 3, 2)).toBe("33.33%");
    expect(formatPercent(null)).toBe(MISSING);
  });

  it("formatScore agrees with toFixed on values already rounded to cents", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (cents) => {
        expect(formatScore(cents / 100)).toBe((cents / 100).toFixed(2));
      }),
    );
  });
});

describe("dates", () => {
  it("the reference-date field accepts the usual ways of writing a day", () => {
    expect(normalizeDateInput("")).toBe("");
    expect(normalizeDateInput("  ")).toBe("");
    expect(normalizeDateInput("2025-06-30")).toBe("2025-06-30");
    expect(normalizeDateInput("2025/6/30")).toBe("2025-06-30");
    expect(normalizeDateInput("2025.6.3")).toBe("2025-06-03");
    expect(normalizeDateInput("２０２５－０６－３０")).toBe("2025-06-30");
    expect(normalizeDateInput("2025年6月30日")).toBe("2025-06-30");
  });

  it("and refuses what is not a day", () => {
    expect(normalizeDateInput("2025-02-29")).toBeNull();
    expect(normalizeDateInput("2025-13-01")).toBeNull();
    expect(normalizeDateInput("明天")).toBeNull();
    expect(normalizeDateInput("20250630")).toBeNull();
  });

  it("time stamps show in local time, to the minute", () => {
    const d = new Date(2025, 11, 31, 16, 5, 42);
    expect(formatTime(d.toISOString())).toBe("2025-12-31 16:05");
    expect(localDay(new Date(2025, 0, 2, 23, 59))).toBe("2025-01-02");
    expect(formatTime(null)).toBe(MISSING);
    expect(formatTime("not a time")).toBe("not a time");
  });
});

describe("lists", () => {
  const leaders = [
    leader(0, "张三", "一公司", 2),
    leader(1, "李四", "二公司", null, "暂缓评定"),
    leader(2, "王五", "一公司", 1, "优秀"),
    leader(3, "赵六", "三公司", 2),
  ];

  it("counts every grade, in the order of the legend, 暂缓评定 last", () => {
    expect(gradeCounts(leaders)).toEqual([
      { grade: "优秀", count: 1 },
      { grade: "称职", count: 2 },
      { grade: "基本称职", count: 0 },
      { grade: "不称职", count: 0 },
      { grade: "暂缓评定", count: 1 },
      { grade: "不定等次", count: 0 },
    ]);
  });

  it("orders by rank, ties and pending leaders in sheet order, pending last", () => {
    expect(rankOrder(leaders).map((l) => l.name)).toEqual(["王五", "张三", "赵六", "李四"]);
  });

  it("search matches names and units, every term, ignoring width and spaces", () => {
    expect(filterLeaders(leaders, "")).toEqual([2, 0, 3, 1]);
    expect(filterLeaders(leaders, "一公司")).toEqual([2, 0]);
    expect(filterLeaders(leaders, "一公司 张")).toEqual([0]);
    expect(filterLeaders(leaders, "　张　三 ")).toEqual([0]);
    expect(filterLeaders(leaders, "ＺＨＡＮＧ")).toEqual([]);
    expect(filterLeaders(leaders, "张三")).toEqual([0]);
    expect(filterLeaders(leaders, "无此人")).toEqual([]);
  });

  it("search never loses a leader: the empty query lists all, each once", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string(), fc.option(fc.integer({ min: 1, max: 5 }), { nil: null })), { maxLength: 30 }),
        (rows) => {
          const ls = rows.map(([n, r], i) => leader(i, n, "单位", r));
          expect(
            filterLeaders(ls, "")
              .slice()
              .sort((a, b) => a - b),
          ).toEqual(ls.map((_, i) => i));
        },
      ),
    );
  });
});

describe("addresses", () => {
  it("split into sheet and cell for display", () => {
    expect(splitAddress("经营业绩!C4")).toEqual({ sheet: "经营业绩", cell: "C4" });
    expect(splitAddress("'My Sheet'!A1")).toEqual({ sheet: "My Sheet", cell: "A1" });
    expect(splitAddress("考核对象")).toEqual({ sheet: "考核对象", cell: "" });
  });
});

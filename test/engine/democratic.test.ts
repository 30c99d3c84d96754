import { describe, expect, it } from "vitest";
import { competentShare, excellentShare, scoreDemocratic, unfitShare } from "../../src/engine/democratic";
import { scoreWork } from "../../src/engine/work";
import { defaultMethod } from "../../src/method/defaults";
import type { VoteRow } from "../../src/workbook/input";

// The product's defaults; expected values use docs/method.md §3/§7's numbers (points 100/80/60/40, dimensions
// 25 each, groups 30/30/40, at least 5 ballots).
const m = defaultMethod();
const row = (group: string, dimension: string, counts: number[]): VoteRow => ({
  name: "甲",
  unit: "一公司",
  nameKey: "甲",
  unitKey: "一公司",
  employeeId: null,
  group,
  dimension,
  overall: dimension === "综合评价",
  counts,
  abstain: null,
  cell: "民主测评!A2",
});
const all = (group: string, counts: number[]) => ["德", "能", "勤", "廉"].map((d) => row(group, d, counts));

describe("democratic score D (docs/method.md §3)", () => {
  it("m is the mean points of the votes; D weights groups 30/30/40", () => {
    const d = scoreDemocratic(
      [...all("上级", [10, 0, 0, 0]), ...all("同级", [0, 10, 0, 0]), ...all("下级", [0, 0, 10, 0])],
      m.democratic,
    );
    expect(d.value).toBeCloseTo(0.3 * 100 + 0.3 * 80 + 0.4 * 60, 9);
  });
  it("a missing group is renormalized over the others", () => {
    const d = scoreDemocratic([...all("上级", [10, 0, 0, 0]), ...all("下级", [0, 10, 0, 0])], m.democratic);
    expect(d.value).toBeCloseTo((30 * 100 + 40 * 80) / 70, 9);
    expect(d.groups.map((g) => g.group)).toEqual(["上级", "下级"]);
  });
  it("a missing dimension is renormalized within its group; a (g,k) with no votes is left out", () => {
    const d = scoreDemocratic(
      [row("上级", "德", [5, 0, 0, 0]), row("上级", "能", [0, 5, 0, 0]), row("上级", "勤", [0, 0, 0, 0])],
      m.democratic,
    );
    expect(d.groups[0].value).toBeCloseTo(90, 9);
    expect(d.value).toBeCloseTo(90, 9);
  });
  it("ballots are the largest dimension total per group; fewer than 5 in all → missing", () => {
    const few = scoreDemocratic([row("上级", "德", [2, 1, 0, 0]), row("同级", "德", [1, 0, 0, 0])], m.democratic);
    expect(few.ballots).toBe(4);
    expect(few.value).toBeNull();
    expect(few.missingReason).toContain("4");
    const enough = scoreDemocratic(
      [row("上级", "德", [2, 1, 0, 0]), row("上级", "能", [1, 0, 0, 0]), row("同级", "德", [2, 0, 0, 0])],
      m.democratic,
    );
    expect(enough.ballots).toBe(5);
    expect(enough.value).not.toBeNull();
  });
  it("no votes at all → missing", () => {
    expect(scoreDemocratic([], m.democratic).value).toBeNull();
  });
  it("rates are pooled over every group and dimension", () => {
    const d = scoreDemocratic([row("上级", "德", [3, 1, 0, 0]), row("下级", "廉", [1, 2, 3, 4])], m.democratic);
    expect(excellentShare(d)).toBeCloseTo(4 / 14, 12);
    expect(competentShare(d)).toBeCloseTo(7 / 14, 12);
    expect(unfitShare(d)).toBeCloseTo(4 / 14, 12);
  });
  it("no votes → no rates", () => {
    const d = scoreDemocratic([], m.democratic);
    expect([excellentShare(d), competentShare(d), unfitShare(d)]).toEqual([null, null, null]);
  });
});

describe("the default points and weights (docs/method.md §3, §7)", () => {
  it.each([
    [[1, 0, 0, 0], 100],
    [[0, 1, 0, 0], 80],
    [[0, 0, 1, 0], 60],
    [[0, 0, 0, 1], 40],
  ])("every vote %j scores %d", (counts, points) => {
    expect(
      scoreDemocratic(
        all(
          "下级",
          counts.map((n) => n * 5),
        ),
        m.democratic,
      ).value,
    ).toBe(points);
  });
  it("dimensions weigh alike: 德 100, 能 80, 勤 60, 廉 40 give 70", () => {
    const rows = [
      row("上级", "德", [5, 0, 0, 0]),
      row("上级", "能", [0, 5, 0, 0]),
      row("上级", "勤", [0, 0, 5, 0]),
      row("上级", "廉", [0, 0, 0, 5]),
    ];
    expect(scoreDemocratic(rows, m.democratic).value).toBe(70);
  });
  it("groups weigh 上级 30, 同级 30, 下级 40", () => {
    const only = (g: string) =>
      scoreDemocratic(
        [...all("上级", [0, 5, 0, 0]), ...all("同级", [0, 5, 0, 0]), ...all("下级", [0, 5, 0, 0])].map((r) =>
          r.group === g ? { ...r, counts: [5, 0, 0, 0] } : r,
        ),
        m.democratic,
      ).value;
    expect(only("上级")).toBeCloseTo(86, 9);
    expect(only("同级")).toBeCloseTo(86, 9);
    expect(only("下级")).toBeCloseTo(88, 9);
  });
});

describe("work score P (docs/method.md §2.3)", () => {
  const w = (k: number | null, b: number | null, s: number | null) => ({
    unit: "u",
    unitKey: "u",
    cell: "工作评价!A2",
    keyTasks: { value: k, cell: "工作评价!B2" },
    partyBuilding: { value: b, cell: "工作评价!C2" },
    safety: { value: s, cell: "工作评价!D2" },
    veto: null,
  });
  const W = m.work.weights;
  it("weights 40/20/30/10", () => {
    expect(scoreWork(108.2222, "", w(100, 96, 100), null, W).value).toBeCloseTo(102.0889, 3);
  });
  it("党建工作指导员: W_E = 0, so a missing E does not matter", () => {
    const p = scoreWork(null, "", w(90, 80, 100), "党建工作指导员", W);
    expect(p.economicWeightZeroed).toBe(true);
    expect(p.value).toBeCloseTo((20 * 90 + 30 * 80 + 10 * 100) / 60, 9);
  });
  it("missing E with W_E > 0 makes P missing", () => {
    const p = scoreWork(null, "", w(90, 80, 100), "交叉任职", W);
    expect(p.value).toBeNull();
    expect(p.missingReason).toContain("经营业绩");
  });
  it("K, B and S all missing makes P missing; one missing is renormalized", () => {
    expect(scoreWork(100, "", w(null, null, null), null, W).value).toBeNull();
    expect(scoreWork(100, "", w(null, 80, 100), null, W).value).toBeCloseTo((40 * 100 + 30 * 80 + 10 * 100) / 80, 9);
  });
});

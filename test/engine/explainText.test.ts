import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assess } from "../../src/engine";
import { explainLeader, fmt } from "../../src/engine/explainText";
import { loadMethod } from "../../src/method/schema";
import { inputFromCase, type Case } from "./fromCase";
import { EXAMPLES_DIR } from "../support/examples";

const dir = EXAMPLES_DIR;
const c = JSON.parse(readFileSync(join(dir, "example-1.json"), "utf8")) as Case & { method: unknown };
const m = loadMethod(c.method);
if (!m.ok) throw new Error("method");
const a = assess(inputFromCase(c, m.method), m.method, { referenceDate: "2025-12-31" });
const text = (name: string) =>
  explainLeader(
    a.leaders.find((l) => l.name === name)!,
    m.method,
  )
    .flatMap((s) => [s.title, ...s.lines.map((l) => l.text)])
    .join("\n");

describe("explanation in plain Chinese", () => {
  it("shows each indicator's d, points and s, and E", () => {
    const t = text("甲");
    expect(t).toContain("实现利润（权重 60，正向）：目标 1000，完成 1090；偏差 d = 9%");
    expect(t).toContain("s = 1 + 3/30 = 1.1");
    expect(t).toContain("经营业绩 E = 100 × Σ(权重 × s) / 100 = 108.22");
    expect(t).toContain("综合得分 F = 0.7 × 102.09 + 0.3 × 93 + 2 = 101.36");
    expect(t).toContain("在优秀名额内");
  });
  it("names the cap of the below-base rule and the clamp", () => {
    expect(text("乙")).toContain("因有指标低于基准，本项按 1 计");
    expect(text("丙")).toContain("加分封顶 6 分");
    expect(text("乙")).toContain("超出优秀名额（1 名），调整为称职");
  });
  it("links lines to their cells", () => {
    const sections = explainLeader(a.leaders[0], m.method);
    const cells = sections.flatMap((s) => s.lines.map((l) => l.cell).filter(Boolean));
    expect(cells).toContain("经营业绩!C3");
    expect(cells.some((x) => x!.startsWith("民主测评!"))).toBe(true);
    expect(cells.some((x) => x!.startsWith("加减分!"))).toBe(true);
  });
  it("fmt trims trailing zeros and says 缺失 for missing", () => {
    expect(fmt(93)).toBe("93");
    expect(fmt(1.0556, 2)).toBe("1.06");
    expect(fmt(null)).toBe("缺失");
  });
});

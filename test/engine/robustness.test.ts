/**
 * Rank robustness (issue 10): deterministic per seed; with no perturbation it reproduces the engine's ranks and
 * grades exactly (so the fast recomputation is the method); percentiles are ordered and contain the nominal rank
 * of a leader far ahead of everyone.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scoreBook } from "../../src/app/score";
import { readXlsx } from "../../src/cli/xlsx";
import { robustness, seededRandom } from "../../src/engine/robustness";
import type { Assessment } from "../../src/engine/types";
import type { Method } from "../../src/method/types";
import { generateCase } from "../support/generate";
import { writeCaseFiles } from "../support/writeCase";

const dir = mkdtempSync(join(tmpdir(), "kaoping-robust-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function scored(seed: number, section10: boolean): Promise<{ a: Assessment; method: Method }> {
  const c = generateCase(seed, { maxLeaders: 30, section10 });
  const f = await writeCaseFiles(c, dir, seed, `r${seed}${section10 ? "s" : ""}`);
  const { book } = await readXlsx(f.xlsx);
  const method = f.method ? JSON.parse(readFileSync(f.method, "utf8")) : undefined;
  const out = scoreBook({ book, method, referenceDate: f.referenceDate ?? undefined, today: "2025-12-31" });
  if (!out.ok) throw new Error(`seed ${seed}: ${JSON.stringify(out.errors.slice(0, 3))}`);
  return { a: out.assessment, method: out.method };
}

describe("rank robustness", () => {
  it("without perturbation reproduces the engine's ranks and grades, on random §5 and §10 cases", async () => {
    let leaders = 0;
    for (let seed = 1; seed <= 24; seed++) {
      const { a, method } = await scored(seed, seed % 2 === 0);
      const r = robustness(a, method, { draws: 3, seed, perturbation: 0, switchVotePoints: false });
      const graded = a.leaders.filter((l) => l.status === "graded");
      expect(r.leaders.map((l) => l.index)).toEqual(graded.map((l) => l.index));
      for (const l of r.leaders) {
        const nominal = a.leaders[l.index];
        expect([l.p5Rank, l.medianRank, l.p95Rank], `seed ${seed} ${nominal.name}`).toEqual([
          nominal.rank,
          nominal.rank,
          nominal.rank,
        ]);
        expect(l.gradeChangeShare, `seed ${seed} ${nominal.name} ${nominal.explain.grade.computed}`).toBe(0);
      }
      leaders += graded.length;
    }
    expect(leaders).toBeGreaterThan(200);
  });

  it("is deterministic per seed, orders its percentiles and flags wide ranges", async () => {
    const { a, method } = await scored(5, false);
    const one = robustness(a, method, { draws: 400, seed: 42 });
    expect(robustness(a, method, { draws: 400, seed: 42 })).toEqual(one);
    expect(robustness(a, method, { draws: 400, seed: 43 })).not.toEqual(one);
    for (const l of one.leaders) {
      expect(l.p5Rank).toBeLessThanOrEqual(l.medianRank);
      expect(l.medianRank).toBeLessThanOrEqual(l.p95Rank);
      expect(l.unstable).toBe(l.p95Rank - l.p5Rank >= 3 || l.gradeChangeShare > 0.1);
    }
  });

  it("a leader far ahead of everyone keeps rank 1 in every draw", async () => {
    const { a, method } = await scored(9, false);
    // Make the first graded leader unbeatable: far higher scores than anyone in every block.
    const top = a.leaders.find((l) => l.status === "graded")!;
    for (const i of top.explain.economic.indicators) if (i.available) i.score = 10;
    for (const b of top.explain.work.blocks.slice(1)) b.value = 1000;
    top.explain.adjustment.value = 500;
    const r = robustness(a, method, { draws: 300, seed: 1 });
    const l = r.leaders.find((x) => x.index === top.index)!;
    expect([l.p5Rank, l.medianRank, l.p95Rank]).toEqual([1, 1, 1]);
    expect(l.unstable).toBe(false);
  });

  it("draws from one small seeded generator, the same on every platform", () => {
    const r = seededRandom(7);
    const xs = Array.from({ length: 5 }, () => r());
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(7)()).toBe(xs[0]);
    expect(Array.from({ length: 3 }, seededRandom(7))).toEqual(xs.slice(0, 3));
  });
});

/** The check every builder-placed chart must pass: nothing over anything, and no line through any text. */
import { expect } from "vitest";
import type { ChartSpec } from "../../src/charts";
import type { AnnotationsSpec } from "../../src/charts/annotations";
import { crosses, overlaps, type Box } from "../../src/charts/geometry";

export function expectClear(chart: Pick<ChartSpec, "id" | "width" | "height">, m: AnnotationsSpec): void {
  const boxes: { role: string; box: Box }[] = [
    ...m.labels.map((l) => ({ role: l.role, box: l.box })),
    ...m.chips.map((c) => ({ role: c.role, box: c.box })),
  ];
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i];
    expect(a.box.left, `${chart.id} ${a.role}`).toBeGreaterThanOrEqual(0);
    expect(a.box.top, `${chart.id} ${a.role}`).toBeGreaterThanOrEqual(0);
    expect(a.box.right, `${chart.id} ${a.role}`).toBeLessThanOrEqual(chart.width);
    expect(a.box.bottom, `${chart.id} ${a.role}`).toBeLessThanOrEqual(chart.height);
    for (const b of boxes.slice(i + 1))
      expect(overlaps(a.box, b.box), `${chart.id}: ${a.role} over ${b.role}`).toBe(false);
  }
  for (const line of [...m.under, ...m.over])
    for (const b of boxes) expect(crosses(line, b.box), `${chart.id}: ${line.role} through ${b.role}`).toBe(false);
}

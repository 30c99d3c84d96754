/**
 * No cell of 考核结果 passes Excel's 32,767 characters (issue 12): 说明 joins every flag's message and can; it is cut
 * at a whole reason with a marker, and the names typed by a script (no Excel limit on input) are cut too.
 */
import { describe, expect, it } from "vitest";
import type { Flag } from "../../src/engine/types";
import {
  CELL_TEXT_LIMIT,
  EXPLANATION_CUT_MARKER,
  fitCellText,
  resultColumn,
  resultsLayout,
} from "../../src/workbook/layout";
import { assessmentOf, leader } from "../support/assessment";

const flag = (message: string): Flag => ({ code: "personalNoExcellent", message });

describe("说明 within one cell", () => {
  it("is cut below the limit at a whole reason, ending with the marker", () => {
    const flags = Array.from({ length: 400 }, (_, i) => flag(`第${i}条：${"诫勉谈话记录".repeat(20)}`));
    const layout = resultsLayout(assessmentOf([leader({ flags })]));
    const text = layout.values[1][resultColumn("说明")] as string;
    expect(text.length).toBeLessThanOrEqual(CELL_TEXT_LIMIT);
    expect(text.endsWith(EXPLANATION_CUT_MARKER)).toBe(true);
    const kept = text.slice(0, -EXPLANATION_CUT_MARKER.length);
    // whole reasons only: what is kept is a prefix of the full list, ending where a reason ends
    const full = flags.map((f) => f.message).join("；");
    expect(full.startsWith(kept)).toBe(true);
    expect(full[kept.length]).toBe("；");
  });

  it("a short 说明 is written as it is", () => {
    const layout = resultsLayout(assessmentOf([leader({ flags: [flag("甲"), flag("乙")] })]));
    expect(layout.values[1][resultColumn("说明")]).toBe("甲；乙");
  });

  it("a 40,000-character name is cut, and a surrogate pair is never split", () => {
    const layout = resultsLayout(assessmentOf([leader({ name: "长".repeat(40_000) })]));
    expect((layout.values[1][resultColumn("姓名")] as string).length).toBeLessThanOrEqual(CELL_TEXT_LIMIT);
    const emoji = fitCellText("😀".repeat(20_000));
    expect(emoji.length).toBeLessThanOrEqual(CELL_TEXT_LIMIT);
    expect(emoji.endsWith("😀……")).toBe(true);
  });
});

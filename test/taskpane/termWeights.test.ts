/** 任期考核's weights as typed in the pane: blank is equal weights; otherwise one positive number per year. */
import { describe, expect, it } from "vitest";
import { parseWeights } from "../../src/taskpane/features/termView";

describe("parseWeights", () => {
  it("reads one positive number per year, separated as people type them", () => {
    expect(parseWeights("", 3)).toEqual([1, 1, 1]);
    expect(parseWeights("1,1,2", 3)).toEqual([1, 1, 2]);
    expect(parseWeights(" 1， 1.5、2 ", 3)).toEqual([1, 1.5, 2]);
  });

  it("refuses a wrong count, zero, negatives and words", () => {
    expect(parseWeights("1,2", 3)).toBeNull();
    expect(parseWeights("1,0,2", 3)).toBeNull();
    expect(parseWeights("1,-1,2", 3)).toBeNull();
    expect(parseWeights("1,x,2", 3)).toBeNull();
  });
});

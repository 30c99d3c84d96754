/**
 * The seam for optional views (app.ts): where a feature's tab goes. The modern entry passes the features, the
 * Internet Explorer entry none; the browser tests show each build's tab bar.
 */
import { describe, expect, it } from "vitest";
import { type PaneFeature, TABS, tabOrder } from "../../src/taskpane/app";

const charts = (after?: PaneFeature["after"]): PaneFeature => ({
  id: "charts",
  label: "tab.why",
  after,
  render: () => {
    throw new Error("not drawn here");
  },
});

describe("tabOrder", () => {
  it("is the built-in views without features (the Internet Explorer build)", () => {
    expect(tabOrder([])).toEqual(["status", "calculate", "why", "method", "ballots"]);
    expect(tabOrder([])).toEqual([...TABS]);
  });

  it("puts a feature after the tab it names, or last", () => {
    expect(tabOrder([charts("why")])).toEqual(["status", "calculate", "why", "charts", "method", "ballots"]);
    expect(tabOrder([charts()])).toEqual(["status", "calculate", "why", "method", "ballots", "charts"]);
    expect(tabOrder([charts("method")])).toEqual(["status", "calculate", "why", "method", "charts", "ballots"]);
  });

  it("lists a feature once, and never moves the built-in views", () => {
    expect(tabOrder([charts("why"), charts("status")])).toEqual([
      "status",
      "calculate",
      "why",
      "charts",
      "method",
      "ballots",
    ]);
    expect(TABS).toEqual(["status", "calculate", "why", "method", "ballots"]);
  });
});

/** 为什么's section on the ballots behind the vote counts: in the pane's entry, as 为什么 is (ballots.ts). */
import { ballotsBehind } from "../../engine/ballots/sources";
import type { TallyResult } from "../../engine/ballots/tally";
import type { LeaderResult } from "../../engine/types";
import type { Method } from "../../method/types";
import { ballotItems } from "../../workbook/ballotInput";
import { SHEETS } from "../../workbook/input";
import type { ViewContext } from "../app";
import { h } from "../dom";

/**
 * 为什么: the ballots behind a leader's vote counts (docs/method.md §11.3) — per 测评人类别 and item, each category's
 * count with the 票号 of the valid ballots that gave it. Only when the votes came from 测评票 (addin.ts says when).
 */
export function ballotsBehindLeader(ctx: ViewContext, l: LeaderResult, method: Method, t: TallyResult): HTMLElement {
  const cats = method.democratic.categories.map((c) => c.name);
  const lines: HTMLElement[] = [];
  for (const g of method.democratic.groups) {
    for (const it of ballotItems(method)) {
      const src = ballotsBehind(t, l.index, g.name, it.name);
      if (!src) continue;
      const parts = [
        ...cats.map((name, i) => ({ name, numbers: src.byCategory[i] })),
        { name: ctx.t("ballots.whyAbstain"), numbers: src.abstain },
      ]
        .filter((p) => p.numbers.length > 0)
        .map((p) =>
          ctx.t("ballots.whyCount", {
            category: p.name,
            n: p.numbers.length,
            numbers: p.numbers.join(ctx.t("list.sep")),
          }),
        );
      lines.push(
        h(
          "li",
          { class: "kp-explain-line", "data-votes": `${g.name}·${it.name}` },
          h("span", { class: "kp-explain-text" }, `${g.name}·${it.name}：${parts.join(ctx.t("ballots.whySep"))}`),
        ),
      );
    }
  }
  return h(
    "section",
    { class: "kp-explain-section", "aria-labelledby": "kp-why-ballots", "data-section": "ballots" },
    h("h3", { class: "kp-h3", id: "kp-why-ballots" }, ctx.t("ballots.whyTitle")),
    h("p", { class: "kp-muted kp-small" }, ctx.t("ballots.whyHint", { sheet: SHEETS.ballots })),
    lines.length > 0
      ? h("ol", { class: "kp-explain-lines" }, lines)
      : h("p", { class: "kp-muted" }, ctx.t("ballots.whyNone")),
  );
}

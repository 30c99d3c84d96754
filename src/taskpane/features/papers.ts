/**
 * 导出考核报告 / 导出个人通知书 in the 计算 view (issue 8, items 4 and 5): what the modern entry passes to the
 * pane (PaneOptions.exports; see the seam at the top of app.ts). This module is all the entry bundle carries of
 * it: the builders, the `docx` library and Chart.js come in a chunk of their own (papersBuild.ts), fetched
 * the first time a paper is asked for.
 */
import type { PaneExports, PaperKind, ViewContext } from "../app";
import { localDay } from "../format";

export const papersExports: PaneExports = {
  exportPaper(ctx: ViewContext, kind: PaperKind): void {
    const scored = ctx.state.scored;
    if (!scored) return;
    void ctx.run(kind === "report" ? "busy.report" : "busy.letters", async () => {
      const { buildPaper } = await import(/* webpackChunkName: "papers" */ "./papersBuild");
      const file = await buildPaper(kind, scored, localDay(new Date()));
      const text = ctx.t(kind === "report" ? "papers.reportDone" : "papers.lettersDone", {
        file: file.name,
        size: file.size,
        n: scored.assessment.leaders.length,
      });
      ctx.state.flash.calculate = { kind: "success", text };
      ctx.announce(text);
    });
  },
};

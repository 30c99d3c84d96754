/**
 * 测评票构成 on 会议图表: 100% stacked bars bound to the vote counts written at insertion (考核结果 has no
 * counts per category), in rank order with those without a grade after, paged as the PNGs are.
 */
import { leaderVotes, leadersInRankOrder, pages, rankText, VOTE_CATEGORIES } from "../../charts/data";
import { fileNameOf, type Frame } from "../../charts/frame";
import { VOTES_NAME, VOTES_NUMBER, VOTES_ROWS_PER_PAGE } from "../../charts/votes";
import type { Assessment, LeaderResult } from "../../engine/types";
import { GRADE_COLORS } from "../../workbook/gradeColors";
import {
  barRows,
  type Cells,
  chartTitle,
  column,
  onSheet,
  TABLE_DATA_ROW,
  tableFrame,
  type TableColumn,
} from "./cells";
import type { TablePlan, Unplaced } from "./types";

export const VOTES_COLS = 4 + VOTE_CATEGORIES.length + 1;

export interface VoteRow {
  l: LeaderResult;
  counts: number[];
  total: number;
}

export function voteRows(a: Assessment): VoteRow[] {
  return leadersInRankOrder(a)
    .map((l) => ({ l, ...leaderVotes(l) }))
    .filter((v) => v.total > 0)
    .map((v) => ({ l: v.l, counts: v.counts, total: v.total }));
}

export function votesTable(cells: Cells, votes: readonly VoteRow[], left: number): TablePlan {
  const columns: TableColumn[] = [
    { header: "排名", format: "0", shown: ["暂缓"] },
    { header: "姓名", format: null, shown: votes.map((v) => v.l.name) },
    { header: "单位", format: null, shown: votes.map((v) => v.l.unit) },
    { header: "等次", format: null, shown: votes.map((v) => v.l.grade) },
    ...VOTE_CATEGORIES.map((c) => ({ header: c, format: "0", shown: votes.map((v) => String(v.total)) })),
    { header: "合计", format: "0", shown: votes.map((v) => String(v.total)) },
  ];
  const title = "测评票构成（插入时数值，票数）";
  const range = tableFrame(cells, left, title, columns, votes.length);
  votes.forEach((v, i) => {
    const row = TABLE_DATA_ROW + i;
    cells.set(row, left, v.l.rank ?? rankText(v.l));
    cells.set(row, left + 1, v.l.name);
    cells.set(row, left + 2, v.l.unit);
    cells.set(row, left + 3, v.l.grade);
    v.counts.forEach((c, k) => cells.set(row, left + 4 + k, c));
    cells.set(row, left + 4 + VOTE_CATEGORIES.length, v.total);
  });
  return { key: "votes", title, range, live: false };
}

export function votesPlans(f: Frame, votes: readonly VoteRow[], left: number): Unplaced[] {
  if (votes.length === 0) return [];
  const groups = pages(votes, VOTES_ROWS_PER_PAGE);
  let start = 0;
  return groups.map((rows, p) => {
    const page = { index: p + 1, count: groups.length };
    const top = TABLE_DATA_ROW + start;
    const bottom = top + rows.length - 1;
    start += rows.length;
    return {
      kind: "votes",
      name: fileNameOf(VOTES_NUMBER, VOTES_NAME, page),
      title: chartTitle(f, VOTES_NAME, page, "（插入时数值）"),
      type: "BarStacked100",
      series: VOTE_CATEGORIES.map((c, i) => ({
        name: c,
        values: onSheet(column(left + 4 + i, top, bottom)),
        xValues: onSheet(column(left + 1, top, bottom)),
        fill: GRADE_COLORS[c],
        line: "#FFFFFF",
      })),
      categoryAxis: { title: null, reverse: true },
      valueAxis: { title: "占有效票比例", numberFormat: "0%", majorUnit: 0.1 },
      legend: "Top",
      overlap: 100,
      gapWidth: 40,
      live: false,
      rows: barRows(rows.length),
    };
  });
}

/**
 * 需集体研究事项 (00, after the waterfall): a table of every leader whose grade a rule lowered or decided, or
 * who needs the committee — the quota tie, the vote rules when they only flag, personal circumstances,
 * missing data, the committee's own decisions (decisions.ts) — one row per leader and rule: who, the unit,
 * the score, the rule, the facts, the effect, and whether it is still open. Open questions first, then by
 * rank. A page of MATTERS_ROWS_PER_PAGE rows; the deck draws it as a native table, the workbook as cells.
 */
import type { Assessment, LeaderResult } from "../engine/types";
import { leadersInRankOrder, pages } from "./data";
import { leaderDecisions, type Decision } from "./decisions";
import { fileNameOf, frameOf, idOf, sourceOf, titleOf } from "./frame";
import { headerBlocks, sourceBlock } from "./radar";
import type { Theme } from "./theme";
import type { BlockCell, ChartOptions, PageSpec, TableBlock } from "./types";

export const MATTERS_NUMBER = 0;
export const MATTERS_NAME = "需集体研究事项";
export const MATTERS_ROWS_PER_PAGE = 12;
export const MATTERS_HEADERS = ["序号", "姓名", "单位", "综合得分", "事项", "情况", "影响", "状态"] as const;
const WIDTHS = [44, 84, 190, 76, 112, 420, 214, 84];
const ROW_HEIGHT = 42;

export interface Matter {
  leader: LeaderResult;
  decision: Decision;
  /** 待研究 (the committee must decide), 已决定 (the committee decided), 按规则 (a rule decided). */
  status: "待研究" | "已决定" | "按规则";
}

/** Every matter of the assessment: open ones first, then in rank order (those without a grade last). */
export function matters(a: Assessment): Matter[] {
  const all = leadersInRankOrder(a).flatMap((l) =>
    leaderDecisions(l).map((d): Matter => ({
      leader: l,
      decision: d,
      status: d.open ? "待研究" : d.rule === "committee" ? "已决定" : "按规则",
    })),
  );
  return [...all.filter((m) => m.status === "待研究"), ...all.filter((m) => m.status !== "待研究")];
}

/** The row of a matter as the table shows it, one text per column of MATTERS_HEADERS. */
export function matterRow(m: Matter, n: number): string[] {
  const l = m.leader;
  return [
    String(n),
    l.name,
    l.unit,
    l.final === null ? "—" : l.final.toFixed(2),
    m.decision.badge,
    m.decision.reason,
    m.decision.effect,
    m.status,
  ];
}

/** The body rows of the table for `items`, numbered from start + 1: shared with 会议图表's cells. */
export function matterCells(items: readonly Matter[], t: Theme, start = 0): BlockCell[][] {
  const statusFill = (s: Matter["status"]) =>
    s === "待研究" ? t.badge.open.fill : s === "已决定" ? t.badge.committee.fill : null;
  return items.map((m, i) =>
    matterRow(m, start + i + 1).map((text, c) => {
      const cell: BlockCell = { text };
      if (c === 4) {
        cell.bold = true;
        cell.color =
          m.status === "待研究" ? t.badge.open.text : m.status === "已决定" ? t.badge.committee.text : t.alert;
      }
      if (c === 7) {
        cell.fill = statusFill(m.status);
        cell.bold = m.status === "待研究";
      }
      return cell;
    }),
  );
}

/** Column alignment of the table. */
export const MATTERS_ALIGN: readonly ("left" | "center")[] = MATTERS_HEADERS.map((_, i) =>
  i === 0 || i === 3 || i === 7 ? "center" : "left",
);

export function mattersPages(a: Assessment, opts: ChartOptions): PageSpec[] {
  const f = frameOf(a, opts);
  const t = f.theme;
  const list = matters(a);
  const open = list.filter((m) => m.status === "待研究").length;
  const leaders = new Set(list.map((m) => m.leader)).size;
  const groups = pages(list, MATTERS_ROWS_PER_PAGE);
  const width = 1280;
  return groups.map((items, p) => {
    const page = { index: p + 1, count: groups.length };
    const title = titleOf(f, MATTERS_NAME, page);
    const subtitle =
      list.length === 0
        ? `${f.scope} · 没有需集体研究或由规则确定等次的事项`
        : `${f.scope} · ${open > 0 ? `待集体研究 ${open} 项` : "没有待集体研究的事项"}；等次由规则或组织决定确定的 ${leaders} 人，共 ${list.length} 项`;
    const start = groups.slice(0, p).reduce((s, g) => s + g.length, 0);
    const rows = matterCells(items, t, start);
    if (rows.length === 0) rows.push([{ text: "无", span: MATTERS_HEADERS.length, align: "center" }]);
    const table: TableBlock = {
      kind: "table",
      role: "table",
      x: 28,
      y: 96,
      width: WIDTHS.reduce((s, w) => s + w, 0),
      height: ROW_HEIGHT * (rows.length + 1),
      columns: WIDTHS.map((w, i) => ({ width: w, align: MATTERS_ALIGN[i] })),
      header: [MATTERS_HEADERS.map((text) => ({ text }))],
      rows,
      rowHeight: ROW_HEIGHT,
      lines: 2,
      size: 13,
      headerFill: "#F2F4F7",
      border: "#D0D5DD",
    };
    const height = Math.max(720, table.y + table.height + 60);
    return {
      type: "page",
      id: idOf(MATTERS_NUMBER, "matters", page),
      fileName: fileNameOf(MATTERS_NUMBER, MATTERS_NAME, page),
      kind: "matters",
      title,
      subtitle,
      source: sourceOf(f),
      ...(groups.length > 1 ? { page } : {}),
      width,
      height,
      background: t.background,
      blocks: [...headerBlocks(f, title, subtitle, width), table, sourceBlock(f, height - 34, width)],
      theme: t,
    };
  });
}

/** 民主测评 (docs/method.md §1, §3, §10.4): vote counts per leader, evaluator group and dimension or overall item. */

import type { Method } from "../../method/types";
import { cellText, isMissingMarker, parseNumber } from "../cells";
import type { Grid } from "../grid";
import type { SheetMap, VoteRow } from "../input";
import { columnSpec } from "../headers";
import { valueKey } from "../keys";
import { isBlank } from "../rows";
import { VOTE_HEADER_SUFFIXES } from "../synonyms";
import { Diagnostics, openTable, rowNumber, Table } from "../table";
import { type LeaderIndex, resolveLeader, rowId } from "./leaders";

type Count = { kind: "count"; value: number } | { kind: "blank" } | { kind: "invalid"; text: string };

function readCount(table: Table, r: number, key: string): Count {
  const v = table.value(r, key);
  if (isMissingMarker(v)) return { kind: "blank" };
  const p = parseNumber(v);
  if (p.kind === "number" && Number.isInteger(p.value) && p.value >= 0) return { kind: "count", value: p.value + 0 };
  return { kind: "invalid", text: cellText(v).trim() };
}

export function aliasMap(entries: readonly { name: string; aliases: readonly string[] }[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of entries) {
    for (const w of [e.name, ...e.aliases]) {
      const k = valueKey(w);
      if (!m.has(k)) m.set(k, e.name);
    }
  }
  return m;
}

export function readVotes(
  grid: Grid,
  method: Method,
  leaders: LeaderIndex,
  diag: Diagnostics,
): { votes: VoteRow[]; map: SheetMap | null } {
  const { categories, groups, dimensions } = method.democratic;
  const specs = [
    columnSpec("姓名", true),
    columnSpec("单位", true),
    columnSpec("测评人类别", true),
    columnSpec("维度", true),
    ...categories.map((c) => {
      const words = [c.name, ...c.aliases];
      return columnSpec(c.name, true, [...c.aliases, ...words.flatMap((w) => VOTE_HEADER_SUFFIXES.map((s) => w + s))]);
    }),
    columnSpec("弃权", false),
    columnSpec("工号", false),
  ];
  const table = openTable(grid, specs, diag);
  if (!table) return { votes: [], map: null };

  const groupOf = aliasMap(groups);
  const groupWords = groups.map((g) => g.name).join("、");
  // The overall item 综合评价 (docs/method.md §10.4) is read from the same 维度 column, under its name or an alias.
  const { overall } = method.democratic;
  const dimensionOf = new Map(Object.keys(dimensions).map((d) => [valueKey(d), d]));
  for (const w of [overall.name, ...overall.aliases])
    if (!dimensionOf.has(valueKey(w))) dimensionOf.set(valueKey(w), overall.name);
  const dimensionWords = [...Object.keys(dimensions), overall.name].join("、");
  const hasAbstain = table.has("弃权");
  const votes: VoteRow[] = [];
  // Numeric keys: (leader, group, dimension) → its row; (leader, group) → its first row's ballot total.
  const groupIndex = new Map(groups.map((g, i) => [g.name, i]));
  const dimensionIndex = new Map([...Object.keys(dimensions), overall.name].map((d, i) => [d, i]));
  const nDims = dimensionIndex.size;
  const seen = new Map<number, number>();
  const totals = new Map<number, { total: number; row: number; dimension: string; warned: boolean }>();

  for (const r of table.map.dataRows) {
    let bad = false;
    const name = table.text(r, "姓名");
    const unit = table.text(r, "单位");
    const id = leaders.hasId ? rowId(table, r) : null;
    const byId = leaders.hasId && id !== null;
    if (!byId && isBlank(name)) {
      diag.error(table.cell(r, "姓名"), "blankName", "姓名为空");
      bad = true;
    }
    if (!byId && isBlank(unit)) {
      diag.error(table.cell(r, "单位"), "blankUnit", "单位为空");
      bad = true;
    }
    const groupText = table.text(r, "测评人类别");
    const group = groupOf.get(valueKey(groupText));
    if (group === undefined) {
      diag.error(
        table.cell(r, "测评人类别"),
        "unknownGroup",
        isBlank(groupText)
          ? `测评人类别为空，应为${groupWords}之一`
          : `测评人类别「${groupText}」无法识别，应为${groupWords}之一（或其别名）`,
      );
      bad = true;
    }
    const dimText = table.text(r, "维度");
    const dimension = dimensionOf.get(valueKey(dimText));
    if (dimension === undefined) {
      diag.error(
        table.cell(r, "维度"),
        "unknownDimension",
        isBlank(dimText)
          ? `维度为空，应为${dimensionWords}之一`
          : `维度「${dimText}」无法识别，应为${dimensionWords}之一`,
      );
      bad = true;
    }
    const counts: number[] = [];
    for (const c of categories) {
      const n = readCount(table, r, c.name);
      if (n.kind === "count") counts.push(n.value);
      else if (n.kind === "blank") {
        diag.warning(table.cell(r, c.name), "blankVote", `「${c.name}」票数为空，按0票计`);
        counts.push(0);
      } else {
        diag.error(table.cell(r, c.name), "invalidVote", `「${c.name}」票数「${n.text}」不是非负整数`);
        bad = true;
      }
    }
    let abstain: number | null = null;
    if (hasAbstain) {
      const n = readCount(table, r, "弃权");
      if (n.kind === "count") abstain = n.value;
      else if (n.kind === "invalid") {
        diag.error(table.cell(r, "弃权"), "invalidVote", `弃权票数「${n.text}」不是非负整数`);
        bad = true;
      }
    }
    if (bad || group === undefined || dimension === undefined) continue;

    const res = resolveLeader(leaders, name, unit, byId ? id : null);
    if (res.kind !== "found") {
      if (leaders.read) {
        const who = byId ? `工号「${id}」` : `「${name}」（${unit}）`;
        diag.warning(
          table.rowCell(r),
          "unknownLeader",
          res.kind === "ambiguous"
            ? `${who}对应多名考核对象，请填写工号；此行不计入`
            : `${who}不在考核对象中，此行不计入`,
        );
      }
      continue;
    }
    const leader = res.leader;
    const gKey = leader.index * groups.length + groupIndex.get(group)!;
    const key = gKey * nDims + dimensionIndex.get(dimension)!;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      diag.error(
        table.rowCell(r),
        "duplicate",
        `与第${rowNumber(earlier)}行重复：同一考核对象、测评人类别（${group}）和维度（${dimension}）`,
      );
      continue;
    }
    seen.set(key, r);

    // Each ballot rates every dimension, so per group the number of ballots (abstentions included) is the same.
    const total = counts.reduce((a, b) => a + b, 0) + (abstain ?? 0);
    const first = totals.get(gKey);
    if (!first) totals.set(gKey, { total, row: r, dimension, warned: false });
    else if (!first.warned && first.total !== total) {
      first.warned = true;
      diag.warning(
        table.rowCell(r),
        "groupTotals",
        `${leader.name}的「${group}」票数合计各维度不一致：第${rowNumber(first.row)}行（${first.dimension}）${first.total}票，本行（${dimension}）${total}票；每张测评票应评全部维度`,
      );
    }

    votes.push({
      name: leader.name,
      unit: leader.unit,
      nameKey: leader.nameKey,
      unitKey: leader.unitKey,
      employeeId: leader.employeeId,
      group,
      dimension,
      overall: dimension === overall.name,
      counts,
      abstain,
      cell: table.rowCell(r),
    });
  }
  if (table.map.dataRows.length === 0) diag.warning(table.headerCell(), "noData", "民主测评表没有数据行");
  return { votes, map: table.map };
}

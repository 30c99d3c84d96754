/**
 * Builds engine input straight from a clean case (the format of test/fixtures/examples/*.json), bypassing the
 * workbook reader, so engine tests state their data compactly.
 */
import type { Method } from "../../src/method/types";
import type { AssessmentInput, Candidate, LeaderMode, QualValue, YMD } from "../../src/workbook/input";
import { nameKey } from "../../src/workbook/normalize";

export interface CaseLeader {
  name: string;
  unit: string;
  position?: string;
  mode?: LeaderMode | null;
  id?: string | null;
}
export interface Case {
  leaders: CaseLeader[];
  economic?: Record<string, Record<string, [number | null, number | null]>>;
  work?: Record<
    string,
    {
      重点工作?: number | string | null;
      党的建设?: number | string | null;
      安全稳定?: number | string | null;
      否决事项?: string | null;
    }
  >;
  votes?: { name: string; unit: string; group: string; dim: string; n: number[]; abstain?: number }[];
  adjust?: { name?: string | null; unit: string; type: "加分" | "减分"; value: number; item?: string }[];
  qualification?: Record<string, unknown>[];
}

const rating = (v: number | string | null | undefined, m: Method): number | null =>
  v === null || v === undefined ? null : typeof v === "number" ? v : m.ratings[v];

export function inputFromCase(c: Case, m: Method): AssessmentInput {
  const leaders = c.leaders.map((l, i) => ({
    index: i,
    name: l.name,
    unit: l.unit,
    position: l.position ?? "党委书记",
    mode: l.mode ?? null,
    employeeId: l.id ?? null,
    nameKey: nameKey(l.name),
    unitKey: nameKey(l.unit),
    cell: `考核对象!A${i + 2}`,
    quotaGroup: null,
  }));
  const economics = Object.entries(c.economic ?? {}).map(([unit, inds], r) => ({
    unit,
    unitKey: nameKey(unit),
    cell: `经营业绩!A${r + 3}`,
    indicators: Object.fromEntries(
      m.economic.indicators.map((ind, k) => {
        const v = inds[ind.name] ?? [null, null];
        return [
          ind.name,
          {
            target: { value: v[0], cell: `经营业绩!${String.fromCharCode(66 + 2 * k)}${r + 3}` },
            actual: { value: v[1], cell: `经营业绩!${String.fromCharCode(67 + 2 * k)}${r + 3}` },
          },
        ];
      }),
    ),
  }));
  const work = Object.entries(c.work ?? {}).map(([unit, w], r) => ({
    unit,
    unitKey: nameKey(unit),
    cell: `工作评价!A${r + 2}`,
    keyTasks: { value: rating(w.重点工作, m), cell: `工作评价!B${r + 2}` },
    partyBuilding: { value: rating(w.党的建设, m), cell: `工作评价!C${r + 2}` },
    safety: { value: rating(w.安全稳定, m), cell: `工作评价!D${r + 2}` },
    veto: w.否决事项 ? { reason: w.否决事项, cell: `工作评价!E${r + 2}` } : null,
  }));
  const votes = (c.votes ?? []).map((v, r) => ({
    name: v.name,
    unit: v.unit,
    nameKey: nameKey(v.name),
    unitKey: nameKey(v.unit),
    employeeId: null,
    group: v.group,
    dimension: v.dim,
    overall: v.dim === m.democratic.overall.name,
    counts: [...v.n],
    abstain: v.abstain ?? null,
    cell: `民主测评!A${r + 2}`,
  }));
  const adjustments = (c.adjust ?? []).map((a, r) => ({
    name: a.name ?? null,
    nameKey: a.name ? nameKey(a.name) : null,
    unit: a.unit,
    unitKey: nameKey(a.unit),
    employeeId: null,
    kind: a.type === "加分" ? ("bonus" as const) : ("penalty" as const),
    value: a.value,
    item: a.item ?? "",
    cell: `加减分!A${r + 2}`,
  }));
  const candidates = c.qualification ? c.qualification.map((q, r) => candidate(q, r + 2)) : null;
  return {
    leaders,
    economics,
    work,
    votes,
    adjustments,
    candidates,
    personal: [],
    decisions: [],
    sheetOrder: ["考核对象", "经营业绩", "工作评价", "民主测评", "加减分", "资质审查"],
    sheets: {},
  };
}

function candidate(q: Record<string, unknown>, row: number): Candidate {
  const cell = (col: string) => `资质审查!${col}${row}`;
  const date = (v: unknown, col: string): QualValue<YMD> => {
    if (v === null || v === undefined) return { status: "missing", cell: cell(col) };
    const s = typeof v === "object" && v !== null && "date" in v ? String((v as { date: string }).date) : String(v);
    const m = /^(\d{4})\D?(\d{1,2})?\D?(\d{1,2})?/.exec(s.replace(/年|月|日/g, "-"));
    if (!m) return { status: "unreadable", raw: s, cell: cell(col) };
    return { status: "ok", value: { y: +m[1], m: m[2] ? +m[2] : 1, d: m[3] ? +m[3] : 1 }, cell: cell(col) };
  };
  const text = (v: unknown, col: string): QualValue<string> =>
    v === null || v === undefined
      ? { status: "missing", cell: cell(col) }
      : { status: "ok", value: String(v), cell: cell(col) };
  const num = (v: unknown, col: string): QualValue<number> =>
    typeof v === "number" ? { status: "ok", value: v, cell: cell(col) } : { status: "missing", cell: cell(col) };
  return {
    name: String(q["姓名"]),
    unit: String(q["单位"] ?? ""),
    cell: cell("A"),
    birth: date(q["出生日期"], "C"),
    education: text(q["学历"], "D"),
    major: text(q["专业"], "E"),
    partyDate: date(q["入党时间"], "F"),
    workDate: date(q["参加工作时间"], "G"),
    title: text(q["职称"], "H"),
    departments: num(q["部门经历数"], "I"),
    postYears: num(q["相关任职年限"], "J"),
    health: text(q["健康状况"], "K"),
  };
}

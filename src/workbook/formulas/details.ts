/**
 * The sheet 计算明细 of formulas mode (docs/method.md §9): every step of §2–§4 as a live formula, with the
 * value the engine computed cached in each cell.
 *
 * Blocks, top to bottom: the method's parameters; 考核对象汇总 (one row per leader: E, K, B, S, P, D, the
 * rates, X, F — what 考核结果 refers to); 民主测评 per leader and evaluator group; the vote rows of 民主测评
 * mirrored one for one; 单位得分 (E, K, B, S per unit); 经营业绩 per unit and indicator; the items of 加减分
 * mirrored one for one.
 *
 * What is live and what was fixed when the sheet was written is said in the note on A1 (NOTE_TEXT).
 */
import type { Assessment, LeaderExplanation } from "../../engine/types";
import type { Method } from "../../method/types";
import type { GridBook } from "../grid";
import { LeaderIndex } from "../identity";
import type { AdjustmentItem, AssessmentInput, Leader, UnitEconomics, UnitWork, VoteRow } from "../input";
import { SHEETS } from "../input";
import { valueKey } from "../keys";
import { columnLetters, parseAddress } from "../address";
import type { CellStyle, LayoutValue, SheetLayout } from "../layout";
import { RESULT_HEADER_FILL } from "../layout";
import { HIGHER, LOWER, NO, writeParameters, YES } from "./params";
import { absSpan, type Content, type Formula, plus, rel, SheetBuilder, span, textLiteral } from "./sheet";
import { SourceBook, sourceNumber, sourceNumberAt, workScore } from "./source";
import { DETAILS_SHEET } from "./names";

export { DETAILS_SHEET };

export const NOTE_TEXT =
  "本表由考评程序在公式模式下写出：“考核结果”中经营业绩至综合得分各列是引用本表的公式，本表逐步给出计算过程，每个单元格都缓存了程序算出的值。\n" +
  "随输入重算（活的）：各输入表中的数字——经营业绩的目标值和完成值、工作评价的得分和评价等次、民主测评的票数、加减分的分值——以及本表“考核办法参数”中的各项数值（权重、阈值、分值、是/否开关）。\n" +
  "写出时固定（结构）：哪一行属于哪个单位、考核对象、测评人类别和维度（名称已按办法规范化，全角、空格、别名已在写出时解析），任职模式，加减分的类型和适用范围，以及各行引用的单元格位置。增删行、改名称、类别、维度、任职模式或类型后，请重新运行考评。\n" +
  "文本形式的数字（如“1,234.5”“８.４％”）：公式无法在 Excel 与 LibreOffice 中一致地解析，按写出时的解析值计入，相应单元格有批注；在源单元格改填数字后按新数字计算，改为其他文本则显示 #N/A。\n" +
  "空白或缺失标记（-、—、/、无）：经营业绩、工作评价按缺失处理（空白结果），之后填入数字即参与计算；民主测评票数为空按0票计。\n" +
  "排名与等次不是公式，由程序按考核办法计算后写入“考核结果”；修改输入后请重新运行考评。";

const TITLE_STYLE: CellStyle = { bold: true };
const HEADER_STYLE: CellStyle = { bold: true, fill: RESULT_HEADER_FILL, horizontalAlignment: "center" };

const GUIDE = "党建工作指导员";
const SCOPE_LEADER = "个人";
const SCOPE_UNIT = "全单位";
const SCOPE_NONE = "不计入";
const BONUS = "加分";
const PENALTY = "减分";

export interface FormulaRequest {
  /** The grids the run read: what each source cell holds decides how a formula reads it. */
  book: GridBook;
  input: AssessmentInput;
  method: Method;
  assessment: Assessment;
}

export const LEADER_COLUMNS = {
  seq: 0,
  name: 1,
  unit: 2,
  mode: 3,
  unitSeq: 4,
  economic: 5,
  keyTasks: 6,
  partyBuilding: 7,
  safety: 8,
  economicWeight: 9,
  work: 10,
  ballots: 11,
  minBallots: 12,
  democratic: 13,
  n1: 14,
  n2: 15,
  n4: 16,
  total: 17,
  excellentRate: 18,
  competentRate: 19,
  unfitRate: 20,
  bonus: 21,
  bonusCounted: 22,
  penalty: 23,
  adjustment: 24,
  final: 25,
} as const;

const TALLIED_NOTE =
  "工作簿没有“民主测评”表，本行票数由“测评票”汇总得到，是写出时的常数；修改测评票后请先汇总测评票（写入“民主测评”表）再运行考评。";

export interface DetailsSheet {
  layout: SheetLayout;
  /** By leader index (position in 考核对象). */
  leaderRows: number[];
}

/** For text that may run over the empty cells to its right: it does not size its column. */
const NO_SIZE = { sizes: false } as const;

const num = (x: number | null | undefined): LayoutValue => (x === null || x === undefined ? "" : x);
const f = (formula: string, v: LayoutValue): Formula => ({ f: formula, v });

interface Unit {
  seq: number;
  unit: string;
  unitKey: string;
  economics: UnitEconomics | undefined;
  work: UnitWork | undefined;
  explain: LeaderExplanation;
}

/** A section: its title row, its header row, then its data rows. */
interface Section {
  title: number;
  header: number;
  first: number;
  count: number;
}

function sectionsFrom(start: number, counts: number[]): Section[] {
  let row = start;
  return counts.map((count) => {
    const s = { title: row, header: row + 1, first: row + 2, count };
    row += count + 3; // title, header, rows, a blank row
    return s;
  });
}

/** The vote row's own sheet row (0-based). */
function rowOf(cell: string): number {
  const p = parseAddress(cell);
  if (!p) throw new Error(`无法解析单元格地址：${cell}`);
  return p.row;
}

function cellOf(sheet: string, row: number, col: number | undefined): string {
  if (col === undefined) return "";
  return `${sheet}!${rel(row, col)}`;
}

/**
 * `streamed`: the rows of the blocks below the titles are made as a writer asks for them (the layout is a
 * StreamedLayout; see SheetBuilder.rows); otherwise the layout holds every cell.
 */
export function detailsSheet(req: FormulaRequest, streamed = false): DetailsSheet {
  const { input, method, assessment } = req;
  const src = new SourceBook(req.book);
  const b = new SheetBuilder(streamed);
  const leaders = [...assessment.leaders].sort((x, y) => x.index - y.index);
  const leaderOf = new Map<number, Leader>(input.leaders.map((l) => [l.index, l]));
  const cats = method.democratic.categories;
  // The overall item (docs/method.md §10.4) is one more dimension of the mirror, when the workbook has overall rows.
  const withOverall = input.votes.some((v) => v.overall);
  const overall = method.democratic.overall;
  const dims: [string, number][] = [
    ...Object.entries(method.democratic.dimensions),
    ...(withOverall ? [[overall.name, overall.weight] as [string, number]] : []),
  ];
  const groups = method.democratic.groups;
  const inds = method.economic.indicators;

  // ---------------------------------------------------------------------------------------------------------
  // Title and the parameter block

  b.put(0, 0, "计算明细（公式模式）", NO_SIZE);
  b.style({ top: 0, left: 0, bottom: 0, right: 0 }, TITLE_STYLE);
  b.note(0, 0, NOTE_TEXT);
  b.put(
    1,
    0,
    "“考核结果”的各项得分引用本表。数字随输入表和下方参数重算；行与单位、考核对象、类别、维度的对应关系在写出时确定（详见 A1 批注）。",
    NO_SIZE,
  );
  const sectionTitle = (r: number, text: string) => {
    b.put(r, 0, text, NO_SIZE);
    b.style({ top: r, left: 0, bottom: r, right: 0 }, TITLE_STYLE);
  };
  const header = (r: number, titles: readonly string[]) => {
    b.putRow(r, titles);
    b.style({ top: r, left: 0, bottom: r, right: titles.length - 1 }, HEADER_STYLE);
  };
  sectionTitle(3, "一、考核办法参数（黄色单元格可修改，公式随之重算）");
  const { params: P, next: row } = writeParameters(b, method, 4, header, withOverall);
  const dimWeight = P.overallWeight === null ? P.dimensionWeight : [...P.dimensionWeight, P.overallWeight];

  // ---------------------------------------------------------------------------------------------------------
  // Structure fixed at write time: units, vote rows and adjustment items, resolved as the engine resolved them

  const units: Unit[] = [];
  const unitSeq = new Map<string, number>();
  const economics = new Map(input.economics.map((u) => [u.unitKey, u]));
  const work = new Map(input.work.map((u) => [u.unitKey, u]));
  for (const l of leaders) {
    const leader = leaderOf.get(l.index)!;
    if (unitSeq.has(leader.unitKey)) continue;
    unitSeq.set(leader.unitKey, units.length + 1);
    units.push({
      seq: units.length + 1,
      unit: leader.unit,
      unitKey: leader.unitKey,
      economics: economics.get(leader.unitKey),
      work: work.get(leader.unitKey),
      explain: l.explain,
    });
  }

  const index = new LeaderIndex(input.leaders);
  const groupIndex = new Map(groups.map((g, i) => [g.name, i]));
  const dimIndex = new Map(dims.map(([d], i) => [d, i]));
  const votes = input.votes
    .map((v) => ({ v, leader: index.find(v) }))
    .filter((x): x is { v: VoteRow; leader: Leader } => x.leader !== undefined)
    .sort(
      (x, y) =>
        x.leader.index - y.leader.index ||
        groupIndex.get(x.v.group)! - groupIndex.get(y.v.group)! ||
        dimIndex.get(x.v.dimension)! - dimIndex.get(y.v.dimension)!,
    );

  const voteBlocks = new Map<number, [number, number]>();
  votes.forEach(({ leader }, k) => {
    const b0 = voteBlocks.get(leader.index);
    voteBlocks.set(leader.index, [b0 ? b0[0] : k, k]);
  });

  const items = input.adjustments.map((it) => adjustmentScope(it, index, unitSeq));

  const [sLeaders, sGroups, sVotes, sUnits, sInds, sAdj] = sectionsFrom(row, [
    leaders.length,
    leaders.length * groups.length,
    votes.length,
    units.length,
    units.length * inds.length,
    items.length,
  ]);

  // ---------------------------------------------------------------------------------------------------------
  // 经营业绩 per unit and indicator

  const IC = {
    seq: 0,
    unit: 1,
    name: 2,
    weight: 3,
    direction: 4,
    target: 5,
    actual: 6,
    available: 7,
    d: 8,
    steps: 9,
    raw: 10,
    points: 11,
    before: 12,
    score: 13,
    counted: 14,
    weighted: 15,
    source: 16,
  };
  sectionTitle(sInds.title, "六、经营业绩指标明细（每个单位、每项指标一行）");
  header(sInds.header, [
    "单位序号",
    "单位",
    "指标",
    "权重",
    "方向",
    "目标值T",
    "完成值A",
    "可用",
    "偏差d",
    "档数",
    "计分（限幅前）",
    "计分Δ",
    "得分s（封顶前）",
    "得分s",
    "计入权重",
    "权重×得分",
    "来源",
  ]);
  b.rows(sInds.first, units.length * inds.length, (k) => {
    const j = Math.floor(k / inds.length);
    const i = k % inds.length;
    const u = units[j];
    const ind = inds[i];
    const top = sInds.first + j * inds.length;
    const bottom = top + inds.length - 1;
    const r = top + i;
    const x = u.explain.economic.indicators[i];
    const c = (col: number) => rel(r, col);
    const T = c(IC.target);
    const A = c(IC.actual);
    const avail = `${c(IC.available)}="${YES}"`;
    const values = u.economics?.indicators[ind.name];
    const target = sourceNumber(src, values?.target.cell ?? "", x.target, "missing");
    const actual = sourceNumber(src, values?.actual.cell ?? "", x.actual, "missing");
    const dExpr =
      `IF(${T}>0,IF(${c(IC.direction)}="${LOWER}",(${T}-${A})/${T},(${A}-${T})/${T}),` +
      `IF(${A}<=${T},(${A}-${T})/ABS(${T}),IF(${A}<=0,${P.lossFactor}*(${A}-${T})/ABS(${T}),${P.lossFactor}+${A}/ABS(${T}))))`;
    const stepsExpr = `${c(IC.d)}*100/${P.step}`;
    const source = !u.economics
      ? "经营业绩表中没有该单位"
      : [
          values?.target.cell ? `目标 ${values.target.cell}` : "无目标值列",
          values?.actual.cell ? `完成 ${values.actual.cell}` : "无完成值列",
        ].join("；");
    const cells: Content[] = [
      u.seq,
      u.unit,
      ind.name,
      f(`=${P.indicatorWeight[i]}`, ind.weight),
      f(`=${P.indicatorDirection[i]}`, ind.direction === "lower" ? LOWER : HIGHER),
      target.content,
      actual.content,
      f(
        `=IF(AND(ISNUMBER(${T}),ISNUMBER(${A})),IF(${T}=0,"${NO}",IF(AND(${T}<0,${c(IC.direction)}="${LOWER}"),"${NO}","${YES}")),"${NO}")`,
        x.available ? YES : NO,
      ),
      f(`=IF(${avail},ROUND(${dExpr},12),"")`, num(x.d)),
      f(
        `=IF(${avail},IF(${P.stepwise}="${YES}",TRUNC(${stepsExpr}+SIGN(${stepsExpr})*1E-9),${stepsExpr}),"")`,
        num(x.steps),
      ),
      f(`=IF(${avail},${c(IC.steps)}*${P.perStep},"")`, num(x.rawPoints)),
      f(
        `=IF(${avail},MAX(-${P.maxPenaltyPoints},MIN(IF(${T}<0,${P.lossMax},${P.maxBonusPoints}),${c(IC.raw)})),"")`,
        num(x.points),
      ),
      f(`=IF(${avail},1+${c(IC.points)}/${P.base},"")`, num(x.scoreBeforeCap)),
      f(
        `=IF(${avail},IF(AND(${P.capsOthers}="${YES}",${c(IC.before)}>1,COUNTIF(${span(top, bottom, IC.before)},"<1")>0),1,${c(IC.before)}),"")`,
        num(x.score),
      ),
      f(`=IF(${avail},${c(IC.weight)},0)`, x.available ? ind.weight : 0),
      f(`=IF(${avail},${c(IC.weight)}*${c(IC.score)},0)`, x.available ? ind.weight * (x.score as number) : 0),
    ];
    b.putRow(r, cells);
    b.put(r, IC.source, source, NO_SIZE);
    if (target.note) b.note(r, IC.target, target.note);
    if (actual.note) b.note(r, IC.actual, actual.note);
  });

  // ---------------------------------------------------------------------------------------------------------
  // 单位得分: E, K, B, S

  const UC = { seq: 0, unit: 1, availW: 2, totalW: 3, share: 4, minShare: 5, E: 6, K: 7, B: 8, S: 9, source: 10 };
  sectionTitle(
    sUnits.title,
    "五、单位得分（经营业绩 E 由下方第六部分汇总；重点工作、党的建设、安全稳定取自“工作评价”）",
  );
  header(sUnits.header, [
    "单位序号",
    "单位",
    "可用权重",
    "指标总权重",
    "可用比例",
    "最低比例",
    "经营业绩E",
    "重点工作K",
    "党的建设B",
    "安全稳定S",
    "来源",
  ]);
  const ratingKeys = new Map(Object.keys(method.ratings).map((word) => [valueKey(word), word]));
  const unitRow = new Map<string, number>(units.map((u, j) => [u.unitKey, sUnits.first + j]));
  b.rows(sUnits.first, units.length, (j) => {
    const u = units[j];
    const r = sUnits.first + j;
    const top = sInds.first + j * inds.length;
    const bottom = top + inds.length - 1;
    const x = u.explain.economic;
    const c = (col: number) => rel(r, col);
    const score = (m: UnitWork["keyTasks"] | undefined) => {
      const raw = m && m.cell ? src.lookup(m.cell)?.raw : null;
      const word = typeof raw === "string" ? (ratingKeys.get(valueKey(raw)) ?? null) : null;
      return workScore(src, m?.cell ?? "", m?.value ?? null, word, P.ratings);
    };
    const [K, B, S] = [u.work?.keyTasks, u.work?.partyBuilding, u.work?.safety].map(score);
    const sources = [
      u.economics ? `经营业绩 ${u.economics.cell} 行` : "经营业绩表中没有该单位",
      u.work ? `工作评价 ${u.work.cell} 行` : "工作评价表中没有该单位",
    ];
    const sum = (col: number) => (inds.length > 0 ? `SUM(${span(top, bottom, col)})` : "0");
    b.putRow(r, [
      u.seq,
      u.unit,
      f(`=${sum(IC.counted)}`, x.availableWeight),
      f(inds.length > 0 ? `=SUM(${P.indicatorWeights})` : "=0", x.totalWeight),
      f(`=IF(${c(UC.totalW)}>0,ROUND(${c(UC.availW)}/${c(UC.totalW)},4),0)`, x.availableShare),
      f(`=${P.minShare}`, x.minAvailableShare),
      f(
        `=IF(AND(${c(UC.availW)}>0,${c(UC.share)}>=${c(UC.minShare)}),100*${sum(IC.weighted)}/${c(UC.availW)},"")`,
        num(x.value),
      ),
      K.content,
      B.content,
      S.content,
    ]);
    b.put(r, UC.source, sources.join("；"), NO_SIZE);
    [K, B, S].forEach((s, i) => {
      if (s.note) b.note(r, UC.K + i, s.note);
    });
  });

  // ---------------------------------------------------------------------------------------------------------
  // 民主测评 rows, mirrored

  const VC = { seq: 0, name: 1, unit: 2, group: 3, dim: 4, counts: 5, N: 5 + cats.length, m: 6 + cats.length };
  const voteSheet = input.sheets[SHEETS.votes];
  sectionTitle(sVotes.title, "四、民主测评票（逐行对应“民主测评”表；票数为活引用，对应关系写出时确定）");
  header(sVotes.header, [
    "考核对象序号",
    "姓名",
    "单位",
    "测评人类别",
    "维度",
    ...cats.map((c) => c.name),
    "票数N",
    "平均分m",
    "来源",
  ]);
  // The mirror's row of each leader, group and dimension (by their indexes; -1 for none).
  const leaderSpan = input.leaders.reduce((m, l) => Math.max(m, l.index + 1), 0);
  const voteRowOf = new Int32Array(leaderSpan * groups.length * dims.length).fill(-1);
  const voteKey = (leader: number, g: number, d: number) => (leader * groups.length + g) * dims.length + d;
  const voteSheetName = voteSheet?.sheet ?? SHEETS.votes;
  const countColumns = cats.map((c) => voteSheet?.columns[c.name]);
  const voteN = columnLetters(VC.N);
  const voteM = columnLetters(VC.m);
  const countLetters = cats.map((_, i) => columnLetters(VC.counts + i));
  const countPoints = cats.map((_, i) => `*${P.categoryPoints[i]}`);
  const firstCount = columnLetters(VC.counts);
  const lastCount = columnLetters(VC.counts + cats.length - 1);
  votes.forEach(({ v, leader }, k) => {
    const g = groupIndex.get(v.group);
    const d = dimIndex.get(v.dimension);
    // Every vote row scored has a group and a dimension of the method (the reader made it so).
    if (g !== undefined && d !== undefined) voteRowOf[voteKey(leader.index, g, d)] = sVotes.first + k;
  });
  b.rows(sVotes.first, votes.length, (k) => {
    const { v, leader } = votes[k];
    const r = sVotes.first + k;
    const n = String(r + 1);
    // The reader says where each count sits (the wide form has a column per dimension and category); votes tallied
    // from 测评票 in memory (docs/method.md §11.3) have no cell on 民主测评 and are written as constants.
    const tallied = v.countCells !== undefined && v.countCells.every((cell) => cell === "");
    let sourceRow: number | undefined;
    const cells: Content[] = [leader.index + 1, leader.name, leader.unit, v.group, v.dimension];
    const notes: (string | null)[] = [];
    const total = v.counts.reduce((sum, count) => sum + count, 0);
    const pts = v.counts.reduce((sum, count, i) => sum + count * cats[i].points, 0);
    let m = "";
    for (let i = 0; i < cats.length; i++) {
      const count = v.counts[i];
      const c = tallied
        ? { content: count, note: i === 0 ? TALLIED_NOTE : null }
        : v.countCells?.[i] !== undefined
          ? sourceNumber(src, v.countCells[i], count, "zero")
          : sourceNumberAt(src, voteSheetName, (sourceRow ??= rowOf(v.cell)), countColumns[i], count, "zero");
      cells.push(c.content);
      notes.push(c.note);
      m += `${i > 0 ? "+" : ""}${countLetters[i]}${n}${countPoints[i]}`;
    }
    const nCell = voteN + n;
    cells.push(
      f(`=SUM(${firstCount}${n}:${lastCount}${n})`, total),
      f(`=IF(${nCell}>0,(${cats.length === 0 ? "0" : m})/${nCell},"")`, total > 0 ? pts / total : ""),
    );
    b.putRow(r, cells);
    b.put(r, VC.m + 1, tallied ? `测评票汇总（首张 ${v.cell}）` : `民主测评 ${v.cell} 行`, NO_SIZE);
    notes.forEach((note, i) => {
      if (note) b.note(r, VC.counts + i, note);
    });
  });

  // ---------------------------------------------------------------------------------------------------------
  // 民主测评 per leader and group

  const GC = { seq: 0, name: 1, group: 2, weight: 3, dims: 4, ballots: 4 + 2 * dims.length, D: 5 + 2 * dims.length };
  sectionTitle(sGroups.title, "三、民主测评：各测评人类别（类别得分按维度权重加权；本类票数取各维度票数的最大值）");
  header(sGroups.header, [
    "考核对象序号",
    "姓名",
    "测评人类别",
    "类别权重",
    ...dims.flatMap(([d]) => [`${d}：票数`, `${d}：平均分`]),
    "本类票数",
    "类别得分D_g",
  ]);
  const groupRows = (i: number) => {
    const top = sGroups.first + i * groups.length;
    return groups.map((_, g) => top + g);
  };
  const nLetters = dims.map((_, k) => columnLetters(GC.dims + 2 * k));
  const mLetters = dims.map((_, k) => columnLetters(GC.dims + 2 * k + 1));
  const groupIndexes = groups.map((g) => groupIndex.get(g.name)!);
  const dimIndexes = dims.map(([d]) => dimIndex.get(d)!);
  b.rows(sGroups.first, leaders.length * groups.length, (k) => {
    const i = Math.floor(k / groups.length);
    const g = k % groups.length;
    const l = leaders[i];
    const leader = leaderOf.get(l.index)!;
    const r = sGroups.first + k;
    const group = groups[g];
    const gx = l.explain.democratic.groups.find((x) => x.group === group.name);
    // A group's dimensions are made each time they are read: once here, not once per dimension.
    const dxs = gx?.dimensions;
    const n = String(r + 1);
    const cells: Content[] = [l.index + 1, leader.name, group.name, f(`=${P.groupWeight[g]}`, group.weight)];
    // Σ weight × m over the dimensions with votes, Σ weight over them, and the most votes of a dimension.
    const numer: string[] = [];
    const denom: string[] = [];
    const counted: string[] = [];
    dims.forEach(([d], k) => {
      const vr = voteRowOf[voteKey(l.index, groupIndexes[g], dimIndexes[k])];
      const dx = dxs?.find((x) => x.dimension === d);
      if (!(vr >= 0))
        cells.push(0, null); // -1, or past the end: no vote row
      else cells.push(f(`=${voteN}${vr + 1}`, dx?.total ?? 0), f(`=${voteM}${vr + 1}`, num(dx?.m)));
      const nCell = nLetters[k] + n;
      numer.push(`IF(${nCell}>0,${dimWeight[k]}*${mLetters[k]}${n},0)`);
      denom.push(`IF(${nCell}>0,${dimWeight[k]},0)`);
      counted.push(nCell);
    });
    cells.push(
      f(dims.length > 0 ? `=MAX(${counted.join(",")})` : "=0", gx?.ballots ?? 0),
      f(`=IF((${plus(denom)})>0,(${plus(numer)})/(${plus(denom)}),"")`, num(gx?.value)),
    );
    b.putRow(r, cells);
  });

  // ---------------------------------------------------------------------------------------------------------
  // 加减分 items, mirrored

  const AC = { scope: 0, seq: 1, unitSeq: 2, name: 3, unit: 4, kind: 5, value: 6, item: 7, source: 8 };
  const adjSheet = input.sheets[SHEETS.adjustments];
  if (items.length > 0) {
    sectionTitle(sAdj.title, "七、加减分（逐行对应“加减分”表；分值为活引用，适用范围写出时确定）");
    header(sAdj.header, ["适用范围", "考核对象序号", "单位序号", "姓名", "单位", "类型", "分值", "事项", "来源"]);
    b.rows(sAdj.first, items.length, (k) => {
      const x = items[k];
      const r = sAdj.first + k;
      const valueCell = cellOf(adjSheet?.sheet ?? SHEETS.adjustments, rowOf(x.item.cell), adjSheet?.columns["分值"]);
      const value = sourceNumber(src, valueCell, x.item.value, "zero");
      b.putRow(r, [
        x.scope,
        x.leader ? x.leader.index + 1 : null,
        x.unitSeq ?? null,
        x.item.name ?? "",
        x.item.unit,
        x.item.kind === "bonus" ? BONUS : PENALTY,
        value.content,
        x.item.item,
      ]);
      b.put(r, AC.source, `加减分 ${x.item.cell} 行`, NO_SIZE);
      if (value.note) b.note(r, AC.value, value.note);
    });
  }

  // ---------------------------------------------------------------------------------------------------------
  // 考核对象汇总

  const LC = LEADER_COLUMNS;
  sectionTitle(sLeaders.title, "二、考核对象汇总（“考核结果”引用此表；未四舍五入）");
  header(sLeaders.header, [
    "序号",
    "姓名",
    "单位",
    "任职模式",
    "单位序号",
    "经营业绩E",
    "重点工作K",
    "党的建设B",
    "安全稳定S",
    "经营业绩权重",
    "工作业绩P",
    "测评票数",
    "最低票数",
    "民主测评D",
    `${cats[0]?.name ?? ""}票`,
    `${cats[1]?.name ?? ""}票`,
    `${cats[3]?.name ?? ""}票`,
    "有效票ΣN",
    "优秀率",
    "称职以上率",
    "不称职率",
    "加分合计",
    "加分计入",
    "减分合计",
    "加减分X",
    "综合得分F",
  ]);
  const leaderRows: number[] = [];
  leaders.forEach((l, i) => (leaderRows[l.index] = sLeaders.first + i));
  const adjRange = (col: number) => absSpan(sAdj.first, sAdj.first + items.length - 1, col);
  // The same for every leader.
  const adjValue = adjRange(AC.value);
  const adjSeq = adjRange(AC.seq);
  const adjKind = adjRange(AC.kind);
  const adjScope = adjRange(AC.scope);
  const adjUnitSeq = adjRange(AC.unitSeq);
  const kindLiteral = { [BONUS]: textLiteral(BONUS), [PENALTY]: textLiteral(PENALTY) };
  const unitScope = textLiteral(SCOPE_UNIT);
  const overallLiteral = textLiteral(overall.name);
  b.rows(sLeaders.first, leaders.length, (i) => {
    const l = leaders[i];
    const r = sLeaders.first + i;
    const leader = leaderOf.get(l.index)!;
    const ux = unitRow.get(leader.unitKey)!;
    const x = l.explain;
    const c = (col: number) => rel(r, col);
    const copy = (col: number) => `=IF(${rel(ux, col)}="","",${rel(ux, col)})`;
    const [, kb, bb, sb] = x.work.blocks;

    const blocks: [string, string][] = [
      [c(LC.economic), c(LC.economicWeight)],
      [c(LC.keyTasks), P.wK],
      [c(LC.partyBuilding), P.wB],
      [c(LC.safety), P.wS],
    ];
    const pNum = plus(blocks.map(([v, wt]) => `IF(${v}="",0,${wt}*${v})`));
    const pDen = plus(blocks.map(([v, wt]) => `IF(${v}="",0,${wt})`));

    const gRows = groupRows(i);
    const dNum = plus(gRows.map((gr) => `IF(${rel(gr, GC.D)}="",0,${rel(gr, GC.weight)}*${rel(gr, GC.D)})`));
    const dDen = plus(gRows.map((gr) => `IF(${rel(gr, GC.D)}="",0,${rel(gr, GC.weight)})`));

    // The leader's vote rows are consecutive in the mirror (sorted by leader).
    const block = voteBlocks.get(l.index);
    // With overall rows, the rates and vote rules count those rows only (§10.4).
    const overallOnly = x.democratic.rateBasis === "overall";
    const blockSum = (col: number, value: number) => {
      if (!block) return value;
      const range = (cc: number) => span(sVotes.first + block[0], sVotes.first + block[1], cc);
      return overallOnly
        ? f(`=SUMIFS(${range(col)},${range(VC.dim)},${overallLiteral})`, value)
        : f(`=SUM(${range(col)})`, value);
    };
    const t = x.democratic.totals;

    const adjSum = (kind: typeof BONUS | typeof PENALTY, value: number) =>
      items.length === 0
        ? f("=0", value)
        : f(
            `=SUMIFS(${adjValue},${adjSeq},${c(LC.seq)},${adjKind},${kindLiteral[kind]})` +
              `+SUMIFS(${adjValue},${adjScope},${unitScope},${adjUnitSeq},${c(LC.unitSeq)},${adjKind},${kindLiteral[kind]})`,
            value,
          );
    const a = x.adjustment;
    const rate = (numer: string, value: number | null): Formula =>
      f(`=IF(${c(LC.total)}=0,"",(${numer})/${c(LC.total)})`, num(value));
    const dem = x.democratic;
    const n = dem.total;

    b.putRow(r, [
      l.index + 1,
      leader.name,
      leader.unit,
      leader.mode,
      unitSeq.get(leader.unitKey)!,
      f(copy(UC.E), num(x.economic.value)),
      f(copy(UC.K), num(kb.value)),
      f(copy(UC.B), num(bb.value)),
      f(copy(UC.S), num(sb.value)),
      f(`=IF(${c(LC.mode)}="${GUIDE}",0,${P.wE})`, x.work.blocks[0].weight),
      f(
        `=IF(OR(AND(${c(LC.economicWeight)}>0,${c(LC.economic)}=""),AND(${c(LC.keyTasks)}="",${c(LC.partyBuilding)}="",${c(LC.safety)}="")),"",` +
          `IF((${pDen})=0,"",(${pNum})/(${pDen})))`,
        num(x.work.value),
      ),
      f(gRows.length > 0 ? `=SUM(${span(gRows[0], gRows[gRows.length - 1], GC.ballots)})` : "=0", dem.ballots),
      f(`=${P.minBallots}`, dem.minBallots),
      f(
        `=IF(OR(${c(LC.ballots)}=0,${c(LC.ballots)}<${c(LC.minBallots)}),"",IF((${dDen})=0,"",(${dNum})/(${dDen})))`,
        num(dem.value),
      ),
      blockSum(VC.counts, t[0]),
      blockSum(VC.counts + 1, t[1]),
      blockSum(VC.counts + 3, t[3]),
      blockSum(VC.N, n),
      rate(c(LC.n1), n > 0 ? t[0] / n : null),
      rate(`${c(LC.n1)}+${c(LC.n2)}`, n > 0 ? (t[0] + t[1]) / n : null),
      rate(c(LC.n4), n > 0 ? t[3] / n : null),
      adjSum(BONUS, a.bonusTotal),
      f(`=MIN(${c(LC.bonus)},${P.maxBonus})`, a.bonusCounted),
      adjSum(PENALTY, a.penaltyTotal),
      f(`=${c(LC.bonusCounted)}-${c(LC.penalty)}`, a.value),
      f(
        `=IF(OR(${c(LC.work)}="",${c(LC.democratic)}=""),"",` +
          `(${P.workWeight}*${c(LC.work)}+${P.democraticWeight}*${c(LC.democratic)})/(${P.workWeight}+${P.democraticWeight})+${c(LC.adjustment)})`,
        num(x.final.raw),
      ),
    ]);
  });

  return { layout: streamed ? b.streamedLayout(DETAILS_SHEET) : b.layout(DETAILS_SHEET), leaderRows };
}

interface ScopedItem {
  item: AdjustmentItem;
  scope: string;
  leader: Leader | null;
  unitSeq: number | null;
}

/** To whom an item of 加减分 applies, as the engine decides it (src/engine/index.ts). */
function adjustmentScope(it: AdjustmentItem, index: LeaderIndex, unitSeq: ReadonlyMap<string, number>): ScopedItem {
  if (it.nameKey === null) {
    // unitSeq holds exactly the units that have leaders.
    const seq = unitSeq.get(it.unitKey);
    return { item: it, scope: seq !== undefined ? SCOPE_UNIT : SCOPE_NONE, leader: null, unitSeq: seq ?? null };
  }
  const leader = index.find(it) ?? null;
  return { item: it, scope: leader ? SCOPE_LEADER : SCOPE_NONE, leader, unitSeq: null };
}

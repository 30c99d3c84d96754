/**
 * The parameter block of 计算明细: every value of the method the formulas use, as a constant in its own cell
 * (yellow, editable), so that a changed weight, threshold or rating recomputes everything that depends on it.
 */
import type { Method } from "../../method/types";
import type { CellStyle, LayoutValue } from "../layout";
import { abs, absSpan, type SheetBuilder } from "./sheet";
import type { RatingTable } from "./source";

export const YES = "是";
export const NO = "否";
export const HIGHER = "正向";
export const LOWER = "逆向";

const PARAM_STYLE: CellStyle = { fill: "#FFF2CC" };

/** Absolute addresses (`$B$6`) of the parameters. */
export interface Params {
  step: string;
  perStep: string;
  base: string;
  /** 是/否. */
  stepwise: string;
  maxBonusPoints: string;
  maxPenaltyPoints: string;
  /** 是/否. */
  capsOthers: string;
  lossFactor: string;
  lossMax: string;
  minShare: string;
  minBallots: string;
  workWeight: string;
  democraticWeight: string;
  maxBonus: string;
  /** Per indicator of the method, in its order. */
  indicatorWeight: string[];
  /** 正向/逆向. */
  indicatorDirection: string[];
  /** `$B$20:$B$24`, the weights of all indicators. */
  indicatorWeights: string;
  wE: string;
  wK: string;
  wB: string;
  wS: string;
  ratings: RatingTable | null;
  categoryPoints: string[];
  dimensionWeight: string[];
  /** The overall item 综合评价 (docs/method.md §10.4); null when the workbook has no overall rows. */
  overallWeight: string | null;
  groupWeight: string[];
}

/** Writes the block from row `start` (0-based) on; `header` writes a header row. Returns the next free row. */
export function writeParameters(
  b: SheetBuilder,
  method: Method,
  start: number,
  header: (row: number, titles: readonly string[]) => void,
  withOverall = false,
): { params: Params; next: number } {
  let row = start;
  const param = (label: string, value: LayoutValue, about: string): string => {
    b.putRow(row, [label, value]);
    // The explanation may run over the empty cells to its right: it does not size its column.
    b.put(row, 2, about, { sizes: false });
    b.style({ top: row, left: 1, bottom: row, right: 1 }, PARAM_STYLE);
    return abs(row++, 1);
  };
  const subTable = (titles: string[]) => {
    header(row++, titles);
  };

  subTable(["参数", "值", "说明"]);
  const e = method.economic;
  const p: Partial<Params> = {};
  p.step = param("每档幅度（%）", e.stepPercent, "偏差每达此百分比计一档");
  p.perStep = param("每档分值", e.pointsPerStep, "每档计的分数");
  p.base = param("基准分", e.basePoints, "指标得分 s = 1 + 计分 ÷ 基准分");
  p.stepwise = param("按整档计分", e.stepwise ? YES : NO, "是：档数向零截断取整；否：按比例");
  p.maxBonusPoints = param("指标加分上限", e.maxBonusPoints, "计分的上限");
  p.maxPenaltyPoints = param("指标扣分上限", e.maxPenaltyPoints, "计分的下限为其相反数");
  p.capsOthers = param(
    "低于基准时封顶其他指标",
    e.belowBaseCapsOthers ? YES : NO,
    "是：单位有指标得分低于1时，其余指标得分不超过1",
  );
  p.lossFactor = param("减亏系数 r", e.lossReductionFactor, "亏损目标：减亏部分按 r 折算");
  p.lossMax = param("亏损目标加分上限", e.lossMaxBonusPoints, "目标为负数时计分的上限");
  p.minShare = param(
    "可用指标权重最低比例",
    e.minAvailableShare,
    "可用权重占比（四舍五入到4位小数）低于此值时经营业绩缺失",
  );
  p.minBallots = param(
    "民主测评最低票数",
    method.democratic.minBallots,
    "各测评人类别的票数（取各维度最大值）之和低于此值时民主测评缺失",
  );
  p.workWeight = param(
    "综合得分：工作业绩权重",
    method.final.workWeight,
    "F = (权重1×工作业绩 + 权重2×民主测评) ÷ (权重1+权重2) + 加减分",
  );
  p.democraticWeight = param("综合得分：民主测评权重", method.final.democraticWeight, "");
  p.maxBonus = param("加减分：加分上限", method.final.maxBonus, "加减分 = min(加分合计, 加分上限) − 减分合计");
  row++;

  subTable(["经营业绩指标", "权重", "方向（正向/逆向）"]);
  const indTop = row;
  p.indicatorWeight = [];
  p.indicatorDirection = [];
  for (const ind of method.economic.indicators) {
    b.putRow(row, [ind.name, ind.weight, ind.direction === "lower" ? LOWER : HIGHER]);
    b.style({ top: row, left: 1, bottom: row, right: 2 }, PARAM_STYLE);
    p.indicatorWeight.push(abs(row, 1));
    p.indicatorDirection.push(abs(row, 2));
    row++;
  }
  p.indicatorWeights = method.economic.indicators.length > 0 ? absSpan(indTop, row - 1, 1) : "0";
  row++;

  subTable(["工作业绩构成", "权重"]);
  const w = method.work.weights;
  const weightRow = (label: string, value: number) => {
    b.putRow(row, [label, value]);
    b.style({ top: row, left: 1, bottom: row, right: 1 }, PARAM_STYLE);
    return abs(row++, 1);
  };
  p.wE = weightRow("经营业绩", w.economic);
  p.wK = weightRow("重点工作", w.keyTasks);
  p.wB = weightRow("党的建设", w.partyBuilding);
  p.wS = weightRow("安全稳定", w.safety);
  row++;

  const ratingWords = Object.entries(method.ratings);
  p.ratings = null;
  if (ratingWords.length > 0) {
    subTable(["评价等次", "分值"]);
    const top = row;
    const cellOfWord = new Map<string, string>();
    for (const [word, points] of ratingWords) {
      b.putRow(row, [word, points]);
      b.style({ top: row, left: 1, bottom: row, right: 1 }, PARAM_STYLE);
      cellOfWord.set(word, abs(row, 1));
      row++;
    }
    p.ratings = { words: absSpan(top, row - 1, 0), points: absSpan(top, row - 1, 1), cellOf: cellOfWord };
    row++;
  }

  subTable(["测评票类", "分值"]);
  p.categoryPoints = method.democratic.categories.map((c) => weightRow(c.name, c.points));
  row++;
  subTable(["测评维度", "权重"]);
  p.dimensionWeight = Object.entries(method.democratic.dimensions).map(([d, v]) => weightRow(d, v));
  const { overall } = method.democratic;
  p.overallWeight = withOverall ? weightRow(overall.name, overall.weight) : null;
  row++;
  subTable(["测评人类别", "权重"]);
  p.groupWeight = method.democratic.groups.map((g) => weightRow(g.name, g.weight));
  row++;
  return { params: p as Params, next: row };
}

import type { Method } from "./types";

/** How a leader asks for a review (复核), as the personal letter says it (docs/method.md §7.1, `papers.reviewNotice`). */
export const DEFAULT_REVIEW_NOTICE =
  "如对考核结果有异议，可自收到本通知书之日起5个工作日内，向组织部门书面提出复核申请，说明理由并提供相关材料。" +
  "组织部门将在收到申请之日起15个工作日内作出复核决定，并书面告知本人。复核期间，原考核结果不停止执行。";

/** The defaults of docs/method.md §7, §10.5 and §11.2, exactly. A fresh copy each call: callers may mutate what they get. */
export function defaultMethod(): Method {
  return {
    name: "党组织负责人考核评价（默认）",
    referenceDate: null,
    economic: {
      indicators: [
        { name: "实现利润", aliases: ["利润总额"], weight: 30, direction: "higher" },
        { name: "主营业务收入", aliases: ["营业收入"], weight: 20, direction: "higher" },
        { name: "净资产收益率", aliases: ["ROE"], weight: 20, direction: "higher" },
        { name: "上缴资金", aliases: [], weight: 15, direction: "higher" },
        { name: "经营活动现金流入量", aliases: ["经营现金流入"], weight: 15, direction: "higher" },
      ],
      stepPercent: 3,
      pointsPerStep: 1,
      basePoints: 30,
      stepwise: false,
      maxBonusPoints: 6,
      maxPenaltyPoints: 6,
      belowBaseCapsOthers: true,
      lossReductionFactor: 0.5,
      lossMaxBonusPoints: 3,
      minAvailableShare: 0.6667,
    },
    work: { weights: { economic: 40, keyTasks: 20, partyBuilding: 30, safety: 10 } },
    ratings: { 好: 100, 较好: 80, 一般: 60, 差: 40, 未完成: 0 },
    democratic: {
      categories: [
        { name: "优秀", points: 100, aliases: ["好"] },
        { name: "称职", points: 80, aliases: ["较好"] },
        { name: "基本称职", points: 60, aliases: ["一般"] },
        { name: "不称职", points: 40, aliases: ["差", "较差"] },
      ],
      dimensions: { 德: 25, 能: 25, 勤: 25, 廉: 25 },
      groups: [
        { name: "上级", weight: 30, aliases: ["集团领导", "上级领导"] },
        { name: "同级", weight: 30, aliases: ["班子成员"] },
        { name: "下级", weight: 40, aliases: ["中层干部", "职工代表", "中层及职工代表"] },
      ],
      minBallots: 5,
      overall: { name: "综合评价", aliases: ["综合", "总体评价"], weight: 0 },
    },
    final: { workWeight: 70, democraticWeight: 30, maxBonus: 5 },
    grades: {
      bands: [
        { grade: "优秀", min: 90 },
        { grade: "称职", min: 70 },
        { grade: "基本称职", min: 60 },
        { grade: "不称职", min: null },
      ],
      excellentQuotaPercent: 20,
      vetoCap: "基本称职",
      lossCap: "称职",
      quotaRounding: "floor",
      quotaGroupColumn: null,
      voteCaps: "cap",
    },
    ranking: { ties: "competition" },
    qualification: {
      minAge: 35,
      minEducation: "本科",
      minPartyYears: 5,
      minWorkYears: 10,
      minTitle: "中级",
      minDepartments: 3,
      minPostYears: 5,
      health: ["良好", "健康"],
      preferredMajors: ["党政", "管理"],
    },
    personal: {
      rules: [
        { name: "诫勉", aliases: ["诫勉谈话"], effect: "noExcellent" },
        { name: "党内警告", aliases: ["警告处分"], effect: "noExcellent" },
        { name: "党内严重警告", aliases: ["严重警告", "记过", "记大过"], effect: "noGrade" },
        { name: "撤销党内职务", aliases: ["留党察看", "撤职", "降级"], effect: "unfit" },
        { name: "立案审查", aliases: ["立案调查", "立案未结案"], effect: "pending" },
        { name: "病事假", aliases: ["病假", "事假"], effect: "noGrade", minDays: 183 },
      ],
    },
    papers: { reviewNotice: DEFAULT_REVIEW_NOTICE },
    ballots: { invalidIfAllSame: false, maxExcellentShare: null, minTurnout: null },
  };
}

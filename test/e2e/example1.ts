/**
 * The data of the worked example example-1 (test/fixtures/examples/example-1.json: four units, two indicators,
 * the below-base rule, a capped indicator, a bonus and a penalty, the 优秀 quota), as rows to type under the
 * headers of the template, and the method change it needs (two indicators weighted 60/40). Expected
 * (example-1.expected.json): 甲 经营业绩 108.22, 综合得分 101.36, 优秀, rank 1; 乙 93.46, 丁 93.03, 丙 88.61 称职.
 */
export const EXAMPLE1_METHOD = [
  { name: "实现利润", weight: 60 },
  { name: "净资产收益率", weight: 40 },
] as const;

export const EXAMPLE1_LEADERS = [
  { 姓名: "甲", 单位: "一公司", 职务: "党委书记" },
  { 姓名: "乙", 单位: "二公司", 职务: "党委书记" },
  { 姓名: "丙", 单位: "三公司", 职务: "党委书记" },
  { 姓名: "丁", 单位: "四公司", 职务: "党委书记" },
];

export const EXAMPLE1_ECONOMIC = [
  { 单位: "一公司", "实现利润/目标": 1000, "实现利润/完成": 1090, "净资产收益率/目标": 8.0, "净资产收益率/完成": 8.4 },
  { 单位: "二公司", "实现利润/目标": 500, "实现利润/完成": 470, "净资产收益率/目标": 6.0, "净资产收益率/完成": 6.6 },
  { 单位: "三公司", "实现利润/目标": 800, "实现利润/完成": 1040, "净资产收益率/目标": 10, "净资产收益率/完成": 10 },
  { 单位: "四公司", "实现利润/目标": 300, "实现利润/完成": 315, "净资产收益率/目标": 5.0, "净资产收益率/完成": 4.1 },
];

export const EXAMPLE1_WORK = [
  { 单位: "一公司", 重点工作: "好", 党的建设: 96, 安全稳定: 100 },
  { 单位: "二公司", 重点工作: 90, 党的建设: 98, 安全稳定: 100 },
  { 单位: "三公司", 重点工作: "一般", 党的建设: 90, 安全稳定: 95 },
  { 单位: "四公司", 重点工作: 90, 党的建设: 97, 安全稳定: 100 },
];

/** Every leader got the same counts from each evaluator group on each dimension. */
const COUNTS: Record<string, [number, number, number, number]> = {
  甲: [14, 5, 1, 0],
  乙: [10, 8, 2, 0],
  丙: [6, 10, 3, 1],
  丁: [12, 7, 1, 0],
};

export const EXAMPLE1_VOTES = EXAMPLE1_LEADERS.flatMap((l) =>
  ["上级", "同级", "下级"].flatMap((group) =>
    ["德", "能", "勤", "廉"].map((dim) => {
      const [a, b, c, d] = COUNTS[l.姓名];
      return { 姓名: l.姓名, 单位: l.单位, 测评人类别: group, 维度: dim, 优秀: a, 称职: b, 基本称职: c, 不称职: d };
    }),
  ),
);

export const EXAMPLE1_ADJUSTMENTS = [
  { 姓名: "甲", 单位: "一公司", 类型: "加分", 分值: 2, 事项: "省级表彰" },
  { 姓名: "丙", 单位: "三公司", 类型: "减分", 分值: 1, 事项: "通报批评" },
];

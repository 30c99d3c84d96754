/**
 * Every word the reader accepts besides the canonical ones of docs/method.md §1, in one place.
 * Words are compared after headerKey() (headers) or nameKey() (values); keep each unambiguous within its sheet.
 */

/** Canonical header → other header texts meaning the same column. */
export const HEADER_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  姓名: ["被考核人", "被考核人姓名", "测评对象", "被测评人"],
  单位: ["单位名称", "所在单位", "企业名称", "公司名称"],
  职务: ["现任职务", "职位"],
  任职模式: ["任职方式"],
  工号: ["员工编号", "员工号", "职工编号", "人员编号"],
  测评人类别: ["评价主体", "测评主体", "测评人员类别", "评价人类别"],
  维度: ["测评维度", "评价维度"],
  弃权: ["弃权票", "弃权票数"],
  类型: ["加减分类型", "类别"],
  分值: ["分数", "加减分值"],
  事项: ["事由", "加减分事项"],
  重点工作: ["重点工作任务"],
  党的建设: ["党建工作"],
  安全稳定: ["安全稳定工作"],
  否决事项: ["一票否决事项"],
  出生日期: ["出生年月"],
  学历: ["最高学历"],
  专业: ["所学专业"],
  入党时间: ["入党日期"],
  参加工作时间: ["参加工作日期"],
  职称: ["专业技术职称"],
  部门经历数: ["部门经历"],
  相关任职年限: ["任职年限"],
  健康状况: ["身体状况", "健康情况"],
  情形: ["个人情况", "情况", "情形类别"],
  天数: ["累计天数", "请假天数"],
  说明: ["备注", "情况说明"],
  等次: ["决定等次", "确定等次", "研究确定等次"],
  依据: ["决定依据", "研究依据", "会议"],
};

/** A vote-category header may also carry these suffixes: `优秀票`, `优秀票数`. */
export const VOTE_HEADER_SUFFIXES: readonly string[] = ["票", "票数"];

/** Sub-headers of 经营业绩 under an indicator (two-row form), or joined to it (one-row form). */
export const TARGET_WORDS: readonly string[] = ["目标", "目标值", "计划", "计划值"];
export const ACTUAL_WORDS: readonly string[] = ["完成", "完成值", "实际", "实际完成", "实际值", "实际完成值"];

/** 加减分 类型 values. */
export const ADJUSTMENT_TYPES: Readonly<Record<"bonus" | "penalty", readonly string[]>> = {
  bonus: ["加分", "加", "奖励"],
  penalty: ["减分", "减", "扣分", "扣"],
};

/** Text on the first non-empty cell of a row that makes it a total line (exact) or a footnote (prefix). */
export const TOTAL_WORDS: readonly string[] = ["合计", "小计", "总计"];
export const FOOTNOTE_PREFIXES: readonly string[] = ["注", "说明", "备注"];

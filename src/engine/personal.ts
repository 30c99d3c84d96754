import { PERSONAL_EFFECTS } from "../method/schema";
import type { PersonalEffect, PersonalRule } from "../method/types";
import type { PersonalRow } from "../workbook/input";
import type { CircumstanceExplanation, FlagCode, PersonalExplanation } from "./types";

/** The flag each effect raises (docs/method.md §10.5). */
export const PERSONAL_FLAG: Readonly<Record<PersonalEffect, FlagCode>> = {
  pending: "personalPending",
  unfit: "personalUnfit",
  noGrade: "personalNoGrade",
  noExcellent: "personalNoExcellent",
};

/** What each effect does, as 说明 and 为什么 say it. */
export const PERSONAL_EFFECT_TEXT: Readonly<Record<PersonalEffect, string>> = {
  pending: "暂缓确定等次",
  unfit: "确定为不称职",
  noGrade: "不确定等次",
  noExcellent: "不得确定为优秀",
};

/**
 * The circumstances of one leader (docs/method.md §10.1–§10.2): per rule the leader has rows of, in the method's
 * rule order, whether it applies (a rule with minDays when its rows' 天数 sum to at least minDays, a blank
 * counting 0), and the strongest effect among those that apply.
 */
export function personalOf(rows: readonly PersonalRow[], rules: readonly PersonalRule[]): PersonalExplanation {
  const circumstances: CircumstanceExplanation[] = [];
  // Most leaders have no rows: nothing to match against every rule.
  if (rows.length === 0) return { circumstances, effect: null };
  for (const rule of rules) {
    const mine = rows.filter((r) => r.rule === rule.name);
    if (mine.length === 0) continue;
    const minDays = rule.minDays ?? null;
    const days = minDays === null ? null : sumDays(mine);
    circumstances.push({
      rule: rule.name,
      effect: rule.effect,
      minDays,
      days,
      applies: minDays === null || (days as number) >= minDays,
      rows: mine.map(({ text, days: d, note, cell, ruleCell, daysCell }) => ({
        text,
        days: d,
        note,
        cell,
        ruleCell,
        daysCell,
      })),
    });
  }
  const effect = PERSONAL_EFFECTS.find((e) => circumstances.some((c) => c.applies && c.effect === e)) ?? null;
  return { circumstances, effect };
}

/** Σ 天数 with the decimals people type (0.5 天) kept exact: 0.1 + 0.2 is 0.3 here. */
function sumDays(rows: readonly PersonalRow[]): number {
  const s = rows.reduce((a, r) => a + (r.days ?? 0), 0);
  return Number(s.toPrecision(12));
}

/** The flag message of an applying circumstance, e.g. `党内严重警告，不确定等次`. */
export function circumstanceMessage(c: CircumstanceExplanation): string {
  const what = c.minDays === null ? c.rule : `${c.rule}累计 ${c.days} 天（满 ${c.minDays} 天适用）`;
  return `个人情况：${what}，${PERSONAL_EFFECT_TEXT[c.effect]}`;
}

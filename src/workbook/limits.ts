/**
 * How large a number in a cell may be and still mean what its column means (docs/method.md §1.5). A value past
 * these is an error at its cell: it is a typing or export mistake, and left in it would overflow the scores
 * (a vote count of 1e308 makes D infinite and ranks its leader first).
 */

/** Votes of one group for one leader on one dimension, 弃权 and 应到人数: no unit has this many evaluators. */
export const MAX_VOTES = 100_000;
/** An indicator's target or actual (any unit of money or percent): 15 digits, what Excel keeps exactly. */
export const MAX_AMOUNT = 1e15; // 10¹⁵ in the message (read/numbers.ts)
/** A non-zero target or actual nearer 0 than this is a unit mistake, and as a divisor it would overflow d (§2.1). */
export const MIN_AMOUNT = 1e-9; // 10⁻⁹ in the message
/** A 加减分 value: points on the 100-point scale of the final score (§4). */
export const MAX_ADJUSTMENT = 100;
/** The 天数 of one 个人情况 row: a year. */
export const MAX_DAYS = 366;

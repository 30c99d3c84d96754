/**
 * What the add-in must know of formulas mode before it has scored (to look at 计算明细 in its first read),
 * apart from the formulas' code, which the pane loads only when the switch is on.
 */
export const DETAILS_SHEET = "计算明细";

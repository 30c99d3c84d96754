/**
 * What the reader gives the tally of docs/method.md §11: the ballots of 测评票 (long or wide form), those of its
 * double entry 测评票（复核）, and the expected numbers of 测评组织 — every value with its cell.
 */

import type { Method } from "../method/types";

/** The items a ballot rates, in order: the method's dimensions (德, 能, 勤, 廉), then the overall item (综合评价). */
export function ballotItems(method: Method): { name: string; overall: boolean }[] {
  return [
    ...Object.keys(method.democratic.dimensions).map((name) => ({ name, overall: false })),
    { name: method.democratic.overall.name, overall: true },
  ];
}

/** One item (a dimension, or the overall item) of one leader on one ballot. */
export interface BallotMark {
  /** The method's dimension name, or the overall item's name. */
  item: string;
  overall: boolean;
  /** What the cell holds: a category (its index in the method's order), 弃权, or nothing. */
  kind: "category" | "abstain" | "blank";
  /** Index into `democratic.categories` when kind is "category", else null. */
  category: number | null;
  cell: string;
}

/** A leader on a ballot, with the ballot's marks for that leader in item order. */
export interface BallotLine {
  /** Leader.index. */
  leader: number;
  marks: BallotMark[];
  /** Long form: the row's 姓名 cell; wide form: the ballot row's first cell. */
  cell: string;
}

/** A ballot: the rows of a sheet with the same 单位 and 票号 (long form), or one row (wide form). */
export interface Ballot {
  sheet: string;
  unit: string;
  unitKey: string;
  /** 票号 as written (trimmed). */
  number: string;
  /** The method's group name (aliases resolved). */
  group: string;
  /** The 票号 cell of the ballot's first row. */
  cell: string;
  groupCell: string;
  /** Leaders in the order they appear on the ballot. */
  lines: BallotLine[];
}

export interface BallotSheet {
  sheet: string;
  form: "long" | "wide";
  /** In the order of their first row. */
  ballots: Ballot[];
}

/** A row of 测评组织: how many evaluators of a group a unit expects. */
export interface TurnoutRow {
  unit: string;
  unitKey: string;
  group: string;
  expected: number;
  /** The row's first cell, and the 应到人数 cell. */
  cell: string;
  expectedCell: string;
}

export interface TurnoutSheet {
  sheet: string;
  rows: TurnoutRow[];
  /** The header row's first cell, for findings about the sheet as a whole. */
  headerCell: string;
}

export interface BallotInput {
  /** 测评票. */
  primary: BallotSheet;
  /** 测评票（复核）, when the workbook has it (compared with 测评票 by the reader). */
  review: BallotSheet | null;
  /** 测评组织, when the workbook has it. */
  turnout: TurnoutSheet | null;
}

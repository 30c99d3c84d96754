import type { DemocraticMethod } from "../method/types";
import { cellAddress } from "./address";
import type { AssessmentInput, Leader, VoteRow } from "./input";

/**
 * Vote rows column by column: one entry per leader × evaluator group × dimension (or overall item). At 10,000
 * leaders 民主测评 has 120,000 such rows; as objects, each with its count array and cell address, they were most of
 * what a run keeps, and what the garbage collector copies. Here they are a few flat arrays, and the engine reads
 * them by index. AssessmentInput.votes stays the plain rows (made from these only when someone reads them).
 */
export class VoteColumns {
  length = 0;
  /** The leader of each row (the reader's match), or undefined when none. */
  readonly leader: (Leader | undefined)[];
  /** Index of the row's group in `democratic.groups` and of its item in `items` (the first of that name), or -1. */
  readonly group: Int32Array;
  readonly item: Int32Array;
  /** `categories` counts per row, in the method's category order: whole numbers as the reader takes them. */
  readonly counts: Int32Array | Float64Array;
  /** 弃权 per row; NaN for none. */
  readonly abstain: Float64Array;
  /** Where each row's first cell is on `sheet` (0-based), unless `cells` gives it. */
  readonly row: Int32Array;
  readonly col: Int32Array;
  /** The cell of each row as given, for rows not read from a sheet here; null: from `sheet`, `row` and `col`. */
  readonly cells: string[] | null;
  /** The set of count columns a row came from (the wide form has one per dimension). */
  readonly part: Uint8Array;
  readonly categories: number;
  /** The dimensions, then the overall item (docs/method.md §10.4). */
  readonly items: string[];

  constructor(
    readonly democratic: DemocraticMethod,
    capacity: number,
    readonly sheet: string,
    /** Rows given as they are, not read from a sheet here: their cells as given, any number as a count. */
    given: boolean,
  ) {
    this.leader = new Array<Leader | undefined>(capacity);
    this.group = new Int32Array(capacity);
    this.item = new Int32Array(capacity);
    this.categories = democratic.categories.length;
    this.counts = given ? new Float64Array(capacity * this.categories) : new Int32Array(capacity * this.categories);
    this.abstain = new Float64Array(capacity);
    this.row = new Int32Array(capacity);
    this.col = new Int32Array(capacity);
    this.part = new Uint8Array(capacity);
    this.cells = given ? new Array<string>(capacity) : null;
    this.items = [...Object.keys(democratic.dimensions), democratic.overall.name];
  }

  /** Columns of plain rows (their cells as given), with the leader of each as `leaderOf` finds it. */
  static ofRows(
    rows: readonly VoteRow[],
    democratic: DemocraticMethod,
    leaderOf: (v: VoteRow) => Leader | undefined,
  ): VoteColumns {
    const cols = new VoteColumns(democratic, rows.length, "", true);
    const n = cols.categories;
    const cells = cols.cells!;
    for (let k = 0; k < rows.length; k++) {
      const v = rows[k];
      const i = cols.add(leaderOf(v), cols.groupIndex(v.group), cols.itemIndex(v.dimension), v.abstain, 0, 0);
      cells[i] = v.cell;
      for (let c = 0; c < n; c++) cols.counts[i * n + c] = v.counts[c];
    }
    return cols;
  }

  /** Index of a group's name (its first occurrence in the method), or -1. */
  groupIndex(name: string): number {
    const groups = this.democratic.groups;
    for (let i = 0; i < groups.length; i++) if (groups[i].name === name) return i;
    return -1;
  }

  itemIndex(name: string): number {
    return this.items.indexOf(name);
  }

  /** A new row, its index i; its counts are the caller's to write, at `counts[i * categories + …]`. */
  add(
    leader: Leader | undefined,
    group: number,
    item: number,
    abstain: number | null,
    row: number,
    col: number,
  ): number {
    const i = this.length++;
    this.leader[i] = leader;
    this.group[i] = group;
    this.item[i] = item;
    this.abstain[i] = abstain === null ? NaN : abstain;
    this.row[i] = row;
    this.col[i] = col;
    return i;
  }

  groupName(i: number): string {
    return this.democratic.groups[this.group[i]].name;
  }

  itemName(i: number): string {
    return this.items[this.item[i]];
  }

  countsOf(i: number): number[] {
    const n = this.categories;
    const out = new Array<number>(n);
    for (let k = 0; k < n; k++) out[k] = this.counts[i * n + k];
    return out;
  }

  abstainOf(i: number): number | null {
    const a = this.abstain[i];
    return a === a ? a : null;
  }

  cellOf(i: number): string {
    return this.cells !== null ? this.cells[i] : cellAddress(this.sheet, this.row[i], this.col[i]);
  }

  /** The plain vote row of entry i (countCells and abstainCell are the caller's: the wide form's). */
  voteRow(i: number): VoteRow {
    const l = this.leader[i]!;
    const dimension = this.itemName(i);
    return {
      name: l.name,
      unit: l.unit,
      nameKey: l.nameKey,
      unitKey: l.unitKey,
      employeeId: l.employeeId,
      group: this.groupName(i),
      dimension,
      overall: dimension === this.democratic.overall.name,
      counts: this.countsOf(i),
      abstain: this.abstainOf(i),
      cell: this.cellOf(i),
    };
  }
}

/**
 * Vote columns that stand for `input.votes` as long as nobody has read that array: `votes` is made from the
 * columns on first reading (and the columns are then no longer used), and setting it replaces them.
 */
const ATTACHED = new WeakMap<AssessmentInput, VoteColumns>();

export function attachVoteColumns(input: AssessmentInput, columns: VoteColumns, rows: () => VoteRow[]): void {
  let votes: VoteRow[] | null = null;
  ATTACHED.set(input, columns);
  Object.defineProperty(input, "votes", {
    configurable: true,
    enumerable: true,
    get: () => {
      if (votes === null) {
        ATTACHED.delete(input);
        votes = rows();
      }
      return votes;
    },
    set: (v: VoteRow[]) => {
      ATTACHED.delete(input);
      votes = v;
    },
  });
}

/** The columns standing for `input.votes` of this very object (not a copy), while its rows have not been read. */
export function attachedVoteColumns(input: AssessmentInput): VoteColumns | undefined {
  return ATTACHED.get(input);
}

/** The number of vote rows of an input, without making them. */
export function voteCount(input: AssessmentInput): number {
  return attachedVoteColumns(input)?.length ?? input.votes.length;
}

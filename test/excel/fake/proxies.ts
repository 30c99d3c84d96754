/**
 * The client objects of the fake Excel, honouring Office.js's request model:
 * - a method or navigation only builds a proxy; what it refers to is resolved in `context.sync()`, at its
 *   place in the queue (a used range asked for after a clear sees the cleared sheet);
 * - `load()` queues a read; reading a property that was not loaded and synced throws PropertyNotLoaded;
 * - setting a property or calling a method queues a write that applies only in `sync()`, in order; a write
 *   that fails stops the batch there, and what came before it stays applied (Excel does not roll back);
 * - `…OrNullObject` gives a proxy whose `isNullObject` is true after the sync; methods on it give null
 *   objects and writes through it do nothing; `getItem` of a missing sheet fails the sync with ItemNotFound;
 * - members beyond the requirement set throw ApiNotFound when touched, as office.js does.
 * Only the subset of the API the add-in uses (and its tests need) exists.
 */
import {
  MAX_COLS,
  MAX_ROWS,
  type Rect,
  area,
  cellA1,
  colLetters,
  cols,
  contains,
  parseRef,
  quoteSheet,
  rectA1,
  rows,
  sameRect,
} from "./address";
import { FAKE_ERROR_CODES, FakeOfficeError, fail } from "./errors";
import {
  type Cell,
  DEFAULT_CELL,
  type PageLayoutState,
  type SheetState,
  type Validation,
  type WorkbookState,
  DAYS_1900_TO_1904,
  applyEntered,
  enter,
  toSerial,
  shownFormula,
  shownValue,
} from "./state";

// ───────────────────────────── the request ─────────────────────────────

export interface Action {
  kind: "instantiate" | "load" | "write" | "method";
  /** Size of the action's arguments as JSON (for a load, of the property names). */
  bytes: number;
  /**
   * The object and member, as a path: `Worksheet(甲).getRange(A1).format.columnWidth`. For an instantiate,
   * the object made. Each step of it is an object path of the request (requestBytes).
   */
  where: string;
  /** The object the action is on, or (instantiate) makes: its object path and its parents' are in the request. */
  proxy?: AnyProxy;
  /** Bytes Office.js adds around this action of its own accord (a large matrix split into several sets). */
  extra?: number;
  run(): void;
}

export interface Engine {
  state: WorkbookState;
  supports(version: string): boolean;
  /** Whether the loaded Office.js library has this member (see FakeExcelOptions.library). */
  implements(className: string, member: string): boolean;
  sync(ctx: FakeContext): Promise<void>;
  noteSuspended(): void;
}

/**
 * The size of a request as Office.js serializes it, modelled (src/excel/session.ts describes the format):
 * every object the request reaches is an object path with an Instantiate action — each proxy an action is on
 * and its parents (`Worksheet(甲)` → `….getRange(A1)` → `….format`), each counted once a request, and an
 * object a method makes a path of its own even when an equal one was made before — and every set, method
 * call and load is an action with its member's name and arguments. The constants are Office.js's sizes for
 * 6-digit ids; test/excel/requestSize.test.ts holds the model at or above the real builder's size for the
 * add-in's writes, so that a request the fake lets through is one Excel on the web takes.
 */
export const OFFICE_JS_SIZE = { request: 160, path: 180, action: 100 } as const;

/** The top-level steps of a path: `Worksheet(a.b).getRange(A1).format` → three. */
export function pathSteps(where: string): string[] {
  const steps: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < where.length; i++) {
    const ch = where[i];
    if (ch === "(") depth++;
    else if (ch === ")") depth = Math.max(0, depth - 1);
    else if (ch === "." && depth === 0) {
      steps.push(where.slice(start, i));
      start = i + 1;
    }
  }
  steps.push(where.slice(start));
  return steps.filter((s) => s !== "");
}

function utf8Length(s: string): number {
  return jsonSize(s) - 2;
}

/** The modelled size of a request holding these actions. */
export function requestBytes(actions: readonly Action[]): number {
  const seen = new Set<AnyProxy>();
  const seenPaths = new Set<string>();
  let n = OFFICE_JS_SIZE.request;
  for (const a of actions) {
    const steps = pathSteps(a.where);
    const member = a.kind === "instantiate" ? "" : (steps[steps.length - 1] ?? "");
    n += OFFICE_JS_SIZE.action + utf8Length(member) + (a.kind === "instantiate" ? 0 : a.bytes) + (a.extra ?? 0);
    if (a.proxy) {
      for (let p: AnyProxy | null = a.proxy; p !== null && !seen.has(p); p = p._parent) {
        seen.add(p);
        n += OFFICE_JS_SIZE.path + utf8Length(p._step);
      }
      continue;
    }
    // Without its object: the steps of the path, each once.
    let prefix = "";
    for (const step of a.kind === "instantiate" ? steps : steps.slice(0, -1)) {
      prefix = prefix === "" ? step : `${prefix}.${step}`;
      if (seenPaths.has(prefix)) continue;
      seenPaths.add(prefix);
      n += OFFICE_JS_SIZE.path + utf8Length(step);
    }
  }
  return n;
}

export function jsonSize(v: unknown): number {
  const s = JSON.stringify(v) ?? "null";
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export class FakeContext {
  queue: Action[] = [];
  /** The proxy last made for each path (ProxyBase's parent link). */
  readonly latest = new Map<string, AnyProxy>();
  /** Set when its Excel.run has finished: queuing anything more throws InvalidObjectPath. */
  ended = false;
  proxies: AnyProxy[] = [];
  /** Commits of loads run in the current sync, applied only when the whole sync succeeds. */
  commits: { bytes: number; apply(): void }[] = [];
  readonly workbook: WorkbookProxy;
  readonly application: ApplicationProxy;
  readonly trackedObjects = { add: () => undefined, remove: () => undefined };

  constructor(readonly engine: Engine) {
    this.workbook = new WorkbookProxy(this, () => engine.state);
    this.workbook._bound = engine.state;
    this.application = this.workbook.application;
  }

  sync<T>(passThrough?: T): Promise<T | undefined> {
    return this.engine.sync(this).then(() => passThrough);
  }

  push(a: Action): void {
    if (this.ended)
      throw new FakeOfficeError(
        FAKE_ERROR_CODES.invalidObjectPath,
        `The object path '${a.where}' isn't working for what you're trying to do. If you're using the object across multiple "context.sync" calls and outside the sequential execution of a ".run" batch, please use the "context.trackedObjects.add()" and "context.trackedObjects.remove()" methods to manage the object's lifetime.`,
        a.where,
      );
    this.queue.push(a);
  }

  requireApi(member: string, version: string): void {
    if (!this.engine.supports(version))
      throw new FakeOfficeError(
        FAKE_ERROR_CODES.apiNotFound,
        `The API you are trying to use could not be found. It may be available in a newer version of Excel. (${member}, ExcelApi ${version})`,
        member,
      );
  }
}

// ───────────────────────────── proxies ─────────────────────────────

export interface PropDef<T> {
  get?: (t: T) => unknown;
  set?: (t: T, v: unknown) => void;
  /** Minimum ExcelApi version. */
  api?: string;
}

export const notLoaded = (name: string, where: string) =>
  new FakeOfficeError(
    FAKE_ERROR_CODES.propertyNotLoaded,
    `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${where}.${name}`,
  );

export type LoadArg = string | string[] | { select?: string; expand?: string } | Record<string, unknown> | undefined;

export function loadPaths(arg: LoadArg): string[] | null {
  if (arg === undefined) return null;
  if (typeof arg === "string")
    return arg
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(arg))
    return arg
      .flatMap((s) => s.split(","))
      .map((s) => s.trim())
      .filter(Boolean);
  if ("select" in arg || "expand" in arg) {
    const o = arg as { select?: string; expand?: string };
    return [...loadPaths(o.select ?? "")!, ...loadPaths(o.expand ?? "")!];
  }
  const out: string[] = [];
  const walk = (o: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(o)) {
      if (v === true) out.push(prefix + k);
      else if (typeof v === "object" && v !== null) walk(v as Record<string, unknown>, `${prefix}${k}/`);
    }
  };
  walk(arg as Record<string, unknown>, "");
  return out;
}

/** Any proxy, whatever it refers to. */
export interface AnyProxy {
  _bound: unknown;
  _isNull: boolean | undefined;
  readonly _where: string;
  /** The object this one was reached from (null for the workbook), and the step from it: for request sizes. */
  readonly _parent: AnyProxy | null;
  readonly _step: string;
  _target(): unknown;
  load(arg?: LoadArg): unknown;
}

export abstract class ProxyBase<T> implements AnyProxy {
  _bound: T | null | undefined = undefined;
  _loaded = new Map<string, unknown>();
  _isNull: boolean | undefined = undefined;

  readonly _parent: AnyProxy | null;
  readonly _step: string;

  constructor(
    readonly context: FakeContext,
    protected readonly _resolver: () => T | null,
    readonly _where: string,
  ) {
    context.proxies.push(this);
    // The parent is the object last made with the path this one's extends (children are made right after
    // their parent in the add-in's code); a path of one step hangs from the workbook.
    const steps = pathSteps(_where);
    this._step = steps[steps.length - 1] ?? _where;
    this._parent = steps.length > 1 ? (context.latest.get(steps.slice(0, -1).join(".")) ?? null) : null;
    context.latest.set(_where, this);
  }

  /** Scalar properties. */
  protected abstract _props(): Record<string, PropDef<T>>;
  /** Navigation properties (proxies), by name. */
  protected _navs(): Record<string, () => AnyProxy> {
    return {};
  }

  _target(): T | null {
    if (this._bound === undefined) this._bound = this._resolver();
    const t = this._bound;
    if (t !== null) this._check(t);
    return t;
  }

  /** Throws when what the proxy refers to is gone (a deleted sheet). */
  protected _check(t: T): void {
    void t;
  }

  get isNullObject(): boolean {
    if (this._isNull === undefined) throw notLoaded("isNullObject", this._where);
    return this._isNull;
  }

  protected _def(name: string): PropDef<T> {
    const def = this._props()[name];
    if (!def)
      throw new FakeOfficeError(
        FAKE_ERROR_CODES.invalidArgument,
        `The property '${name}' does not exist on ${this._where}`,
        this._where,
      );
    if (def.api) this.context.requireApi(`${this._where}.${name}`, def.api);
    return def;
  }

  _get(name: string): unknown {
    this._def(name);
    if (this._loaded.has(name)) return this._loaded.get(name);
    if (this._isNull === true) return undefined;
    throw notLoaded(name, this._where);
  }

  _set(name: string, value: unknown): void {
    const def = this._def(name);
    if (!def.set)
      throw new FakeOfficeError(FAKE_ERROR_CODES.invalidArgument, `The property '${name}' is read-only`, this._where);
    const copy = structuredCloneSafe(value);
    this._loaded.set(name, copy);
    this.context.push({
      proxy: this,
      kind: "write",
      bytes: jsonSize(value),
      extra: this._setOverhead(name, value),
      where: `${this._where}.${name}`,
      run: () => {
        const t = this._target();
        if (t !== null) def.set!(t, structuredCloneSafe(copy));
      },
    });
  }

  /** What Office.js adds of its own accord when this property is set (see RangeProxy). */
  protected _setOverhead(name: string, value: unknown): number {
    void name;
    void value;
    return 0;
  }

  /** Queues a method call with no result; on a null object it does nothing. */
  protected _call(name: string, args: unknown, fn: (t: T) => void): void {
    this.context.push({
      proxy: this,
      kind: "method",
      bytes: jsonSize(args ?? null),
      where: `${this._where}.${name}`,
      run: () => {
        const t = this._target();
        if (t !== null) fn(t);
      },
    });
  }

  /** A proxy returned by a method: resolved at this place in the queue. */
  protected _instantiate<P extends AnyProxy>(p: P, args: unknown = null): P {
    this.context.push({
      proxy: p,
      kind: "instantiate",
      bytes: jsonSize(args),
      where: p._where,
      run: () => {
        p._target();
      },
    });
    return p;
  }

  /** A method with a value result (ClientResult). */
  protected _result<R>(name: string, args: unknown, fn: (t: T) => R): FakeClientResult<R> {
    const result = new FakeClientResult<R>(`${this._where}.${name}`);
    this.context.push({
      proxy: this,
      kind: "method",
      bytes: jsonSize(args ?? null),
      where: `${this._where}.${name}`,
      run: () => {
        const t = this._target();
        const v = t === null ? undefined : fn(t);
        this.context.commits.push({
          bytes: jsonSize(v ?? null),
          apply: () => {
            result._loaded = true;
            result._value = v;
          },
        });
      },
    });
    return result;
  }

  load(arg?: LoadArg): this {
    const paths = loadPaths(arg);
    const scalars: string[] = [];
    const navs = this._navs();
    const nested = new Map<string, string[]>();
    if (paths === null) {
      scalars.push(...Object.keys(this._props()).filter((k) => this._props()[k].get));
    } else {
      for (const p of paths) {
        const [head, ...rest] = p.split("/");
        if (rest.length > 0 || (navs[head] && !this._props()[head])) {
          if (!navs[head])
            throw new FakeOfficeError(
              FAKE_ERROR_CODES.invalidArgument,
              `Cannot load '${p}' on ${this._where}`,
              this._where,
            );
          const list = nested.get(head) ?? [];
          if (rest.length > 0) list.push(rest.join("/"));
          nested.set(head, list);
        } else scalars.push(head);
      }
    }
    for (const name of scalars) this._def(name);
    for (const [head, rest] of nested) {
      const child = navs[head]();
      child.load(rest.length > 0 ? rest : undefined);
    }
    if (scalars.length > 0) this._queueLoad(scalars);
    return this;
  }

  protected _queueLoad(names: string[]): void {
    const props = this._props();
    this.context.push({
      proxy: this,
      kind: "load",
      bytes: jsonSize(names),
      where: `${this._where}.load(${names.join(",")})`,
      run: () => {
        const t = this._target();
        const values = t === null ? null : names.map((n) => [n, props[n].get ? props[n].get!(t) : undefined] as const);
        this.context.commits.push({
          bytes: values === null ? 16 : values.reduce((n, [, v]) => n + jsonSize(v ?? null), 0),
          apply: () => {
            for (const [n, v] of values ?? []) this._loaded.set(n, v);
          },
        });
      },
    });
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }
}

function structuredCloneSafe<V>(v: V): V {
  if (v === null || typeof v !== "object") return v;
  return JSON.parse(JSON.stringify(v)) as V;
}

export function defineAccessors(cls: { prototype: object }, names: readonly string[]): void {
  for (const name of names) {
    Object.defineProperty(cls.prototype, name, {
      configurable: true,
      enumerable: true,
      get(this: ProxyBase<unknown>) {
        return this._get(name);
      },
      set(this: ProxyBase<unknown>, v: unknown) {
        this._set(name, v);
      },
    });
  }
}

export class FakeClientResult<R> {
  _loaded = false;
  _value: R | undefined;
  constructor(private readonly where: string) {}
  get value(): R {
    if (!this._loaded) throw notLoaded("value", this.where);
    return this._value as R;
  }
}

// ───────────────────────────── helpers on the state ─────────────────────────────

export function requireWritable(sheet: SheetState, what: string): void {
  if (sheet.protected)
    fail(
      FAKE_ERROR_CODES.accessDenied,
      `The cell or chart you're trying to change is on a protected sheet. (${what})`,
      what,
    );
}

function requireStructure(wb: WorkbookState, what: string): void {
  if (wb.protected) fail(FAKE_ERROR_CODES.accessDenied, `The workbook's structure is protected. (${what})`, what);
}

const INVALID_NAME = /[[\]:*?/\\]/;

function checkSheetName(wb: WorkbookState, name: string, self?: SheetState): void {
  if (name === "" || name.length > 31 || INVALID_NAME.test(name) || name.startsWith("'") || name.endsWith("'"))
    fail(FAKE_ERROR_CODES.invalidArgument, `无效的工作表名称：${name}`);
  const other = wb.sheet(name);
  if (other && other !== self) fail(FAKE_ERROR_CODES.itemAlreadyExists, `已存在同名工作表：${name}`);
}

const BIG = 5_000_000;

function guardArea(r: Rect, what: string): void {
  if (area(r) > BIG)
    fail(FAKE_ERROR_CODES.generalException, `the fake Excel does not ${what} on ranges over ${BIG} cells`);
}

function matrix<V>(r: Rect, f: (row: number, col: number) => V): V[][] {
  guardArea(r, "read values");
  const out: V[][] = [];
  for (let row = r.top; row <= r.bottom; row++) {
    const line: V[] = [];
    for (let col = r.left; col <= r.right; col++) line.push(f(row, col));
    out.push(line);
  }
  return out;
}

function writeMatrix(
  t: RangeTarget,
  v: unknown,
  what: string,
  apply: (cell: Cell, x: unknown, row: number, col: number) => void,
): void {
  requireWritable(t.sheet, what);
  const r = t.rect;
  const isGrid = Array.isArray(v);
  if (isGrid) {
    const grid = v as unknown[][];
    if (grid.length !== rows(r) || grid.some((line) => !Array.isArray(line) || line.length !== cols(r)))
      fail(
        FAKE_ERROR_CODES.invalidArgument,
        `The number of rows or columns in the input array doesn't match the size or dimensions of the range. (${what}: ${grid.length}×${grid[0]?.length ?? 0} for ${rows(r)}×${cols(r)})`,
        what,
      );
  } else guardArea(r, "write");
  for (let row = r.top; row <= r.bottom; row++)
    for (let col = r.left; col <= r.right; col++) {
      const x = isGrid ? (v as unknown[][])[row - r.top][col - r.left] : v;
      if (x === null || x === undefined) continue;
      const cell = t.sheet.edit(row, col);
      apply(cell, x, row, col);
      t.sheet.tidy(row, col);
    }
}

const MIXED = Symbol("mixed");

/** The one value of a format property over a range, or MIXED when the cells differ. */
function uniformOrMixed<K extends keyof Cell>(t: RangeTarget, key: K): Cell[K] | typeof MIXED {
  let value: Cell[K] | typeof MIXED | undefined;
  let seen = 0;
  for (const [, , c] of t.sheet.cellsIn(t.rect)) {
    seen++;
    if (value === undefined) value = c[key];
    else if (c[key] !== value) return MIXED;
  }
  if (seen < area(t.rect)) {
    if (value === undefined) value = DEFAULT_CELL[key];
    else if (value !== DEFAULT_CELL[key]) return MIXED;
  }
  return value as Cell[K];
}

/** As Office.js reports a format property of a range: null when the cells differ. */
function uniform<K extends keyof Cell>(t: RangeTarget, key: K): Cell[K] | null {
  const u = uniformOrMixed(t, key);
  return u === MIXED ? null : u;
}

function setFormat<K extends keyof Cell>(t: RangeTarget, key: K, v: Cell[K], what: string): void {
  requireWritable(t.sheet, what);
  guardArea(t.rect, "format");
  for (let row = t.rect.top; row <= t.rect.bottom; row++)
    for (let col = t.rect.left; col <= t.rect.right; col++) {
      t.sheet.edit(row, col)[key] = v;
      t.sheet.tidy(row, col);
    }
}

export function normColor(v: unknown): string {
  const s = String(v).trim();
  const named: Record<string, string> = { yellow: "#FFFF00", red: "#FF0000", white: "#FFFFFF", black: "#000000" };
  if (named[s.toLowerCase()]) return named[s.toLowerCase()];
  if (!/^#[0-9a-f]{6}$/i.test(s)) fail(FAKE_ERROR_CODES.invalidArgument, `无效的颜色：${s}`);
  return s.toUpperCase();
}

function clearRange(t: RangeTarget, applyTo: string): void {
  requireWritable(t.sheet, "Range.clear");
  const { sheet, rect } = t;
  const contents = applyTo === "All" || applyTo === "Contents";
  const formats = applyTo === "All" || applyTo === "Formats";
  for (const [row, col, c] of [...sheet.cellsIn(rect)]) {
    if (contents) {
      c.value = null;
      c.type = "Empty";
      c.formula = null;
      c.quotePrefix = false;
    }
    if (formats)
      for (const k of [
        "numberFormat",
        "fill",
        "bold",
        "fontColor",
        "horizontalAlignment",
        "verticalAlignment",
        "wrapText",
        "fontName",
        "borderTop",
        "borderBottom",
        "borderLeft",
        "borderRight",
      ] as const)
        (c as unknown as Record<string, unknown>)[k] = DEFAULT_CELL[k];
    sheet.tidy(row, col);
  }
  if (formats) sheet.unmerge(rect);
  if (applyTo === "All") {
    for (const a of sheet.notesIn(rect)) sheet.notes.delete(a);
    sheet.clearValidation(rect);
  }
}

// ───────────────────────────── Workbook ─────────────────────────────

export class WorkbookProxy extends ProxyBase<WorkbookState> {
  private _worksheets?: WorksheetCollectionProxy;
  private _application?: ApplicationProxy;
  private _protection?: WorkbookProtectionProxy;
  private _functions?: FunctionsProxy;

  constructor(ctx: FakeContext, resolver: () => WorkbookState) {
    super(ctx, resolver, "Workbook");
  }
  protected _props(): Record<string, PropDef<WorkbookState>> {
    return { name: { get: () => "Book1.xlsx" } };
  }
  protected override _navs() {
    return {
      worksheets: () => this.worksheets,
      application: () => this.application,
      protection: () => this.protection,
    };
  }
  get worksheets(): WorksheetCollectionProxy {
    return (this._worksheets ??= new WorksheetCollectionProxy(this.context, () => this._target()));
  }
  get application(): ApplicationProxy {
    return (this._application ??= new ApplicationProxy(this.context, () => this._target()));
  }
  get protection(): WorkbookProtectionProxy {
    this.context.requireApi("Workbook.protection", "1.7");
    return (this._protection ??= new WorkbookProtectionProxy(this.context, () => this._target()));
  }
  get functions(): FunctionsProxy {
    this.context.requireApi("Workbook.functions", "1.2");
    return (this._functions ??= new FunctionsProxy(this.context, () => this._target(), "Workbook.functions"));
  }
  /** The selection on the active sheet (A1 when none is recorded); throws InvalidSelection for a chart. */
  private _selection(what: string): {
    sheet: SheetState;
    rect: Rect;
    areas: Rect[];
    active: { row: number; col: number };
  } {
    const wb = this._target()!;
    const sel = wb.selection;
    const sheet = (sel && wb.sheets.find((s) => s.id === sel.sheetId)) || wb.active();
    if (!sheet) return fail(FAKE_ERROR_CODES.itemNotFound, "no active sheet");
    const mine = sel && sel.sheetId === sheet.id ? sel : null;
    if (mine?.object)
      fail(FAKE_ERROR_CODES.invalidSelection, `The current selection is invalid for this operation. (${what})`, what);
    const rect = mine ? mine.rect : { top: 0, left: 0, bottom: 0, right: 0 };
    return {
      sheet,
      rect,
      areas: mine?.areas ?? [rect],
      active: mine?.active ?? { row: rect.top, col: rect.left },
    };
  }
  /** Throws InvalidSelection when several areas are selected (Excel: "multiple ranges selected"). */
  getSelectedRange(): RangeProxy {
    return this._instantiate(
      new RangeProxy(
        this.context,
        () => {
          const s = this._selection("Workbook.getSelectedRange");
          if (s.areas.length > 1)
            fail(
              FAKE_ERROR_CODES.invalidSelection,
              "The current selection is invalid for this operation. (several areas are selected)",
              "Workbook.getSelectedRange",
            );
          return { sheet: s.sheet, rect: s.rect };
        },
        "Workbook.getSelectedRange()",
      ),
    );
  }
  /** The active cell, also in a selection of several areas (ExcelApi 1.7). */
  getActiveCell(): RangeProxy {
    this.context.requireApi("Workbook.getActiveCell", "1.7");
    return this._instantiate(
      new RangeProxy(
        this.context,
        () => {
          const s = this._selection("Workbook.getActiveCell");
          const { row, col } = s.active;
          return { sheet: s.sheet, rect: { top: row, left: col, bottom: row, right: col } };
        },
        "Workbook.getActiveCell()",
      ),
    );
  }
}

/** Excel's worksheet functions (ExcelApi 1.2); only DATE, whose serial depends on the date system. */
export class FunctionsProxy extends ProxyBase<WorkbookState> {
  protected _props(): Record<string, PropDef<WorkbookState>> {
    return {};
  }
  date(year: number, month: number, day: number): FunctionResultProxy {
    const r = new FunctionResultProxy(
      this.context,
      () => {
        const wb = this._target()!;
        const serial = toSerial(new Date(Date.UTC(year, month - 1, day)));
        return { value: wb.date1904 ? serial - DAYS_1900_TO_1904 : serial, error: null };
      },
      `${this._where}.date(${year},${month},${day})`,
    );
    return this._instantiate(r, [year, month, day]);
  }
}

export class FunctionResultProxy extends ProxyBase<{ value: number; error: string | null }> {
  protected _props(): Record<string, PropDef<{ value: number; error: string | null }>> {
    return { value: { get: (t) => t.value }, error: { get: (t) => t.error } };
  }
}
defineAccessors(FunctionResultProxy, ["value", "error"]);

export class ApplicationProxy extends ProxyBase<WorkbookState> {
  constructor(ctx: FakeContext, resolver: () => WorkbookState | null) {
    super(ctx, resolver, "Application");
  }
  protected _props(): Record<string, PropDef<WorkbookState>> {
    return { calculationMode: { get: () => "Automatic" } };
  }
  suspendApiCalculationUntilNextSync(): void {
    this.context.requireApi("Application.suspendApiCalculationUntilNextSync", "1.6");
    this._call("suspendApiCalculationUntilNextSync", null, () => this.context.engine.noteSuspended());
  }
}

export class WorkbookProtectionProxy extends ProxyBase<WorkbookState> {
  constructor(ctx: FakeContext, resolver: () => WorkbookState | null) {
    super(ctx, resolver, "WorkbookProtection");
  }
  protected _props(): Record<string, PropDef<WorkbookState>> {
    return { protected: { get: (wb) => wb.protected } };
  }
  protect(): void {
    this._call("protect", null, (wb) => {
      wb.protected = true;
    });
  }
  unprotect(): void {
    this._call("unprotect", null, (wb) => {
      wb.protected = false;
    });
  }
}
defineAccessors(WorkbookProtectionProxy, ["protected"]);

// ───────────────────────────── Worksheets ─────────────────────────────

export class WorksheetCollectionProxy extends ProxyBase<WorkbookState> {
  constructor(ctx: FakeContext, resolver: () => WorkbookState | null) {
    super(ctx, resolver, "WorksheetCollection");
  }
  protected _props(): Record<string, PropDef<WorkbookState>> {
    return {};
  }
  get items(): WorksheetProxy[] {
    if (!this._loaded.has("items")) throw notLoaded("items", this._where);
    return this._loaded.get("items") as WorksheetProxy[];
  }

  override load(arg?: LoadArg): this {
    const paths = loadPaths(arg);
    const itemPaths =
      paths === null
        ? null
        : paths.map((p) => (p.startsWith("items/") ? p.slice(6) : p)).filter((p) => p !== "items" && p !== "");
    this.context.push({
      proxy: this,
      kind: "load",
      bytes: jsonSize(paths),
      where: "WorksheetCollection.load",
      run: () => {
        const wb = this._target()!;
        const items = wb.sheets.map((s) => {
          const p = new WorksheetProxy(this.context, () => s, `Worksheet(${s.name})`);
          p._bound = s;
          return p;
        });
        this.context.commits.push({
          bytes: 2,
          apply: () => {
            this._loaded.set("items", items);
          },
        });
        // Each item's own load runs right here, within this action.
        const before = this.context.queue;
        this.context.queue = [];
        for (const it of items) it.load(itemPaths === null || itemPaths.length === 0 ? undefined : itemPaths);
        const inner = this.context.queue;
        this.context.queue = before;
        for (const a of inner) a.run();
      },
    });
    return this;
  }

  getItem(key: string): WorksheetProxy {
    return this._instantiate(
      new WorksheetProxy(
        this.context,
        () => {
          const wb = this._target()!;
          const s = wb.sheet(key) ?? wb.sheets.find((x) => x.id === key);
          return (
            s ??
            fail(
              FAKE_ERROR_CODES.itemNotFound,
              `The requested resource doesn't exist. (工作表 ${key})`,
              `WorksheetCollection.getItem(${key})`,
            )
          );
        },
        `Worksheet(${key})`,
      ),
      key,
    );
  }

  getItemOrNullObject(key: string): WorksheetProxy {
    this.context.requireApi("WorksheetCollection.getItemOrNullObject", "1.4");
    return this._instantiate(
      new WorksheetProxy(
        this.context,
        () => {
          const wb = this._target()!;
          return wb.sheet(key) ?? wb.sheets.find((x) => x.id === key) ?? null;
        },
        `Worksheet(${key}?)`,
      ),
      key,
    );
  }

  add(name?: string): WorksheetProxy {
    const p = new WorksheetProxy(this.context, () => null, `Worksheet(+${name ?? ""})`);
    this.context.push({
      proxy: this,
      kind: "method",
      bytes: jsonSize(name ?? null),
      where: `WorksheetCollection.add(${name ?? ""})`,
      run: () => {
        const wb = this._target()!;
        requireStructure(wb, "WorksheetCollection.add");
        let n = name;
        if (n === undefined) {
          let i = wb.sheets.length + 1;
          while (wb.sheet(`Sheet${i}`)) i++;
          n = `Sheet${i}`;
        }
        checkSheetName(wb, n);
        p._bound = wb.addSheet(n);
      },
    });
    return p;
  }

  getActiveWorksheet(): WorksheetProxy {
    return this._instantiate(
      new WorksheetProxy(
        this.context,
        () => this._target()!.active() ?? fail(FAKE_ERROR_CODES.itemNotFound, "no active sheet"),
        "Worksheet(active)",
      ),
    );
  }

  getCount(): FakeClientResult<number> {
    return this._result("getCount", null, (wb) => wb.sheets.length);
  }
}

export class WorksheetProxy extends ProxyBase<SheetState> {
  private _protection?: WorksheetProtectionProxy;
  private _freeze?: FreezePanesProxy;
  private _filter?: AutoFilterProxy;
  private _notes?: NoteCollectionProxy;

  protected override _check(s: SheetState): void {
    if (!this.context.engine.state.has(s))
      fail(FAKE_ERROR_CODES.itemNotFound, `工作表“${s.name}”已被删除`, this._where);
  }

  protected _props(): Record<string, PropDef<SheetState>> {
    const wb = () => this.context.engine.state;
    return {
      name: {
        get: (s) => s.name,
        set: (s, v) => {
          requireStructure(wb(), "Worksheet.name");
          checkSheetName(wb(), String(v), s);
          s.name = String(v);
        },
      },
      id: { get: (s) => s.id },
      position: {
        get: (s) => wb().sheets.indexOf(s),
        set: (s, v) => {
          requireStructure(wb(), "Worksheet.position");
          const list = wb().sheets;
          const to = Math.max(0, Math.min(list.length - 1, Number(v)));
          list.splice(list.indexOf(s), 1);
          list.splice(to, 0, s);
        },
      },
      visibility: {
        get: (s) => s.visibility,
        set: (s, v) => {
          requireStructure(wb(), "Worksheet.visibility");
          const vis = String(v) as SheetState["visibility"];
          if (!["Visible", "Hidden", "VeryHidden"].includes(vis))
            fail(FAKE_ERROR_CODES.invalidArgument, `visibility ${vis}`);
          if (vis !== "Visible" && wb().sheets.filter((x) => x !== s && x.visibility === "Visible").length === 0)
            fail(FAKE_ERROR_CODES.invalidOperation, "工作簿至少要有一个可见的工作表");
          s.visibility = vis;
        },
      },
      tabColor: {
        api: "1.7",
        get: (s) => s.tabColor ?? "",
        set: (s, v) => {
          s.tabColor = v === "" || v === null ? null : normColor(v);
        },
      },
    };
  }
  protected override _navs() {
    return {
      protection: () => this.protection,
      freezePanes: () => this.freezePanes,
      autoFilter: () => this.autoFilter,
      notes: () => this.notes,
      pageLayout: () => this.pageLayout,
      horizontalPageBreaks: () => this.horizontalPageBreaks,
    };
  }
  private _rowBreaks?: PageBreakCollectionProxy;
  get horizontalPageBreaks(): PageBreakCollectionProxy {
    this.context.requireApi("Worksheet.horizontalPageBreaks", "1.9");
    return (this._rowBreaks ??= new PageBreakCollectionProxy(
      this.context,
      () => this._target(),
      `${this._where}.horizontalPageBreaks`,
    ));
  }

  get protection(): WorksheetProtectionProxy {
    this.context.requireApi("Worksheet.protection", "1.2");
    return (this._protection ??= new WorksheetProtectionProxy(
      this.context,
      () => this._target(),
      `${this._where}.protection`,
    ));
  }
  get freezePanes(): FreezePanesProxy {
    this.context.requireApi("Worksheet.freezePanes", "1.7");
    return (this._freeze ??= new FreezePanesProxy(this.context, () => this._target(), `${this._where}.freezePanes`));
  }
  get autoFilter(): AutoFilterProxy {
    this.context.requireApi("Worksheet.autoFilter", "1.9");
    return (this._filter ??= new AutoFilterProxy(this.context, () => this._target(), `${this._where}.autoFilter`));
  }
  private _pageLayout?: PageLayoutProxy;
  get pageLayout(): PageLayoutProxy {
    this.context.requireApi("Worksheet.pageLayout", "1.9");
    return (this._pageLayout ??= new PageLayoutProxy(this.context, () => this._target(), `${this._where}.pageLayout`));
  }
  get notes(): NoteCollectionProxy {
    // A library without the Note API has no such property: `ws.notes` is undefined, and `.add` a TypeError.
    if (!this.context.engine.implements("Worksheet", "notes")) return undefined as unknown as NoteCollectionProxy;
    this.context.requireApi("Worksheet.notes", "1.18");
    return (this._notes ??= new NoteCollectionProxy(this.context, () => this._target(), `${this._where}.notes`));
  }

  private _range(where: string, rect: (s: SheetState) => Rect | null, args: unknown): RangeProxy {
    return this._instantiate(
      new RangeProxy(
        this.context,
        () => {
          const s = this._target();
          if (s === null) return null;
          const r = rect(s);
          return r === null ? null : { sheet: s, rect: r };
        },
        `${this._where}.${where}`,
      ),
      args,
    );
  }

  getRange(address?: string): RangeProxy {
    return this._range(
      `getRange(${address ?? ""})`,
      (s) => {
        if (address === undefined || address === "")
          return { top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLS - 1 };
        const p = parseRef(address);
        if (!p || (p.sheet !== null && p.sheet.toLowerCase() !== s.name.toLowerCase()))
          return fail(FAKE_ERROR_CODES.invalidArgument, `无效的地址：${address}`, "Worksheet.getRange");
        return p.rect;
      },
      address ?? null,
    );
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeProxy {
    this.context.requireApi("Worksheet.getRangeByIndexes", "1.7");
    return this._range(
      `getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`,
      () => {
        if (
          rowCount < 1 ||
          columnCount < 1 ||
          startRow < 0 ||
          startColumn < 0 ||
          startRow + rowCount > MAX_ROWS ||
          startColumn + columnCount > MAX_COLS
        )
          return fail(FAKE_ERROR_CODES.invalidArgument, "getRangeByIndexes: 参数超出范围");
        return {
          top: startRow,
          left: startColumn,
          bottom: startRow + rowCount - 1,
          right: startColumn + columnCount - 1,
        };
      },
      [startRow, startColumn, rowCount, columnCount],
    );
  }

  getCell(row: number, column: number): RangeProxy {
    return this._range(`getCell(${row},${column})`, () => ({ top: row, left: column, bottom: row, right: column }), [
      row,
      column,
    ]);
  }

  getUsedRange(valuesOnly = false): RangeProxy {
    return this._range(
      `getUsedRange(${valuesOnly})`,
      (s) => s.usedRect(valuesOnly) ?? { top: 0, left: 0, bottom: 0, right: 0 },
      valuesOnly,
    );
  }

  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    this.context.requireApi("Worksheet.getUsedRangeOrNullObject", "1.4");
    return this._range(`getUsedRangeOrNullObject(${valuesOnly})`, (s) => s.usedRect(valuesOnly), valuesOnly);
  }

  activate(): void {
    this._call("activate", null, (s) => {
      if (s.visibility !== "Visible") fail(FAKE_ERROR_CODES.invalidOperation, "不能激活隐藏的工作表");
      const wb = this.context.engine.state;
      wb.activeSheetId = s.id;
      wb.selection = { sheetId: s.id, rect: { top: 0, left: 0, bottom: 0, right: 0 } };
    });
  }

  delete(): void {
    this._call("delete", null, (s) => {
      const wb = this.context.engine.state;
      requireStructure(wb, "Worksheet.delete");
      if (s.visibility === "Visible" && wb.sheets.filter((x) => x.visibility === "Visible").length === 1)
        fail(FAKE_ERROR_CODES.invalidOperation, "不能删除唯一可见的工作表");
      if (s.visibility === "VeryHidden")
        fail(
          FAKE_ERROR_CODES.invalidOperation,
          "This operation is not permitted for the current object. (a very hidden sheet cannot be deleted)",
          "Worksheet.delete",
        );
      wb.sheets.splice(wb.sheets.indexOf(s), 1);
      if (wb.activeSheetId === s.id) wb.activeSheetId = wb.active()?.id ?? null;
      if (wb.selection?.sheetId === s.id) wb.selection = null;
    });
  }
}
defineAccessors(WorksheetProxy, ["name", "id", "position", "visibility", "tabColor"]);

export class WorksheetProtectionProxy extends ProxyBase<SheetState> {
  protected _props(): Record<string, PropDef<SheetState>> {
    return { protected: { get: (s) => s.protected } };
  }
  protect(): void {
    this._call("protect", null, (s) => {
      s.protected = true;
    });
  }
  unprotect(): void {
    this._call("unprotect", null, (s) => {
      s.protected = false;
    });
  }
}
defineAccessors(WorksheetProtectionProxy, ["protected"]);

export class FreezePanesProxy extends ProxyBase<SheetState> {
  protected _props(): Record<string, PropDef<SheetState>> {
    return {};
  }
  freezeAt(frozenRange: RangeProxy | string): void {
    const rangeProxy = typeof frozenRange === "string" ? null : frozenRange;
    this._call("freezeAt", typeof frozenRange === "string" ? frozenRange : null, (s) => {
      const rect = rangeProxy ? rangeProxy._target()?.rect : parseRef(frozenRange as string)?.rect;
      if (!rect) return fail(FAKE_ERROR_CODES.invalidArgument, "freezeAt: 无效的区域");
      const wholeRows = rect.left === 0 && rect.right === MAX_COLS - 1;
      const wholeCols = rect.top === 0 && rect.bottom === MAX_ROWS - 1;
      s.freeze = { rows: wholeCols ? 0 : rect.bottom + 1, columns: wholeRows ? 0 : rect.right + 1 };
    });
  }
  freezeRows(count = 1): void {
    this._call("freezeRows", count, (s) => {
      s.freeze = { rows: count, columns: 0 };
    });
  }
  freezeColumns(count = 1): void {
    this._call("freezeColumns", count, (s) => {
      s.freeze = { rows: 0, columns: count };
    });
  }
  /** Throws on a hidden sheet, as Excel builds before the fix of office-js #1463 do (frozen builds keep it). */
  unfreeze(): void {
    this._call("unfreeze", null, (s) => {
      if (s.visibility !== "Visible")
        fail(
          FAKE_ERROR_CODES.generalException,
          "There was an internal error while processing the request. (unfreeze on a hidden sheet, office-js #1463)",
          "WorksheetFreezePanes.unfreeze",
        );
      s.freeze = { rows: 0, columns: 0 };
    });
  }
  getLocationOrNullObject(): RangeProxy {
    return this._instantiate(
      new RangeProxy(
        this.context,
        () => {
          const s = this._target();
          if (s === null) return null;
          const { rows: r, columns: c } = s.freeze;
          if (r === 0 && c === 0) return null;
          const rect: Rect = {
            top: 0,
            left: 0,
            bottom: r > 0 ? r - 1 : MAX_ROWS - 1,
            right: c > 0 ? c - 1 : MAX_COLS - 1,
          };
          return { sheet: s, rect };
        },
        `${this._where}.getLocationOrNullObject()`,
      ),
    );
  }
}

export class AutoFilterProxy extends ProxyBase<SheetState> {
  protected _props(): Record<string, PropDef<SheetState>> {
    return {
      enabled: { get: (s) => s.autoFilter !== null },
      isDataFiltered: { get: () => false },
    };
  }
  apply(range: RangeProxy | string): void {
    const rangeProxy = typeof range === "string" ? null : range;
    this._call("apply", typeof range === "string" ? range : null, (s) => {
      requireWritable(s, "AutoFilter.apply");
      const rect = rangeProxy ? rangeProxy._target()?.rect : parseRef(range as string)?.rect;
      if (!rect) return fail(FAKE_ERROR_CODES.invalidArgument, "AutoFilter.apply: 无效的区域");
      s.autoFilter = rect;
    });
  }
  remove(): void {
    this._call("remove", null, (s) => {
      requireWritable(s, "AutoFilter.remove");
      s.autoFilter = null;
    });
  }
  getRangeOrNullObject(): RangeProxy {
    return this._instantiate(
      new RangeProxy(
        this.context,
        () => {
          const s = this._target();
          return s && s.autoFilter ? { sheet: s, rect: s.autoFilter } : null;
        },
        `${this._where}.getRangeOrNullObject()`,
      ),
    );
  }
}
defineAccessors(AutoFilterProxy, ["enabled", "isDataFiltered"]);

// ───────────────────────────── Page layout (ExcelApi 1.9) ─────────────────────────────

/** worksheet.horizontalPageBreaks: add(range) breaks above the range's first row; removePageBreaks() all. */
export class PageBreakCollectionProxy extends ProxyBase<SheetState> {
  protected _props(): Record<string, PropDef<SheetState>> {
    return {};
  }
  add(pageBreakRange: RangeProxy | string): void {
    const rangeProxy = typeof pageBreakRange === "string" ? null : pageBreakRange;
    this._call("add", typeof pageBreakRange === "string" ? pageBreakRange : null, (s) => {
      requireWritable(s, "PageBreakCollection.add");
      const rect = rangeProxy ? rangeProxy._target()?.rect : parseRef(pageBreakRange as string)?.rect;
      if (!rect) return fail(FAKE_ERROR_CODES.invalidArgument, "PageBreakCollection.add: 无效的区域");
      if (rect.top === 0) return fail(FAKE_ERROR_CODES.invalidArgument, "PageBreakCollection.add: 第 1 行之上不能分页");
      if (!s.rowBreaks.includes(rect.top)) s.rowBreaks.push(rect.top);
    });
  }
  removePageBreaks(): void {
    this._call("removePageBreaks", null, (s) => {
      requireWritable(s, "PageBreakCollection.removePageBreaks");
      s.rowBreaks = [];
    });
  }
}

const PAPER_SIZES = ["Letter", "Legal", "A3", "A4", "A5", "B4", "B5"];

function layoutNumber(name: string, min: number, max: number) {
  return {
    api: "1.9",
    get: (s: SheetState) => s.pageLayout[name as "leftMargin"],
    set: (s: SheetState, v: unknown) => {
      const n = Number(v);
      if (typeof v !== "number" || !Number.isFinite(n) || n < min || n > max)
        fail(FAKE_ERROR_CODES.invalidArgument, `PageLayout.${name}: ${String(v)}`);
      s.pageLayout[name as "leftMargin"] = n;
    },
  };
}

function layoutFlag(name: "centerHorizontally" | "centerVertically" | "printGridlines") {
  return {
    api: "1.9",
    get: (s: SheetState) => s.pageLayout[name],
    set: (s: SheetState, v: unknown) => {
      if (typeof v !== "boolean") fail(FAKE_ERROR_CODES.invalidArgument, `PageLayout.${name}: ${String(v)}`);
      s.pageLayout[name] = v as boolean;
    },
  };
}

export class PageLayoutProxy extends ProxyBase<SheetState> {
  private _headersFooters?: HeaderFooterGroupProxy;
  protected _props(): Record<string, PropDef<SheetState>> {
    const margins = ["leftMargin", "rightMargin", "topMargin", "bottomMargin", "headerMargin", "footerMargin"];
    return {
      orientation: {
        api: "1.9",
        get: (s) => s.pageLayout.orientation,
        set: (s, v) => {
          if (v !== "Portrait" && v !== "Landscape") fail(FAKE_ERROR_CODES.invalidArgument, `orientation ${String(v)}`);
          s.pageLayout.orientation = v as "Portrait" | "Landscape";
        },
      },
      paperSize: {
        api: "1.9",
        get: (s) => s.pageLayout.paperSize,
        set: (s, v) => {
          if (!PAPER_SIZES.includes(String(v))) fail(FAKE_ERROR_CODES.invalidArgument, `paperSize ${String(v)}`);
          s.pageLayout.paperSize = String(v);
        },
      },
      centerHorizontally: layoutFlag("centerHorizontally"),
      centerVertically: layoutFlag("centerVertically"),
      printGridlines: layoutFlag("printGridlines"),
      ...Object.fromEntries(margins.map((m) => [m, layoutNumber(m, 0, 1584)])),
      zoom: {
        api: "1.9",
        get: (s) => ({ ...s.pageLayout.zoom }),
        set: (s, v) => {
          // Set as a whole object (Office.js: `x.zoom = {...}`): a scale, or pages across and down.
          const z = (v ?? {}) as Record<string, unknown>;
          const keys = Object.keys(z);
          const int = (x: unknown) => typeof x === "number" && Number.isInteger(x) && x >= 0 && x <= 32767;
          const ok =
            keys.length > 0 &&
            keys.every((k) => ["scale", "horizontalFitToPages", "verticalFitToPages"].includes(k)) &&
            (z.scale === undefined || (typeof z.scale === "number" && z.scale >= 10 && z.scale <= 400)) &&
            (z.horizontalFitToPages === undefined || int(z.horizontalFitToPages)) &&
            (z.verticalFitToPages === undefined || int(z.verticalFitToPages)) &&
            !(z.scale !== undefined && (z.horizontalFitToPages !== undefined || z.verticalFitToPages !== undefined));
          if (!ok) fail(FAKE_ERROR_CODES.invalidArgument, `PageLayout.zoom: ${JSON.stringify(v)}`);
          s.pageLayout.zoom = { ...(z as PageLayoutState["zoom"]) };
        },
      },
    };
  }
  protected override _navs() {
    return { headersFooters: () => this.headersFooters };
  }
  get headersFooters(): HeaderFooterGroupProxy {
    return (this._headersFooters ??= new HeaderFooterGroupProxy(
      this.context,
      () => this._target(),
      `${this._where}.headersFooters`,
    ));
  }
  setPrintTitleRows(rows: RangeProxy | string): void {
    const rangeProxy = typeof rows === "string" ? null : rows;
    this.context.requireApi("PageLayout.setPrintTitleRows", "1.9");
    this._call("setPrintTitleRows", typeof rows === "string" ? rows : null, (s) => {
      let rect: Rect | null | undefined;
      if (rangeProxy) rect = rangeProxy._target()?.rect;
      else {
        const m = /^\$?(\d+):\$?(\d+)$/.exec((rows as string).trim());
        rect = m ? { top: Number(m[1]) - 1, bottom: Number(m[2]) - 1, left: 0, right: MAX_COLS - 1 } : null;
      }
      if (!rect || rect.left !== 0 || rect.right !== MAX_COLS - 1 || rect.top < 0 || rect.bottom < rect.top)
        return fail(FAKE_ERROR_CODES.invalidArgument, `setPrintTitleRows: 应为整行，收到 ${String(rows)}`);
      s.pageLayout.printTitleRows = `$${rect.top + 1}:$${rect.bottom + 1}`;
    });
  }
}
defineAccessors(PageLayoutProxy, [
  "orientation",
  "paperSize",
  "centerHorizontally",
  "centerVertically",
  "printGridlines",
  "leftMargin",
  "rightMargin",
  "topMargin",
  "bottomMargin",
  "headerMargin",
  "footerMargin",
  "zoom",
]);

export class HeaderFooterGroupProxy extends ProxyBase<SheetState> {
  private _default?: HeaderFooterProxy;
  protected _props(): Record<string, PropDef<SheetState>> {
    return { state: { api: "1.9", get: () => "Default" } };
  }
  protected override _navs() {
    return { defaultForAllPages: () => this.defaultForAllPages };
  }
  get defaultForAllPages(): HeaderFooterProxy {
    return (this._default ??= new HeaderFooterProxy(
      this.context,
      () => this._target(),
      `${this._where}.defaultForAllPages`,
    ));
  }
}
defineAccessors(HeaderFooterGroupProxy, ["state"]);

const HEADER_FOOTER_KEYS = [
  "leftHeader",
  "centerHeader",
  "rightHeader",
  "leftFooter",
  "centerFooter",
  "rightFooter",
] as const;

export class HeaderFooterProxy extends ProxyBase<SheetState> {
  protected _props(): Record<string, PropDef<SheetState>> {
    return Object.fromEntries(
      HEADER_FOOTER_KEYS.map((k) => [
        k,
        {
          api: "1.9",
          get: (s: SheetState) => s.pageLayout.headerFooter[k],
          set: (s: SheetState, v: unknown) => {
            // Excel refuses a header or footer section longer than 255 characters.
            if (typeof v !== "string" || v.length > 255)
              fail(FAKE_ERROR_CODES.invalidArgument, `HeaderFooter.${k}: ${String(v).slice(0, 40)}`);
            s.pageLayout.headerFooter[k] = v as string;
          },
        },
      ]),
    );
  }
}
defineAccessors(HeaderFooterProxy, HEADER_FOOTER_KEYS);

// ───────────────────────────── Notes (ExcelApi 1.18) ─────────────────────────────

interface NoteTarget {
  sheet: SheetState;
  cell: string;
}

function noteCell(key: string): string {
  const p = parseRef(key);
  return p ? cellA1(p.rect.top, p.rect.left) : key.toUpperCase();
}

export class NoteCollectionProxy extends ProxyBase<SheetState> {
  protected _props(): Record<string, PropDef<SheetState>> {
    return {};
  }
  add(cellAddress: RangeProxy | string, content: string): NoteProxy {
    const rangeProxy = typeof cellAddress === "string" ? null : cellAddress;
    const note = new NoteProxy(this.context, () => null, `${this._where}.add`);
    this.context.push({
      proxy: this,
      kind: "method",
      bytes: jsonSize(content),
      where: `${this._where}.add`,
      run: () => {
        const s = this._target();
        if (s === null) return;
        requireWritable(s, "NoteCollection.add");
        let cell: string;
        if (rangeProxy) {
          const t = rangeProxy._target();
          if (!t || area(t.rect) !== 1) return fail(FAKE_ERROR_CODES.invalidArgument, "InvalidCellAddress");
          cell = cellA1(t.rect.top, t.rect.left);
        } else {
          const p = parseRef(cellAddress as string);
          if (!p || area(p.rect) !== 1) return fail(FAKE_ERROR_CODES.invalidArgument, "InvalidCellAddress");
          cell = cellA1(p.rect.top, p.rect.left);
        }
        if (s.notes.has(cell)) fail(FAKE_ERROR_CODES.invalidArgument, `单元格 ${cell} 已有批注`);
        s.notes.set(cell, String(content));
        note._bound = { sheet: s, cell };
      },
    });
    return note;
  }
  private _item(key: string, orNull: boolean): NoteProxy {
    const cell = noteCell(key);
    return this._instantiate(
      new NoteProxy(
        this.context,
        () => {
          const s = this._target();
          if (s === null) return null;
          if (s.notes.has(cell)) return { sheet: s, cell };
          return orNull ? null : fail(FAKE_ERROR_CODES.itemNotFound, `单元格 ${cell} 没有批注`);
        },
        `${this._where}.getItem(${key})`,
      ),
      key,
    );
  }
  getItem(key: string): NoteProxy {
    return this._item(key, false);
  }
  getItemOrNullObject(key: string): NoteProxy {
    return this._item(key, true);
  }
  getCount(): FakeClientResult<number> {
    return this._result("getCount", null, (s) => s.notes.size);
  }
}

export class NoteProxy extends ProxyBase<NoteTarget> {
  protected override _check(t: NoteTarget): void {
    if (!t.sheet.notes.has(t.cell)) fail(FAKE_ERROR_CODES.itemNotFound, `单元格 ${t.cell} 的批注已被删除`);
  }
  protected _props(): Record<string, PropDef<NoteTarget>> {
    return {
      content: {
        get: (t) => t.sheet.notes.get(t.cell),
        set: (t, v) => {
          requireWritable(t.sheet, "Note.content");
          t.sheet.notes.set(t.cell, String(v));
        },
      },
      authorName: { get: () => "考评" },
    };
  }
  delete(): void {
    this._call("delete", null, (t) => {
      requireWritable(t.sheet, "Note.delete");
      t.sheet.notes.delete(t.cell);
    });
  }
}
defineAccessors(NoteProxy, ["content", "authorName"]);

// ───────────────────────────── Range ─────────────────────────────

export interface RangeTarget {
  sheet: SheetState;
  rect: Rect;
}

export class RangeProxy extends ProxyBase<RangeTarget> {
  private _format?: RangeFormatProxy;
  private _dv?: DataValidationProxy;
  private _worksheet?: WorksheetProxy;

  protected override _check(t: RangeTarget): void {
    if (!this.context.engine.state.has(t.sheet))
      fail(FAKE_ERROR_CODES.itemNotFound, `工作表“${t.sheet.name}”已被删除`, this._where);
  }

  /**
   * Office.js sets a matrix of more than 1,500 cells as several sets of about 1,500 cells, each on a range of
   * its own (`getRow(a).getBoundingRect(getRow(b))`: three object paths and the set).
   */
  protected override _setOverhead(name: string, value: unknown): number {
    if (!["values", "formulas", "numberFormat"].includes(name) || !Array.isArray(value) || value.length === 0) return 0;
    const width = Array.isArray(value[0]) ? (value[0] as unknown[]).length : 0;
    if (width === 0 || value.length * width <= 1500) return 0;
    const sets = Math.ceil(value.length / Math.max(1, Math.round(1500 / width)));
    // Three paths, their instantiates and the set come to about four paths and an action.
    return sets * (4 * OFFICE_JS_SIZE.path + OFFICE_JS_SIZE.action);
  }

  protected _props(): Record<string, PropDef<RangeTarget>> {
    return {
      address: { get: (t) => `${quoteSheet(t.sheet.name)}!${rectA1(t.rect)}` },
      rowIndex: { get: (t) => t.rect.top },
      columnIndex: { get: (t) => t.rect.left },
      rowCount: { get: (t) => rows(t.rect) },
      columnCount: { get: (t) => cols(t.rect) },
      cellCount: { get: (t) => area(t.rect) },
      values: {
        get: (t) => matrix(t.rect, (r, c) => shownValue(t.sheet.get(r, c))),
        set: (t, v) =>
          writeMatrix(t, v, "Range.values", (cell, x) => {
            applyEntered(cell, enter(x, cell.numberFormat));
          }),
      },
      formulas: {
        get: (t) => matrix(t.rect, (r, c) => shownFormula(t.sheet.get(r, c))),
        set: (t, v) =>
          writeMatrix(t, v, "Range.formulas", (cell, x) => {
            applyEntered(cell, enter(x, cell.numberFormat));
          }),
      },
      valueTypes: { get: (t) => matrix(t.rect, (r, c) => t.sheet.get(r, c)?.type ?? "Empty") },
      numberFormat: {
        get: (t) => matrix(t.rect, (r, c) => t.sheet.get(r, c)?.numberFormat ?? "General"),
        set: (t, v) =>
          writeMatrix(t, v, "Range.numberFormat", (cell, x) => {
            cell.numberFormat = String(x);
          }),
      },
      text: { get: (t) => matrix(t.rect, (r, c) => String(shownValue(t.sheet.get(r, c)))) },
    };
  }
  protected override _navs() {
    return {
      format: () => this.format,
      dataValidation: () => this.dataValidation,
      worksheet: () => this.worksheet,
    };
  }

  get format(): RangeFormatProxy {
    return (this._format ??= new RangeFormatProxy(this.context, () => this._target(), `${this._where}.format`));
  }
  get dataValidation(): DataValidationProxy {
    this.context.requireApi("Range.dataValidation", "1.8");
    return (this._dv ??= new DataValidationProxy(this.context, () => this._target(), `${this._where}.dataValidation`));
  }
  get worksheet(): WorksheetProxy {
    return (this._worksheet ??= new WorksheetProxy(
      this.context,
      () => this._target()?.sheet ?? null,
      `${this._where}.worksheet`,
    ));
  }

  private _sub(where: string, f: (r: Rect) => Rect | null, args: unknown): RangeProxy {
    return this._instantiate(
      new RangeProxy(
        this.context,
        () => {
          const t = this._target();
          if (t === null) return null;
          const r = f(t.rect);
          return r === null ? null : { sheet: t.sheet, rect: r };
        },
        `${this._where}.${where}`,
      ),
      args,
    );
  }

  getCell(row: number, column: number): RangeProxy {
    return this._sub(
      `getCell(${row},${column})`,
      (r) => ({ top: r.top + row, left: r.left + column, bottom: r.top + row, right: r.left + column }),
      [row, column],
    );
  }
  getRow(row: number): RangeProxy {
    return this._sub(
      `getRow(${row})`,
      (r) => ({ top: r.top + row, bottom: r.top + row, left: r.left, right: r.right }),
      row,
    );
  }
  getColumn(column: number): RangeProxy {
    return this._sub(
      `getColumn(${column})`,
      (r) => ({ top: r.top, bottom: r.bottom, left: r.left + column, right: r.left + column }),
      column,
    );
  }
  getEntireRow(): RangeProxy {
    return this._sub("getEntireRow()", (r) => ({ top: r.top, bottom: r.bottom, left: 0, right: MAX_COLS - 1 }), null);
  }
  getEntireColumn(): RangeProxy {
    return this._sub(
      "getEntireColumn()",
      (r) => ({ top: 0, bottom: MAX_ROWS - 1, left: r.left, right: r.right }),
      null,
    );
  }
  getOffsetRange(rowOffset: number, columnOffset: number): RangeProxy {
    return this._sub(
      `getOffsetRange(${rowOffset},${columnOffset})`,
      (r) => ({
        top: r.top + rowOffset,
        bottom: r.bottom + rowOffset,
        left: r.left + columnOffset,
        right: r.right + columnOffset,
      }),
      [rowOffset, columnOffset],
    );
  }
  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    this.context.requireApi("Range.getUsedRangeOrNullObject", "1.4");
    return this._instantiate(
      new RangeProxy(
        this.context,
        () => {
          const t = this._target();
          if (t === null) return null;
          let top = Infinity;
          let left = Infinity;
          let bottom = -1;
          let right = -1;
          for (const [r, c, cell] of t.sheet.cellsIn(t.rect)) {
            if (valuesOnly && cell.type === "Empty" && cell.formula === null) continue;
            top = Math.min(top, r);
            left = Math.min(left, c);
            bottom = Math.max(bottom, r);
            right = Math.max(right, c);
          }
          return bottom < 0 ? null : { sheet: t.sheet, rect: { top, left, bottom, right } };
        },
        `${this._where}.getUsedRangeOrNullObject()`,
      ),
      valuesOnly,
    );
  }

  clear(applyTo: string = "All"): void {
    this._call("clear", applyTo, (t) => clearRange(t, applyTo));
  }
  merge(across = false): void {
    this.context.requireApi("Range.merge", "1.2");
    this._call("merge", across, (t) => {
      requireWritable(t.sheet, "Range.merge");
      if (across) for (let r = t.rect.top; r <= t.rect.bottom; r++) t.sheet.merge({ ...t.rect, top: r, bottom: r });
      else t.sheet.merge(t.rect);
    });
  }
  unmerge(): void {
    this.context.requireApi("Range.unmerge", "1.2");
    this._call("unmerge", null, (t) => {
      requireWritable(t.sheet, "Range.unmerge");
      t.sheet.unmerge(t.rect);
    });
  }
  select(): void {
    this._call("select", null, (t) => {
      if (t.sheet.visibility !== "Visible") fail(FAKE_ERROR_CODES.invalidOperation, "不能选择隐藏工作表中的单元格");
      const wb = this.context.engine.state;
      wb.activeSheetId = t.sheet.id;
      wb.selection = { sheetId: t.sheet.id, rect: t.rect };
    });
  }

  getCellProperties(opts: {
    format?: {
      fill?: { color?: boolean };
      font?: { bold?: boolean; color?: boolean };
      horizontalAlignment?: boolean;
      verticalAlignment?: boolean;
      wrapText?: boolean;
      columnWidth?: boolean;
    };
    address?: boolean;
  }): FakeClientResult<unknown[][]> {
    this.context.requireApi("Range.getCellProperties", "1.9");
    return this._result("getCellProperties", opts, (t) =>
      matrix(t.rect, (r, c) => {
        const cell = t.sheet.get(r, c) ?? DEFAULT_CELL;
        const f = opts.format;
        const out: Record<string, unknown> = {};
        if (opts.address) out.address = `${quoteSheet(t.sheet.name)}!${cellA1(r, c)}`;
        if (f) {
          const format: Record<string, unknown> = {};
          if (f.fill?.color) format.fill = { color: cell.fill ?? "#FFFFFF" };
          if (f.font) {
            const font: Record<string, unknown> = {};
            if (f.font.bold) font.bold = cell.bold;
            if (f.font.color) font.color = cell.fontColor;
            format.font = font;
          }
          if (f.horizontalAlignment) format.horizontalAlignment = cell.horizontalAlignment;
          if (f.verticalAlignment) format.verticalAlignment = cell.verticalAlignment;
          if (f.wrapText) format.wrapText = cell.wrapText;
          if (f.columnWidth) format.columnWidth = t.sheet.width(c);
          out.format = format;
        }
        return out;
      }),
    );
  }
}
defineAccessors(RangeProxy, [
  "address",
  "rowIndex",
  "columnIndex",
  "rowCount",
  "columnCount",
  "cellCount",
  "values",
  "formulas",
  "valueTypes",
  "numberFormat",
  "text",
]);

export class RangeFormatProxy extends ProxyBase<RangeTarget> {
  private _fill?: RangeFillProxy;
  private _font?: RangeFontProxy;
  protected _props(): Record<string, PropDef<RangeTarget>> {
    return {
      columnWidth: {
        api: "1.2",
        get: (t) => {
          const w = t.sheet.width(t.rect.left);
          for (let c = t.rect.left + 1; c <= t.rect.right; c++) if (t.sheet.width(c) !== w) return null;
          return w;
        },
        set: (t, v) => {
          requireWritable(t.sheet, "RangeFormat.columnWidth");
          const w = Number(v);
          if (!Number.isFinite(w) || w < 0) fail(FAKE_ERROR_CODES.invalidArgument, "columnWidth");
          for (let c = t.rect.left; c <= t.rect.right; c++) t.sheet.widths.set(c, w);
        },
      },
      rowHeight: {
        api: "1.2",
        get: (t) => {
          const h = t.sheet.height(t.rect.top);
          for (let r = t.rect.top + 1; r <= t.rect.bottom; r++) if (t.sheet.height(r) !== h) return null;
          return h;
        },
        set: (t, v) => {
          requireWritable(t.sheet, "RangeFormat.rowHeight");
          const h = Number(v);
          if (!Number.isFinite(h) || h < 0 || h > 409) fail(FAKE_ERROR_CODES.invalidArgument, "rowHeight");
          if (rows(t.rect) > 100_000)
            fail(FAKE_ERROR_CODES.generalException, "the fake Excel does not set row heights of over 100,000 rows");
          for (let r = t.rect.top; r <= t.rect.bottom; r++) t.sheet.heights.set(r, h);
        },
      },
      horizontalAlignment: {
        get: (t) => uniform(t, "horizontalAlignment"),
        set: (t, v) => setFormat(t, "horizontalAlignment", String(v), "RangeFormat.horizontalAlignment"),
      },
      verticalAlignment: {
        get: (t) => uniform(t, "verticalAlignment"),
        set: (t, v) => setFormat(t, "verticalAlignment", String(v), "RangeFormat.verticalAlignment"),
      },
      wrapText: {
        get: (t) => uniform(t, "wrapText"),
        set: (t, v) => setFormat(t, "wrapText", Boolean(v), "RangeFormat.wrapText"),
      },
    };
  }
  protected override _navs() {
    return { fill: () => this.fill, font: () => this.font, borders: () => this.borders };
  }
  private _borders?: RangeBorderCollectionProxy;
  get borders(): RangeBorderCollectionProxy {
    return (this._borders ??= new RangeBorderCollectionProxy(
      this.context,
      () => this._target(),
      `${this._where}.borders`,
    ));
  }
  get fill(): RangeFillProxy {
    return (this._fill ??= new RangeFillProxy(this.context, () => this._target(), `${this._where}.fill`));
  }
  get font(): RangeFontProxy {
    return (this._font ??= new RangeFontProxy(this.context, () => this._target(), `${this._where}.font`));
  }
}
defineAccessors(RangeFormatProxy, ["columnWidth", "rowHeight", "horizontalAlignment", "verticalAlignment", "wrapText"]);

export class RangeFillProxy extends ProxyBase<RangeTarget> {
  protected _props(): Record<string, PropDef<RangeTarget>> {
    return {
      color: {
        // Office.js reports "no fill" as white.
        get: (t) => {
          const u = uniformOrMixed(t, "fill");
          return u === MIXED ? null : (u ?? "#FFFFFF");
        },
        set: (t, v) => setFormat(t, "fill", normColor(v), "RangeFill.color"),
      },
    };
  }
  clear(): void {
    this._call("clear", null, (t) => setFormat(t, "fill", null, "RangeFill.clear"));
  }
}
defineAccessors(RangeFillProxy, ["color"]);

export class RangeFontProxy extends ProxyBase<RangeTarget> {
  protected _props(): Record<string, PropDef<RangeTarget>> {
    return {
      bold: { get: (t) => uniform(t, "bold"), set: (t, v) => setFormat(t, "bold", Boolean(v), "RangeFont.bold") },
      color: {
        get: (t) => uniform(t, "fontColor"),
        set: (t, v) => setFormat(t, "fontColor", normColor(v), "RangeFont.color"),
      },
      name: {
        get: (t) => uniform(t, "fontName"),
        set: (t, v) => {
          if (typeof v !== "string" || v.trim() === "") fail(FAKE_ERROR_CODES.invalidArgument, "RangeFont.name");
          setFormat(t, "fontName", v as string, "RangeFont.name");
        },
      },
    };
  }
}
defineAccessors(RangeFontProxy, ["bold", "color", "name"]);

// ───────────────────────────── Borders ─────────────────────────────

const BORDER_STYLES = ["None", "Continuous", "Dash", "DashDot", "DashDotDot", "Dot", "Double", "SlantDashDot"];
const BORDER_WEIGHTS = ["Hairline", "Thin", "Medium", "Thick"];
const BORDER_INDEXES = [
  "EdgeTop",
  "EdgeBottom",
  "EdgeLeft",
  "EdgeRight",
  "InsideVertical",
  "InsideHorizontal",
  "DiagonalDown",
  "DiagonalUp",
];
type EdgeKey = "borderTop" | "borderBottom" | "borderLeft" | "borderRight";

/** The cell edges a border index of a range stands for: [row, col, edge] triples. */
function edgeCells(rect: Rect, index: string): [number, number, EdgeKey][] {
  const out: [number, number, EdgeKey][] = [];
  for (let r = rect.top; r <= rect.bottom; r++)
    for (let c = rect.left; c <= rect.right; c++) {
      if (index === "EdgeTop" && r === rect.top) out.push([r, c, "borderTop"]);
      if (index === "EdgeBottom" && r === rect.bottom) out.push([r, c, "borderBottom"]);
      if (index === "EdgeLeft" && c === rect.left) out.push([r, c, "borderLeft"]);
      if (index === "EdgeRight" && c === rect.right) out.push([r, c, "borderRight"]);
      if (index === "InsideHorizontal") {
        if (r < rect.bottom) out.push([r, c, "borderBottom"]);
        if (r > rect.top) out.push([r, c, "borderTop"]);
      }
      if (index === "InsideVertical") {
        if (c < rect.right) out.push([r, c, "borderRight"]);
        if (c > rect.left) out.push([r, c, "borderLeft"]);
      }
    }
  return out;
}

export class RangeBorderCollectionProxy extends ProxyBase<RangeTarget> {
  protected _props(): Record<string, PropDef<RangeTarget>> {
    return {};
  }
  getItem(index: string): RangeBorderProxy {
    return this._instantiate(
      new RangeBorderProxy(
        this.context,
        () => {
          if (!BORDER_INDEXES.includes(index)) fail(FAKE_ERROR_CODES.invalidArgument, `无效的边框：${index}`);
          const t = this._target();
          return t === null ? null : { ...t, index };
        },
        `${this._where}.getItem(${index})`,
      ),
      index,
    );
  }
}

export class RangeBorderProxy extends ProxyBase<RangeTarget & { index: string }> {
  protected _props(): Record<string, PropDef<RangeTarget & { index: string }>> {
    const edges = (t: RangeTarget & { index: string }) => edgeCells(t.rect, t.index);
    return {
      style: {
        get: (t) => {
          const seen = new Set(edges(t).map(([r, c, k]) => (t.sheet.get(r, c) ?? DEFAULT_CELL)[k]));
          return seen.size === 1 ? [...seen][0] : null;
        },
        set: (t, v) => {
          if (!BORDER_STYLES.includes(String(v))) fail(FAKE_ERROR_CODES.invalidArgument, `无效的线型：${String(v)}`);
          requireWritable(t.sheet, "RangeBorder.style");
          guardArea(t.rect, "format");
          for (const [r, c, k] of edges(t)) {
            t.sheet.edit(r, c)[k] = String(v);
            t.sheet.tidy(r, c);
          }
        },
      },
      weight: {
        get: () => "Thin",
        set: (_t, v) => {
          if (!BORDER_WEIGHTS.includes(String(v))) fail(FAKE_ERROR_CODES.invalidArgument, `无效的线宽：${String(v)}`);
        },
      },
      color: {
        get: () => "#000000",
        set: (_t, v) => {
          normColor(v);
        },
      },
    };
  }
}
defineAccessors(RangeBorderProxy, ["style", "weight", "color"]);

// ───────────────────────────── Data validation (ExcelApi 1.8) ─────────────────────────────

const NO_PROMPT = { message: "", showPrompt: true, title: "" };

/** The validation of a range when one applies to all of it (or none), else undefined ("inconsistent"). */
function validationOf(t: RangeTarget): { v: Validation | null } | undefined {
  const touching = t.sheet.validations.filter(
    (v) =>
      v.rect.left <= t.rect.right &&
      t.rect.left <= v.rect.right &&
      v.rect.top <= t.rect.bottom &&
      t.rect.top <= v.rect.bottom,
  );
  if (touching.length === 0) return { v: null };
  const top = t.sheet.validationAt(t.rect.top, t.rect.left);
  if (
    touching.length === 1 &&
    top &&
    contains(top.rect, t.rect.bottom, t.rect.right) &&
    contains(top.rect, t.rect.top, t.rect.left)
  )
    return { v: top };
  if (top && touching.every((v) => sameRect(v.rect, top.rect))) return { v: top };
  return undefined;
}

export class DataValidationProxy extends ProxyBase<RangeTarget> {
  protected _props(): Record<string, PropDef<RangeTarget>> {
    const patch = (key: "rule" | "prompt" | "errorAlert" | "ignoreBlanks") => (t: RangeTarget, v: unknown) => {
      requireWritable(t.sheet, `DataValidation.${key}`);
      if (key === "rule") {
        const rule = v as Validation["rule"];
        if (rule?.list && String(rule.list.source).length > 255)
          fail(FAKE_ERROR_CODES.invalidArgument, "数据验证序列来源超过 255 个字符");
        if (rule?.custom && String(rule.custom.formula).length > 255)
          fail(FAKE_ERROR_CODES.invalidArgument, "数据验证公式超过 255 个字符");
      }
      if (key === "prompt") {
        const p = v as { title?: string; message?: string; showPrompt?: boolean };
        if ((p.title ?? "").length > 32 || (p.message ?? "").length > 255)
          fail(FAKE_ERROR_CODES.invalidArgument, "输入信息的标题不能超过 32 个字符，内容不能超过 255 个字符");
        t.sheet.setValidation(t.rect, {
          prompt: { title: p.title ?? "", message: p.message ?? "", showPrompt: p.showPrompt ?? true },
        });
        return;
      }
      if (key === "errorAlert") {
        const a = v as { title?: string; message?: string; style?: string; showAlert?: boolean };
        // MS-XLS DValStrings: an error alert's message holds at most 225 characters (an input message 255).
        if ((a.title ?? "").length > 32 || (a.message ?? "").length > 225)
          fail(FAKE_ERROR_CODES.invalidArgument, "出错警告的标题不能超过 32 个字符，内容不能超过 225 个字符");
        t.sheet.setValidation(t.rect, {
          errorAlert: {
            title: a.title ?? "",
            message: a.message ?? "",
            style: a.style ?? "Stop",
            showAlert: a.showAlert ?? true,
          },
        });
        return;
      }
      t.sheet.setValidation(t.rect, { [key]: v } as Partial<Validation>);
    };
    return {
      rule: {
        get: (t) => (validationOf(t) === undefined ? null : (validationOf(t)!.v?.rule ?? {})),
        set: patch("rule"),
      },
      prompt: {
        get: (t) => {
          const o = validationOf(t);
          return o === undefined ? null : (o.v?.prompt ?? NO_PROMPT);
        },
        set: patch("prompt"),
      },
      errorAlert: {
        get: (t) => {
          const o = validationOf(t);
          return o === undefined
            ? null
            : (o.v?.errorAlert ?? { message: "", showAlert: true, style: "Stop", title: "" });
        },
        set: patch("errorAlert"),
      },
      ignoreBlanks: { get: (t) => validationOf(t)?.v?.ignoreBlanks ?? true, set: patch("ignoreBlanks") },
      type: {
        get: (t) => {
          const o = validationOf(t);
          if (o === undefined) return "Inconsistent";
          const rule = o.v?.rule;
          if (!rule) return "None";
          if (rule.list) return "List";
          if (rule.custom) return "Custom";
          return "WholeNumber";
        },
      },
    };
  }
  clear(): void {
    this._call("clear", null, (t) => {
      requireWritable(t.sheet, "DataValidation.clear");
      t.sheet.clearValidation(t.rect);
    });
  }
}
defineAccessors(DataValidationProxy, ["rule", "prompt", "errorAlert", "ignoreBlanks", "type"]);

export { colLetters };

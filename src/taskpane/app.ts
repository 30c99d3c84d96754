/**
 * The pane: its state, the tab bar, the progress indicator and the operations the views trigger. Views are
 * functions of the state (views/*.ts) and are drawn again after each change; the element that had the focus
 * gets it back (by its data-focus key), so re-drawing never loses the keyboard user's place.
 *
 * ── Optional features: the seam between the two builds ──
 * The pane is built twice from this code (webpack.config.js): a modern bundle (taskpane.ts) and an ES5
 * bundle for Internet Explorer 11 (taskpane-legacy.ts, the webview of Office on older Windows). Code
 * that cannot run in Internet Explorer — Chart.js 4, pptxgenjs — must never be imported from here, from
 * views/*.ts or from anything else both entries reach. It comes in as a PaneFeature instead:
 *
 *   1. Add the feature's id to FeatureId below, its tab label (and its other words) to i18n/zh.ts and en.ts.
 *   2. Write the feature in its own module (e.g. src/taskpane/features/charts.ts) exporting a PaneFeature:
 *      `render(ctx)` draws its view from ctx.state like views/*.ts do (ctx.state.scored holds the last run),
 *      ctx.run(busyKey, op) runs an operation with the progress indicator, ctx.render() redraws, ctx.addin
 *      reaches Excel (its own operations: preview, insertMeetingCharts, …). Only that
 *      module (and what it imports) may import chart.js or pptxgenjs; a dynamic import() there keeps them out
 *      of the first load as well.
 *   3. Pass it in taskpane.ts: `bootPane({ features: [chartsFeature] })` — the modern entry only.
 *   4. taskpane-legacy.ts passes no features and a limitation (PaneOptions.limitations) that the 状态 view
 *      shows under "Excel": "limit.charts" says charts need a newer Excel.
 * test/build/legacy.test.ts fails if anything newer than ES5 reaches the legacy bundle.
 */
import type { Assessment } from "../engine/types";
import type { TallyResult } from "../engine/ballots/tally";
import type {
  CalculateResult,
  InspectResult,
  KaopingAddin,
  RecordDecisionResult,
  RestoreResult,
  Supports,
  TemplateResult,
} from "../excel/addin";
import type { Grade, Method } from "../method/types";
import type { Diagnostic } from "../workbook/diagnostic";
import type { TitleInfo } from "../workbook/titles";
import type { ActionRegistry, MessageKind } from "./components";
import { defaultMethod } from "../method/defaults";
import { clear, h, setHidden } from "./dom";
import { formatTime, localDay, normalizeDateInput } from "./format";
import { type Lang, type MessageKey, type Params, getLang, loadLanguage, saveLang, setLang, t } from "./i18n";
import {
  type FormCheck,
  type MethodForm,
  checkForm,
  formFields,
  methodToForm,
  placeIssues,
  sameDocument,
} from "./methodForm";
import { type BallotsState, initialBallots, renderBallots } from "./views/ballots";
import { formulasMode, renderCalculate } from "./views/calculate";
import { renderMethod } from "./views/method";
import { renderStatus } from "./views/status";
import { renderWhy } from "./views/why";

/** The views every build has, in tab order. */
export type BuiltinTabId = "status" | "calculate" | "why" | "method" | "ballots";
/** The ids of optional views (PaneFeature.id). A new feature adds its id here. */
export type FeatureId = "charts" | "term";
export type TabId = BuiltinTabId | FeatureId;
export const TABS: readonly BuiltinTabId[] = ["status", "calculate", "why", "method", "ballots"];
const TAB_LABELS: Record<BuiltinTabId, MessageKey> = {
  status: "tab.status",
  calculate: "tab.calculate",
  why: "tab.why",
  method: "tab.method",
  ballots: "tab.ballots",
};

/** An optional view of the pane, passed in by an entry module (see the top of this file). */
export interface PaneFeature {
  id: FeatureId;
  /** The tab's label. */
  label: MessageKey;
  /** The tab goes after this one; after the last tab when absent or not present. */
  after?: TabId;
  /** Draws the view; called on every drawing of the pane while its tab is selected. */
  render(ctx: ViewContext): HTMLElement;
  /** Whether the tab is offered for what the workbook holds (always when absent); asked on every drawing. */
  available?(state: PaneState): boolean;
}

/** The Word files the 计算 view offers after a run (导出考核报告, 导出个人通知书). */
export type PaperKind = "report" | "letters";

/**
 * The papers, built in the pane from the last run: passed in by the modern entry only (the `docx` library,
 * like Chart.js, cannot run in Internet Explorer); the 计算 view shows its buttons when it is there.
 */
export interface PaneExports {
  /** Builds the file from ctx.state.scored and downloads it, through ctx.run. */
  exportPaper(ctx: ViewContext, kind: PaperKind): void;
}

/** What an entry module gives the pane besides the workbook. */
export interface PaneOptions {
  /** Optional views, as tabs. */
  features?: readonly PaneFeature[];
  /** The papers (modern build only). */
  exports?: PaneExports;
  /** What this build of the pane cannot do, one message each, shown on 状态 under "Excel". */
  limitations?: readonly MessageKey[];
}

/** The tab order: the built-in views, each feature after the tab it names (or last). */
export function tabOrder(features: readonly PaneFeature[]): TabId[] {
  const order: TabId[] = TABS.slice();
  for (const f of features) {
    if (order.indexOf(f.id) >= 0) continue;
    const at = f.after ? order.indexOf(f.after) : -1;
    if (at >= 0) order.splice(at + 1, 0, f.id);
    else order.push(f.id);
  }
  return order;
}

export interface Flash {
  kind: MessageKind;
  text: string;
}

export interface MethodState {
  loaded: boolean;
  form: MethodForm | null;
  /** The form as last read or saved, for "unsaved changes". */
  saved: MethodForm | null;
  source: "sheet" | "defaults" | null;
  /** Errors of the 考核方法 sheet when it could not be read (the form then shows the defaults). */
  sheetErrors: Diagnostic[];
  /** The last validation shown next to the fields (after a blur or a Save). */
  check: FormCheck | null;
}

/** 记录组织决定 being filled in on 为什么. */
export interface DecisionDraft {
  /** LeaderResult.index. */
  leader: number;
  grade: Grade;
  basis: string;
}

/** What the last 记录组织决定 did (shown on 为什么 for that leader; 撤销 says the decision stays). */
export interface RecordedDecision {
  leader: number;
  name: string;
  grade: Grade;
  result: RecordDecisionResult;
  /** 计算 ran afterwards and succeeded. */
  recalculated: boolean;
}

export interface PaneState {
  tab: TabId;
  /** What this Excel supports (known before anything is read, so that an Excel too old can be told). */
  supports: Supports | null;
  inspect: InspectResult | null;
  template: TemplateResult | null;
  calc: CalculateResult | null;
  /** The last successful run, for the results list, 为什么 and 图表 (kept when a later run fails). */
  scored: { assessment: Assessment; method: Method; at: string; titles: TitleInfo; ballots?: TallyResult } | null;
  /** 为什么 before any 计算: the workbook scored without writing (preview), or why it could not be. */
  previewed: { assessment: Assessment; method: Method; at: string; ballots?: TallyResult } | null;
  previewErrors: Diagnostic[] | null;
  undo: RestoreResult | null;
  confirmingUndo: boolean;
  referenceDate: string;
  referenceDateError: boolean;
  /**
   * 公式模式 as the user set it; null: as the workbook holds it (its 考核结果 is formulas over 计算明细 —
   * the last run's mode, remembered in the workbook itself; see formulasMode()).
   */
  formulas: boolean | null;
  whyIndex: number | null;
  whyQuery: string;
  method: MethodState;
  flash: Partial<Record<TabId, Flash>>;
  /** Disclosures (技术细节) that are open, by key. */
  expanded: Record<string, boolean>;
  decision: DecisionDraft | null;
  recorded: RecordedDecision | null;
  /** 测评票: the last 生成测评票, 汇总测评票 and its undo (views/ballots.ts). */
  ballots: BallotsState;
}

export function initialState(): PaneState {
  return {
    tab: "status",
    supports: null,
    inspect: null,
    template: null,
    calc: null,
    scored: null,
    previewed: null,
    previewErrors: null,
    undo: null,
    confirmingUndo: false,
    referenceDate: "",
    referenceDateError: false,
    formulas: null,
    whyIndex: null,
    whyQuery: "",
    method: { loaded: false, form: null, saved: null, source: null, sheetErrors: [], check: null },
    flash: {},
    expanded: {},
    decision: null,
    recorded: null,
    ballots: initialBallots(),
  };
}

/** What a view gets: the state, the words, and the operations. */
export interface ViewContext extends ActionRegistry {
  state: PaneState;
  lang: Lang;
  t: (key: MessageKey, params?: Params) => string;
  busy: boolean;
  go(tab: TabId, focusKey?: string): void;
  render(): void;
  /** Gives the focus to the element with this data-focus key after the next drawing. */
  focusAfterRender(key: string): void;
  announce(text: string): void;
  /** The 方法 form differs from what the 考核方法 sheet holds. */
  methodDirty(): boolean;
  ops: Operations;
  /**
   * Runs an operation with the progress indicator showing (its text `busy`) and every action disabled; a
   * failure becomes a message on the current view, and the result is null. For features' own operations.
   */
  run<T>(busy: MessageKey, op: () => Promise<T>, opts?: { redraw?: boolean }): Promise<T | null>;
  /** What this build cannot do (PaneOptions.limitations). */
  limitations: readonly MessageKey[];
  /** The add-in's operations, for features' own runs (through `run`). */
  readonly addin: KaopingAddin;
  /** The papers, when this build has them (PaneOptions.exports). */
  readonly exports: PaneExports | null;
}

export interface Operations {
  refresh(): void;
  createTemplate(): void;
  calculate(): void;
  askUndo(): void;
  cancelUndo(): void;
  undo(): void;
  selectCell(address: string): void;
  whyFromSelection(): void;
  previewWhy(): void;
  showWhy(index: number): void;
  reloadMethod(): void;
  saveMethod(): void;
  methodChanged(): void;
  /** Opens or closes a disclosure (技术细节) and draws the view again. */
  toggle(key: string, open: boolean): void;
  /** 为什么: starts 记录组织决定 for this leader (LeaderResult.index), with the grade it has now. */
  openDecision(index: number): void;
  cancelDecision(): void;
  /** Writes the decision being filled in to 组织决定, then runs 计算 again. */
  recordDecision(): void;
}

function errorText(e: unknown): string {
  if (e && typeof e === "object" && (e as { name?: unknown }).name === "KaopingExcelError")
    return String((e as Error).message);
  const detail = e instanceof Error ? e.message : String(e);
  return t("error.unexpected", { detail });
}

export class PaneApp implements ViewContext {
  state: PaneState = initialState();
  busyKey: MessageKey | null = null;
  private actions: { el: HTMLButtonElement; enabled: () => boolean }[] = [];
  private tabButtons: Partial<Record<TabId, HTMLButtonElement>> = {};
  private pendingFocus: string | null = null;
  private readonly nav: HTMLElement;
  private readonly progress: HTMLElement;
  private readonly progressLabel: HTMLElement;
  private readonly live: HTMLElement;
  private readonly langButton: HTMLButtonElement;
  private readonly title: HTMLElement | null;
  private readonly features: readonly PaneFeature[];
  /** The tabs in order: the built-in views and the features. */
  readonly tabs: readonly TabId[];
  readonly limitations: readonly MessageKey[];
  readonly exports: PaneExports | null;
  readonly ops: Operations;

  constructor(
    private readonly doc: Document,
    readonly addin: KaopingAddin,
    private readonly main: HTMLElement,
    private readonly storage: Storage | null,
    options: PaneOptions = {},
  ) {
    this.features = options.features ?? [];
    this.tabs = tabOrder(this.features);
    this.limitations = options.limitations ?? [];
    this.exports = options.exports ?? null;
    this.title = doc.querySelector(".kp-title") as HTMLElement | null;
    this.langButton = h("button", { type: "button", class: "kp-btn kp-btn-subtle kp-lang", "data-focus": "lang" });
    this.langButton.addEventListener("click", () => this.switchLanguage());
    const header = doc.querySelector(".kp-header");
    if (header) header.appendChild(this.langButton);

    this.nav = h("div", { class: "kp-tabs", role: "tablist" });
    this.nav.addEventListener("keydown", (e) => this.tabKey(e));
    this.progressLabel = h("span", { class: "kp-progress-label" });
    this.progress = h(
      "div",
      { class: "kp-progress", role: "progressbar", hidden: true },
      h("div", { class: "kp-progress-track" }, h("div", { class: "kp-progress-bar" })),
      this.progressLabel,
    );
    this.live = h("div", { class: "kp-sr-only", role: "status", "aria-live": "polite" });
    const parent = main.parentNode;
    if (parent) {
      parent.insertBefore(this.nav, main);
      parent.insertBefore(this.progress, main);
    }
    doc.body.appendChild(this.live);
    this.ops = this.makeOperations();
  }

  get lang(): Lang {
    return getLang();
  }

  get busy(): boolean {
    return this.busyKey !== null;
  }

  t = (key: MessageKey, params?: Params): string => t(key, params);

  register(el: HTMLButtonElement, enabled: () => boolean): void {
    this.actions.push({ el, enabled });
    el.disabled = this.busy || !enabled();
  }

  private refreshActions(): void {
    const live: { el: HTMLButtonElement; enabled: () => boolean }[] = [];
    for (const a of this.actions) {
      if (!this.doc.body.contains(a.el)) continue;
      live.push(a);
      a.el.disabled = this.busy || !a.enabled();
    }
    this.actions = live;
    // While busy, inputs of the views are read-only too (a value typed meanwhile would be lost).
    const inputs = this.main.getElementsByTagName("input");
    for (let i = 0; i < inputs.length; i++) inputs[i].readOnly = this.busy;
  }

  announce(text: string): void {
    // Clear first, so that the same text said twice is announced twice.
    this.live.textContent = "";
    window.setTimeout(() => {
      this.live.textContent = text;
    }, 50);
  }

  focusAfterRender(key: string): void {
    this.pendingFocus = key;
  }

  /** Starts the pane: draws it and reads the workbook. */
  start(): void {
    try {
      this.state.supports = this.addin.supports();
    } catch {
      this.state.supports = null;
    }
    this.renderChrome();
    this.render();
    if (!this.state.supports || this.state.supports.scoring) this.loadWorkbook();
  }

  private loadWorkbook(): void {
    void this.run("busy.inspect", async () => {
      this.state.inspect = await this.addin.inspect();
      await this.loadMethodInto();
    });
  }

  // ───────────────────────────── drawing ─────────────────────────────

  /** The tabs the tab bar was last drawn with. */
  private chromeTabs = "";

  private renderChrome(): void {
    this.chromeTabs = this.shownTabs().join(" ");
    if (this.title) this.title.textContent = t("app.title");
    this.doc.title = t("app.documentTitle");
    this.doc.documentElement.setAttribute("lang", this.lang === "zh" ? "zh-CN" : "en");
    this.langButton.textContent = t("lang.switch");
    this.langButton.setAttribute("aria-label", t("lang.switchLabel"));
    this.langButton.setAttribute("title", t("lang.switchLabel"));
    this.langButton.setAttribute("lang", this.lang === "zh" ? "en" : "zh-CN");
    this.nav.setAttribute("aria-label", t("tab.label"));
    clear(this.nav);
    this.tabButtons = {};
    for (const id of this.shownTabs()) {
      const selected = id === this.state.tab;
      const b = h(
        "button",
        {
          type: "button",
          role: "tab",
          id: `kp-tab-${id}`,
          class: `kp-tab${selected ? " kp-tab-selected" : ""}`,
          "aria-selected": selected ? "true" : "false",
          "aria-controls": "kp-panel",
          tabindex: selected ? "0" : "-1",
          "data-focus": `tab:${id}`,
          "data-tab": id,
        },
        h("span", { class: "kp-tab-label" }, t(this.tabLabel(id))),
      );
      b.addEventListener("click", () => this.go(id));
      this.tabButtons[id] = b;
      this.nav.appendChild(b);
    }
  }

  /** The tabs offered now: a feature's only while it is available (PaneFeature.available). */
  private shownTabs(): TabId[] {
    return this.tabs.filter((id) => {
      const f = this.features.find((x) => x.id === id);
      return !f || !f.available || f.available(this.state) || id === this.state.tab;
    });
  }

  private tabLabel(id: TabId): MessageKey {
    for (const f of this.features) if (f.id === id) return f.label;
    return TAB_LABELS[id as BuiltinTabId];
  }

  private tabKey(e: KeyboardEvent): void {
    // Internet Explorer names the arrow keys "Left" and "Right".
    const tabs = this.shownTabs();
    const i = tabs.indexOf(this.state.tab);
    let to = -1;
    if (e.key === "ArrowRight" || e.key === "Right") to = (i + 1) % tabs.length;
    else if (e.key === "ArrowLeft" || e.key === "Left") to = (i + tabs.length - 1) % tabs.length;
    else if (e.key === "Home") to = 0;
    else if (e.key === "End") to = tabs.length - 1;
    if (to < 0) return;
    e.preventDefault();
    this.go(tabs[to], `tab:${tabs[to]}`);
  }

  go(tab: TabId, focusKey?: string): void {
    if (tab !== this.state.tab) {
      this.state.confirmingUndo = false;
      this.state.ballots.confirmingUndo = false;
    }
    this.state.tab = tab;
    for (const id of this.tabs) {
      const b = this.tabButtons[id];
      if (!b) continue;
      const sel = id === tab;
      b.setAttribute("aria-selected", sel ? "true" : "false");
      b.setAttribute("tabindex", sel ? "0" : "-1");
      if (sel) b.classList.add("kp-tab-selected");
      else b.classList.remove("kp-tab-selected");
    }
    if (focusKey) this.pendingFocus = focusKey;
    this.render();
  }

  private renderedTab: TabId | null = null;

  render(): void {
    const active = this.doc.activeElement;
    // Drawing the same view again keeps its scroll position (the new content is as long or longer).
    const scroll = this.renderedTab === this.state.tab ? this.main.scrollTop : 0;
    this.renderedTab = this.state.tab;
    const key = this.pendingFocus ?? (active && active !== this.doc.body ? active.getAttribute("data-focus") : null);
    this.pendingFocus = null;
    const hadFocusInside =
      active !== null && (this.main.contains(active) || this.nav.contains(active) || active === this.langButton);
    this.actions = [];
    // A feature's tab comes and goes with what the workbook holds.
    const shown = this.shownTabs().join(" ");
    if (shown !== this.chromeTabs) this.renderChrome();
    const view = this.view();
    const panel = h(
      "div",
      {
        class: "kp-panel",
        role: "tabpanel",
        id: "kp-panel",
        "aria-labelledby": `kp-tab-${this.state.tab}`,
        tabindex: "-1",
        "data-view": this.state.tab,
      },
      view,
    );
    clear(this.main);
    this.main.appendChild(panel);
    this.main.scrollTop = scroll;
    this.refreshActions();
    this.updateProgress();
    if (key) {
      const target = this.findFocus(key);
      if (target) target.focus();
      else if (hadFocusInside && !this.nav.contains(active) && active !== this.langButton) panel.focus();
    }
  }

  private findFocus(key: string): HTMLElement | null {
    if (this.langButton.getAttribute("data-focus") === key) return this.langButton;
    const all = this.doc.querySelectorAll("[data-focus]");
    for (let i = 0; i < all.length; i++) {
      const el = all[i] as HTMLElement;
      if (el.getAttribute("data-focus") === key && !(el as HTMLButtonElement).disabled) return el;
    }
    return null;
  }

  private view(): HTMLElement {
    switch (this.state.tab) {
      case "status":
        return renderStatus(this);
      case "calculate":
        return renderCalculate(this);
      case "why":
        return renderWhy(this);
      case "method":
        return renderMethod(this);
      case "ballots":
        return renderBallots(this);
    }
    for (const f of this.features) if (f.id === this.state.tab) return f.render(this);
    // A feature this build does not carry (cannot happen through the tab bar).
    return renderStatus(this);
  }

  private updateProgress(): void {
    setHidden(this.progress, !this.busy);
    this.progressLabel.textContent = this.busyKey ? t(this.busyKey) : "";
    if (this.busyKey) this.progress.setAttribute("aria-label", t(this.busyKey));
    else this.progress.removeAttribute("aria-label");
    const root = this.doc.documentElement;
    if (this.busy) root.classList.add("kp-busy");
    else root.classList.remove("kp-busy");
    root.setAttribute("aria-busy", this.busy ? "true" : "false");
  }

  private switchLanguage(): void {
    const next: Lang = this.lang === "zh" ? "en" : "zh";
    // English is a chunk of its own (i18n/index.ts): fetched on the first switch, from the add-in's folder.
    void loadLanguage(next).then(
      () => this.applyLanguage(next),
      () => undefined,
    );
  }

  private applyLanguage(next: Lang): void {
    setLang(next);
    saveLang(this.storage, next);
    this.renderChrome();
    this.pendingFocus = "lang";
    this.render();
    this.announce(t("lang.switched"));
  }

  // ───────────────────────────── operations ─────────────────────────────

  /**
   * Runs one operation with the progress indicator showing and every action disabled. An Excel failure
   * becomes a message on the view that started it; the result is null then.
   */
  async run<T>(busy: MessageKey, op: () => Promise<T>, opts: { redraw?: boolean } = {}): Promise<T | null> {
    if (this.busy) return null;
    let failed = false;
    // Disabled while the operation runs, the control that started it loses the focus; it gets it back.
    const active = this.doc.activeElement;
    const focusKey = active ? active.getAttribute("data-focus") : null;
    const tab = this.state.tab;
    this.busyKey = busy;
    delete this.state.flash[tab];
    this.refreshActions();
    this.updateProgress();
    this.announce(t(busy));
    try {
      return await op();
    } catch (e) {
      // The message bar is an alert: screen readers read it when it appears.
      this.state.flash[tab] = { kind: "error", text: errorText(e) };
      failed = true;
      return null;
    } finally {
      this.busyKey = null;
      if (!this.pendingFocus && focusKey) this.pendingFocus = focusKey;
      if (failed || opts.redraw !== false) this.render();
      else {
        this.refreshActions();
        this.updateProgress();
      }
    }
  }

  private async loadMethodInto(): Promise<void> {
    const m = this.state.method;
    const r = await this.addin.readMethod();
    if (r.ok) {
      m.form = methodToForm(r.method);
      m.source = r.source;
      m.sheetErrors = [];
    } else {
      m.form = methodToForm(defaultMethod());
      m.source = "sheet";
      m.sheetErrors = r.errors;
    }
    m.saved = m.form;
    m.check = null;
    m.loaded = true;
  }

  private makeOperations(): Operations {
    const s = () => this.state;
    return {
      refresh: () => {
        void this.run("busy.inspect", async () => {
          s().inspect = await this.addin.inspect();
          this.announce(t("status.refreshed"));
        });
      },
      createTemplate: () => {
        void this.run("busy.template", async () => {
          const r = await this.addin.createTemplate();
          s().template = r;
          s().inspect = await this.addin.inspect();
          if (r.ok && r.created.length > 0 && !this.methodDirty()) await this.loadMethodInto();
          this.announce(
            r.ok
              ? r.created.length > 0
                ? t("template.created", { list: r.created.join("、") })
                : t("template.nothing")
              : t("template.failed"),
          );
        });
      },
      calculate: () => {
        const ref = normalizeDateInput(s().referenceDate);
        if (ref === null) {
          s().referenceDateError = true;
          this.pendingFocus = "calc:refdate";
          this.render();
          return;
        }
        s().referenceDateError = false;
        s().referenceDate = ref;
        s().confirmingUndo = false;
        s().recorded = null;
        void this.run("busy.calculate", async () => {
          const r = await this.calculateNow(ref);
          if (r.ok) {
            s().whyIndex = null;
            this.announce(
              t("calc.doneAnnounce", { graded: r.assessment.summary.graded, pending: r.assessment.summary.pending }),
            );
          }
          await this.refreshStatus();
        });
      },
      previewWhy: () => {
        void this.run("busy.preview", async () => {
          const r = await this.addin.preview({ today: localDay(new Date()) });
          if (r.ok) {
            s().previewed = {
              assessment: r.assessment,
              method: r.method,
              at: new Date().toISOString(),
              ballots: r.ballots,
            };
            s().previewErrors = null;
            s().whyIndex = null;
          } else {
            s().previewErrors =
              r.kind === "workbook"
                ? r.errors
                : r.errors.map((e) => ({
                    severity: "error" as const,
                    cell: "考核方法",
                    code: "method",
                    message: `${e.path}：${e.message}`,
                  }));
          }
        });
      },
      askUndo: () => {
        s().confirmingUndo = true;
        this.pendingFocus = "undo:yes";
        this.render();
      },
      cancelUndo: () => {
        s().confirmingUndo = false;
        this.pendingFocus = "calc:undo";
        this.render();
      },
      undo: () => {
        s().confirmingUndo = false;
        this.pendingFocus = "calc:undo";
        void this.run("busy.undo", async () => {
          const r = await this.addin.undoLast();
          s().undo = r;
          // The undo button is disabled once nothing is left to undo; the focus goes to 计算 then.
          this.pendingFocus = r.restored ? "calc:run" : "calc:undo";
          if (r.restored) {
            s().calc = null;
            s().scored = null;
            s().whyIndex = null;
          }
          this.announce(
            r.restored
              ? t(r.deleted ? "undo.deleted" : "undo.restored", { sheet: r.sheet, time: formatTime(r.takenAt) })
              : t("undo.notRestored", { reason: r.reason }),
          );
          try {
            s().inspect = await this.addin.inspect();
          } catch {
            // The next refresh shows it.
          }
        });
      },
      selectCell: (address: string) => {
        // Nothing of the pane changes: the view is not drawn again (a long list keeps its place).
        void this.run(
          "busy.select",
          async () => {
            await this.addin.selectCell(address);
            this.announce(t("cell.selected", { cell: address }));
          },
          { redraw: false },
        ).then(() => {
          const key = this.pendingFocus;
          this.pendingFocus = null;
          const again = key ? this.findFocus(key) : null;
          if (again && this.doc.activeElement !== again) again.focus();
        });
      },
      whyFromSelection: () => {
        const scored = s().scored;
        if (!scored) return;
        void this.run("busy.selection", async () => {
          const i = await this.addin.selectedLeaderRow(
            scored.assessment.leaders.map((l) => ({ name: l.name, unit: l.unit })),
          );
          if (i === null) {
            s().flash.why = { kind: "info", text: t("why.noSelection") };
          } else {
            s().whyIndex = i;
            this.pendingFocus = "why:heading";
          }
        });
      },
      showWhy: (index: number) => {
        s().whyIndex = index;
        delete s().flash.why;
        this.go("why", "why:heading");
      },
      reloadMethod: () => {
        void this.run("busy.readMethod", async () => {
          await this.loadMethodInto();
          // A sheet with errors says so in its own bar, with the cells.
          if (s().method.sheetErrors.length === 0) {
            const text = s().method.source === "defaults" ? t("method.loadedDefaults") : t("method.loaded");
            this.state.flash.method = { kind: "success", text };
            this.announce(text);
          }
        });
      },
      saveMethod: () => {
        const m = s().method;
        if (!m.form) return;
        const check = checkForm(m.form);
        m.check = check;
        if (!check.result.ok) {
          s().flash.method = { kind: "error", text: t("method.invalid", { n: check.count }) };
          const first = firstInvalid(check, m.form);
          this.pendingFocus = first ? `field:${first}` : "method:save";
          this.render();
          this.announce(t("method.invalid", { n: check.count }));
          return;
        }
        const form = m.form;
        void this.run("busy.saveMethod", async () => {
          const r = await this.addin.saveMethod(check.doc);
          if (r.ok) {
            m.saved = form;
            m.source = "sheet";
            m.sheetErrors = [];
            m.check = null;
            this.state.flash.method = { kind: "success", text: t("method.saved") };
            this.announce(t("method.saved"));
            try {
              s().inspect = await this.addin.inspect();
            } catch {
              // The next refresh shows it.
            }
          } else {
            m.check = {
              ...check,
              placed: placeIssues(
                r.errors,
                formFields(form).map((f) => f.path),
              ),
              count: r.errors.length,
            };
            this.state.flash.method = { kind: "error", text: t("method.invalid", { n: r.errors.length }) };
          }
        });
      },
      toggle: (key: string, open: boolean) => {
        s().expanded[key] = open;
        this.pendingFocus = `details:${key}`;
        this.render();
      },
      openDecision: (index: number) => {
        const source = s().scored ?? s().previewed;
        const l = source ? source.assessment.leaders[index] : undefined;
        if (!l) return;
        const committee = l.explain.grade.committee;
        const grade: Grade = committee ? committee.grade : isGrade(l.grade) ? l.grade : "称职";
        s().decision = { leader: index, grade, basis: committee ? committee.basis : "" };
        this.pendingFocus = "decision:grade";
        this.render();
      },
      cancelDecision: () => {
        s().decision = null;
        this.pendingFocus = "decision:open";
        this.render();
      },
      recordDecision: () => {
        const d = s().decision;
        const source = s().scored ?? s().previewed;
        const l = d && source ? source.assessment.leaders[d.leader] : undefined;
        if (!d || !l) return;
        // The date typed on 计算, when it is a date; otherwise the method's (as 计算 would refuse it).
        const ref = normalizeDateInput(s().referenceDate) ?? "";
        s().confirmingUndo = false;
        void this.run("busy.decision", async () => {
          const who = { name: l.name, unit: l.unit, employeeId: l.employeeId };
          const written = await this.addin.recordDecision({ leader: who, grade: d.grade, basis: d.basis });
          const recorded: RecordedDecision = {
            leader: d.leader,
            name: l.name,
            grade: d.grade,
            result: written,
            recalculated: false,
          };
          s().recorded = recorded;
          if (!written.ok) return;
          s().decision = null;
          const r = await this.calculateNow(ref);
          if (r.ok) {
            recorded.recalculated = true;
            // The same person in the new results (rows of 考核对象 may have moved meanwhile).
            const again = r.assessment.leaders.findIndex((x) => x.name === l.name && x.unit === l.unit);
            s().whyIndex = again >= 0 ? again : null;
            recorded.leader = again;
          }
          this.pendingFocus = "decision:done";
          this.announce(t(r.ok ? "why.decision.recalculated" : "why.decision.recalcFailed"));
          await this.refreshStatus();
        });
      },
      methodChanged: () => {
        // Only the dirty marker changes; the form itself is not drawn again while the user types.
        const marker = this.doc.getElementById("kp-method-dirty");
        if (marker) setHidden(marker, !this.methodDirty());
      },
    };
  }

  /** 计算 itself: writes 考核结果 and keeps the run for the views. */
  private async calculateNow(ref: string): Promise<CalculateResult> {
    const s = this.state;
    const r = await this.addin.calculate({
      today: localDay(new Date()),
      ...(ref ? { referenceDate: ref } : {}),
      ...(formulasMode(s) ? { formulas: true } : {}),
    });
    s.calc = r;
    s.undo = null;
    if (r.ok)
      s.scored = {
        assessment: r.assessment,
        method: r.method,
        at: new Date().toISOString(),
        titles: r.titles,
        ballots: r.ballots,
      };
    return r;
  }

  /** The status (warnings, the snapshot) after a run; its failure does not undo the run's message. */
  private async refreshStatus(): Promise<void> {
    try {
      this.state.inspect = await this.addin.inspect();
    } catch {
      // The next refresh shows it.
    }
  }

  methodDirty(): boolean {
    const m = this.state.method;
    return !!(m.form && m.saved && !sameDocument(m.form, m.saved));
  }
}

function isGrade(g: string): g is Grade {
  return g === "优秀" || g === "称职" || g === "基本称职" || g === "不称职";
}

/** The first field (in form order) with a message. */
function firstInvalid(check: FormCheck, form: MethodForm): string | null {
  for (const f of formFields(form)) if (check.placed.fields[f.path]) return f.path;
  return null;
}

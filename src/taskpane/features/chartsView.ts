/**
 * 图表: the meeting charts in the pane (issue 4) — loaded on demand as its own chunk (charts.ts), with
 * Chart.js, pptxgenjs and the chart builders.
 *
 * The charts come from the last 计算, or from a preview (preview(): scored, nothing written) when there is
 * none yet or the preview is newer. Three parts, chosen by a row of tabs:
 * - 图库: every meeting figure 01–06 (each page of a paged chart, each page of the radar small multiples),
 *   drawn lazily — a figure is rendered when its card scrolls near the screen, one at a time, at the
 *   screen's resolution for the card's width; 放大 shows it at full size; PNG at 2× or 3× renders it again
 *   at that scale and downloads it.
 * - 个人画像: a leader picker (search) and that leader's 个人考核画像 and 德能勤廉 radar, with the same actions.
 * - 插入与导出: 插入会议图表 (native Excel charts, or these renders as pictures where ExcelApi 1.9 allows),
 *   with an inline confirmation before replacing 会议图表; and 导出会议幻灯片, a .pptx built here with a
 *   progress bar, downloaded.
 * Chart content is Chinese in either language of the pane: it is what the meeting sees.
 */
import {
  leaderPortrait,
  leaderPortraits,
  leaderRadar,
  meetingFigures,
  radarContext,
  type ChartOptions,
  type ChartSpec,
  type Figure,
  type PageSpec,
} from "../../charts";
import type { RadarContext } from "../../charts/radar";
import {
  MEETING_SHEET,
  PICTURES_API,
  picturesSupported,
  type MeetingChartsResult,
  type MeetingImage,
  type MeetingSheetContents,
  type PreviewResult,
} from "../../excel/addin";
import type { ViewContext } from "../app";
import { button, messageBar } from "../components";
import { clear, h, setHidden, uid } from "../dom";
import { formatTime, localDay, normalizeDateInput } from "../format";
import type { MessageKey } from "../i18n";
import { leaderCombo } from "../views/leaderCombo";
import { flashBar } from "../views/shared";
import "./charts.css";
import {
  chartOptionsFor,
  chartSource,
  deckFraction,
  deckPictureCount,
  deckPortraits,
  displayScale,
  fileSize,
  galleryGroups,
  pngFileName,
  PICTURE_SCALE,
  PNG_SCALES,
  renderSize,
  replacedLines,
  shortList,
  type ChartSource,
  type GalleryGroup,
  type PortraitChoice,
} from "./chartsModel";
import { downloadBlob, figureDataUrl, pause, pngBlob, renderFigure } from "./chartsRender";

export interface ChartsView {
  render(ctx: ViewContext): HTMLElement;
}

export function createChartsView(): ChartsView {
  return new ChartsViewImpl();
}

type Section = "gallery" | "portrait" | "export";
const SECTIONS: readonly Section[] = ["gallery", "portrait", "export"];
const SECTION_LABELS: Record<Section, MessageKey> = {
  gallery: "charts.section.gallery",
  portrait: "charts.section.portrait",
  export: "charts.section.export",
};

/** Everything drawn from one source; built again when the source changes. */
interface Built {
  source: ChartSource;
  opts: ChartOptions;
  figures: Figure[];
  groups: GalleryGroup<Figure>[];
  rc: RadarContext;
  portraits: Map<number, { page: PageSpec; radar: ChartSpec }>;
}

/** A card waiting for its canvas. */
interface Job {
  figure: Figure;
  /** Key of the display canvas: scope, figure id, zoom. */
  key: string;
  zoom: boolean;
}

interface DeckProgress {
  done: number;
  total: number;
  packaging: boolean;
}

type PreviewFailure = Exclude<PreviewResult, { ok: true }>;

class ChartsViewImpl implements ChartsView {
  private section: Section = "gallery";
  private preview: {
    assessment: ChartSource["assessment"];
    method: ChartSource["method"];
    titles: ChartSource["titles"];
    at: string;
  } | null = null;
  private previewFailure: PreviewFailure | null = null;
  private built: Built | null = null;
  /** Display canvases by key, for the current source: a drawing of the pane puts them back in place. */
  private readonly display = new Map<string, HTMLCanvasElement>();
  /** PNG data URLs at PICTURE_SCALE of the gallery's figures (pictures on 会议图表, the deck). */
  private readonly pictures = new Map<string, string>();
  private readonly zoomed = new Set<string>();
  private leader: number | null = null;
  private query = "";
  private insertMode: "native" | "pictures" = "native";
  private insertResult: MeetingChartsResult | null = null;
  private confirming: MeetingSheetContents | null = null;
  private awaitingCalc = false;
  private calcFailed = false;
  private portraitChoice: PortraitChoice = "none";
  private deckProgress: DeckProgress | null = null;
  private deckDone: { name: string; slides: number; blob: Blob } | null = null;
  private progressEls: { root: HTMLElement; bar: HTMLElement; text: HTMLElement } | null = null;

  private ctx: ViewContext | null = null;
  private jobs = new WeakMap<Element, Job>();
  private waiting: HTMLElement[] = [];
  private queue: HTMLElement[] = [];
  private pumping = false;
  private observer: IntersectionObserver | null = null;

  render(ctx: ViewContext): HTMLElement {
    this.ctx = ctx;
    this.sync(ctx);
    this.waiting = [];
    this.progressEls = null;
    const b = this.built;
    const view = h(
      "div",
      { class: "kp-view kp-charts", "data-charts": b ? "ready" : "empty" },
      h("div", { class: "kp-view-head" }, h("h2", { class: "kp-h1" }, ctx.t("charts.title"))),
      flashBar(ctx, "charts"),
      b ? this.sourceLine(ctx, b) : this.empty(ctx),
      b ? this.sections(ctx, b) : null,
    );
    const frames = this.waiting;
    // Observed once the pane has put the view on the page.
    window.setTimeout(() => this.observe(frames), 0);
    return view;
  }

  // ───────────────────────────── the source ─────────────────────────────

  /** Follows the pane: a new 计算 (or an undo) changes what the charts show. */
  private sync(ctx: ViewContext): void {
    if (this.awaitingCalc && !ctx.busy) {
      this.awaitingCalc = false;
      this.calcFailed = !!ctx.state.calc && !ctx.state.calc.ok;
    }
    const source = chartSource(ctx.state.scored, this.preview);
    if (this.built && source && this.built.source.assessment === source.assessment) return;
    if (!this.built && !source) return;
    this.display.clear();
    this.pictures.clear();
    this.zoomed.clear();
    this.insertResult = null;
    this.confirming = null;
    this.deckDone = null;
    if (!source) {
      this.built = null;
      return;
    }
    this.calcFailed = false;
    const a = source.assessment;
    const opts = chartOptionsFor(source, localDay(new Date()));
    const figures = meetingFigures(a, opts);
    this.built = { source, opts, figures, groups: galleryGroups(figures), rc: radarContext(a), portraits: new Map() };
    if (this.leader !== null && this.leader >= a.leaders.length) this.leader = null;
    if (this.leader === null && ctx.state.whyIndex !== null && ctx.state.whyIndex < a.leaders.length)
      this.leader = ctx.state.whyIndex;
  }

  private runPreview(ctx: ViewContext): void {
    const ref = normalizeDateInput(ctx.state.referenceDate);
    void ctx.run("busy.chartsPreview", async () => {
      const r = await ctx.addin.preview({ today: localDay(new Date()), ...(ref ? { referenceDate: ref } : {}) });
      if (r.ok) {
        this.preview = {
          assessment: r.assessment,
          method: r.method,
          titles: r.titles,
          at: new Date().toISOString(),
        };
        this.previewFailure = null;
        ctx.announce(ctx.t("charts.previewDone", { n: r.assessment.leaders.length }));
      } else {
        this.previewFailure = r;
      }
    });
  }

  private empty(ctx: ViewContext): HTMLElement {
    const f = this.previewFailure;
    const failure = f
      ? messageBar(
          "error",
          [
            h(
              "p",
              null,
              f.kind === "method"
                ? ctx.t("charts.previewMethodErrors", { n: f.errors.length })
                : ctx.t("charts.previewErrors", { n: f.errors.length }),
            ),
            button(ctx, {
              label: f.kind === "method" ? ctx.t("calc.openMethod") : ctx.t("charts.seeStatus"),
              kind: "link",
              onClick: () => (f.kind === "method" ? ctx.go("method") : ctx.go("status")),
              focusKey: "charts:failure",
            }),
          ],
          { live: true },
        )
      : null;
    return h(
      "div",
      null,
      failure,
      messageBar("info", [
        h("p", null, ctx.t("charts.needData")),
        h(
          "div",
          { class: "kp-row" },
          button(ctx, {
            label: ctx.t("charts.previewButton"),
            kind: "primary",
            icon: "▦",
            onClick: () => this.runPreview(ctx),
            focusKey: "charts:preview",
          }),
          button(ctx, {
            label: ctx.t("why.goCalculate"),
            kind: "secondary",
            onClick: () => ctx.go("calculate", "calc:run"),
            focusKey: "charts:goCalculate",
          }),
        ),
      ]),
    );
  }

  private sourceLine(ctx: ViewContext, b: Built): HTMLElement {
    const s = b.source;
    const params = { time: formatTime(s.at), n: s.assessment.leaders.length };
    return h(
      "div",
      { class: "kp-charts-source", "data-source": s.kind },
      h("p", { class: "kp-muted" }, ctx.t(s.kind === "calculate" ? "charts.fromCalc" : "charts.fromPreview", params)),
      button(ctx, {
        label: ctx.t("charts.refresh"),
        kind: "link",
        icon: "↻",
        onClick: () => this.runPreview(ctx),
        focusKey: "charts:refresh",
        title: ctx.t("charts.refreshHint"),
      }),
    );
  }

  // ───────────────────────────── the three parts ─────────────────────────────

  private sections(ctx: ViewContext, b: Built): HTMLElement {
    const list = h("div", { class: "kp-subtabs", role: "tablist", "aria-label": ctx.t("charts.sections") });
    for (const id of SECTIONS) {
      const selected = id === this.section;
      const tab = h(
        "button",
        {
          type: "button",
          role: "tab",
          id: `kp-charts-tab-${id}`,
          class: `kp-subtab${selected ? " kp-subtab-selected" : ""}`,
          "aria-selected": selected ? "true" : "false",
          "aria-controls": "kp-charts-panel",
          tabindex: selected ? "0" : "-1",
          "data-focus": `charts:section:${id}`,
          "data-section": id,
        },
        ctx.t(SECTION_LABELS[id]),
      );
      tab.addEventListener("click", () => this.show(ctx, id));
      list.appendChild(tab);
    }
    list.addEventListener("keydown", (e) => {
      const i = SECTIONS.indexOf(this.section);
      let to = -1;
      if (e.key === "ArrowRight" || e.key === "Right") to = (i + 1) % SECTIONS.length;
      else if (e.key === "ArrowLeft" || e.key === "Left") to = (i + SECTIONS.length - 1) % SECTIONS.length;
      else if (e.key === "Home") to = 0;
      else if (e.key === "End") to = SECTIONS.length - 1;
      if (to < 0) return;
      e.preventDefault();
      this.show(ctx, SECTIONS[to]);
    });
    const body =
      this.section === "gallery"
        ? this.gallery(ctx, b)
        : this.section === "portrait"
          ? this.portrait(ctx, b)
          : this.exports(ctx, b);
    return h(
      "div",
      null,
      list,
      h(
        "div",
        {
          class: "kp-charts-panel",
          role: "tabpanel",
          id: "kp-charts-panel",
          "aria-labelledby": `kp-charts-tab-${this.section}`,
          "data-section": this.section,
        },
        body,
      ),
    );
  }

  private show(ctx: ViewContext, section: Section): void {
    this.section = section;
    ctx.focusAfterRender(`charts:section:${section}`);
    ctx.render();
  }

  private gallery(ctx: ViewContext, b: Built): HTMLElement[] {
    const nav = h(
      "nav",
      { class: "kp-figure-nav", "aria-label": ctx.t("charts.jump") },
      b.groups.map((g) =>
        button(ctx, {
          label:
            g.figures.length > 1
              ? ctx.t("charts.groupPages", { name: `${g.number} ${g.name}`, n: g.figures.length })
              : `${g.number} ${g.name}`,
          kind: "subtle",
          onClick: () => {
            // To the group's first figure: its title takes the focus (and scrolls into view).
            const el = document.getElementById(`kp-charts-group-${g.key}`);
            if (el) el.focus();
          },
          focusKey: `charts:jump:${g.key}`,
        }),
      ),
    );
    const groups = b.groups.map((g) =>
      h(
        "section",
        { class: "kp-figure-group", "aria-label": `${g.number} ${g.name}`, "data-group": g.key },
        g.figures.map((f, i) => this.card(ctx, f, "g", i === 0 ? `kp-charts-group-${g.key}` : undefined)),
      ),
    );
    return [h("p", { class: "kp-hint" }, ctx.t("charts.galleryHint")), nav, ...groups];
  }

  private portraitOf(b: Built, index: number): { page: PageSpec; radar: ChartSpec } {
    let p = b.portraits.get(index);
    if (!p) {
      const a = b.source.assessment;
      const l = a.leaders[index];
      p = {
        page: leaderPortrait(a, l, b.opts, b.rc),
        radar: leaderRadar(a, l, b.opts, { standalone: true }, b.rc),
      };
      b.portraits.set(index, p);
    }
    return p;
  }

  private portrait(ctx: ViewContext, b: Built): HTMLElement[] {
    const leaders = b.source.assessment.leaders;
    const combo = leaderCombo(ctx, {
      leaders,
      query: this.query,
      onQuery: (q) => {
        this.query = q;
      },
      onPick: (i) => {
        this.leader = i;
        ctx.focusAfterRender("charts:leader");
        ctx.render();
        ctx.announce(ctx.t("charts.leaderShown", { name: leaders[i].name }));
      },
      label: ctx.t("why.search"),
      placeholder: ctx.t("why.searchPlaceholder"),
      focusKey: "charts:search",
    });
    const out: HTMLElement[] = [combo];
    if (this.leader === null) {
      out.push(h("p", { class: "kp-muted" }, ctx.t("charts.pickLeader")));
      return out;
    }
    const l = leaders[this.leader];
    const p = this.portraitOf(b, this.leader);
    out.push(
      h(
        "h3",
        { class: "kp-h2 kp-charts-leader", id: "kp-charts-leader", tabindex: "-1", "data-focus": "charts:leader" },
        l.name,
      ),
      h("p", { class: "kp-muted" }, [l.unit, l.position].filter((x) => x !== "").join(" · ")),
      this.card(ctx, p.page, "p"),
      this.card(ctx, p.radar, "p"),
    );
    return out;
  }

  // ───────────────────────────── a figure's card ─────────────────────────────

  /** A figure with its title, its canvas and its actions; `anchor`: an id for the title, to jump to. */
  private card(ctx: ViewContext, figure: Figure, scope: "g" | "p", anchor?: string): HTMLElement {
    const base = `${scope}:${figure.id}`;
    const zoom = this.zoomed.has(base);
    const key = zoom ? `${base}@zoom` : base;
    const titleId = anchor ?? uid("kp-figure-title");
    const box = h("div", { class: "kp-figure-box" });
    if (zoom) {
      box.style.width = `${figure.width}px`;
      box.style.height = `${figure.height}px`;
    } else box.style.paddingTop = `${((figure.height / figure.width) * 100).toFixed(3)}%`;
    const frame = h(
      "div",
      {
        class: `kp-figure-frame${zoom ? " kp-figure-zoomed" : ""}`,
        "data-state": "pending",
        // At full size the frame scrolls: a tab stop, so that the keyboard can scroll it.
        tabindex: zoom ? "0" : null,
        role: zoom ? "region" : null,
        "aria-label": zoom ? ctx.t("charts.zoomedLabel", { title: figure.title }) : null,
      },
      box,
    );
    const cached = this.display.get(key);
    if (cached) {
      this.place(box, cached, figure);
      frame.setAttribute("data-state", "rendered");
    } else {
      box.appendChild(h("span", { class: "kp-figure-wait" }, ctx.t("charts.drawing")));
      this.jobs.set(frame, { figure, key, zoom });
      this.waiting.push(frame);
    }
    const zoomButton = button(ctx, {
      label: ctx.t(zoom ? "charts.zoomOut" : "charts.zoomIn"),
      kind: "subtle",
      icon: zoom ? "−" : "+",
      onClick: () => {
        if (zoom) this.zoomed.delete(base);
        else this.zoomed.add(base);
        ctx.focusAfterRender(`fig:${base}:zoom`);
        ctx.render();
      },
      focusKey: `fig:${base}:zoom`,
      ariaLabel: ctx.t(zoom ? "charts.zoomOutLabel" : "charts.zoomInLabel", { title: figure.title }),
    });
    zoomButton.setAttribute("aria-pressed", zoom ? "true" : "false");
    const pngs = PNG_SCALES.map((scale) => {
      const size = renderSize(figure, scale);
      return button(ctx, {
        label: ctx.t("charts.png", { scale }),
        kind: "secondary",
        icon: "↓",
        onClick: () => this.downloadPng(ctx, figure, scale),
        focusKey: `fig:${base}:png${scale}`,
        ariaLabel: ctx.t("charts.pngLabel", { title: figure.title, scale, width: size.width, height: size.height }),
        title: ctx.t("charts.pngTitle", { width: size.width, height: size.height }),
      });
    });
    return h(
      "figure",
      {
        class: "kp-figure",
        "data-figure": figure.id,
        "data-kind": figure.kind,
        "data-width": String(figure.width),
        "data-height": String(figure.height),
        "aria-labelledby": titleId,
      },
      // The subtitle is on the figure itself (and in the canvas's label); the title is repeated as text, large
      // enough to read beside a thumbnail, and as the target of the jump buttons.
      h(
        "figcaption",
        { class: "kp-figure-caption" },
        h("span", { class: "kp-figure-title", id: titleId, tabindex: anchor ? "-1" : null }, figure.title),
      ),
      frame,
      h("div", { class: "kp-row kp-figure-actions" }, zoomButton, ...pngs),
    );
  }

  private place(box: HTMLElement, canvas: HTMLCanvasElement, figure: Figure): void {
    clear(box);
    canvas.className = "kp-figure-canvas";
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", figure.subtitle ? `${figure.title}。${figure.subtitle}` : figure.title);
    box.appendChild(canvas);
  }

  /** Renders the waiting cards as they come near the screen (all of them where the browser cannot tell). */
  private observe(frames: HTMLElement[]): void {
    if (this.observer) this.observer.disconnect();
    this.observer = null;
    this.queue = [];
    if (frames.length === 0) return;
    if (typeof IntersectionObserver === "undefined") {
      for (const f of frames) this.enqueue(f);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          if (!e.isIntersecting) continue;
          observer.unobserve(e.target);
          this.enqueue(e.target as HTMLElement);
        }
      },
      { rootMargin: "400px 0px" },
    );
    this.observer = observer;
    for (const f of frames) observer.observe(f);
  }

  private enqueue(frame: HTMLElement): void {
    this.queue.push(frame);
    if (this.pumping) return;
    this.pumping = true;
    // One figure per task: the pane stays responsive while a long gallery fills.
    const step = () => {
      const next = this.queue.shift();
      if (!next) {
        this.pumping = false;
        return;
      }
      this.draw(next);
      window.setTimeout(step, 0);
    };
    window.setTimeout(step, 0);
  }

  private draw(frame: HTMLElement): void {
    const job = this.jobs.get(frame);
    if (!job || !document.body.contains(frame) || frame.getAttribute("data-state") !== "pending") return;
    const box = frame.firstElementChild as HTMLElement;
    try {
      let canvas = this.display.get(job.key);
      if (!canvas) {
        const dpr = window.devicePixelRatio || 1;
        const scale = job.zoom ? Math.min(4, Math.max(1, dpr)) : displayScale(box.clientWidth, job.figure.width, dpr);
        canvas = renderFigure(job.figure, scale);
        this.display.set(job.key, canvas);
      }
      this.place(box, canvas, job.figure);
      frame.setAttribute("data-state", "rendered");
    } catch (e) {
      frame.setAttribute("data-state", "failed");
      clear(box);
      const detail = e instanceof Error ? e.message : String(e);
      box.appendChild(
        h(
          "span",
          { class: "kp-figure-wait kp-figure-failed" },
          this.ctx ? this.ctx.t("charts.drawFailed", { detail }) : detail,
        ),
      );
    }
  }

  private downloadPng(ctx: ViewContext, figure: Figure, scale: number): void {
    void ctx.run(
      "busy.chartsPng",
      async () => {
        await pause();
        const blob = await pngBlob(renderFigure(figure, scale));
        const name = pngFileName(figure, scale);
        downloadBlob(blob, name);
        ctx.announce(ctx.t("charts.pngSaved", { file: name }));
      },
      { redraw: false },
    );
  }

  // ───────────────────────────── 插入会议图表 and 导出会议幻灯片 ─────────────────────────────

  private canPictures(ctx: ViewContext): boolean {
    return !!ctx.state.supports && picturesSupported(ctx.state.supports);
  }

  private exports(ctx: ViewContext, b: Built): HTMLElement[] {
    return [this.insertPart(ctx, b), this.deckPart(ctx, b)];
  }

  private radio(
    name: string,
    value: string,
    checked: boolean,
    disabled: boolean,
    label: string,
    hint: string | null,
    focusKey: string,
    onChange: () => void,
  ): HTMLElement {
    const id = uid(`kp-${name}`);
    const hintId = hint ? `${id}-hint` : null;
    const input = h("input", {
      type: "radio",
      class: "kp-radio-input",
      name,
      id,
      value,
      checked,
      disabled,
      "data-focus": focusKey,
      "aria-describedby": hintId,
    });
    input.addEventListener("change", () => {
      if (input.checked) onChange();
    });
    return h(
      "div",
      { class: `kp-radio${disabled ? " kp-radio-disabled" : ""}` },
      input,
      h(
        "label",
        { for: id, class: "kp-radio-label" },
        h("span", null, label),
        hint ? h("span", { class: "kp-hint", id: hintId }, hint) : null,
      ),
    );
  }

  private insertPart(ctx: ViewContext, b: Built): HTMLElement {
    const pictures = this.canPictures(ctx);
    if (!pictures) this.insertMode = "native";
    const modes = h(
      "fieldset",
      { class: "kp-fieldset" },
      h("legend", { class: "kp-label" }, ctx.t("charts.mode")),
      this.radio(
        "kp-charts-mode",
        "native",
        this.insertMode === "native",
        false,
        ctx.t("charts.modeNative"),
        ctx.t("charts.modeNativeHint"),
        "charts:mode:native",
        () => {
          this.insertMode = "native";
        },
      ),
      this.radio(
        "kp-charts-mode",
        "pictures",
        this.insertMode === "pictures",
        !pictures,
        ctx.t("charts.modePictures"),
        pictures ? ctx.t("charts.modePicturesHint") : ctx.t("charts.modePicturesNeeds", { set: PICTURES_API }),
        "charts:mode:pictures",
        () => {
          this.insertMode = "pictures";
        },
      ),
    );
    return h(
      "section",
      { class: "kp-section kp-charts-insert", "aria-labelledby": "kp-charts-insert-title" },
      h("h3", { class: "kp-h2", id: "kp-charts-insert-title" }, ctx.t("charts.insertTitle")),
      h("p", { class: "kp-muted" }, ctx.t("charts.insertIntro", { sheet: MEETING_SHEET })),
      modes,
      this.nativeList(ctx),
      h(
        "div",
        { class: "kp-row" },
        button(ctx, {
          label: ctx.t("charts.insertButton"),
          kind: "primary",
          icon: "▤",
          onClick: () => this.insert(ctx, b, false),
          focusKey: "charts:insert",
        }),
      ),
      this.confirming ? this.confirmBox(ctx, b, this.confirming) : null,
      this.insertOutcome(ctx),
    );
  }

  /** What native mode inserts of each meeting chart, in the gallery's 00–06 order, and what it leaves out. */
  private nativeList(ctx: ViewContext): HTMLElement {
    const keys = [
      "charts.native00",
      "charts.native01",
      "charts.native02",
      "charts.native03",
      "charts.native04",
      "charts.native05",
      "charts.native06",
    ] as const;
    return h(
      "div",
      { class: "kp-native-list" },
      h("p", { class: "kp-label" }, ctx.t("charts.nativeListTitle")),
      h("ul", { class: "kp-lines kp-small kp-muted" }, ...keys.map((k) => h("li", { "data-native": k }, ctx.t(k)))),
    );
  }

  private async meetingImages(b: Built): Promise<MeetingImage[]> {
    const out: MeetingImage[] = [];
    for (const f of b.figures) {
      let url = this.pictures.get(f.id);
      if (!url) {
        url = figureDataUrl(f, PICTURE_SCALE);
        this.pictures.set(f.id, url);
        await pause();
      }
      const size = renderSize(f, PICTURE_SCALE);
      out.push({ name: f.fileName, title: f.title, base64: url, width: size.width, height: size.height });
    }
    return out;
  }

  private insert(ctx: ViewContext, b: Built, replace: boolean): void {
    const mode = this.insertMode === "pictures" && this.canPictures(ctx) ? "pictures" : "native";
    this.confirming = null;
    this.calcFailed = false;
    void ctx.run(mode === "pictures" ? "busy.chartsPictures" : "busy.chartsInsert", async () => {
      const images = mode === "pictures" ? await this.meetingImages(b) : undefined;
      const r = await ctx.addin.insertMeetingCharts({
        today: b.opts.date,
        mode,
        ...(images ? { images } : {}),
        assessment: b.source.assessment,
        replace,
        ...(b.opts.year ? { year: b.opts.year } : {}),
        ...(b.opts.scope ? { scope: b.opts.scope } : {}),
        ...(b.opts.bands ? { bands: b.opts.bands } : {}),
        ...(b.opts.quotaGroupColumn ? { quotaGroupColumn: b.opts.quotaGroupColumn } : {}),
      });
      this.insertResult = r;
      if (!r.ok && r.kind === "confirmReplace") {
        this.confirming = r.existing;
        ctx.focusAfterRender("charts:replace:yes");
        ctx.announce(ctx.t("charts.replaceTitle", { sheet: MEETING_SHEET }));
      } else if (r.ok) {
        ctx.announce(this.insertedText(ctx, r));
        ctx.focusAfterRender("charts:insert");
      }
    });
  }

  private insertedText(ctx: ViewContext, r: Extract<MeetingChartsResult, { ok: true }>): string {
    return r.mode === "pictures"
      ? ctx.t("charts.insertedPictures", { n: r.pictures.length, sheet: r.sheet })
      : ctx.t("charts.inserted", { n: r.charts.length, sheet: r.sheet });
  }

  private confirmBox(ctx: ViewContext, b: Built, existing: MeetingSheetContents): HTMLElement {
    const titleId = uid("kp-confirm-title");
    const textId = uid("kp-confirm-text");
    const sep = ctx.lang === "zh" ? "、" : ", ";
    const lines = replacedLines(existing).map((line) => {
      const { shown, more } = shortList(line.items);
      const list = shown.join(sep) + (more > 0 ? ctx.t("charts.andMore", { n: more }) : "");
      const text =
        line.kind === "charts"
          ? ctx.t("charts.replaceCharts", { n: line.items.length, list })
          : line.kind === "pictures"
            ? ctx.t("charts.replacePictures", { n: line.items.length, list })
            : ctx.t("charts.replaceCells", { range: list });
      return h("li", { "data-replaced": line.kind }, text);
    });
    const cancel = () => {
      this.confirming = null;
      this.insertResult = null;
      ctx.focusAfterRender("charts:insert");
      ctx.render();
    };
    const box = h(
      "div",
      { class: "kp-confirm", role: "alertdialog", "aria-labelledby": titleId, "aria-describedby": textId },
      h("h3", { class: "kp-confirm-title", id: titleId }, ctx.t("charts.replaceTitle", { sheet: MEETING_SHEET })),
      h(
        "div",
        { id: textId },
        h("p", { class: "kp-confirm-text" }, ctx.t("charts.replaceIntro", { sheet: MEETING_SHEET })),
        lines.length > 0 ? h("ul", { class: "kp-lines kp-replaced" }, lines) : null,
        h("p", { class: "kp-confirm-text" }, ctx.t("charts.replaceWarn")),
      ),
      h(
        "div",
        { class: "kp-row kp-row-end" },
        button(ctx, {
          label: ctx.t("charts.replaceConfirm"),
          kind: "primary",
          onClick: () => this.insert(ctx, b, true),
          focusKey: "charts:replace:yes",
        }),
        button(ctx, { label: ctx.t("undo.cancel"), kind: "secondary", onClick: cancel, focusKey: "charts:replace:no" }),
      ),
    );
    box.addEventListener("keydown", (e) => {
      if (e.key === "Escape" || e.key === "Esc") {
        e.preventDefault();
        cancel();
      }
    });
    return box;
  }

  private insertOutcome(ctx: ViewContext): HTMLElement | null {
    const r = this.insertResult;
    // A failure to show, with the way to 计算, where its errors are listed.
    const failed = (text: string) =>
      messageBar(
        "error",
        [
          h("p", null, text),
          button(ctx, {
            label: ctx.t("charts.openCalculate"),
            kind: "link",
            onClick: () => ctx.go("calculate", "calc:run"),
            focusKey: "charts:openCalculate",
          }),
        ],
        { live: true },
      );
    if (this.calcFailed) return failed(ctx.t("charts.calcFailed"));
    if (!r || (!r.ok && r.kind === "confirmReplace")) return null;
    if (r.ok) {
      const list = r.mode === "pictures" ? r.pictures : r.charts.map((c) => c.title);
      return h(
        "div",
        { class: "kp-charts-outcome", "data-outcome": "inserted" },
        messageBar(
          "success",
          [
            h("p", null, this.insertedText(ctx, r)),
            r.replaced ? h("p", { class: "kp-small" }, ctx.t("charts.replacedDone", { sheet: r.sheet })) : null,
            h(
              "ul",
              { class: "kp-lines kp-inserted" },
              list.map((x) => h("li", null, x)),
            ),
            button(ctx, {
              label: ctx.t("charts.openSheet", { sheet: r.sheet }),
              kind: "link",
              onClick: () => ctx.ops.selectCell(r.sheet),
              focusKey: "charts:openSheet",
            }),
          ],
          { title: ctx.t("charts.insertedTitle") },
        ),
        r.fallback ? messageBar("warning", r.fallback, { live: true }) : null,
      );
    }
    if (r.kind === "noResults" || r.kind === "staleResults") {
      return h(
        "div",
        { class: "kp-charts-outcome", "data-outcome": r.kind },
        messageBar(
          "warning",
          [
            h("p", null, r.message),
            button(ctx, {
              label: ctx.t("charts.runCalculate"),
              kind: "primary",
              icon: "▸",
              onClick: () => {
                this.awaitingCalc = true;
                ctx.ops.calculate();
              },
              focusKey: "charts:calculate",
            }),
          ],
          { live: true, title: ctx.t("charts.needCalcTitle") },
        ),
      );
    }
    const errors = r.kind === "method" || r.kind === "workbook" ? r.errors.length : 0;
    return failed(
      r.kind === "method"
        ? ctx.t("charts.previewMethodErrors", { n: errors })
        : ctx.t("charts.previewErrors", { n: errors }),
    );
  }

  private deckPart(ctx: ViewContext, b: Built): HTMLElement {
    const leaders = b.source.assessment.leaders;
    const picked = this.leader !== null ? leaders[this.leader] : null;
    if (this.portraitChoice === "picked" && !picked) this.portraitChoice = "none";
    const choice = (value: PortraitChoice, label: string, disabled: boolean) =>
      this.radio(
        "kp-charts-portraits",
        value,
        this.portraitChoice === value,
        disabled,
        label,
        null,
        `charts:portraits:${value}`,
        () => {
          this.portraitChoice = value;
        },
      );
    const progress = this.deckProgress ? this.progressBar(ctx, this.deckProgress) : null;
    const done = this.deckDone;
    return h(
      "section",
      { class: "kp-section kp-charts-deck", "aria-labelledby": "kp-charts-deck-title" },
      h("h3", { class: "kp-h2", id: "kp-charts-deck-title" }, ctx.t("charts.deckTitle")),
      h("p", { class: "kp-muted" }, ctx.t("charts.deckIntro")),
      h(
        "fieldset",
        { class: "kp-fieldset" },
        h("legend", { class: "kp-label" }, ctx.t("charts.portraits")),
        choice("none", ctx.t("charts.portraitsNone"), false),
        choice(
          "picked",
          picked ? ctx.t("charts.portraitsPicked", { name: picked.name }) : ctx.t("charts.portraitsPickedNone"),
          !picked,
        ),
        choice("all", ctx.t("charts.portraitsAll", { n: leaders.length }), false),
      ),
      h(
        "div",
        { class: "kp-row" },
        button(ctx, {
          label: ctx.t("charts.deckButton"),
          kind: "primary",
          icon: "↓",
          onClick: () => this.exportDeck(ctx, b),
          focusKey: "charts:deck",
        }),
      ),
      progress,
      done && !this.deckProgress
        ? messageBar(
            "success",
            [
              h(
                "p",
                { "data-deck": "done" },
                ctx.t("charts.deckDone", { file: done.name, slides: done.slides, size: fileSize(done.blob.size) }),
              ),
              button(ctx, {
                label: ctx.t("charts.deckAgain"),
                kind: "link",
                onClick: () => downloadBlob(done.blob, done.name),
                focusKey: "charts:deckAgain",
              }),
            ],
            { title: ctx.t("charts.deckDoneTitle") },
          )
        : null,
    );
  }

  private progressBar(ctx: ViewContext, p: DeckProgress): HTMLElement {
    const bar = h("div", { class: "kp-deck-bar" });
    const text = h("p", { class: "kp-small kp-deck-text" });
    const root = h(
      "div",
      {
        class: "kp-deck-progress",
        role: "progressbar",
        "aria-valuemin": "0",
        "aria-valuemax": "100",
        "aria-label": ctx.t("charts.deckProgress"),
      },
      h("div", { class: "kp-deck-track" }, bar),
      text,
    );
    this.progressEls = { root, bar, text };
    this.paintProgress(ctx, p);
    return root;
  }

  private paintProgress(ctx: ViewContext, p: DeckProgress): void {
    const els = this.progressEls;
    if (!els) return;
    const pct = Math.round(deckFraction(p.done, p.total, p.packaging) * 100);
    els.bar.style.width = `${pct}%`;
    els.root.setAttribute("aria-valuenow", String(pct));
    els.text.textContent = p.packaging
      ? ctx.t("charts.deckPackaging")
      : ctx.t("charts.deckDrawing", { done: Math.min(p.done, p.total), total: p.total });
    setHidden(els.root, false);
  }

  private exportDeck(ctx: ViewContext, b: Built): void {
    const a = b.source.assessment;
    const portraits = deckPortraits(this.portraitChoice, this.leader);
    const pages = Array.isArray(portraits)
      ? portraits.map((i: number) => this.portraitOf(b, i).page)
      : portraits === false
        ? []
        : leaderPortraits(a, b.opts);
    const progress: DeckProgress = { done: 0, total: deckPictureCount(b.figures, pages), packaging: false };
    this.deckDone = null;
    void ctx.run("busy.chartsDeck", async () => {
      this.deckProgress = progress;
      ctx.render();
      try {
        // pptxgenjs is the largest part of the chart code: its chunk comes only when a deck is wanted.
        const { buildDeck, deckFileName, PPTX_MIME } = await import(/* webpackChunkName: "deck" */ "../../deck/deck");
        const deck = await buildDeck(a, {
          date: b.opts.date,
          ...(b.opts.year ? { year: b.opts.year } : {}),
          ...(b.opts.scope ? { scope: b.opts.scope } : {}),
          ...(b.opts.bands ? { bands: b.opts.bands } : {}),
          ...(b.opts.quotaGroupColumn ? { quotaGroupColumn: b.opts.quotaGroupColumn } : {}),
          portraits,
          images: async (figure) => {
            // The deck asks for its pictures bare (no title drawn in): not the gallery's renders.
            const url = figureDataUrl(figure, PICTURE_SCALE);
            progress.done++;
            if (progress.done >= progress.total) progress.packaging = true;
            this.paintProgress(ctx, progress);
            await pause();
            return url;
          },
        });
        progress.packaging = true;
        const name = deckFileName(a, { date: b.opts.date, year: b.opts.year });
        const blob = new Blob([deck.bytes as Uint8Array<ArrayBuffer>], { type: PPTX_MIME });
        downloadBlob(blob, name);
        this.deckDone = { name, slides: deck.slides.length, blob };
        ctx.announce(ctx.t("charts.deckDone", { file: name, slides: deck.slides.length, size: fileSize(blob.size) }));
      } finally {
        this.deckProgress = null;
      }
    });
  }
}

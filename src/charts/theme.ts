/**
 * Colours, fonts and sizes of every meeting chart. Grade colours come from workbook/gradeColors.ts, so the
 * 考核结果 sheet, the pane, the PNGs, the workbook charts and the deck agree.
 *
 * Grey-scale print: the grade colours are fixed and two of them (称职, 不称职) are close in lightness, so
 * meaning never rests on colour alone — bars carry their grade as text, 不称职 is hatched, scatter points
 * have a shape per grade, and the over/under colours differ in lightness and the under one is hatched.
 */
import type { FontSpec } from "chart.js";
import { GRADE_COLORS, type GradeLabel } from "../workbook/gradeColors";

/** Faces a Simplified-Chinese reader has, in order of preference, then the generic family. */
export const FONT_STACK: readonly string[] = [
  "Microsoft YaHei",
  "PingFang SC",
  "Noto Sans CJK SC",
  "WenQuanYi Micro Hei",
  "sans-serif",
];

export interface Theme {
  /** A CSS font-family list. */
  fontFamily: string;
  background: string;
  text: string;
  muted: string;
  grid: string;
  axis: string;
  grades: Readonly<Record<GradeLabel, string>>;
  /** Actual at or above target. */
  over: string;
  /** Actual below target (also hatched). */
  under: string;
  /** The bullet's track from 0 to target. */
  track: string;
  /** The target mark at 100%. */
  target: string;
  average: string;
  median: string;
  /** The 1/3 and 2/3 vote lines. */
  threshold: string;
  quota: string;
  /** Marks that need attention (capped leaders' names). */
  alert: string;
  hatch: string;
  /** The grade band lines (90 / 70 / 60) and iso-lines of F. */
  band: string;
  /** Badges on bars: a rule that lowered the grade, one the committee must still decide, a committee decision. */
  badge: { rule: BadgeLook; open: BadgeLook; committee: BadgeLook };
  /** Variance bars (经营指标): better and worse than target. */
  positive: string;
  negative: string;
  /** Heat-map fills: well above, above, below, well below the group's mean. */
  heat: { high2: string; high1: string; low1: string; low2: string };
  /** Font sizes in CSS px at 1×. */
  size: {
    title: number;
    subtitle: number;
    legend: number;
    axisTitle: number;
    tick: number;
    label: number;
    note: number;
    source: number;
  };
}

/** `"A", "B", sans-serif` — generic families stay unquoted. */
export function fontFamilyList(families: readonly string[]): string {
  const generic = new Set(["serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"]);
  return families.map((f) => (generic.has(f) ? f : `"${f.replace(/"/g, "")}"`)).join(", ");
}

export interface BadgeLook {
  fill: string;
  stroke: string;
  text: string;
  dash?: number[];
}

export interface ThemeOptions {
  /** A family to put before the stack — in Node, the face registered from a font file. */
  leadingFont?: string;
}

export function defaultTheme(opts: ThemeOptions = {}): Theme {
  const families = opts.leadingFont
    ? [opts.leadingFont, ...FONT_STACK.filter((f) => f !== opts.leadingFont)]
    : [...FONT_STACK];
  return {
    fontFamily: fontFamilyList(families),
    background: "#FFFFFF",
    text: "#1F2937",
    muted: "#5B6472",
    grid: "#E3E6EA",
    axis: "#9AA1AB",
    grades: GRADE_COLORS,
    over: "#2F6EA5",
    under: "#E8923A",
    track: "#E6E8EB",
    target: "#111827",
    average: "#374151",
    median: "#6B7280",
    threshold: "#7F1D1D",
    quota: "#B42318",
    alert: "#B42318",
    hatch: "rgba(31, 41, 55, 0.55)",
    band: "#475467",
    badge: {
      rule: { fill: "#FEF3F2", stroke: "#D92D20", text: "#B42318" },
      open: { fill: "#FFFAEB", stroke: "#B54708", text: "#93370D", dash: [3, 2] },
      committee: { fill: "#EFF4FF", stroke: "#1849A9", text: "#1849A9" },
    },
    positive: "#3B7D3F",
    negative: "#C4320A",
    heat: { high2: "#7FB3D5", high1: "#D4E6F1", low1: "#FAD7B5", low2: "#F0A064" },
    size: { title: 24, subtitle: 15, legend: 14, axisTitle: 14, tick: 13, label: 13, note: 13, source: 12 },
  };
}

export function font(theme: Theme, size: number, weight: "normal" | "bold" = "normal"): Partial<FontSpec> {
  return { family: theme.fontFamily, size, weight, lineHeight: 1.25 };
}

/** `bold 14px "A", "B"` for a canvas context. */
export function cssFont(theme: Theme, size: number, weight: "normal" | "bold" = "normal"): string {
  return `${weight === "bold" ? "bold " : ""}${size}px ${theme.fontFamily}`;
}

/** A colour darkened (factor < 1) or lightened towards white (factor > 1); `#RRGGBB` in and out. */
export function shade(hex: string, factor: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return hex;
  const n = parseInt(m[1], 16);
  const channels = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) =>
    Math.round(factor <= 1 ? c * factor : c + (255 - c) * Math.min(1, factor - 1)),
  );
  return `#${channels
    .map((c) => c.toString(16).padStart(2, "0"))
    .join("")
    .toUpperCase()}`;
}

/** `#RRGGBB` with an alpha, as rgba(). */
export function alpha(hex: string, a: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return hex;
  const n = parseInt(m[1], 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
}

/** Scatter point shape per grade: the grade still reads in grey-scale print. */
export const GRADE_POINT_STYLE: Readonly<
  Record<GradeLabel, "triangle" | "circle" | "rect" | "crossRot" | "rectRot" | "star">
> = {
  优秀: "triangle",
  称职: "circle",
  基本称职: "rect",
  不称职: "crossRot",
  暂缓评定: "rectRot",
  不定等次: "star",
};

/** Grades drawn with a hatch on top of their fill (close in grey to another grade). */
export const HATCHED_GRADES: ReadonlySet<GradeLabel> = new Set<GradeLabel>(["不称职"]);

/**
 * 暂缓评定 and 不定等次 are not grades: wherever they are drawn beside the four grades they look unlike them —
 * dotted outline, no solid edge, hollow markers — so that nobody counts them as a grade.
 */
export const NOT_GRADES: ReadonlySet<GradeLabel> = new Set<GradeLabel>(["暂缓评定", "不定等次"]);
export const NOT_GRADE_DASH = [4, 3];

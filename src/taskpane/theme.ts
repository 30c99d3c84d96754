/**
 * The pane follows Office's theme: Office.context.officeTheme when the host gives one (its body and
 * control colours are used as they are, and a dark body switches the pane's dark palette), otherwise the
 * system's prefers-color-scheme. The palette itself is CSS (taskpane.css, `.kp-dark`).
 */

export interface OfficeThemeLike {
  bodyBackgroundColor?: string;
  bodyForegroundColor?: string;
  controlBackgroundColor?: string;
  controlForegroundColor?: string;
  isDarkTheme?: boolean;
}

/** Relative luminance (0 black … 1 white) of `#rgb`/`#rrggbb`; null for anything else. */
export function luminance(color: string | undefined): number | null {
  if (!color) return null;
  let hex = color.trim().replace(/^#/, "");
  if (/^[0-9a-f]{3}$/i.test(hex))
    hex = hex.charAt(0) + hex.charAt(0) + hex.charAt(1) + hex.charAt(1) + hex.charAt(2) + hex.charAt(2);
  if (!/^[0-9a-f]{6}$/i.test(hex)) return null;
  const ch = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * ch(0) + 0.7152 * ch(2) + 0.0722 * ch(4);
}

export interface ThemeChoice {
  dark: boolean;
  /** CSS custom properties to set on <html> (the Office theme's own colours). */
  properties: Record<string, string>;
}

/** What the pane should look like for this Office theme (if any) and system preference. */
export function chooseTheme(office: OfficeThemeLike | null | undefined, prefersDark: boolean): ThemeChoice {
  if (!office || !office.bodyBackgroundColor) return { dark: prefersDark, properties: {} };
  const lum = luminance(office.bodyBackgroundColor);
  const dark = typeof office.isDarkTheme === "boolean" ? office.isDarkTheme : lum !== null ? lum < 0.3 : prefersDark;
  const properties: Record<string, string> = {};
  const put = (name: string, v: string | undefined) => {
    if (v && luminance(v) !== null) properties[name] = v;
  };
  put("--kp-bg", office.bodyBackgroundColor);
  put("--kp-fg", office.bodyForegroundColor);
  put("--kp-control-bg", office.controlBackgroundColor);
  put("--kp-control-fg", office.controlForegroundColor);
  return { dark, properties };
}

const ALL_PROPERTIES = ["--kp-bg", "--kp-fg", "--kp-control-bg", "--kp-control-fg"];

export function applyTheme(doc: Document, choice: ThemeChoice): void {
  const root = doc.documentElement;
  if (choice.dark) root.classList.add("kp-dark");
  else root.classList.remove("kp-dark");
  for (const name of ALL_PROPERTIES) {
    if (choice.properties[name]) root.style.setProperty(name, choice.properties[name]);
    else root.style.removeProperty(name);
  }
}

function officeTheme(): OfficeThemeLike | null {
  try {
    const o = typeof Office !== "undefined" ? Office : undefined;
    const theme = o && o.context ? (o.context as { officeTheme?: OfficeThemeLike }).officeTheme : undefined;
    return theme || null;
  } catch {
    return null;
  }
}

/** Applies the theme now and again when the system preference changes. */
export function followTheme(doc: Document, win: Window): void {
  const mq = typeof win.matchMedia === "function" ? win.matchMedia("(prefers-color-scheme: dark)") : null;
  const update = () => applyTheme(doc, chooseTheme(officeTheme(), mq ? mq.matches : false));
  update();
  if (mq && typeof mq.addListener === "function") mq.addListener(update);
}

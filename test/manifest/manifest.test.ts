/**
 * Offline structural test of manifest.xml (Microsoft's validator needs its online service): well-formed,
 * elements in the order the schema requires (OfficeAppManifestV1_1.xsd, TaskPaneAppVersionOverridesV1_0.xsd,
 * OfficeAppBasicTypesV1_0.xsd — an element out of order stops the add-in from loading), a GUID Id, a
 * four-part Version, https everywhere, every resid defined, every icon present at its size, en-US
 * overrides, the requirement set scoring needs — and the production URL replacement. Microsoft's schemas
 * themselves: schema.test.ts.
 */
import { spawnSync } from "node:child_process";
import { FEATURES } from "../../src/excel/session";
import { existsSync, readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  DEV_ORIGIN,
  DEV_URL,
  manifestForPublicUrl,
  normalizePublicUrl,
  publicUrlFromEnv,
} from "../../scripts/manifest-url.js";
import { child, childrenNamed, manifestUrls, parseXml, pngSize, walk, type XmlElement } from "./manifestXml";
import { skipWithout } from "../support/tools";

const ROOT = resolve(__dirname, "../..");
const MANIFEST_PATH = resolve(ROOT, "manifest.xml");
const manifestText = readFileSync(MANIFEST_PATH, "utf8");

const NS = {
  app: "http://schemas.microsoft.com/office/appforoffice/1.1",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  overrides: "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
};

// ── The schema's sequences ────────────────────────────────────────────────────────────────────────────
// For each element (keyed by name, or name[xsi:type] where the type decides the content): its children in
// the order the XSD's <xs:sequence> gives, and which of them must be there.
interface Sequence {
  order: string[];
  required?: string[];
}
const SEQUENCES: Record<string, Sequence> = {
  OfficeApp: {
    order: [
      "Id",
      "AlternateId",
      "Version",
      "ProviderName",
      "DefaultLocale",
      "DisplayName",
      "Description",
      "IconUrl",
      "HighResolutionIconUrl",
      "SupportUrl",
      "AppDomains",
      "Hosts",
      "Requirements",
      "DefaultSettings",
      "Permissions",
      "Dictionary",
      "VersionOverrides",
    ],
    required: [
      "Id",
      "Version",
      "ProviderName",
      "DefaultLocale",
      "DisplayName",
      "Description",
      "DefaultSettings",
      "Permissions",
    ],
  },
  DisplayName: { order: ["Override"] },
  Description: { order: ["Override"] },
  AppDomains: { order: ["AppDomain"], required: ["AppDomain"] },
  Hosts: { order: ["Host"], required: ["Host"] },
  Requirements: { order: ["Sets", "Methods"] },
  Sets: { order: ["Set"], required: ["Set"] },
  DefaultSettings: { order: ["SourceLocation"], required: ["SourceLocation"] },
  VersionOverrides: {
    order: ["Description", "Requirements", "Hosts", "Resources", "WebApplicationInfo", "EquivalentAddins"],
  },
  "Host[Workbook]": { order: ["Runtimes", "AllFormFactors", "DesktopFormFactor"] },
  DesktopFormFactor: { order: ["GetStarted", "FunctionFile", "ExtensionPoint"], required: ["ExtensionPoint"] },
  GetStarted: { order: ["Title", "Description", "LearnMoreUrl"], required: ["Title", "Description", "LearnMoreUrl"] },
  "ExtensionPoint[PrimaryCommandSurface]": { order: ["OfficeTab", "CustomTab"] },
  OfficeTab: { order: ["Group"], required: ["Group"] },
  Group: { order: ["Label", "Icon", "Control"], required: ["Label", "Icon", "Control"] },
  "Control[Button]": {
    order: ["Label", "Supertip", "Icon", "Action"],
    required: ["Label", "Supertip", "Icon", "Action"],
  },
  Supertip: { order: ["Title", "Description"], required: ["Title", "Description"] },
  Icon: { order: ["bt:Image"], required: ["bt:Image"] },
  "Action[ShowTaskpane]": { order: ["TaskpaneId", "SourceLocation", "Title"], required: ["SourceLocation"] },
  Resources: { order: ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"] },
  "bt:Images": { order: ["bt:Image"] },
  "bt:Urls": { order: ["bt:Url"] },
  "bt:ShortStrings": { order: ["bt:String"] },
  "bt:LongStrings": { order: ["bt:String"] },
  "bt:String": { order: ["bt:Override"] },
  "bt:Url": { order: ["bt:Override"] },
  "bt:Image": { order: ["bt:Override"] },
};

/** The SEQUENCES key of an element: "Control[Button]" when its xsi:type picks the content. */
function sequenceKey(el: XmlElement): string {
  const type = el.attrs["xsi:type"];
  return type && `${el.name}[${type}]` in SEQUENCES ? `${el.name}[${type}]` : el.name;
}

/** The problems of one element's children against its sequence: unknown, out of order, repeated, missing. */
function sequenceProblems(el: XmlElement, seq: Sequence): string[] {
  const problems: string[] = [];
  let last = -1;
  const repeatable = new Set([
    "Override",
    "bt:Override",
    "AppDomain",
    "Host",
    "Set",
    "Group",
    "Control",
    "bt:Image",
    "bt:Url",
    "bt:String",
    "ExtensionPoint",
    "OfficeTab",
    "CustomTab",
  ]);
  const seen = new Set<string>();
  for (const c of el.children) {
    const at = seq.order.indexOf(c.name);
    if (at < 0) {
      problems.push(`<${c.name}> is not a child of <${el.name}>`);
      continue;
    }
    if (at < last) problems.push(`<${c.name}> comes after <${seq.order[last]}> in <${el.name}>`);
    if (seen.has(c.name) && !repeatable.has(c.name)) problems.push(`<${c.name}> repeated in <${el.name}>`);
    seen.add(c.name);
    last = Math.max(last, at);
  }
  for (const r of seq.required ?? []) if (!seen.has(r)) problems.push(`<${el.name}> lacks <${r}>`);
  return problems;
}

// ── Reading the manifest ──────────────────────────────────────────────────────────────────────────────
let root: XmlElement;
let vo: XmlElement;
let resources: XmlElement;

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`manifest has no ${what}`);
  return value;
}

/** Resource id → the resource element, per kind. */
function resourceIds(kind: "bt:Images" | "bt:Urls" | "bt:ShortStrings" | "bt:LongStrings"): Map<string, XmlElement> {
  const group = child(resources, kind);
  const map = new Map<string, XmlElement>();
  for (const r of group?.children ?? []) map.set(r.attrs["id"] ?? "", r);
  return map;
}

/** The kind of resource a resid must name, from the element that holds it. */
function residKind(el: XmlElement, path: string[]): "bt:Images" | "bt:Urls" | "bt:ShortStrings" | "bt:LongStrings" {
  const parent = path[path.length - 2];
  if (el.name === "bt:Image") return "bt:Images";
  if (["SourceLocation", "FunctionFile", "LearnMoreUrl"].includes(el.name)) return "bt:Urls";
  if (el.name === "Description" && (parent === "Supertip" || parent === "GetStarted" || parent === "VersionOverrides"))
    return "bt:LongStrings";
  return "bt:ShortStrings";
}

/** The repository file a development URL serves (https://localhost:3000/assets/x.png → assets/x.png). */
function devPath(url: string): string {
  expect(url.startsWith(DEV_URL), `${url} is not under ${DEV_URL}`).toBe(true);
  return url.slice(DEV_URL.length);
}

beforeAll(async () => {
  root = await parseXml(manifestText);
  vo = must(child(root, "VersionOverrides"), "<VersionOverrides>");
  resources = must(child(vo, "Resources"), "<Resources>");
});

describe("manifest.xml is well-formed", () => {
  it.skipIf(skipWithout("xmllint", "xmllint's check of manifest.xml"))("xmllint --noout accepts it", () => {
    const r = spawnSync("xmllint", ["--noout", MANIFEST_PATH], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("xml2js parses it and refuses a broken copy", async () => {
    expect(root.name).toBe("OfficeApp");
    await expect(parseXml(manifestText.replace("</Hosts>", ""))).rejects.toThrow();
  });

  it("is a TaskPaneApp in the 1.1 manifest namespace with VersionOverrides 1.0", () => {
    expect(root.attrs["xmlns"]).toBe(NS.app);
    expect(root.attrs["xmlns:bt"]).toBe(NS.bt);
    expect(root.attrs["xsi:type"]).toBe("TaskPaneApp");
    expect(vo.attrs["xmlns"]).toBe(NS.overrides);
    expect(vo.attrs["xsi:type"]).toBe("VersionOverridesV1_0");
  });
});

describe("element order follows the schema", () => {
  it("checks the order of every element the schema sequences", () => {
    const problems: string[] = [];
    let checked = 0;
    for (const { el } of walk(root)) {
      const seq = SEQUENCES[sequenceKey(el)];
      if (!seq) continue;
      checked++;
      problems.push(...sequenceProblems(el, seq));
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });

  it("the checker catches an element out of order (Version before Id)", async () => {
    const swapped = manifestText.replace(
      /(<Id>[^<]*<\/Id>)(\s*)(<Version>[^<]*<\/Version>)/,
      (_m, id: string, ws: string, version: string) => `${version}${ws}${id}`,
    );
    expect(swapped).not.toBe(manifestText);
    const bad = await parseXml(swapped);
    expect(sequenceProblems(bad, must(SEQUENCES["OfficeApp"], "sequence"))).toContain(
      "<Id> comes after <Version> in <OfficeApp>",
    );
  });
});

describe("identity", () => {
  it("has a GUID Id", () => {
    expect(child(root, "Id")?.text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  });

  it("has a four-part Version within the schema's limits", () => {
    expect(child(root, "Version")?.text).toMatch(/^\d{1,5}\.\d{1,5}\.\d{1,5}\.\d{1,5}$/);
  });

  it("is in Chinese by default, with en-US overrides for the name and description", () => {
    expect(child(root, "DefaultLocale")?.text).toBe("zh-CN");
    for (const name of ["DisplayName", "Description"]) {
      const el = must(child(root, name), name);
      expect(el.attrs["DefaultValue"], name).toMatch(/\p{Script=Han}/u);
      const en = childrenNamed(el, "Override").find((o) => o.attrs["Locale"] === "en-US");
      expect(en?.attrs["Value"], `${name} en-US`).toMatch(/^[\x20-\x7e]+$/);
    }
    expect(child(root, "DisplayName")?.attrs["DefaultValue"]?.length).toBeLessThanOrEqual(125);
    expect(child(root, "Description")?.attrs["DefaultValue"]?.length).toBeLessThanOrEqual(250);
  });
});

describe("URLs", () => {
  it("every URL is absolute https (localhost is the development server)", () => {
    const urls = manifestUrls(root);
    expect(urls.length).toBeGreaterThan(10);
    for (const { where, url } of urls) {
      expect(url, where).toMatch(/^https:\/\//);
      expect(() => new URL(url), where).not.toThrow();
      expect(url.length, where).toBeLessThanOrEqual(2048);
    }
  });

  it("the source names only the development server", () => {
    for (const { where, url } of manifestUrls(root)) {
      expect(url === DEV_ORIGIN || url.startsWith(DEV_URL), `${where}: ${url}`).toBe(true);
    }
  });

  it("the ribbon button opens the same page as the add-in's SourceLocation", () => {
    const sourceLocation = child(must(child(root, "DefaultSettings"), "DefaultSettings"), "SourceLocation");
    const action = [...walk(vo)]
      .map((w) => w.el)
      .find((e) => e.name === "Action" && e.attrs["xsi:type"] === "ShowTaskpane");
    const resid = child(must(action, "ShowTaskpane action"), "SourceLocation")?.attrs["resid"] ?? "";
    expect(resourceIds("bt:Urls").get(resid)?.attrs["DefaultValue"]).toBe(sourceLocation?.attrs["DefaultValue"]);
    expect(devPath(sourceLocation?.attrs["DefaultValue"] ?? "")).toBe("taskpane.html");
  });
});

describe("resources", () => {
  const kinds = ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"] as const;

  it("every resid names a defined resource of the right kind", () => {
    const problems: string[] = [];
    let count = 0;
    for (const { el, path } of walk(vo)) {
      const resid = el.attrs["resid"];
      if (resid === undefined) continue;
      count++;
      const kind = residKind(el, path);
      if (resid.length > 32) problems.push(`resid ${resid} is longer than 32 characters`);
      if (!resourceIds(kind).has(resid)) problems.push(`${path.join("/")} resid="${resid}" is not in <${kind}>`);
    }
    expect(problems).toEqual([]);
    expect(count).toBeGreaterThan(10);
  });

  it("ids are unique, and unused ones are reported", () => {
    const referenced = new Set([...walk(vo)].map((w) => w.el.attrs["resid"]).filter((r) => r !== undefined));
    const all: string[] = [];
    for (const kind of kinds) all.push(...resourceIds(kind).keys());
    expect(new Set(all).size).toBe(all.length);
    const unused = all.filter((id) => !referenced.has(id));
    if (unused.length > 0) console.warn(`manifest.xml: resources defined but not used: ${unused.join(", ")}`);
    expect(all.length).toBeGreaterThan(0);
  });

  it("every string has an en-US override and fits its length limit", () => {
    for (const [kind, limit] of [
      ["bt:ShortStrings", 125],
      ["bt:LongStrings", 250],
    ] as const) {
      for (const [id, el] of resourceIds(kind)) {
        const zh = el.attrs["DefaultValue"] ?? "";
        const en = childrenNamed(el, "bt:Override").find((o) => o.attrs["Locale"] === "en-US")?.attrs["Value"] ?? "";
        expect(zh, id).toMatch(/\p{Script=Han}/u);
        expect(en, `${id} en-US`).toMatch(/^[\x20-\x7e]+$/);
        expect(zh.length, id).toBeLessThanOrEqual(limit);
        expect(en.length, id).toBeLessThanOrEqual(limit);
      }
    }
  });
});

describe("icons", () => {
  /** [where, url, expected pixel size] for every image the manifest names. */
  function iconsNamed(): [string, string, number][] {
    const list: [string, string, number][] = [
      ["IconUrl", child(root, "IconUrl")?.attrs["DefaultValue"] ?? "", 32],
      ["HighResolutionIconUrl", child(root, "HighResolutionIconUrl")?.attrs["DefaultValue"] ?? "", 64],
    ];
    const images = resourceIds("bt:Images");
    for (const { el, path } of walk(vo)) {
      if (el.name !== "bt:Image" || path[path.length - 2] !== "Icon") continue;
      const url = images.get(el.attrs["resid"] ?? "")?.attrs["DefaultValue"] ?? "";
      list.push([`${path.slice(-3).join("/")} size=${el.attrs["size"]}`, url, Number(el.attrs["size"])]);
    }
    return list;
  }

  it("the ribbon has 16, 32 and 80 px icons for the group and the button", () => {
    for (const name of ["Group", "Control"]) {
      const el = [...walk(vo)].map((w) => w.el).find((e) => e.name === name);
      const sizes = childrenNamed(must(child(must(el, name), "Icon"), "Icon"), "bt:Image").map((i) => i.attrs["size"]);
      expect(sizes, name).toEqual(["16", "32", "80"]);
    }
  });

  it("every icon the manifest names is in assets/ as a PNG of its size, under 100 KB", () => {
    const icons = iconsNamed();
    expect(icons.length).toBe(8);
    for (const [where, url, size] of icons) {
      const file = resolve(ROOT, devPath(url));
      expect(existsSync(file), `${where}: ${file}`).toBe(true);
      expect(pngSize(readFileSync(file)), where).toEqual({ width: size, height: size });
      expect(statSync(file).size, where).toBeLessThan(100 * 1024);
    }
  });

  it("assets/ has the product icons at 16, 32, 64, 80 and 128 px and the pane logo", () => {
    for (const size of [16, 32, 64, 80, 128]) {
      expect(pngSize(readFileSync(resolve(ROOT, `assets/icon-${size}.png`)))).toEqual({ width: size, height: size });
    }
    const logo = pngSize(readFileSync(resolve(ROOT, "assets/logo-filled.png")));
    expect(logo.width).toBe(logo.height);
  });

  it("pngSize reads the IHDR and refuses what is not a PNG", () => {
    expect(() => pngSize(new TextEncoder().encode("<svg></svg>............"))).toThrow("not a PNG");
  });
});

describe("hosts, requirements, permissions, ribbon", () => {
  it("runs in Excel (Workbook) and asks for read/write access to the document", () => {
    expect(childrenNamed(must(child(root, "Hosts"), "Hosts"), "Host").map((h) => h.attrs["Name"])).toEqual([
      "Workbook",
    ]);
    expect(child(root, "Permissions")?.text).toBe("ReadWriteDocument");
  });

  it("declares the ExcelApi that scoring needs, 1.7, so that volume-licensed Excel 2019 offers the add-in", () => {
    const sets = childrenNamed(must(child(must(child(root, "Requirements"), "Requirements"), "Sets"), "Sets"), "Set");
    const excel = sets.find((s) => s.attrs["Name"] === "ExcelApi");
    const version = (excel?.attrs["MinVersion"] ?? "").split(".").map(Number);
    expect(version).toHaveLength(2);
    expect(version[0]).toBe(1);
    expect(`${version[0]}.${version[1]}`).toBe(FEATURES.scoring.set);
    expect(version[1]).toBeLessThanOrEqual(7);
    expect(sets.map((s) => s.attrs["Name"])).toEqual(["ExcelApi"]);
  });

  it("puts a ShowTaskpane button on the Home tab", () => {
    const tabs = [...walk(vo)].map((w) => w.el).filter((e) => e.name === "OfficeTab");
    expect(tabs.map((t) => t.attrs["id"])).toEqual(["TabHome"]);
    const controls = [...walk(must(tabs[0], "tab"))].map((w) => w.el).filter((e) => e.name === "Control");
    expect(controls.map((c) => c.attrs["xsi:type"])).toEqual(["Button"]);
    expect(child(must(controls[0], "button"), "Action")?.attrs["xsi:type"]).toBe("ShowTaskpane");
  });
});

describe("production URL (KAOPING_PUBLIC_URL)", () => {
  const PUBLIC = "https://addins.example.com/kaoping/";

  it("normalizes the URL: trailing slash, https only, no query or fragment", () => {
    expect(normalizePublicUrl("https://addins.example.com/kaoping")).toBe(PUBLIC);
    expect(normalizePublicUrl("  https://addins.example.com/kaoping/ ")).toBe(PUBLIC);
    expect(normalizePublicUrl("https://intranet.corp:8443")).toBe("https://intranet.corp:8443/");
    expect(() => normalizePublicUrl("http://addins.example.com/")).toThrow(/https/);
    expect(() => normalizePublicUrl("addins.example.com/kaoping")).toThrow(/absolute/);
    expect(() => normalizePublicUrl("https://addins.example.com/?v=1")).toThrow(/query/);
    expect(() => normalizePublicUrl("https://addins.example.com/#x")).toThrow(/fragment/);
  });

  it("reads KAOPING_PUBLIC_URL, null when unset or blank", () => {
    expect(publicUrlFromEnv({})).toBeNull();
    expect(publicUrlFromEnv({ KAOPING_PUBLIC_URL: " " })).toBeNull();
    expect(publicUrlFromEnv({ KAOPING_PUBLIC_URL: "https://addins.example.com/kaoping" })).toBe(PUBLIC);
    expect(() => publicUrlFromEnv({ KAOPING_PUBLIC_URL: "ftp://x/" })).toThrow();
  });

  it("rewrites every development URL, the AppDomain to the public origin, and nothing else", async () => {
    const out = manifestForPublicUrl(manifestText, PUBLIC);
    expect(out).not.toContain(DEV_ORIGIN);
    const before = manifestUrls(root);
    const after = manifestUrls(await parseXml(out));
    expect(after.map((u) => u.where)).toEqual(before.map((u) => u.where));
    after.forEach(({ where, url }, i) => {
      const dev = before[i]?.url ?? "";
      const expected = dev === DEV_ORIGIN ? "https://addins.example.com" : PUBLIC + dev.slice(DEV_URL.length);
      expect(url, where).toBe(expected);
    });
    // Outside the URLs the text is unchanged.
    const strip = (s: string) => s.split(DEV_URL).join("").split(DEV_ORIGIN).join("");
    expect(strip(out.split(PUBLIC).join("").split("https://addins.example.com").join(""))).toBe(strip(manifestText));
  });

  it("the rewritten manifest keeps its structure", async () => {
    const out = await parseXml(manifestForPublicUrl(manifestText, "https://intranet.corp:8443/apps/kaoping"));
    const problems: string[] = [];
    for (const { el } of walk(out)) {
      const seq = SEQUENCES[sequenceKey(el)];
      if (seq) problems.push(...sequenceProblems(el, seq));
    }
    expect(problems).toEqual([]);
    expect(child(out, "AppDomains")?.children.map((d) => d.text)).toEqual(["https://intranet.corp:8443"]);
    expect(child(must(child(out, "DefaultSettings"), "DefaultSettings"), "SourceLocation")?.attrs["DefaultValue"]).toBe(
      "https://intranet.corp:8443/apps/kaoping/taskpane.html",
    );
  });
});

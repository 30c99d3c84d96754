/**
 * manifest.xml against Microsoft's published schemas (test/manifest/xsd/, MS-OWEMXML), with xmllint, offline.
 * The built dist/manifest.xml of each build is validated by test/build/build.test.ts with validateManifest.
 * Broken copies show that the validator refuses what Office would: an element out of order, a resid longer
 * than 32 characters, an unknown element, a short Version.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { manifestForPublicUrl } from "../../scripts/manifest-url.js";
import { skipWithout } from "../support/tools";
import { validateManifest } from "./validate";

const ROOT = resolve(__dirname, "../..");
const manifest = readFileSync(resolve(ROOT, "manifest.xml"), "utf8");

describe.skipIf(skipWithout("xmllint", "the manifest schema checks"))(
  "manifest.xml against Microsoft's schemas (xmllint)",
  () => {
    it("validates", () => {
      expect(validateManifest(manifest)).toEqual({ ok: true, errors: "" });
    });

    it("validates with the production URL (what KAOPING_PUBLIC_URL writes into dist/manifest.xml)", () => {
      const out = manifestForPublicUrl(manifest, "https://intranet.corp:8443/apps/kaoping/");
      expect(validateManifest(out)).toEqual({ ok: true, errors: "" });
    });

    it.each([
      ["an element out of order", (m: string) => m.replace(/(<Id>[^<]*<\/Id>)\s*(<Version>[^<]*<\/Version>)/, "$2$1")],
      [
        "a resid over 32 characters",
        (m: string) => m.replace(/resid="([^"]+)"/, 'resid="$1-and-much-longer-than-allowed"'),
      ],
      ["an unknown element", (m: string) => m.replace("<Permissions>", "<Telemetry/><Permissions>")],
      [
        "a Version that is not a version",
        (m: string) => m.replace(/<Version>[^<]*<\/Version>/, "<Version>1.x</Version>"),
      ],
    ])("refuses %s", (_, breakIt) => {
      const broken = breakIt(manifest);
      expect(broken).not.toBe(manifest);
      const r = validateManifest(broken);
      expect(r.ok).toBe(false);
      expect(r.errors).toMatch(/fails to validate|Schemas validity error/);
    });
  },
);

/**
 * Validates a manifest's text against Microsoft's add-in manifest schemas (./xsd, see its README) with
 * xmllint (Debian: libxml2-utils). Offline; the text goes through a temporary file.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const MANIFEST_XSD = resolve(__dirname, "xsd/OfficeAppManifestV1_1.xsd");

/** xmllint --schema on the text: ok, and what it reported when not. */
export function validateManifest(text: string): { ok: boolean; errors: string } {
  const dir = mkdtempSync(join(tmpdir(), "kaoping-manifest-"));
  try {
    const file = join(dir, "manifest.xml");
    writeFileSync(file, text, "utf8");
    const r = spawnSync("xmllint", ["--noout", "--nonet", "--schema", MANIFEST_XSD, file], {
      encoding: "utf8",
      timeout: 60_000,
    });
    if (r.error) throw r.error;
    return r.status === 0 ? { ok: true, errors: "" } : { ok: false, errors: `${r.stdout}${r.stderr}`.trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// `npm run cli -- …`: the command line, run as one bundled JavaScript file (dist-cli/kaoping.main.cjs, started
// by dist-cli/kaoping.cjs with V8's code cache: scripts/cli-loader.cjs) instead of TypeScript transpiled at
// every start. The bundle is rebuilt first when it is missing or older than any of
// the sources it was built from, so a changed source is never run stale. Under `npm run cli`, relative paths
// are taken from where the user stands (npm starts scripts in the project's root and says where the user
// was in INIT_CWD). CommonJS and plain JavaScript: it runs before anything is compiled.
/* global require process __dirname */
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const OUT_DIR = path.join(ROOT, "dist-cli");
/** What `node dist-cli/kaoping.cjs` runs: the loader, written last by a build (its time is the build's). */
const BUNDLE = path.join(OUT_DIR, "kaoping.cjs");
const MAIN = path.join(OUT_DIR, "kaoping.main.cjs");
const LOADER = path.join(__dirname, "cli-loader.cjs");
const INPUTS = path.join(OUT_DIR, "inputs.json");

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

/** True when the bundle is missing, or a file it was built from (or the list of them) changed since. */
function stale() {
  const built = mtime(BUNDLE);
  if (built < 0) return true;
  let inputs;
  try {
    inputs = JSON.parse(fs.readFileSync(INPUTS, "utf8"));
  } catch {
    return true;
  }
  for (const file of [...inputs, "package.json", "tsconfig.json", "scripts/cli.cjs", "scripts/cli-loader.cjs"]) {
    const m = mtime(path.join(ROOT, file));
    if (m < 0 || m > built) return true;
  }
  return false;
}

/** Bundles src/cli/bin.ts; packages stay in node_modules and load only when a command needs them. */
function build() {
  const esbuild = require("esbuild");
  const result = esbuild.buildSync({
    absWorkingDir: ROOT,
    entryPoints: ["src/cli/bin.ts"],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    outfile: MAIN,
    write: false,
    metafile: true,
    logLevel: "error",
    legalComments: "none",
  });
  fs.mkdirSync(OUT_DIR, { recursive: true });
  // Written under temporary names and renamed: two runs building at once never leave half a file.
  const put = (file, data) => {
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  };
  for (const f of result.outputFiles) if (f.path !== MAIN) put(f.path, f.contents);
  put(INPUTS, JSON.stringify(Object.keys(result.metafile.inputs)));
  put(MAIN, asciiOnly(result.outputFiles.find((f) => f.path === MAIN).text));
  // The code cache of the previous bundle would not match (the loader checks), but it is dead weight.
  fs.rmSync(path.join(OUT_DIR, "kaoping.main.cache"), { force: true });
  fs.rmSync(`${BUNDLE}.map`, { force: true }); // from before the loader: the bundle was kaoping.cjs
  put(BUNDLE, fs.readFileSync(LOADER));
}

/**
 * The bundle in ASCII. esbuild escapes other characters in strings but keeps comments and regular expressions
 * as written, and a single Chinese character makes V8 hold the whole source as two bytes a character: 2–3 ms
 * more of every start. Escaped (`\uXXXX`), a comment or a pattern means the same.
 */
function asciiOnly(text) {
  return text.replace(/(\\*)([\u0080-\uffff])/g, (all, slashes, c) =>
    // After an escaping backslash (`/\（/`) the character stays: correct, only slower.
    slashes.length % 2 === 1 ? all : `${slashes}\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

function main() {
  if (process.argv.includes("--build-only")) {
    build();
    return;
  }
  if (stale()) build();
  if (process.env.npm_lifecycle_event === "cli" && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
  require(BUNDLE);
}

main();

/**
 * The pane as the tests build and serve it: webpack (the project's webpack.config.js) into a folder of the
 * test's own, never the shared dist/, with the KAOPING_ build options of the environment left out unless the
 * test gives them; and a small HTTP server of such a folder on 127.0.0.1.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, relative, resolve } from "node:path";

export const ROOT = resolve(__dirname, "../..");
const WEBPACK_CLI = resolve(ROOT, "node_modules/webpack-cli/bin/cli.js");

export interface WebpackOptions {
  mode: "development" | "production";
  /** Without source maps (`--devtool false`). */
  noSourceMaps?: boolean;
  /** KAOPING_ options, as a build on an intranet would set them. */
  env?: Record<string, string>;
}

/** Runs webpack into `outputPath`: its exit status, and what it printed (stdout, then stderr). */
export function webpack(outputPath: string, opts: WebpackOptions): { status: number | null; output: string } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("KAOPING_")));
  const args = ["--mode", opts.mode, ...(opts.noSourceMaps ? ["--devtool", "false"] : []), "--output-path", outputPath];
  const r = spawnSync(process.execPath, [WEBPACK_CLI, ...args], {
    cwd: ROOT,
    env: { ...clean, ...opts.env },
    encoding: "utf8",
    timeout: 180_000,
  });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml",
};

export interface StaticServer {
  /** http://127.0.0.1:port */
  origin: string;
  close(): Promise<void>;
}

/** Serves the files under `dir` (404 for anything else, and for paths that climb out of it). */
export async function serveDir(dir: string): Promise<StaticServer> {
  const server = createServer((req, res) => {
    const file = resolve(dir, `.${decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)}`);
    if (relative(dir, file).startsWith("..") || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  return {
    origin: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

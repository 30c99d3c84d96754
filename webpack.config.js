/* global require module process __dirname console */
// Build of the Excel add-in (the Office template's shape): `npm run build` → dist/ with taskpane.html,
// commands.html, support.html, the bundles, assets/*.png and manifest.xml; `npm run dev-server` serves the
// same on https://localhost:3000. Type checking is `tsc --noEmit`; the loaders only strip types and lower syntax.
//
// Each page gets two bundles of the same code (webpack "layers": one module graph compiled twice):
// - modern (taskpane, commands): esbuild to ES2017, loaded with <script type="module">. Every webview Office
//   uses apart from Internet Explorer runs modules, so only these run there (and Internet Explorer skips them).
// - legacy (taskpane-legacy, commands-legacy): TypeScript's own compiler to ES5 (esbuild cannot emit ES5),
//   with core-js polyfills, loaded with <script nomodule defer>: only Internet Explorer 11 runs it — the
//   webview of Office on Windows 7, 8.1 and older Windows 10. Node modules are not transpiled for it: what it
//   takes from node_modules (core-js) is ES5 already, and test/build/legacy.test.ts parses the bundle as ES5.
//   Code that cannot run in Internet Explorer (Chart.js 4) stays out of this graph: see src/taskpane/app.ts.
//
// Environment:
//   KAOPING_PUBLIC_URL=https://host/path/   dist/manifest.xml points there instead of https://localhost:3000/
//   KAOPING_OFFICE_JS=local                 copy office.js into dist/office-js/ and load it from there
//   KAOPING_DEV_HTTP=1                      dev server over plain http (no certificate; Office will refuse it)
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const webpack = require("webpack");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { EsbuildPlugin } = require("esbuild-loader");
const { DEV_URL, publicUrlFromEnv, manifestForPublicUrl } = require("./scripts/manifest-url.js");
const {
  OFFICE_JS_DIST,
  OFFICE_JS_DIR,
  OFFICE_JS_FILES,
  officeJsMode,
  officeJsSrc,
} = require("./scripts/office-js-local.js");
const { contentSecurityPolicy } = require("./scripts/csp.js");

const PORT = Number(process.env.npm_package_config_dev_server_port || 3000);

// The oldest script engines the modern bundle runs in: Microsoft Edge Legacy (EdgeHTML 18) on Windows, Safari
// (WKWebView) on Mac. This lowers syntax only; library calls newer than these engines (Object.fromEntries,
// Array.prototype.flat, …) are polyfilled by src/taskpane/polyfills-modern.ts.
const TARGET = ["es2017", "edge18", "safari14"];
// esbuild marks EdgeHTML 18's destructuring as incomplete (a few edge cases of the spec tests) and cannot
// lower destructuring at all, so without this every `const { a } = b` of the core fails the build. EdgeHTML
// 18 runs the destructuring the code uses. (Added with the task pane, the first entry that imports the core.)
const SUPPORTED = { destructuring: true };

// The legacy layer: the entries compiled for Internet Explorer 11, and the files they become.
const LEGACY = "legacy";
// The 图表 chunk's layer: the chart builders, the deck, the papers (report, letters: they draw the charts)
// and Chart.js as src/taskpane/features/ imports them.
// The entry reaches src/charts too (插入会议图表: src/excel/meetingLayout.ts takes their names and constants),
// and webpack counts what a module's exports are used for across an entry and its chunks: one shared copy
// would carry every builder — and Chart.js with them — in the entry. As a layer of their own they are
// separate copies: the entry's keeps only the constants, the chunk's has the rest.
const CHARTS = "charts";
const LEGACY_ASSET = /-legacy(\.[0-9a-f]+)?\.js$/;
// TypeScript as the legacy compiler: ES5 syntax, for…of and spread over Map/Set/strings by their iterators
// (downlevelIteration: without it a Set spreads to []), helpers inlined (tslib would be more node_modules code
// to keep ES5). transpileOnly: types are checked by `tsc --noEmit`, once, for both bundles.
const LEGACY_TS = {
  transpileOnly: true,
  onlyCompileBundledFiles: true,
  instance: "kaoping-legacy",
  compilerOptions: {
    target: "ES5",
    module: "ESNext",
    downlevelIteration: true,
    importHelpers: false,
    noEmit: false,
    sourceMap: true,
  },
};

/**
 * HtmlWebpackPlugin adds every bundle as type="module"; the legacy ones become `<script nomodule defer>`:
 * Internet Explorer does not know type="module" and skips those, and browsers that run modules skip nomodule.
 */
class LegacyScriptsPlugin {
  apply(compiler) {
    compiler.hooks.compilation.tap("LegacyScriptsPlugin", (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTags.tap("LegacyScriptsPlugin", (data) => {
        for (const tag of data.assetTags.scripts) {
          const src = String(tag.attributes.src || "");
          if (!LEGACY_ASSET.test(src.split("?")[0])) continue;
          tag.attributes = { src: tag.attributes.src, nomodule: true, defer: true };
        }
        return data;
      });
    });
  }
}

async function devServerTransport(logger) {
  if (process.env.KAOPING_DEV_HTTP === "1") {
    logger.warn(`KAOPING_DEV_HTTP=1: serving http://localhost:${PORT}/ — Office loads add-ins only over https.`);
    return { type: "http" };
  }
  const devCerts = require("office-addin-dev-certs");
  try {
    const options = await devCerts.getHttpsServerOptions();
    return { type: "https", options: { ca: options.ca, key: options.key, cert: options.cert } };
  } catch (err) {
    // On Linux (and without admin rights elsewhere) the CA cannot be installed, and getHttpsServerOptions
    // rejects even though it generated the certificates. Use them as they are.
    const dir = path.join(os.homedir(), ".office-addin-dev-certs");
    const files = { ca: "ca.crt", cert: "localhost.crt", key: "localhost.key" };
    const paths = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, path.join(dir, f)]));
    if (Object.values(paths).every((p) => fs.existsSync(p))) {
      logger.warn(
        `Could not install the development CA (${String(err).split("\n")[0]}). Serving https with the ` +
          `certificate in ${dir}; browsers and Office trust it only once ${paths.ca} is trusted ` +
          `(run "npx office-addin-dev-certs install" where that works).`,
      );
      return {
        type: "https",
        options: {
          ca: fs.readFileSync(paths.ca),
          cert: fs.readFileSync(paths.cert),
          key: fs.readFileSync(paths.key),
        },
      };
    }
    logger.warn(
      `No development certificate (${String(err).split("\n")[0]}). Serving plain http://localhost:${PORT}/ — ` +
        `enough for a browser, but Office loads add-ins only over https.`,
    );
    return { type: "http" };
  }
}

module.exports = async (env, argv) => {
  const production = argv.mode === "production";
  const serving = Boolean(env && env.WEBPACK_SERVE);
  const publicUrl = publicUrlFromEnv(process.env);
  const officeMode = officeJsMode(process.env);
  const officeJs = officeJsSrc(officeMode);
  // The pages' Content-Security-Policy (scripts/csp.js): scripts from the origin and office.js's location.
  const csp = contentSecurityPolicy(officeMode, serving ? `localhost:${PORT}` : null);
  const logger = {
    warn: (message) => console.warn(`[kaoping] ${message}`),
    info: (message) => console.log(`[kaoping] ${message}`),
  };

  if (publicUrl) {
    logger.info(`manifest URLs: ${DEV_URL} → ${publicUrl}`);
  } else if (production && !serving) {
    logger.info(`dist/manifest.xml points at ${DEV_URL} (set KAOPING_PUBLIC_URL to build for a server).`);
  }
  if (officeMode === "local") {
    logger.info(`office.js from ${OFFICE_JS_DIR}/ (a copy of @microsoft/office-js), not the CDN.`);
  }

  const manifestPattern = {
    from: "manifest*.xml",
    to: "[name][ext]",
    ...(publicUrl ? { transform: (content) => manifestForPublicUrl(content.toString("utf8"), publicUrl) } : {}),
  };
  const officeJsPatterns =
    officeMode === "local"
      ? OFFICE_JS_FILES.map((file) => ({
          from: path.join(OFFICE_JS_DIST, file),
          to: `${OFFICE_JS_DIR}/${file}`,
          // Already minified by Microsoft; re-minifying costs half a minute and gains nothing.
          info: { minimized: true },
        }))
      : [];

  return {
    mode: production ? "production" : "development",
    devtool: "source-map",
    context: __dirname,
    entry: {
      taskpane: "./src/taskpane/taskpane.ts",
      "taskpane-legacy": { import: "./src/taskpane/taskpane-legacy.ts", layer: LEGACY },
      commands: "./src/commands/commands.ts",
      "commands-legacy": { import: "./src/commands/commands.ts", layer: LEGACY },
    },
    // webpack's own runtime code in ES5 for both layers (it is small; one compilation has one setting).
    target: ["web", "es5"],
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: production ? "[name].[contenthash:8].js" : "[name].js",
      chunkFilename: production ? "[name].[contenthash:8].js" : "[name].js",
      cssFilename: production ? "[name].[contenthash:8].css" : "[name].css",
      // Chunks load relative to the page. "auto" would guess from the last <script>, which can be office.js.
      publicPath: "",
      clean: true,
    },
    experiments: { css: true, layers: true },
    resolve: {
      extensions: [".ts", ".js"],
      extensionAlias: { ".js": [".ts", ".js"] },
      // pptxgenjs (the meeting deck, in the 图表 chunk) imports fs and https in branches that run only in Node.
      fallback: { fs: false, https: false },
    },
    module: {
      rules: [
        {
          test: /[\\/]src[\\/](charts|deck|papers)[\\/]|[\\/]node_modules[\\/]chart\.js[\\/]/,
          issuer: /[\\/]src[\\/]taskpane[\\/]features[\\/]/,
          layer: CHARTS,
        },
        {
          test: /\.[cm]?ts$/,
          exclude: /node_modules/,
          oneOf: [
            { issuerLayer: LEGACY, loader: "ts-loader", options: LEGACY_TS },
            { loader: "esbuild-loader", options: { target: TARGET, supported: SUPPORTED } },
          ],
        },
        {
          // Libraries (Chart.js, …) ship newer syntax than EdgeHTML reads. Not for the legacy layer: esbuild
          // cannot lower to ES5; the legacy bundle takes only ES5 code from node_modules (core-js).
          test: /\.m?js$/,
          include: /node_modules/,
          issuerLayer: { not: LEGACY },
          loader: "esbuild-loader",
          options: { target: TARGET, supported: SUPPORTED },
        },
      ],
    },
    optimization: {
      minimizer: [
        new EsbuildPlugin({ target: TARGET, supported: SUPPORTED, css: true, exclude: LEGACY_ASSET }),
        // Minifying only: esbuild keeps ES5 as ES5 at this target (and fails the build on anything newer).
        new EsbuildPlugin({ target: "es5", include: LEGACY_ASSET }),
      ],
    },
    performance: {
      // The pane carries the whole scoring core (reader, engine, layouts): 400 KiB, its stylesheet included, is
      // its budget (test/build/chunks.test.ts holds the entry's script to it); Chart.js, the deck, the papers and
      // 插入会议图表's layouts belong in chunks loaded on first use, not in the entry.
      maxEntrypointSize: 400 * 1024,
      maxAssetSize: 400 * 1024,
      // The size hints watch what most users download. The legacy bundle is bigger by nature (ES5, helpers,
      // core-js) and only Internet Explorer fetches it; test/build/legacy.test.ts prints its size.
      assetFilter: (name) =>
        !name.startsWith(`${OFFICE_JS_DIR}/`) && !name.endsWith(".map") && !LEGACY_ASSET.test(name),
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane", "taskpane-legacy"],
        scriptLoading: "module",
        templateParameters: { officeJs, csp },
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands", "commands-legacy"],
        scriptLoading: "module",
        templateParameters: { officeJs, csp },
      }),
      new LegacyScriptsPlugin(),
      // …as node:fs and node:https, a scheme webpack refuses before any alias applies: drop the prefix, and the
      // fallback above (and pptxgenjs's own "browser" map) makes them empty modules.
      new webpack.NormalModuleReplacementPlugin(/^node:(fs|https)$/, (resource) => {
        resource.request = resource.request.replace(/^node:/, "");
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/support/support.html", to: "support.html" },
          manifestPattern,
          ...officeJsPatterns,
        ],
      }),
    ],
    devServer: serving
      ? {
          port: PORT,
          headers: { "Access-Control-Allow-Origin": "*" },
          static: false,
          server: await devServerTransport(logger),
        }
      : undefined,
  };
};

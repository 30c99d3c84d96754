/* global require module process __dirname console */
// Build of the Excel add-in (the Office template's shape): `npm run build` → dist/ with taskpane.html,
// commands.html, support.html, the bundles, assets/*.png and manifest.xml; `npm run dev-server` serves the
// same on https://localhost:3000. Type checking is `tsc --noEmit`; esbuild only strips types and lowers syntax.
//
// Environment:
//   KAOPING_PUBLIC_URL=https://host/path/   dist/manifest.xml points there instead of https://localhost:3000/
//   KAOPING_OFFICE_JS=local                 copy office.js into dist/office-js/ and load it from there
//   KAOPING_DEV_HTTP=1                      dev server over plain http (no certificate; Office will refuse it)
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
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

const PORT = Number(process.env.npm_package_config_dev_server_port || 3000);

// The oldest script engines Office shows add-ins in, apart from Internet Explorer (which gets the nomodule
// message in taskpane.html): Microsoft Edge Legacy (EdgeHTML 18) on Windows, Safari (WKWebView) on Mac.
// This lowers syntax only; library calls newer than these engines (Object.fromEntries, Array.prototype.flat,
// structuredClone, …) still need the engine to have them.
const TARGET = ["es2017", "edge18", "safari14"];
// esbuild marks EdgeHTML 18's destructuring as incomplete (a few edge cases of the spec tests) and cannot
// lower destructuring at all, so without this every `const { a } = b` of the core fails the build. EdgeHTML
// 18 runs the destructuring the code uses. (Added with the task pane, the first entry that imports the core.)
const SUPPORTED = { destructuring: true };

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
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: production ? "[name].[contenthash:8].js" : "[name].js",
      chunkFilename: production ? "[name].[contenthash:8].js" : "[name].js",
      cssFilename: production ? "[name].[contenthash:8].css" : "[name].css",
      // Chunks load relative to the page. "auto" would guess from the last <script>, which can be office.js.
      publicPath: "",
      clean: true,
    },
    experiments: { css: true },
    resolve: {
      extensions: [".ts", ".js"],
      extensionAlias: { ".js": [".ts", ".js"] },
    },
    module: {
      rules: [
        {
          test: /\.[cm]?ts$/,
          exclude: /node_modules/,
          loader: "esbuild-loader",
          options: { target: TARGET, supported: SUPPORTED },
        },
        {
          // Libraries (Chart.js, …) ship newer syntax than EdgeHTML reads.
          test: /\.m?js$/,
          include: /node_modules/,
          loader: "esbuild-loader",
          options: { target: TARGET, supported: SUPPORTED },
        },
      ],
    },
    optimization: {
      minimizer: [new EsbuildPlugin({ target: TARGET, supported: SUPPORTED, css: true })],
    },
    performance: {
      assetFilter: (name) => !name.startsWith(`${OFFICE_JS_DIR}/`) && !name.endsWith(".map"),
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        scriptLoading: "module",
        templateParameters: { officeJs },
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
        scriptLoading: "module",
        templateParameters: { officeJs },
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

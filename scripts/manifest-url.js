// The production URL of the add-in, set at build time. manifest.xml names the development server
// (https://localhost:3000/); `KAOPING_PUBLIC_URL=https://host/path/ npm run build` writes dist/manifest.xml
// with that URL instead. CommonJS because webpack.config.js (CommonJS, as the Office template) loads it;
// test/manifest/manifest.test.ts tests it through manifest-url.d.ts.
/* global module process URL */
"use strict";

const DEV_URL = "https://localhost:3000/";
const DEV_ORIGIN = "https://localhost:3000";

/**
 * Checks and normalizes a public URL: absolute https, no query or fragment, ending in "/".
 * Throws an Error whose message says what to fix.
 */
function normalizePublicUrl(raw) {
  const text = String(raw ?? "").trim();
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`KAOPING_PUBLIC_URL is not an absolute URL: "${text}" (e.g. https://addins.example.com/kaoping/)`);
  }
  if (url.protocol !== "https:") {
    throw new Error(`KAOPING_PUBLIC_URL must use https (Office loads add-ins only over https): "${text}"`);
  }
  if (url.search || url.hash) {
    throw new Error(`KAOPING_PUBLIC_URL must not carry a query or a fragment: "${text}"`);
  }
  if (url.username || url.password) {
    throw new Error(`KAOPING_PUBLIC_URL must not carry a user name or password: "${text}"`);
  }
  const href = url.href;
  return href.endsWith("/") ? href : `${href}/`;
}

/** The public URL from the environment, normalized, or null when KAOPING_PUBLIC_URL is unset or empty. */
function publicUrlFromEnv(env) {
  const raw = (env ?? process.env).KAOPING_PUBLIC_URL;
  return raw && raw.trim() ? normalizePublicUrl(raw) : null;
}

/**
 * The manifest text with every development URL replaced: "https://localhost:3000/…" becomes
 * "<publicUrl>…", and the bare origin "https://localhost:3000" (as in <AppDomain>) becomes the public
 * URL's origin. Nothing else changes.
 */
function manifestForPublicUrl(xml, publicUrl) {
  const base = normalizePublicUrl(publicUrl);
  const origin = new URL(base).origin;
  return String(xml).split(DEV_URL).join(base).split(DEV_ORIGIN).join(origin);
}

module.exports = { DEV_URL, DEV_ORIGIN, normalizePublicUrl, publicUrlFromEnv, manifestForPublicUrl };

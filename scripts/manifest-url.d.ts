/** The development server's base URL as manifest.xml names it: "https://localhost:3000/". */
export const DEV_URL: string;
/** The development server's origin, as in <AppDomain>: "https://localhost:3000". */
export const DEV_ORIGIN: string;
/** Absolute https, no query or fragment, ending in "/"; throws an Error that says what to fix. */
export function normalizePublicUrl(raw: string): string;
/** KAOPING_PUBLIC_URL from env (default process.env), normalized; null when unset or empty. */
export function publicUrlFromEnv(env?: Record<string, string | undefined>): string | null;
/** The manifest with every development URL (and the bare development origin) replaced by the public one. */
export function manifestForPublicUrl(xml: string, publicUrl: string): string;

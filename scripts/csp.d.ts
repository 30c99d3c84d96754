/** Microsoft's CDN folder of office.js ("https://appsforoffice.microsoft.com/lib/1/hosted/"). */
export const OFFICE_JS_CDN_FOLDER: string;
/** The Content-Security-Policy of the pane's pages for a build; devServer is "localhost:3000" when serving. */
export function contentSecurityPolicy(officeJs: "cdn" | "local", devServer: string | null): string;

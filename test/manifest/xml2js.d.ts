// xml2js comes with office-addin-manifest (which parses manifests with it) and ships no types; this is the
// part the manifest tests use.
declare module "xml2js" {
  export interface ParserOptions {
    explicitChildren?: boolean;
    preserveChildrenOrder?: boolean;
    explicitArray?: boolean;
    charsAsChildren?: boolean;
    includeWhiteChars?: boolean;
    trim?: boolean;
  }
  export function parseStringPromise(xml: string, options?: ParserOptions): Promise<unknown>;
}

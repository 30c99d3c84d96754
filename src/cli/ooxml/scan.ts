/**
 * A streaming XML scanner for the large parts of a workbook (sheets, shared strings): text goes in chunk by
 * chunk, start tags, end tags and character data come out as calls, and nothing of the document is kept but
 * the stack of open elements — so a sheet of any size reads in bounded memory. It checks what a reader must
 * not guess about (tags nested and closed in order, attribute syntax, one root, nothing but markup outside
 * it, no DOCTYPE) and leaves namespaces to the handler, which matches local names where they are expected.
 *
 * A hand-written scanner rather than a general SAX parser because it is the hot loop of reading a workbook:
 * measured on the 35 MB votes sheet of a 10,000-leader workbook, saxes takes 0.6–1.0 s to tokenize it and
 * this scanner about 0.1 s (see the README's Performance section).
 */
import { decodeEntities, XmlError } from "./xml";

/** The attributes of the start tag being reported; valid only during the `open` call. */
export class TagAttributes {
  /** Qualified names, and where each value stands in `source` (between the quotes), `count` of them. */
  readonly names: string[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  count = 0;
  source = "";

  /** The position of the attribute with this qualified name, or -1. */
  index(name: string): number {
    for (let k = 0; k < this.count; k++) if (this.names[k] === name) return k;
    return -1;
  }

  /** Whether the k-th value reads as written (no reference, no line end or tab to normalize). */
  isPlain(k: number): boolean {
    return plainRange(this.source, this.starts[k], this.ends[k]);
  }

  /** The value of the attribute with this qualified name, references decoded; null when absent. */
  get(name: string): string | null {
    for (let k = 0; k < this.count; k++) {
      if (this.names[k] === name) return attributeValue(this.source.slice(this.starts[k], this.ends[k]));
    }
    return null;
  }

  /** The value of the attribute with this local name, whatever its prefix. */
  getLocal(local: string): string | null {
    for (let k = 0; k < this.count; k++) {
      const n = this.names[k];
      if (n === local || (n.endsWith(local) && n.charCodeAt(n.length - local.length - 1) === 58) /* : */) {
        return attributeValue(this.source.slice(this.starts[k], this.ends[k]));
      }
    }
    return null;
  }
}

/** Whether s[start, end) holds no reference and no control character (most text holds neither). */
function plainRange(s: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = s.charCodeAt(k);
    if (c === 38 || c < 32) return false;
  }
  return true;
}

function plainValue(v: string): boolean {
  return plainRange(v, 0, v.length);
}

/** Attribute-value normalization (XML 1.0 §3.3.3): line ends and tabs become spaces, then references decode. */
function attributeValue(raw: string): string {
  if (plainValue(raw)) return raw;
  const v = raw.replace(/\r\n?/g, "\n").replace(/[\t\n]/g, " ");
  return v.includes("&") ? decodeEntities(v) : v;
}

/** Character data: line ends normalized (§2.11), references decoded. */
export function textValue(raw: string): string {
  if (plainValue(raw)) return raw;
  const v = raw.includes("\r") ? raw.replace(/\r\n?/g, "\n") : raw;
  return v.includes("&") ? decodeEntities(v) : v;
}

export interface XmlHandler {
  /** A start tag; an empty-element tag is reported as `open` then `close`. */
  open(name: string, attrs: TagAttributes): void;
  close(name: string): void;
  /**
   * Character data (CDATA too), decoded, possibly in several pieces: `source.slice(start, end)`, given as a
   * range so that a handler that only parses it needs no copy. Called only while `wantText` is true.
   */
  text(source: string, start: number, end: number): void;
  readonly wantText: boolean;
  /**
   * True when the handler, after the tag just reported, would rather read what follows itself (a sheet's
   * rows, by a loop that knows their shape): the scanner then calls `content`.
   */
  readonly wantContent?: boolean;
  /**
   * Reads `source` from `start` on, as far as it can, and returns where it stopped: what it passed over must
   * be whole elements (well-formed, as the scanner would have found them) and white space, so that the
   * scanner goes on from there with the same stack. Returning `start` hands everything back to the scanner.
   * It may stop past the end of `source` (SheetReader reads on in the part's bytes, one character each):
   * the scanner then drops the rest of this piece, counts the characters passed over, and the caller gives
   * it the text from there on.
   */
  content?(source: string, start: number): number;
}

/** The local part of a qualified name. */
export function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

export const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 13;

/** Text of this many characters without markup is refused rather than buffered on. */
const MAX_PENDING = 256 * 1024 * 1024;

/**
 * s.indexOf(the character `code`, from), by a loop: the distances in sheet XML are a few characters, shorter
 * than what a call to indexOf costs to set up.
 */
function charAt(s: string, code: number, from: number): number {
  for (let i = from; i < s.length; i++) if (s.charCodeAt(i) === code) return i;
  return -1;
}

/** s.startsWith(word, at), by a loop, for the short names of elements and attributes. */
function sameAt(s: string, at: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if (s.charCodeAt(at + k) !== word.charCodeAt(k)) return false;
  return true;
}

export class XmlScanner {
  private rest = "";
  private readonly stack: string[] = [];
  private sawRoot = false;
  /** Characters consumed before `rest`, for positions in messages. */
  private offset = 0;
  private readonly attrs = new TagAttributes();
  /** Names seen lately (see `name`). */
  private readonly names: (string | undefined)[] = new Array<string | undefined>(256).fill(undefined);

  constructor(private readonly handler: XmlHandler) {}

  private fail(what: string, at: number): never {
    throw new XmlError(`${what}（位置 ${this.offset + at}）`);
  }

  /** Feeds the next piece of the document. */
  write(chunk: string): void {
    const s = this.rest.length > 0 ? this.rest + chunk : chunk;
    const stop = this.scan(s);
    this.offset += stop;
    this.rest = stop < s.length ? s.slice(stop) : "";
    if (this.rest.length > MAX_PENDING) this.fail("文本或标签过长", stop);
  }

  /** Ends the document: everything must be closed. */
  end(): void {
    if (this.rest.trim() !== "") {
      if (this.stack.length === 0 && !this.rest.includes("<")) this.fail("根元素之外有文本", 0);
      this.fail("文档未结束", 0);
    }
    if (this.stack.length > 0) this.fail(`元素 <${this.stack[this.stack.length - 1]}> 未结束`, 0);
    if (!this.sawRoot) this.fail("文档没有根元素", 0);
  }

  /** Reports s[start, end) as text, decoded when it needs to be. */
  private emitText(s: string, start: number, end: number): void {
    if (plainRange(s, start, end)) this.handler.text(s, start, end);
    else {
      const t = textValue(s.slice(start, end));
      this.handler.text(t, 0, t.length);
    }
  }

  /**
   * Text running to the end of the chunk: reported up to a point where no reference or line end is cut in
   * two, so that a long text never piles up in `rest`. Returns where the rest starts.
   */
  private partialText(s: string, i: number): number {
    const n = s.length;
    if (this.stack.length === 0) {
      for (let k = i; k < n; k++) if (!isSpace(s.charCodeAt(k))) this.fail("根元素之外有文本", k);
      return n;
    }
    let cut = n;
    const amp = s.lastIndexOf("&");
    if (amp >= i && s.indexOf(";", amp) < 0) cut = amp;
    if (cut > i && s.charCodeAt(cut - 1) === 13 /* \r, maybe before \n */) cut--;
    if (cut > i && this.handler.wantText) this.emitText(s, i, cut);
    return cut;
  }

  /**
   * The name at s[start, end): a string seen before when there is one, so that the few names a sheet repeats
   * millions of times are not allocated again each time.
   */
  private name(s: string, start: number, end: number): string {
    // A small table indexed by the name's length and first and last characters.
    const slot = ((end - start) * 31 + s.charCodeAt(start) * 7 + s.charCodeAt(end - 1)) & 255;
    const known = this.names[slot];
    if (known !== undefined && known.length === end - start && sameAt(s, start, known)) return known;
    const fresh = s.slice(start, end);
    this.names[slot] = fresh;
    return fresh;
  }

  /** Scans complete tokens of `s`; returns where the first incomplete one starts. */
  private scan(s: string): number {
    const h = this.handler;
    const stack = this.stack;
    const n = s.length;
    let i = 0;
    while (i < n) {
      const lt = charAt(s, 60 /* < */, i);
      if (lt < 0) return this.partialText(s, i);
      if (lt > i) {
        if (stack.length === 0) {
          for (let k = i; k < lt; k++) if (!isSpace(s.charCodeAt(k))) this.fail("根元素之外有文本", k);
        } else if (h.wantText) this.emitText(s, i, lt);
      }
      i = lt;
      if (i + 1 >= n) return i;
      const c1 = s.charCodeAt(i + 1);

      if (c1 === 47 /* / */) {
        const gt = charAt(s, 62 /* > */, i + 2);
        if (gt < 0) return i;
        const open = stack.pop();
        let e = i + 2 + (open === undefined ? 0 : open.length);
        while (e < gt && isSpace(s.charCodeAt(e))) e++;
        if (open === undefined || e !== gt || !s.startsWith(open, i + 2)) {
          const name = s.slice(i + 2, gt).trim();
          this.fail(open === undefined ? `多余的结束标签 </${name}>` : `结束标签 </${name}> 与 <${open}> 不匹配`, i);
        }
        h.close(open);
        i = gt + 1;
        if (h.wantContent) i = h.content!(s, i);
        continue;
      }
      if (c1 === 63 /* ? */) {
        const e = s.indexOf("?>", i + 2);
        if (e < 0) return i;
        i = e + 2;
        continue;
      }
      if (c1 === 33 /* ! */) {
        if (s.startsWith("<!--", i)) {
          const e = s.indexOf("-->", i + 4);
          if (e < 0) return i;
          i = e + 3;
          continue;
        }
        if (s.startsWith("<![CDATA[", i)) {
          const e = s.indexOf("]]>", i + 9);
          if (e < 0) return i;
          if (stack.length === 0) this.fail("根元素之外有 CDATA", i);
          if (h.wantText) {
            // Line ends are normalized in CDATA too; references are not decoded there.
            const raw = s.slice(i + 9, e);
            const data = raw.includes("\r") ? raw.replace(/\r\n?/g, "\n") : raw;
            h.text(data, 0, data.length);
          }
          i = e + 3;
          continue;
        }
        if (n - i < 9) return i; // too short to tell a comment or CDATA from a DOCTYPE
        this.fail("不支持 DOCTYPE 声明", i);
      }

      // A start tag or an empty-element tag.
      let j = i + 1;
      for (;;) {
        if (j >= n) return i;
        const c = s.charCodeAt(j);
        if (c === 62 /* > */ || c === 47 /* / */ || isSpace(c)) break;
        j++;
      }
      if (j === i + 1) this.fail("缺少元素名", i);
      const nameStart = i + 1;
      const nameEnd = j;
      const attrs = this.attrs;
      let count = 0;
      let selfClosing = false;
      for (;;) {
        const before = j;
        while (j < n && isSpace(s.charCodeAt(j))) j++;
        if (j >= n) return i;
        const c = s.charCodeAt(j);
        if (c === 62 /* > */) {
          j++;
          break;
        }
        if (c === 47 /* / */) {
          if (j + 1 >= n) return i;
          if (s.charCodeAt(j + 1) !== 62) this.fail("标签格式错误", j);
          selfClosing = true;
          j += 2;
          break;
        }
        if (j === before) this.fail("属性之间缺少空白", j);
        const a = j;
        while (j < n) {
          const d = s.charCodeAt(j);
          if (d === 61 /* = */ || d === 62 || d === 47 || isSpace(d)) break;
          j++;
        }
        if (j >= n) return i;
        if (j === a) this.fail("属性格式错误", a);
        const nameAt = a;
        const nameTo = j;
        while (j < n && isSpace(s.charCodeAt(j))) j++;
        if (j >= n) return i;
        if (s.charCodeAt(j) !== 61) this.fail(`属性 ${s.slice(nameAt, nameTo)} 缺少值`, j);
        j++;
        while (j < n && isSpace(s.charCodeAt(j))) j++;
        if (j >= n) return i;
        const q = s.charCodeAt(j);
        if (q !== 34 && q !== 39) this.fail(`属性 ${s.slice(nameAt, nameTo)} 的值缺少引号`, j);
        const close = charAt(s, q, j + 1);
        if (close < 0) return i;
        const attrName = this.name(s, nameAt, nameTo);
        for (let k = 0; k < count; k++) if (attrs.names[k] === attrName) this.fail(`属性 ${attrName} 重复`, nameAt);
        attrs.names[count] = attrName;
        attrs.starts[count] = j + 1;
        attrs.ends[count] = close;
        count++;
        j = close + 1;
      }
      const name = this.name(s, nameStart, nameEnd);
      if (stack.length === 0) {
        if (this.sawRoot) this.fail("文档有多个根元素", i);
        this.sawRoot = true;
      }
      attrs.count = count;
      attrs.source = s;
      h.open(name, attrs);
      if (selfClosing) h.close(name);
      else stack.push(name);
      i = j;
      if (h.wantContent) i = h.content!(s, i);
    }
    return i;
  }
}

/**
 * Scans a document given as chunks of bytes, in UTF-8 or, after a byte order mark, UTF-16 (a character may
 * be split between chunks). Throws XmlError.
 */
export async function scanXmlBytes(chunks: AsyncIterable<Uint8Array>, handler: XmlHandler): Promise<void> {
  const scanner = new XmlScanner(handler);
  let decoder: TextDecoder | null = null;
  let head = new Uint8Array(0);
  const decode = (chunk: Uint8Array | null): string => {
    try {
      if (decoder === null) {
        // The encoding is known from the first two bytes.
        const bytes = new Uint8Array(head.length + (chunk?.length ?? 0));
        bytes.set(head);
        if (chunk) bytes.set(chunk, head.length);
        if (bytes.length < 2 && chunk !== null) {
          head = bytes;
          return "";
        }
        const le = bytes[0] === 0xff && bytes[1] === 0xfe;
        const be = bytes[0] === 0xfe && bytes[1] === 0xff;
        decoder = new TextDecoder(le ? "utf-16le" : be ? "utf-16be" : "utf-8", { fatal: true });
        chunk = bytes;
      }
      return chunk === null ? decoder.decode() : decoder.decode(chunk, { stream: true });
    } catch {
      throw new XmlError("文本编码无效");
    }
  };
  for await (const chunk of chunks) scanner.write(decode(chunk));
  scanner.write(decode(null));
  scanner.end();
}

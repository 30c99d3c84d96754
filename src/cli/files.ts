/**
 * The command line's files: checks on output paths before anything is read or written, the outputs of a
 * run written all or none (OutputStage), and the method document given with --method.
 */
import { accessSync, constants, realpathSync, type Stats, statSync } from "node:fs";
import {
  type FileHandle,
  chmod,
  chown,
  link,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rmdir,
  stat,
  unlink,
} from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { UsageError } from "./io";

function samePath(a: string, b: string): boolean {
  const ra = resolve(a);
  const rb = resolve(b);
  if (ra === rb) return true;
  try {
    return realpathSync(ra) === realpathSync(rb);
  } catch {
    return false; // one of them does not exist yet, so they are different files
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

export function isFile(path: string): boolean {
  return statOrNull(path)?.isFile() ?? false;
}

export function isDirectory(path: string): boolean {
  return statOrNull(path)?.isDirectory() ?? false;
}

/** A path and how the user named it: `["r.json", "--json"]`, `["a.xlsx", "输入工作簿"]`. */
export type NamedPath = readonly [path: string, name: string];

/** A file the run must not write: what went wrong, in Chinese, naming the path and what to do. */
export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputError";
  }
}

const NOTHING_WRITTEN = "未写出任何文件，已有的文件均未改动";

/** No write bit at all, or (for other users than root) no permission to write: a file the user protected. */
function readOnly(path: string, st: Stats): boolean {
  if ((st.mode & 0o222) === 0) return true;
  try {
    accessSync(path, constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/**
 * Whether `path` can take a new file: an existing target must be a regular file that is not read-only; the
 * nearest existing ancestor of a missing one must be a writable directory. Throws UsageError.
 */
export function checkTarget(path: string, option: string): void {
  const st = statOrNull(path);
  if (st !== null) {
    if (st.isDirectory()) throw new UsageError(`${option} 指向的是目录，应为文件：${path}（请给出文件名）`);
    if (!st.isFile()) {
      throw new UsageError(
        `${option} 指向的不是普通文件（设备、管道等）：${path}（不会写入或替换它，请另给一个文件名）`,
      );
    }
    if (readOnly(path, st)) {
      throw new UsageError(`${option} 指向只读文件：${path}（不会覆盖只读文件；请另取文件名，或先取消它的只读属性）`);
    }
  }
  let dir = dirname(resolve(path));
  for (;;) {
    const d = statOrNull(dir);
    if (d !== null) {
      if (!d.isDirectory()) throw new UsageError(`${option} 的路径中 ${dir} 是文件而不是目录：${path}（请检查路径）`);
      try {
        accessSync(dir, constants.W_OK | constants.X_OK);
      } catch {
        throw new UsageError(`没有权限在目录 ${dir} 中写入 ${option} 的文件 ${path}（请换一个目录，或检查目录权限）`);
      }
      return;
    }
    const up = dirname(dir);
    if (up === dir) return;
    dir = up;
  }
}

/**
 * Outputs must not overwrite the inputs or each other, nor be a directory, a device or a read-only file, and
 * their directories must be writable: all checked before anything is read or written. Throws UsageError.
 */
export function checkOutputs(inputs: readonly NamedPath[], outputs: readonly NamedPath[]): void {
  for (const [path, option] of outputs) {
    for (const [input, what] of inputs) {
      if (samePath(path, input)) throw new UsageError(`${option} 不能与${what}是同一个文件：${path}（请另取文件名）`);
    }
    checkTarget(path, option);
  }
  outputs.forEach(([a, optionA], i) => {
    for (const [b, optionB] of outputs.slice(i + 1)) {
      if (samePath(a, b)) throw new UsageError(`${optionA} 与 ${optionB} 不能是同一个文件：${a}（请另取文件名）`);
    }
  });
}

/**
 * What an output holds: text, bytes, text made a piece at a time (never whole in memory), or bytes in pieces
 * (a workbook whose large sheet stays in the pieces it was deflated in).
 */
export type OutputData = string | Uint8Array | Iterable<string> | readonly Uint8Array[];

/**
 * All of `pieces`, in order, at the file's position: a few at a time in one system call (IOV_MAX is 1,024 on
 * Linux), a write that took less than it was given resumed where it stopped.
 */
async function writeAllPieces(handle: FileHandle, pieces: readonly Uint8Array[]): Promise<void> {
  let rest = pieces.filter((p) => p.length > 0);
  while (rest.length > 0) {
    let written = (await handle.writev(rest.slice(0, 1024))).bytesWritten;
    let k = 0;
    while (k < rest.length && written >= rest[k].length) written -= rest[k++].length;
    rest = rest.slice(k);
    if (written > 0) rest[0] = rest[0].subarray(written);
  }
}

/** A failed write in words: the path, what went wrong, what to do. */
export function writeFailure(path: string, e: unknown): string {
  const code = typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : "";
  const why: Readonly<Record<string, string>> = {
    EACCES: "没有写入权限（请换一个目录，或检查文件和目录的权限）",
    EPERM: "没有写入权限（请换一个目录，或检查文件和目录的权限）",
    ENOTDIR: "路径中有一部分是文件而不是目录（请检查路径）",
    EEXIST: "路径中已有同名的文件（请检查路径或另取文件名）",
    EISDIR: "这是一个目录（请给出文件名）",
    ENOSPC: "磁盘空间不足（请清理磁盘或换一个位置）",
    EDQUOT: "超出磁盘配额（请清理磁盘或换一个位置）",
    EROFS: "所在的文件系统是只读的（请换一个位置）",
    ENAMETOOLONG: "文件名太长（请换一个短一些的名称）",
    EMFILE: "打开的文件太多（请稍后重试）",
    EIO: "磁盘读写出错（请检查磁盘）",
  };
  const reason = why[code] ?? (code || (e instanceof Error ? e.message : String(e)));
  return `无法写入 ${path}：${reason}。${NOTHING_WRITTEN}`;
}

interface Staged {
  path: string;
  tmp: string;
  /** The replaced file's hard link kept until the run is committed, to put it back if a later rename fails. */
  backup: string | null;
}

/**
 * A name beside `path` that nobody else is likely to pick. Opened with 'wx' (or linked to), which fails on any
 * name that is already there, a symbolic link included: the name need not be unguessable, only unlikely to
 * meet another's (node's crypto module would add 3 ms to every run).
 */
const tmpName = (path: string, tag: string): string =>
  join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${Math.floor(Math.random() * 0x100000000)
      .toString(16)
      .padStart(8, "0")}.${tag}`,
  );

/**
 * The outputs of one run, written all or none: each goes to a temporary file beside its target (mode and owner
 * of the file it replaces), and only `commit` renames them into place, after every one was written. `abort`
 * removes the temporary files and the directories the run created; files already there are never touched.
 * Every method throws OutputError with a message for the user.
 */
export class OutputStage {
  private readonly staged: Staged[] = [];
  private readonly createdDirs: string[] = [];
  private readonly stale: string[] = [];
  private done = false;

  /** `inputs`: files the outputs must not replace. */
  constructor(private readonly inputs: readonly NamedPath[] = []) {}

  /** Creates `dir` (and its parents) now; removed again by `abort` when this run created it. */
  async directory(dir: string, option: string): Promise<void> {
    const st = statOrNull(dir);
    if (st !== null && !st.isDirectory())
      throw new OutputError(`${option} 应为目录，而 ${dir} 是一个文件。${NOTHING_WRITTEN}`);
    try {
      const first = await mkdir(dir, { recursive: true });
      if (first !== undefined) {
        // Every level from the first one created down to dir, deepest last.
        const levels: string[] = [];
        for (let d = resolve(dir); d.length >= resolve(first).length; d = dirname(d)) levels.unshift(d);
        this.createdDirs.push(...levels);
      }
    } catch (e) {
      throw new OutputError(writeFailure(dir, e));
    }
  }

  /** Writes `data` to a temporary file for `path`; nothing visible changes until `commit`. */
  async add(path: string, option: string, data: OutputData): Promise<void> {
    for (const [input, what] of this.inputs) {
      if (samePath(path, input))
        throw new OutputError(`${option} 不能与${what}是同一个文件：${path}。${NOTHING_WRITTEN}`);
    }
    if (this.staged.some((s) => samePath(s.path, path))) {
      throw new OutputError(`同一次运行中 ${path} 要写两次（请让各输出用不同的文件名）。${NOTHING_WRITTEN}`);
    }
    try {
      checkTarget(path, option);
    } catch (e) {
      if (e instanceof UsageError) throw new OutputError(`${e.message}。${NOTHING_WRITTEN}`);
      throw e;
    }
    await this.directory(dirname(path), option);
    const existing = statOrNull(path);
    const tmp = tmpName(path, "tmp");
    const entry: Staged = { path, tmp, backup: null };
    try {
      // 'wx': a temporary name that somebody else took is never written through.
      const handle = await open(tmp, "wx", existing ? existing.mode & 0o777 : 0o666);
      this.staged.push(entry);
      try {
        if (typeof data === "string" || data instanceof Uint8Array) await handle.writeFile(data);
        else {
          // Pieces of text gathered to about a megabyte a write; pieces of bytes written as they are.
          let pending = "";
          let bytes: Uint8Array[] = [];
          for (const piece of data) {
            if (typeof piece !== "string") {
              if (pending !== "") await handle.write(pending);
              pending = "";
              bytes.push(piece);
              continue;
            }
            if (bytes.length > 0) {
              await writeAllPieces(handle, bytes);
              bytes = [];
            }
            pending += piece;
            if (pending.length >= 1 << 20) {
              await handle.write(pending);
              pending = "";
            }
          }
          if (pending !== "") await handle.write(pending);
          if (bytes.length > 0) await writeAllPieces(handle, bytes);
        }
        await handle.sync();
      } finally {
        await handle.close();
      }
      if (existing) {
        // Permission bits only: a set-user-ID bit is not carried onto new content.
        await chmod(tmp, existing.mode & 0o777);
        if (process.getuid?.() === 0 && (existing.uid !== 0 || existing.gid !== 0)) {
          await chown(tmp, existing.uid, existing.gid).catch(() => undefined);
        }
      }
    } catch (e) {
      throw new OutputError(writeFailure(path, e));
    }
  }

  /** Files of an earlier run to remove at commit (only after every new file is in place). */
  removeAtCommit(paths: readonly string[]): void {
    this.stale.push(...paths);
  }

  /** Renames every temporary file into place; on a failure puts back what it had replaced. */
  async commit(): Promise<void> {
    if (this.done) return;
    const renamed: Staged[] = [];
    try {
      for (const s of this.staged) {
        if (statOrNull(s.path)?.isFile()) {
          const backup = tmpName(s.path, "old");
          await link(s.path, backup).then(
            () => (s.backup = backup),
            () => undefined, // no hard links here: the file is replaced without a way back
          );
        }
        await rename(s.tmp, s.path);
        renamed.push(s);
      }
    } catch (e) {
      const failed = this.staged[renamed.length];
      for (const s of renamed.reverse()) {
        if (s.backup !== null) await rename(s.backup, s.path).catch(() => undefined);
        else await unlink(s.path).catch(() => undefined);
      }
      await this.abort();
      throw new OutputError(writeFailure(failed.path, e));
    }
    this.done = true;
    for (const s of this.staged) if (s.backup !== null) await unlink(s.backup).catch(() => undefined);
    for (const f of this.stale) await unlink(f).catch(() => undefined);
  }

  /** Removes the temporary files and the directories this run created. Never throws. */
  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    for (const s of this.staged) {
      await unlink(s.tmp).catch(() => undefined);
      if (s.backup !== null) await unlink(s.backup).catch(() => undefined);
    }
    for (const d of [...this.createdDirs].reverse()) await rmdir(d).catch(() => undefined);
  }
}

/** The PNG names `--charts` writes: 01-综合得分排名.png, 01-综合得分排名-2.png, 画像-01-张三.png. */
export const CHART_FILE = /^(?:\d{2,}-|画像-\d{2,}-).+\.png$/;

/** PNGs in `dir` named as `--charts` names them, except `keep`: the charts of an earlier run. */
export async function staleCharts(dir: string, keep: ReadonlySet<string>): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const stale: string[] = [];
  for (const name of names) {
    if (!CHART_FILE.test(name) || keep.has(name)) continue;
    const file = join(dir, name);
    if ((await stat(file).catch(() => null))?.isFile()) stale.push(file);
  }
  return stale;
}

/** Writes one file all or nothing (a temporary file renamed into place); creates missing parent directories. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const stage = new OutputStage();
  try {
    await stage.add(path, "输出", data);
    await stage.commit();
  } finally {
    await stage.abort();
  }
}

/** Text of a method document: UTF-8 (a BOM is skipped), or UTF-16 with its BOM. */
function decodeText(bytes: Buffer): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
    // NUL characters: UTF-16 without its byte-order mark, which JSON.parse would only call garbled.
    return text.includes("\u0000") ? null : text;
  } catch {
    return null;
  }
}

/** A method document is a few kilobytes; anything far larger is not one (and /dev/zero never ends). */
const MAX_METHOD_BYTES = 16 * 1024 * 1024;

/** The JSON of a method document (--method), not yet validated. Throws UsageError. */
export async function readMethodDocument(path: string): Promise<unknown> {
  const st = statOrNull(path);
  if (st !== null && !st.isFile() && !st.isDirectory()) {
    throw new UsageError(`无法读取考核方法文件 ${path}：不是普通文件（请给出 .json 文件）`);
  }
  if (st !== null && st.size > MAX_METHOD_BYTES) {
    throw new UsageError(`考核方法文件 ${path} 太大（${st.size} 字节），不是考核方法文档`);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : "";
    const why =
      code === "ENOENT"
        ? "文件不存在"
        : code === "EISDIR"
          ? "这是目录"
          : code === "EACCES" || code === "EPERM"
            ? "没有读取权限（请检查文件权限）"
            : code || String(e);
    throw new UsageError(`无法读取考核方法文件 ${path}：${why}`);
  }
  const text = decodeText(bytes);
  if (text === null) {
    throw new UsageError(`考核方法文件 ${path} 不是 UTF-8 编码的文本（如为 UTF-16 等其他编码，请另存为 UTF-8）`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`考核方法文件 ${path} 不是有效的 JSON：${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Writes every `[path, option, data]` all or none (OutputStage). Throws OutputError. */
export async function writeOutputs(
  inputs: readonly NamedPath[],
  writes: readonly (readonly [path: string, option: string, data: OutputData])[],
): Promise<void> {
  const stage = new OutputStage(inputs);
  try {
    for (const [path, option, data] of writes) await stage.add(path, option, data);
    await stage.commit();
  } finally {
    await stage.abort();
  }
}

/**
 * `JSON.stringify(value, null, 2)` in pieces, the same text: the first two levels are walked, each member
 * below is stringified on its own. The result document of 10,000 leaders is 250 MB as one string.
 */
export function* jsonPieces(value: unknown, depth = 0): Generator<string> {
  const pad = "  ".repeat(depth);
  const inner = `${pad}  `;
  const leaf = (v: unknown) => (JSON.stringify(v, null, 2) ?? "null").replace(/\n/g, `\n${inner}`);
  const nested = (v: unknown): Iterable<string> =>
    depth < 1 && typeof v === "object" && v !== null && !("toJSON" in v) ? jsonPieces(v, depth + 1) : [leaf(v)];
  if (Array.isArray(value)) {
    if (value.length === 0) return yield "[]";
    yield "[";
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? "" : ","}\n${inner}`;
      yield* nested(value[i] === undefined || typeof value[i] === "function" ? null : value[i]);
    }
    return yield `\n${pad}]`;
  }
  if (typeof value === "object" && value !== null && !("toJSON" in value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== "function");
    if (entries.length === 0) return yield "{}";
    yield "{";
    for (const [i, [k, v]] of entries.entries()) {
      yield `${i === 0 ? "" : ","}\n${inner}${JSON.stringify(k)}: `;
      yield* nested(v);
    }
    return yield `\n${pad}}`;
  }
  yield JSON.stringify(value, null, 2) ?? "null";
}

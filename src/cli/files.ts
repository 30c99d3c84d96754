/**
 * The command line's files: checks on output paths before anything is read or written, atomic writes, and
 * the method document given with --method.
 */
import { randomBytes } from "node:crypto";
import { realpathSync, statSync } from "node:fs";
import { mkdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
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

export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A path and how the user named it: `["r.json", "--json"]`, `["a.xlsx", "输入工作簿"]`. */
export type NamedPath = readonly [path: string, name: string];

/** Outputs must not overwrite the inputs or each other, nor be a directory. Throws UsageError. */
export function checkOutputs(inputs: readonly NamedPath[], outputs: readonly NamedPath[]): void {
  for (const [path, option] of outputs) {
    for (const [input, what] of inputs) {
      if (samePath(path, input)) throw new UsageError(`${option} 不能与${what}是同一个文件：${path}（请另取文件名）`);
    }
    if (isDirectory(path)) throw new UsageError(`${option} 指向的是目录，应为文件：${path}`);
  }
  outputs.forEach(([a, optionA], i) => {
    for (const [b, optionB] of outputs.slice(i + 1)) {
      if (samePath(a, b)) throw new UsageError(`${optionA} 与 ${optionB} 不能是同一个文件：${a}`);
    }
  });
}

/**
 * Writes through a temporary file in the same directory and renames it into place, so that a crash never
 * leaves a half-written file under the final name. Creates missing parent directories.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

/** The JSON of a method document (--method), not yet validated. Throws UsageError. */
export async function readMethodDocument(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    const code = typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : "";
    const why = code === "ENOENT" ? "文件不存在" : code === "EISDIR" ? "这是目录" : code || String(e);
    throw new UsageError(`无法读取考核方法文件 ${path}：${why}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new UsageError(`考核方法文件 ${path} 不是有效的 JSON：${e instanceof Error ? e.message : String(e)}`);
  }
}

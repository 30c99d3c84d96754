/**
 * What every command of the command line shares: the injected output, the exit codes, the user's mistakes
 * as an error type, and the one-line form of a diagnostic.
 */
import type { Diagnostic } from "../workbook/diagnostic";

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The day of the run, YYYY-MM-DD; by default the local date of the system clock. */
  today?(): string;
}

export const EXIT = {
  ok: 0,
  /** The workbook has errors: nothing computed, nothing written. */
  workbook: 1,
  /** Bad usage: options, unreadable files, an invalid method document. */
  usage: 2,
  /** A fault of the program itself. */
  internal: 3,
} as const;

/** A mistake of the user on the command line; its message is in Chinese and printed as it is. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** YYYY-MM-DD of the local calendar day. */
export function localDate(d: Date = new Date()): string {
  const mm = String(d.getMonth() + 1).padStart(2, "0");
  const dd = String(d.getDate()).padStart(2, "0");
  return `${d.getFullYear()}-${mm}-${dd}`;
}

const SEVERITY_LABEL: Readonly<Record<Diagnostic["severity"], string>> = {
  error: "错误",
  warning: "警告",
  notice: "提示",
};

/** `经营业绩!C4 错误：…` — the address first, one line whatever the message holds. */
export function diagnosticLine(d: Diagnostic): string {
  // Most messages are one line already: no replacement to run (tens of thousands at 10,000 leaders). Read once:
  // some diagnostics make their message when it is read.
  const text = d.message;
  const message = text.includes("\n") || text.includes("\r") ? text.replace(/\s*[\r\n]+\s*/g, " ") : text;
  return `${d.cell} ${SEVERITY_LABEL[d.severity]}：${message}`;
}

/** The code of a Node error (`ENOENT`, …), else its message. */
export function errorCode(e: unknown): string {
  if (typeof e === "object" && e !== null && "code" in e) return String((e as { code: unknown }).code);
  return e instanceof Error ? e.message : String(e);
}

/** `--json -`: the JSON on standard output instead of a file. */
export const STDOUT = "-";

/**
 * Characters a terminal acts on rather than shows: C0 controls but tab and line feed (ESC starts colour,
 * cursor and title sequences; CR overwrites the line), DEL, C1 controls (CSI, OSC as single bytes), and the
 * bidirectional overrides, embeddings and isolates that reorder what follows them.
 */
// eslint-disable-next-line no-control-regex
const TERMINAL_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const codeOf = (ch: string): string => ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");

/** Text for a terminal: each unsafe character shown as `<U+001B>` instead of acted on. */
export function terminalSafe(text: string): string {
  return text.replace(TERMINAL_UNSAFE, (ch) => `<U+${codeOf(ch)}>`);
}

/** JSON text for a terminal: the unsafe characters within strings as `\u001b` escapes (the same JSON value). */
export function jsonForTerminal(json: string): string {
  return json.replace(TERMINAL_UNSAFE, (ch) => `\\u${codeOf(ch).toLowerCase()}`);
}

/** The same output with every text made safe for a terminal (what `runCli` hands to the commands). */
export function terminalIO(io: CliIO): CliIO {
  return {
    stdout: (text) => io.stdout(terminalSafe(text)),
    stderr: (text) => io.stderr(terminalSafe(text)),
    ...(io.today ? { today: io.today } : {}),
  };
}

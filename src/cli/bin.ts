/** `npm run --silent cli -- score <workbook.xlsx> [options]`: the process around main.ts's runCli. */
import { runCli } from "./main";

// `… | head` closes stdout early: stop writing quietly instead of crashing on EPIPE.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code !== "EPIPE") throw e;
});

runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(
  (code) => {
    // With nothing left to write, exit() now: a natural exit first frees the whole heap, piece by piece
    // (6 ms after a 2,000-leader run). Otherwise exitCode, which lets stdout and stderr drain where their
    // writes are asynchronous (a pipe or a terminal on some systems).
    if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`内部错误：${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 3;
  },
);

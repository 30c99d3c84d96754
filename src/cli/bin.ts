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
    // exitCode rather than exit(): lets stdout and stderr drain when they are pipes.
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`内部错误：${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 3;
  },
);

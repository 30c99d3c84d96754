/**
 * The command line's wiring: arguments (args.ts) to the command's handler (commands/), errors to exit codes.
 * `bin.ts` binds it to the process; tests call `runCli` in-process with their own CliIO.
 */
import { type Command, helpText, parseArgs, usageLine } from "./args";
import { ballotsCommand } from "./commands/ballots";
import { scoreCommand } from "./commands/score";
import { tallyCommand } from "./commands/tally";
import { termCommand } from "./commands/term";
import { OutputError } from "./files";
import { type CliIO, EXIT, terminalIO, UsageError } from "./io";

type Handlers = {
  [K in Exclude<Command["kind"], "help">]: (
    options: Extract<Command, { kind: K }>["options"],
    io: CliIO,
  ) => Promise<number>;
};

const HANDLERS: Handlers = { score: scoreCommand, term: termCommand, tally: tallyCommand, ballots: ballotsCommand };

function dispatch(command: Exclude<Command, { kind: "help" }>, io: CliIO): Promise<number> {
  switch (command.kind) {
    case "score":
      return HANDLERS.score(command.options, io);
    case "term":
      return HANDLERS.term(command.options, io);
    case "tally":
      return HANDLERS.tally(command.options, io);
    case "ballots":
      return HANDLERS.ballots(command.options, io);
  }
}

/** The whole command line: `argv` is what follows `cli --`. */
export async function runCli(argv: readonly string[], rawIO: CliIO): Promise<number> {
  // Names and messages come from the user's files: nothing in them may drive the terminal.
  const io = terminalIO(rawIO);
  if (argv.length === 0) {
    io.stderr(helpText());
    return EXIT.usage;
  }
  try {
    const command = parseArgs(argv);
    if (command.kind === "help") {
      io.stdout(helpText());
      return EXIT.ok;
    }
    return await dispatch(command, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${e.message}\n${usageLine(argv)}\n`);
      return EXIT.usage;
    }
    if (e instanceof OutputError) {
      io.stderr(`${e.message}\n`);
      return EXIT.usage;
    }
    io.stderr(`内部错误：${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.internal;
  }
}

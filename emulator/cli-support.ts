/** What the dev commands (the emulator, the playground) share: arguments, start-up and Ctrl-C. */

/** `--name value` or `--name=value`; undefined when absent. */
export function argValue(args: string[], name: string): string | undefined {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const a = args[i];
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[i + 1];
}

/** A whole number in [min, max], or undefined when not given; anything else stops the command. */
export function intArg(raw: string | undefined, name: string, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer from ${min} to ${max}, got ${raw}`);
  return n;
}

/** SIGINT (Ctrl-C) or SIGTERM stops the server once and exits 0, or 1 when stopping failed. */
export function stopOnSignals(label: string, stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`[${label}] ${signal}: stopping`);
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** Runs a command's main; a start-up failure prints its message (not a stack) and exits 1. */
export function runCli(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}

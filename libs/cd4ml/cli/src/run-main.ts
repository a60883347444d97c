/**
 * The one place where a CLI decides how it exits: `main` throws, this prints a plain message
 * (no stack trace for errors we raised on purpose) and sets a non-zero exit code, so `finally`
 * blocks still run. Set CD4ML_DEBUG=1 to see the stack of an unexpected error.
 */
export async function runMain(main: () => void | Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    const expected = 'code' in err && typeof err.code === 'string';
    process.stderr.write(`error: ${err.message}\n`);
    if (!expected) {
      process.stderr.write(process.env['CD4ML_DEBUG'] ? `${err.stack}\n` : 'Set CD4ML_DEBUG=1 for details.\n');
    }
    process.exitCode = 1;
  }
}

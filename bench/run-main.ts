/**
 * Runs a benchmark script's main and exits when it is done: a peer stuck in a login, a worker or
 * a browser could otherwise keep the process alive after the figures are printed.
 */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

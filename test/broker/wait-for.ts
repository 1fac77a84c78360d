/**
 * Polls `probe` until it returns a value (not undefined), or fails after `timeoutMs` naming what was awaited and
 * the last thing seen. Waiting on a condition, never a fixed sleep: a fast broker passes at once.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  options: { readonly timeoutMs?: number; readonly intervalMs?: number; readonly describe?: () => Promise<string> | string } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 5_000);
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      const seen = options.describe === undefined ? '' : `; last seen: ${await options.describe()}`;
      throw new Error(`timed out waiting for ${what}${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 20));
  }
}

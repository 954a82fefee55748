/** Polls `read` until it returns something other than undefined. */
export async function waitFor<T>(
  read: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`nothing came within ${timeoutMs} ms`);
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

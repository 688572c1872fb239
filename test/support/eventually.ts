/**
 * Waits for work the app does after acking (events are acked before listeners run). Polls an
 * async probe until it returns something other than undefined/false, or fails with the label.
 */
export async function eventually<T>(
  probe: () => Promise<T | undefined | false>,
  { timeoutMs = 5_000, description = 'condition' }: { timeoutMs?: number; description?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

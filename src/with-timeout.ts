/**
 * `work`'s value, or undefined when it fails or takes longer than `ms`; the timer never outlives
 * the answer. For waits that must stay bounded (an ack, a health check) where no answer is an answer.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What every log line written while handling one request (or one tick) carries. */
export interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `work` with a fresh request id; work it starts (also after the ack) keeps the id. */
export function withRequestContext<T>(work: () => T, requestId: string = randomUUID()): T {
  return storage.run({ requestId }, work);
}

/** Fields for the logger's mixin: the current request id, if any. */
export function requestLogFields(): Partial<RequestContext> {
  const context = storage.getStore();
  return context ? { requestId: context.requestId } : {};
}

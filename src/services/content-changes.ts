import { readChangeToken } from '../repositories/change-token.repository.js';
import type { ServiceContext } from './service-context.js';

/** Reads the database's change token (repositories/change-token.repository.ts). */
export type ChangeTokenReader = () => Promise<string>;

const ignore = () => undefined;

/**
 * A reader of the change token that never answers with a token older than the call: each caller
 * gets the token of a query that started after it called, so a write committed before the call
 * is always seen. Callers that arrive while a query runs share the next one, so a thousand
 * concurrent readers cost a handful of queries, not a thousand.
 */
export function changeTokenReader(ctx: Pick<ServiceContext, 'db'>): ChangeTokenReader {
  let running: Promise<string> | null = null;
  let queued: Promise<string> | null = null;
  const start = (): Promise<string> => {
    const query: Promise<string> = readChangeToken(ctx.db).finally(() => {
      if (running === query) running = null;
    });
    running = query;
    return query;
  };
  return () => {
    if (running === null) return start();
    if (queued === null) {
      queued = running.then(ignore, ignore).then(() => {
        queued = null;
        return start();
      });
    }
    return queued;
  };
}

import path from 'node:path';
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { createAppContext, type AppContext } from '../app-context.js';
import type { AppConfig } from '../config.js';
import { LOG_REDACTIONS, LOG_SERIALIZERS, buildApp } from './app.js';
import { startMailIn, type MailIn } from '../mail-in.js';

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly context: AppContext;
  /** The URL the server listens on, e.g. http://127.0.0.1:3000 */
  readonly url: string;
  /** The receivers of replies by e-mail this server runs (MAIL_IN_*). */
  readonly mailIn: MailIn;
  close(): Promise<void>;
}

/**
 * Opens the database, builds the app and listens. On SIGTERM/SIGINT it stops accepting
 * connections, lets in-flight requests finish (each reply's transaction commits or rolls back
 * whole), then closes the database.
 */
export async function startServer(
  config: AppConfig,
  options: { context?: AppContext; handleSignals?: boolean; logger?: boolean } = {},
): Promise<RunningServer> {
  const context = options.context ?? (await createAppContext(config));
  const logger =
    options.logger === false || config.logLevel === 'silent'
      ? false
      : {
          level: config.logLevel,
          redact: { paths: LOG_REDACTIONS, censor: '[redacted]' },
          serializers: LOG_SERIALIZERS,
        };
  const app = await buildApp({
    ctx: context.services,
    bodyLimit: config.bodyLimit,
    rateLimitPerMinute: config.rateLimitPerMinute,
    receiptVerifyPerMinute: config.receiptVerifyPerMinute,
    publicCacheEntries: config.publicCacheEntries,
    publicCacheBytes: config.publicCacheMb * 1024 * 1024,
    logger,
    mailDir: path.join(config.dataDir, 'mail'),
    metricsToken: config.metricsToken,
    metricsPublic: config.metricsPublic,
    trustProxy: config.trustProxy,
    publicUrl: config.publicUrl,
    organisation: config.organisation,
  });
  const address = await app.listen({ host: config.host, port: config.port });
  if (config.worker) context.worker.start();
  // Replies by e-mail (MAIL_IN_*): started once the app serves, stopped before the database closes.
  let mailIn: MailIn;
  try {
    mailIn = await startMailIn(context, (level, message, data) => app.log[level](data ?? {}, message));
  } catch (error) {
    // A receiver that cannot start (its port taken) stops the start whole: nothing is left running.
    await app.close();
    await context.worker.stop();
    throw error;
  }
  let closed = false;
  // Stop taking requests and let those in flight finish, then let the job in hand finish, then
  // close the database.
  const close = async () => {
    if (closed) return;
    closed = true;
    await app.close();
    await mailIn.close();
    await context.close();
  };
  if (options.handleSignals !== false) {
    closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
      if (err) app.log.error({ err }, 'shutting down after an error');
      else if (signal) app.log.info({ signal }, 'shutting down');
      await close();
    });
  }
  return { app, context, url: address.replace('[::1]', 'localhost'), mailIn, close };
}

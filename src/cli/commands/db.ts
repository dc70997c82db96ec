import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import { localSecretKey, redactUrl } from '../../app-context.js';
import { loadConfig } from '../../config.js';
import { migrateToLatest, migrationStatus, openDatabase } from '../../db/connect.js';
import type { DB } from '../../db/database.js';
import { sealSecret } from '../../services/identity/secrets.js';
import { formatTable, formatUtc, line, printJson, type CliIo } from '../output.js';

/** `assent db migrate|status`: the schema, without building the services. */
export function registerDbCommands(program: Command, io: CliIo): void {
  const db = program.command('db').description('database schema: apply migrations, show their status');

  db.command('migrate')
    .description('apply the pending migrations (the server and every command also do this at start)')
    .option('--json', 'print the applied migrations as JSON')
    .action(async (options: { json?: boolean }) =>
      withDatabase(io, async (database, where) => {
        // Migration 0010 seals a receipt key an earlier release stored in clear: with the same
        // server secret as the server's (read only when there is something to seal).
        const applied = await migrateToLatest(database, {
          sealSecret: (plaintext) => {
            const config = loadConfig(io.env);
            return sealSecret(config.secretKey ?? localSecretKey(config.dataDir), plaintext);
          },
        });
        if (options.json) return printJson(io.stdout, { applied });
        if (applied.length === 0) line(io.stdout, `The ${where} is up to date; no migration to apply.`);
        else {
          line(io.stdout, `Applied ${applied.length} migration${applied.length === 1 ? '' : 's'} to the ${where}:`);
          for (const name of applied) line(io.stdout, `  ${name}`);
        }
      }),
    );

  db.command('status')
    .description('list the migrations, applied and pending')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) =>
      withDatabase(io, async (database, where) => {
        const status = await migrationStatus(database);
        if (options.json) {
          return printJson(io.stdout, {
            migrations: status.map((m) => ({ name: m.name, executedAt: m.executedAt?.toISOString() ?? null })),
          });
        }
        const pending = status.filter((m) => m.executedAt === null).length;
        line(io.stdout, `${where}: ${status.length - pending} applied, ${pending} pending`);
        io.stdout.write(
          formatTable(
            ['Migration', 'Applied (UTC)'],
            status.map((m) => [m.name, m.executedAt === null ? 'pending' : formatUtc(m.executedAt.getTime())]),
            '  ',
          ),
        );
      }),
    );
}

/** Opens the configured database without migrating it (createAppContext would), then closes it. */
async function withDatabase(io: CliIo, work: (db: Kysely<DB>, where: string) => Promise<void>): Promise<void> {
  const config = loadConfig(io.env);
  const where =
    config.database.kind === 'sqlite'
      ? `SQLite database ${config.database.file}`
      : `PostgreSQL database ${redactUrl(config.database.url)}`;
  const database = openDatabase(config.database);
  try {
    await work(database, where);
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`, { cause: error });
  } finally {
    await database.destroy();
  }
}

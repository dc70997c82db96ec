import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { backupSqlite } from '../../db/backup.js';
import { restoreBackup } from '../../services/restore-backup.js';
import { line, type CliIo } from '../output.js';
import { resolvePath } from './shared.js';

/** `assent backup FILE` and `assent restore FILE`: the SQLite database (PostgreSQL: pg_dump/pg_restore). */
export function registerBackupCommands(program: Command, io: CliIo): void {
  program
    .command('backup')
    .description(
      'write a consistent copy of the SQLite database to a new file, while the server runs (PostgreSQL: use pg_dump -Fc)',
    )
    .argument('<file>', 'the new file')
    .action(async (file: string) => {
      const done = await backupSqlite(loadConfig(io.env).database, resolvePath(io, file));
      line(io.stdout, `Backed up to ${done.file} (${done.bytes} bytes).`);
    });

  program
    .command('restore')
    .description(
      'replace the SQLite database with a backup, after checking that its audit chain verifies (stop the server first)',
    )
    .argument('<file>', 'a file written by assent backup')
    .option('--force', 'replace an existing database')
    .action(async (file: string, options: { force?: boolean }) => {
      const { chain } = await restoreBackup(loadConfig(io.env).database, resolvePath(io, file), {
        force: options.force === true,
      });
      line(io.stdout, `Restored. Audit chain verified: ${chain.verifiedRows} rows, head #${chain.head.seq}.`);
    });
}

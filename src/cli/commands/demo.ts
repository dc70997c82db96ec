import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { AppError } from '../../domain/errors.js';
import { totpCode } from '../../services/identity/totp.js';
import { line, type CliIo } from '../output.js';
import { readDemoTokens } from './demo-tokens.js';

/**
 * `assent demo-code <email>`: the current authenticator code of a DEMO account, read from the
 * demo file in the data folder (where `serve --demo` keeps the demo secrets), so the pages can be
 * tried without an authenticator app. It knows only the demo accounts' keys; real accounts' keys
 * are sealed in the database and never printed.
 */
export function registerDemoCommands(program: Command, io: CliIo): void {
  program
    .command('demo-code')
    .description('print the current 6-digit sign-in code of a demo account (demo data only)')
    .argument('<email>', 'e-mail address of a demo account, e.g. tsb@demo.example')
    .action((email: string) => {
      const config = loadConfig(io.env);
      const demo = readDemoTokens(config.dataDir)?.accounts?.find((a) => a.email === email.trim().toLowerCase());
      if (!demo)
        throw new AppError('NOT_FOUND', `${email} is not a demo account of ${config.dataDir} (start with: npm start)`);
      line(io.stdout, totpCode(demo.totpKey, Date.now()));
    });
}

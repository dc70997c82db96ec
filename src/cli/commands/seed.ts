import type { Command } from 'commander';
import { seedMemberStates } from '../../services/member-states.js';
import { DEMO_CONSULTATION_ID, seedDemo } from '../../services/seed-demo.js';
import { line, printJson, type CliIo } from '../output.js';
import { formatDemoTokens, writeDemoTokens } from './demo-tokens.js';
import { withContext } from './shared.js';

/** `assent seed [--demo]`: reference data, and the demo. */
export function registerSeedCommand(program: Command, io: CliIo): void {
  program
    .command('seed')
    .description('load (or refresh) the Member States; with --demo also the demo consultations and demo tokens')
    .option(
      '--demo',
      'also seed Circular 79 (with simulated replies), an open demo consultation and demo tokens, on a database without consultations',
    )
    .option('--json', 'print the outcome as JSON (includes the demo tokens when created)')
    .action(async (options: { demo?: boolean; json?: boolean }) =>
      withContext(io, async (context) => {
        const memberStates = await seedMemberStates(context.services);
        if (!options.demo) {
          if (options.json) return printJson(io.stdout, { memberStates });
          return line(io.stdout, `Member States: ${memberStates} loaded.`);
        }
        const tokens = await seedDemo(context.services);
        const file = tokens ? writeDemoTokens(context.config.dataDir, tokens) : null;
        if (options.json)
          return printJson(io.stdout, { memberStates, demo: tokens !== null, tokens, tokensFile: file });
        line(io.stdout, `Member States: ${memberStates} loaded.`);
        if (!tokens) {
          line(io.stdout, 'Demo data: not seeded, the database already has consultations.');
          return;
        }
        line(
          io.stdout,
          `Demo data: TSB Circular 79 (tsb-79-2023, simulated replies) and the open consultation ${DEMO_CONSULTATION_ID}.`,
        );
        line(io.stdout, `Demo tokens (shown once here; kept in ${file}):`);
        io.stdout.write(formatDemoTokens(tokens));
      }),
    );
}

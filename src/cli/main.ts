import fs from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerAccountCommands } from './commands/account.js';
import { registerDemoCommands } from './commands/demo.js';
import { registerAuditCommands } from './commands/audit.js';
import { registerBackupCommands } from './commands/backup.js';
import { registerContactCommands } from './commands/contact.js';
import { registerReceiptCommands } from './commands/receipt.js';
import { registerJobCommands } from './commands/jobs.js';
import { registerConsultationCommands } from './commands/consultation.js';
import { registerDbCommands } from './commands/db.js';
import { registerDecisionCommands } from './commands/decision.js';
import { registerDocumentCommands } from './commands/document.js';
import { registerI18nCommands } from './commands/i18n.js';
import { registerDoctorCommand } from './commands/doctor.js';
import { registerMemberStateCommands } from './commands/member-state.js';
import { registerIntakeCommands } from './commands/intake.js';
import { registerInboxCommands } from './commands/inbox.js';
import { registerNoticeCommands } from './commands/notice.js';
import { registerProcedureCommands } from './commands/procedure.js';
import { registerReplyCommands } from './commands/reply.js';
import { registerResultsCommand } from './commands/results.js';
import { registerSeedCommand } from './commands/seed.js';
import { registerServeCommand } from './commands/serve.js';
import { registerTokenCommands } from './commands/token.js';
import { EXIT_OK, EXIT_USAGE, reportError, type CliIo } from './output.js';

export type { CliIo } from './output.js';

const HELP_AFTER = `
Environment:
  DATABASE_URL   postgres://user:password@host:5432/db, or sqlite:PATH (default: sqlite:<DATA_DIR>/assent.db)
  DATA_DIR       folder for the SQLite file and the demo tokens (default: ./data)
  HOST, PORT     where \`serve\` listens (default: 127.0.0.1:3000)
  LOG_LEVEL      fatal, error, warn, info, debug, trace or silent (default: info)
  SMTP_URL       smtp://user:password@host:587 (default: write e-mails as .eml files under DATA_DIR/mail)
  ASSENT_TOKEN   the API token of commands that take --token

Without --token, commands act as the local operator (the secretariat), named after your account.

Exit codes: 0 success; 1 failure (the error code is printed, e.g. error [DEADLINE_PASSED]: …); 2 usage or configuration error; 75 a failure that may pass (assent inbox receive could not keep the message now: a mail server tries again later).

Example:
  assent serve --demo
  assent results tsb-79-2023 --format csv > results.csv
`;

/** The version in package.json (src/cli and dist/cli both sit two folders below it). */
function packageVersion(): string {
  try {
    const text = fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
    return (JSON.parse(text) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/**
 * Builds the `assent` command tree. Settings given to the root before the subcommands are
 * declared (exitOverride, output) are inherited by every subcommand.
 */
export function buildProgram(io: CliIo): Command {
  const program = new Command('assent')
    .description(
      'Assent: Member State consultations on draft texts (ITU-T Traditional Approval Procedure, WTSA Resolution 1 §9)',
    )
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      writeErr: (text) => void io.stderr.write(text),
    })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', HELP_AFTER);

  registerServeCommand(program, io);
  registerDbCommands(program, io);
  registerSeedCommand(program, io);
  registerConsultationCommands(program, io);
  registerReplyCommands(program, io);
  registerResultsCommand(program, io);
  registerDecisionCommands(program, io);
  registerNoticeCommands(program, io);
  registerIntakeCommands(program, io);
  registerInboxCommands(program, io);
  registerTokenCommands(program, io);
  registerMemberStateCommands(program, io);
  registerProcedureCommands(program, io);
  registerAccountCommands(program, io);
  registerAuditCommands(program, io);
  registerContactCommands(program, io);
  registerJobCommands(program, io);
  registerBackupCommands(program, io);
  registerReceiptCommands(program, io);
  registerDocumentCommands(program, io);
  registerI18nCommands(program, io);
  registerDoctorCommand(program, io);
  registerDemoCommands(program, io);
  return program;
}

/**
 * Runs the CLI and returns the exit code: 0 success, 1 failure (an AppError or a runtime
 * error, printed on stderr), 2 usage or configuration error. It never calls process.exit, so
 * tests run it in-process with their own `io`.
 * @param argv as process.argv: node, script, then the arguments
 */
export async function main(
  argv: readonly string[],
  io: CliIo = { env: process.env, stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'node' });
    return EXIT_OK;
  } catch (error) {
    // Help and --version end with code 0; every other commander error is a usage mistake it has already printed.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    return reportError(io, error);
  }
}

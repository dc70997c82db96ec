import type { Command } from 'commander';
import { createAppContext, redactUrl, type AppContext } from '../../app-context.js';
import { loadConfig, type AppConfig } from '../../config.js';
import { startServer } from '../../http/server.js';
import { DEMO_CONSULTATION_ID, seedDemo, type DemoTokens } from '../../services/seed-demo.js';
import type { CliIo } from '../output.js';
import { demoTokensFile, formatDemoTokens, readDemoTokens, writeDemoTokens } from './demo-tokens.js';
import { integerParser } from './shared.js';

interface ServeOptions {
  readonly demo?: boolean;
  readonly port?: number;
  readonly host?: string;
}

/** `assent serve`: the web server, optionally with the demo data. */
export function registerServeCommand(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description(
      'start the server (API under /api/v1, docs at /api/docs); stops on SIGTERM/SIGINT after in-flight requests finish',
    )
    .option('--demo', 'seed the demo data first (Circular 79 and an open demo consultation) and print demo tokens')
    .option('--port <n>', 'port to listen on (default: PORT or 3000; 0 picks a free port)', integerParser(0, 65535))
    .option('--host <host>', 'address to listen on (default: HOST or 127.0.0.1)')
    .action(async (options: ServeOptions) => serve(io, options));
}

/**
 * Starts the server and resolves only when it has closed, so that `main` returns its exit code
 * after a clean shutdown (startServer installs the signal handlers).
 */
async function serve(io: CliIo, options: ServeOptions): Promise<void> {
  const base = loadConfig(io.env);
  const config: AppConfig = {
    ...base,
    ...(options.port !== undefined && { port: options.port }),
    ...(options.host !== undefined && options.host.trim() !== '' && { host: options.host.trim() }),
  };
  const context = await createAppContext(config, io.clock);
  let tokens: DemoTokens | null = null;
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    if (options.demo) tokens = await demoTokens(context);
    server = await startServer(config, { context });
  } catch (error) {
    await context.close();
    throw error;
  }
  const closed = new Promise<void>((resolve) => server.app.server.once('close', () => resolve()));
  io.stdout.write(banner(config, server.url, options.demo === true, tokens));
  await closed;
}

/** Seeds the demo; returns the new tokens (saved to the data folder) or the saved ones. */
async function demoTokens(context: AppContext): Promise<DemoTokens | null> {
  const created = await seedDemo(context.services);
  if (created) {
    writeDemoTokens(context.config.dataDir, created);
    return created;
  }
  return readDemoTokens(context.config.dataDir);
}

function databaseLabel(config: AppConfig): string {
  return config.database.kind === 'sqlite'
    ? `SQLite, ${config.database.file}`
    : `PostgreSQL, ${redactUrl(config.database.url)}`;
}

/** Where replies by e-mail come in (MAIL_IN_*), when they do. */
function mailInLines(config: AppConfig): string[] {
  const { mailIn } = config;
  const lines: string[] = [];
  if (mailIn.smtp !== null)
    lines.push(`  Mail in    SMTP on ${mailIn.smtp.host}:${mailIn.smtp.port} for ${mailIn.addresses.join(', ')}`);
  if (mailIn.imapUrl !== null)
    lines.push(
      `  Mail in    ${config.worker ? `IMAP, every ${mailIn.imapIntervalMs / 1000} s` : 'IMAP polled by the worker instances (WORKER is off here)'}: ${redactUrl(mailIn.imapUrl)}`,
    );
  return lines;
}

/** What a person starting the server needs: where it is, what it uses, and how to try it. */
export function banner(config: AppConfig, url: string, demo: boolean, tokens: DemoTokens | null): string {
  const out: string[] = [
    '',
    'Assent is running.',
    '',
    `  URL        ${url}`,
    `  API docs   ${url}/api/docs`,
    `  API        ${url}/api/v1`,
    `  Database   ${databaseLabel(config)}`,
    ...mailInLines(config),
    '',
  ];
  if (demo && tokens) {
    const kr = tokens.focalPoints.find((f) => f.memberState === 'KR') ?? tokens.focalPoints[0];
    out.push(
      `Demo tokens (secrets for this demonstration only; kept in ${demoTokensFile(config.dataDir)}):`,
      formatDemoTokens(tokens).trimEnd(),
      '',
      'Try:',
      `  curl -H "Authorization: Bearer ${tokens.observer}" ${url}/api/v1/consultations/tsb-79-2023/results`,
      `  curl -H "Authorization: Bearer ${tokens.secretariat}" ${url}/api/v1/consultations/${DEMO_CONSULTATION_ID}/results`,
    );
    if (kr)
      out.push(
        `  ASSENT_TOKEN=${kr.token} assent reply submit ${DEMO_CONSULTATION_ID} --file reply.json   # reply as ${kr.memberState}`,
      );
    out.push('');
    if (tokens.accounts && tokens.accounts.length > 0) {
      out.push(
        `Demo accounts for the pages (sign in at ${url}/en/login; the code is from an authenticator app with the key, or from: npx assent demo-code <e-mail>):`,
      );
      const width = Math.max(...tokens.accounts.map((a) => a.label.length));
      for (const a of tokens.accounts)
        out.push(`  ${a.label.padEnd(width + 2)}${a.email}  password ${a.password}  key ${a.totpKey}`);
      out.push('');
    }
  } else if (demo) {
    out.push(
      `Demo data is present, but its tokens are not: ${demoTokensFile(config.dataDir)} is missing.`,
      'Create a token with: assent token create --role secretariat --label "Demo secretariat"',
      '',
    );
  }
  out.push('Press Ctrl+C to stop.', '');
  return out.join('\n');
}

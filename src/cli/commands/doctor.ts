import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { redactUrl } from '../../app-context.js';
import { loadConfig } from '../../config.js';
import { migrationStatus, openDatabase } from '../../db/connect.js';
import { createPdfEngine } from '../../documents/pdf.js';
import { fontPackages } from '../../documents/print/fonts.js';
import { locateChromium } from '../../platform/chromium.js';
import { checkDatabase } from '../../services/check-database.js';
import { line, printJson, type CliIo } from '../output.js';

/** One line of the diagnosis. `fail`: Assent cannot work; `warn`: a feature is missing (PDFs) or something needs doing. */
export interface DoctorCheck {
  readonly check: 'node' | 'database' | 'migrations' | 'chromium' | 'pdf' | 'fonts' | 'libreoffice' | 'mail';
  readonly status: 'ok' | 'warn' | 'fail' | 'info';
  readonly detail: string;
}

/** Node versions Assent supports (package.json engines: >=20.19 <21 || >=22). */
export function nodeSupported(version: string): boolean {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  return (major === 20 && minor >= 19) || major >= 22;
}

/** The first executable named `names` on PATH, or null. */
export function findOnPath(env: NodeJS.ProcessEnv, names: readonly string[]): string | null {
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of names) {
      const file = path.join(dir, name);
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch {
        // not here
      }
    }
  }
  return null;
}

/** Runs every check; never throws (a check that cannot run is reported as failed). */
export async function diagnose(io: CliIo, options: { printPdf: boolean }): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  checks.push({
    check: 'node',
    status: nodeSupported(process.version) ? 'ok' : 'fail',
    detail: `Node ${process.version}${nodeSupported(process.version) ? '' : ' (Assent needs 20.19 or later in the 20 line, or 22 and later)'}`,
  });

  let mailDetail: DoctorCheck;
  try {
    const config = loadConfig(io.env);
    const where =
      config.database.kind === 'sqlite'
        ? `SQLite ${config.database.file}`
        : `PostgreSQL ${redactUrl(config.database.url)}`;
    // Opening a SQLite file that is not there would create it: say so instead.
    const absent = config.database.kind === 'sqlite' && !existsSync(config.database.file);
    const db = absent ? null : openDatabase(config.database);
    if (!db)
      checks.push({
        check: 'database',
        status: 'warn',
        detail: `${where} does not exist yet: "assent serve" or "assent db migrate" creates it`,
      });
    else
      try {
        await checkDatabase({ db });
        checks.push({ check: 'database', status: 'ok', detail: `${where} answers` });
        const status = await migrationStatus(db);
        const pending = status.filter((m) => m.executedAt === null).map((m) => m.name);
        checks.push(
          pending.length === 0
            ? { check: 'migrations', status: 'ok', detail: `${status.length} applied, none pending` }
            : {
                check: 'migrations',
                status: 'warn',
                detail: `${pending.length} pending (${pending.slice(0, 3).join(', ')}${pending.length > 3 ? ', …' : ''}): run "assent db migrate" (the server also migrates when it starts)`,
              },
        );
      } catch (error) {
        checks.push({
          check: 'database',
          status: 'fail',
          detail: `${where}: ${(error as Error).message.split('\n')[0]}`,
        });
      } finally {
        await db?.destroy().catch(() => undefined);
      }
    mailDetail = config.smtpUrl
      ? { check: 'mail', status: 'ok', detail: `SMTP ${redactUrl(config.smtpUrl)}` }
      : {
          check: 'mail',
          status: 'info',
          detail: `no SMTP_URL: e-mails are written as .eml files under ${path.join(config.dataDir, 'mail')}`,
        };
  } catch (error) {
    checks.push({ check: 'database', status: 'fail', detail: (error as Error).message });
    mailDetail = { check: 'mail', status: 'fail', detail: 'the configuration could not be read' };
  }

  const location = await locateChromium(io.env).catch(() => null);
  if (!location) {
    checks.push({
      check: 'chromium',
      status: 'warn',
      detail:
        'not found: PDF documents are unavailable (DOCX works). Keep the @sparticuz/chromium npm package, install chromium, or set CHROMIUM_PATH',
    });
  } else {
    checks.push({ check: 'chromium', status: 'ok', detail: `${location.executablePath} (from ${location.source})` });
    if (options.printPdf) {
      const engine = createPdfEngine({ locate: async () => location });
      const started = performance.now();
      try {
        const pdf = await engine.print(
          '<!doctype html><html lang="en"><head><title>assent doctor</title></head><body><p>assent doctor</p></body></html>',
        );
        checks.push({
          check: 'pdf',
          status: 'ok',
          detail: `printed a test page (${pdf.length} bytes) in ${Math.round(performance.now() - started)} ms, Chromium started`,
        });
      } catch (error) {
        checks.push({
          check: 'pdf',
          status: 'fail',
          detail: `Chromium was found but could not print: ${(error as Error).message.split('\n')[0]}`,
        });
      } finally {
        await engine.close();
      }
    }
  }

  const fonts = fontPackages();
  const missing = fonts.filter((f) => !f.present);
  checks.push({
    check: 'fonts',
    status: missing.length === 0 ? 'ok' : 'fail',
    detail:
      missing.length === 0
        ? fonts.map((f) => `${f.name} (${f.files} files)`).join(', ')
        : `missing ${missing.map((f) => f.name).join(', ')}: run npm ci`,
  });

  const soffice = findOnPath(io.env, ['soffice', 'libreoffice']);
  checks.push(
    soffice
      ? { check: 'libreoffice', status: 'ok', detail: `${soffice} (the tests open every DOCX with it)` }
      : {
          check: 'libreoffice',
          status: 'info',
          detail: 'soffice not found: optional; the tests that open DOCX files with LibreOffice are skipped',
        },
  );
  checks.push(mailDetail);
  return checks;
}

/** `assent doctor`: what this installation can and cannot do, and why. */
export function registerDoctorCommand(program: Command, io: CliIo): void {
  program
    .command('doctor')
    .description(
      'check the installation: Node, database and migrations, Chromium for PDFs, fonts, LibreOffice, e-mail (exit 1 if something essential fails)',
    )
    .option('--json', 'print the checks as JSON')
    .option('--no-print', 'only look for Chromium, do not start it to print a test page')
    .action(async (options: { json?: boolean; print: boolean }) => {
      const checks = await diagnose(io, { printPdf: options.print });
      if (options.json) printJson(io.stdout, { ok: checks.every((c) => c.status !== 'fail'), checks });
      else
        for (const c of checks)
          line(io.stdout, `${c.status.toUpperCase().padEnd(4)}  ${c.check.padEnd(11)} ${c.detail}`);
      const failed = checks.filter((c) => c.status === 'fail');
      if (failed.length > 0)
        throw new Error(
          `${failed.length} check${failed.length === 1 ? '' : 's'} failed: ${failed.map((c) => c.check).join(', ')}`,
        );
    });
}

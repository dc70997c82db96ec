import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError, isAppError } from '../../domain/errors.js';
import { LOCALES } from '../../i18n/i18n.js';
import {
  catalogueMessages,
  exportCatalogues,
  importCatalogues,
  reviewedLocales,
  summarise,
} from '../../services/translations/catalogue-review.js';
import { exportCircularTranslation, importCircularTranslation } from '../../services/translations/circular-review.js';
import { formatTable, line, printJson, UsageError, type CliIo } from '../output.js';
import { localOperator, resolvePath, withContext } from './shared.js';

/**
 * `assent i18n status|export|import`: the review of the message catalogues by language services
 * (docs/translations.md). The catalogues are files of the source tree, so these commands need no
 * database; `--source-root` names another `src/` folder (a checkout, a copy).
 */
export function registerI18nCommands(program: Command, io: CliIo): void {
  const i18n = program
    .command('i18n')
    .description('review the message catalogues in a translation tool: XLIFF 2.0 export and import');

  const sourceRootOf = (option: string | undefined) => (option === undefined ? undefined : resolvePath(io, option));

  i18n
    .command('status')
    .description('per language, how many messages are reviewed, stale (English changed since) and unreviewed')
    .option('--json', 'print as JSON')
    .option('--source-root <dir>', 'the src/ folder holding the catalogues (default: this installation’s)')
    .action(async (options: { json?: boolean; sourceRoot?: string }) => {
      const root = sourceRootOf(options.sourceRoot);
      const summaries = reviewedLocales().map((locale) => summarise(locale, catalogueMessages(locale, root)));
      if (options.json) return printJson(io.stdout, { items: summaries });
      io.stdout.write(
        formatTable(
          ['Language', 'Messages', 'Reviewed', 'Stale', 'Unreviewed'],
          summaries.map((s) => [s.locale, s.total, s.reviewed, s.stale, s.unreviewed]),
        ),
      );
    });

  i18n
    .command('export')
    .description('write a language’s catalogues (core and procedures) as XLIFF 2.0, English as the source')
    .requiredOption('--locale <locale>', `the language to review: ${LOCALES.filter((l) => l !== 'en').join(', ')}`)
    .option('--out <file>', 'the file to write (default: standard output)')
    .option('--to-review', 'only the messages not reviewed, or whose review is stale')
    .option('--source-root <dir>', 'the src/ folder holding the catalogues (default: this installation’s)')
    .action(async (options: { locale: string; out?: string; toReview?: boolean; sourceRoot?: string }) => {
      const root = sourceRootOf(options.sourceRoot);
      const { xliff, units } = withCodes(() =>
        exportCatalogues({
          locale: options.locale,
          ...(options.toReview && { onlyToReview: true }),
          ...(root !== undefined && { sourceRoot: root }),
        }),
      );
      if (options.out === undefined) return void io.stdout.write(xliff);
      fs.writeFileSync(resolvePath(io, options.out), xliff);
      line(io.stdout, `${options.out}: ${units} messages in ${options.locale}.`);
    });

  i18n
    .command('import')
    .description(
      'import a reviewed XLIFF file: every changed message checked (ICU, placeholders, plurals), the whole file refused on any problem, else the catalogues written and the review recorded',
    )
    .argument('<file>', 'the XLIFF 2.0 file, as exported and reviewed')
    .requiredOption('--reviewer <name>', 'who reviewed it, as the review records name them')
    .option('--dry-run', 'check and tell what would change, writing nothing')
    .option('--json', 'print the result as JSON')
    .option('--source-root <dir>', 'the src/ folder holding the catalogues (default: this installation’s)')
    .action(
      async (file: string, options: { reviewer: string; dryRun?: boolean; json?: boolean; sourceRoot?: string }) => {
        const root = sourceRootOf(options.sourceRoot);
        const result = withCodes(() =>
          importCatalogues({
            xliff: readText(io, file),
            reviewer: reviewerName(options.reviewer),
            at: (io.clock ?? Date.now)(),
            ...(options.dryRun && { dryRun: true }),
            ...(root !== undefined && { sourceRoot: root }),
          }),
        );
        if (options.json) return printJson(io.stdout, result);
        for (const change of result.changed)
          line(
            io.stdout,
            `  ${change.path}: ${[change.textChanged ? 'text changed' : '', change.review === 'kept' ? '' : `review ${change.review}`].filter(Boolean).join(', ')}`,
          );
        const verb = options.dryRun ? 'would change' : 'changed';
        line(
          io.stdout,
          `${file} (${result.locale}): ${result.units} units, ${result.changed.length} ${result.changed.length === 1 ? 'message' : 'messages'} ${verb}${options.dryRun ? ' (dry run: nothing written)' : ''}.`,
        );
        if (!options.dryRun && result.written.length > 0)
          line(
            io.stdout,
            `Written: ${result.written.map((w) => path.relative(io.cwd ?? process.cwd(), w)).join(', ')}`,
          );
      },
    );

  i18n
    .command('export-circular')
    .description(
      'write a draft circular’s translatable fields (subject, texts’ titles and summaries…) as XLIFF 2.0, from its language of record',
    )
    .argument('<id>', 'consultation id, e.g. tsb-80-2023')
    .requiredOption('--locale <locale>', 'the UN language to translate into')
    .option('--out <file>', 'the file to write (default: standard output)')
    .action(async (id: string, options: { locale: string; out?: string }) =>
      withContext(io, async (context) => {
        const { xliff, units } = await withCodesAsync(() =>
          exportCircularTranslation(context.services, {
            actor: localOperator(io),
            consultationId: id,
            locale: options.locale,
          }),
        );
        if (options.out === undefined) return void io.stdout.write(xliff);
        fs.writeFileSync(resolvePath(io, options.out), xliff);
        line(io.stdout, `${options.out}: ${units} fields of ${id} in ${options.locale}.`);
      }),
    );

  i18n
    .command('import-circular')
    .description(
      'import a translated circular’s XLIFF file into the draft: checked whole, refused on any problem, audited',
    )
    .argument('<file>', 'the XLIFF 2.0 file, as exported and translated')
    .requiredOption('--reviewer <name>', 'who translated or reviewed it (recorded in the audit trail)')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { reviewer: string; json?: boolean }) =>
      withContext(io, async (context) => {
        const result = await withCodesAsync(() =>
          importCircularTranslation(context.services, {
            actor: localOperator(io),
            xliff: readText(io, file),
            reviewer: reviewerName(options.reviewer),
          }),
        );
        if (options.json) return printJson(io.stdout, result);
        for (const unit of result.changed) line(io.stdout, `  ${unit}`);
        line(
          io.stdout,
          `${result.consultationId} (${result.locale}): ${result.changed.length} ${result.changed.length === 1 ? 'field' : 'fields'} changed.`,
        );
      }),
    );
}

/** The text of a file given on the command line. */
export function readText(io: CliIo, file: string): string {
  try {
    return fs.readFileSync(resolvePath(io, file), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** The reviewer's name: one line of text, not empty. */
export function reviewerName(name: string): string {
  const trimmed = name.normalize('NFC').trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (trimmed === '' || trimmed.length > 200 || /[\u0000-\u001f\u007f-\u009f]/u.test(trimmed))
    throw new UsageError('--reviewer: a name on one line, at most 200 characters');
  return trimmed;
}

/** `withCodes` for asynchronous work. */
export async function withCodesAsync<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    return withCodes(() => {
      throw error;
    });
  }
}

/**
 * Runs `work`; a refusal's problems are printed with their codes (`path [CODE]: words`), which the
 * generic report leaves out, before the refusal itself.
 */
export function withCodes<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (isAppError(error) && error.errors.length > 0) {
      const lines = error.errors.map((p) => `  ${p.field} [${p.code ?? error.code}]: ${p.message}`);
      throw new AppError(error.code, `${error.message} (${error.errors.length} problems)\n${lines.join('\n')}`);
    }
    throw error;
  }
}

import fs from 'node:fs';
import { Argument, Option, type Command } from 'commander';
import {
  DOCUMENT_FORMATS,
  DOCUMENT_KINDS,
  isReplyDocument,
  type DocumentFormat,
  type DocumentKind,
} from '../../documents/document.js';
import { createPdfEngine } from '../../documents/pdf.js';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../../i18n/i18n.js';
import { locateChromium } from '../../platform/chromium.js';
import { generateDocument } from '../../services/documents/generate-document.js';
import { line, UsageError, type CliIo } from '../output.js';
import { actorFor, integerParser, parseStateCode, resolvePath, withContext } from './shared.js';

interface DocumentOptions {
  readonly state?: string;
  readonly version?: number;
  readonly format: DocumentFormat;
  readonly locale: Locale;
  readonly output?: string;
  readonly token?: string;
}

/**
 * `assent document <kind> <consultation>`: writes an official document — the circular, a
 * State's filled reply form, a receipt, the results report, the results notice — as DOCX or PDF,
 * through the same service as the API (same authorisation, same stored bytes for closed records).
 */
export function registerDocumentCommands(program: Command, io: CliIo): void {
  program
    .command('document')
    .description(
      'write an official document as DOCX or PDF: circular (with Annexes 1 and 2), reply (filled form), receipt, results-report, results-notice',
    )
    .addArgument(new Argument('<kind>', 'which document').choices(DOCUMENT_KINDS))
    .argument('<consultation>', 'consultation id, e.g. tsb-79-2023')
    .option('--state <code>', 'the Member State (reply and receipt)', parseStateCode)
    .option(
      '--version <n>',
      "the reply's version (reply and receipt; default: the latest)",
      integerParser(1, 1_000_000),
    )
    .addOption(
      new Option('--format <format>', 'docx (editable) or pdf (needs Chromium: see assent doctor)')
        .choices(DOCUMENT_FORMATS)
        .default('docx'),
    )
    .addOption(new Option('--locale <locale>', 'language of the document').choices(LOCALES).default(DEFAULT_LOCALE))
    .option('-o, --output <file>', "where to write it (default: the document's own file name, in the current folder)")
    .option('--token <token>', 'act as the holder of this API token instead of the local operator (or ASSENT_TOKEN)')
    .addHelpText(
      'after',
      '\nExamples:\n  assent document circular tsb-79-2023 --format pdf -o circular-79.pdf\n  assent document reply tsb-79-2023 --state KR --format docx\n  assent document results-report tsb-79-2023 --format pdf\n',
    )
    .action(async (kind: DocumentKind, consultationId: string, options: DocumentOptions) => {
      if (isReplyDocument(kind) && !options.state)
        throw new UsageError(`a ${kind} document names a Member State: add --state XX`);
      if (!isReplyDocument(kind) && (options.state || options.version))
        throw new UsageError(`a ${kind} document is about the whole consultation: drop --state and --version`);
      const pdf = createPdfEngine({ locate: () => locateChromium(io.env) });
      try {
        await withContext(io, async (context) => {
          const actor = await actorFor(io, context, options.token);
          const document = await generateDocument(context.services, {
            actor,
            consultationId,
            kind,
            format: options.format,
            locale: options.locale,
            ...(options.state && { memberState: options.state }),
            ...(options.version && { version: options.version }),
            pdf,
          });
          const file = options.output ?? document.filename;
          fs.writeFileSync(resolvePath(io, file), document.bytes);
          line(
            io.stdout,
            `Wrote ${file} (${document.bytes.length.toLocaleString('en-GB')} bytes, SHA-256 ${document.sha256})${document.stored ? ' — a closed record: the stored copy, identical on every request' : ''}`,
          );
        });
      } finally {
        await pdf.close();
      }
    });
}

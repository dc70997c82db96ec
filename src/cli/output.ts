import { ConfigError } from '../config.js';
import { csvQuote } from '../documents/tabular.js';
import { isAppError } from '../domain/errors.js';
import { translateStorageError } from '../services/service-context.js';
import type { Clock } from '../domain/time/clock.js';

/** Where a command writes. Tests pass strings collectors; the bin passes the process streams. */
export interface CliWriter {
  /** Text, or bytes written as they are (a message as received). */
  write(chunk: string | Uint8Array): unknown;
}

/**
 * Everything the CLI takes from its surroundings, injectable so that tests run `main` in-process
 * without touching process.env or the process streams.
 */
export interface CliIo {
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: CliWriter;
  readonly stderr: CliWriter;
  /** Folder against which relative `--file` paths are resolved (default: the process's). */
  readonly cwd?: string;
  /** The clock of the services (default: the system clock). */
  readonly clock?: Clock;
  /**
   * Asks the operator a yes-or-no question (default: on the terminal; false when the input is
   * not one). Tests answer it themselves.
   */
  readonly confirm?: (question: string) => Promise<boolean>;
  /** What `-` reads as a file (default: the process's standard input). */
  readonly stdin?: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

/** A mistake in how the command was called (missing token, bad option value): exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit codes: stable, documented in `assent --help`. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** A failure that may pass (sysexits' EX_TEMPFAIL): a mail server piping a message to `assent inbox receive` tries again later. */
export const EXIT_TEMPORARY = 75;

/** A failure worth retrying later (the database unreachable): exit code 75. */
export class TemporaryFailure extends Error {
  override readonly name = 'TemporaryFailure';
}

/** Writes one line (a newline is added). */
export function line(out: CliWriter, text = ''): void {
  out.write(`${text}\n`);
}

/** Writes a value as indented JSON: the same documents the API answers with. */
export function printJson(out: CliWriter, value: unknown): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
}

export type Cell = string | number | boolean | null | undefined;

function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  return String(cell);
}

/**
 * A plain-text table: one space-padded column per header, columns of numbers right-aligned, an empty cell
 * shown as "—" so that columns stay readable.
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly Cell[])[], indent = ''): string {
  const texts = rows.map((row) => headers.map((_, i) => (cellText(row[i]) === '' ? '—' : cellText(row[i]))));
  const isNumber = (cell: Cell) =>
    typeof cell === 'number' || (typeof cell === 'string' && /^-?\d+(\.\d+)?$/.test(cell));
  const isEmpty = (cell: Cell) => cell === null || cell === undefined || cell === '';
  const numeric = headers.map(
    (_, i) => rows.some((row) => isNumber(row[i])) && rows.every((row) => isNumber(row[i]) || isEmpty(row[i])),
  );
  const widths = headers.map((h, i) => Math.max(h.length, ...texts.map((r) => r[i]!.length)));
  const render = (cells: readonly string[]) =>
    indent +
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return `${[render(headers), render(widths.map((w) => '-'.repeat(w))), ...texts.map(render)].join('\n')}\n`;
}

/** One CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180 §2.6–2.7). */
export function csvField(cell: Cell): string {
  return csvQuote(cellText(cell));
}

/** CSV text with CRLF line breaks, as RFC 4180 §2.1 specifies; the first row is the header. */
export function formatCsv(rows: readonly (readonly Cell[])[]): string {
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** An instant as people read it in a terminal: `2023-08-16 23:59:59 UTC`. */
export function formatUtc(ms: number | null): string {
  if (ms === null) return '—';
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** Labelled lines, labels padded to one width. */
export function formatFields(fields: readonly (readonly [string, Cell])[], indent = ''): string {
  const width = Math.max(...fields.map(([label]) => label.length));
  return (
    fields.map(([label, value]) => `${indent}${`${label}:`.padEnd(width + 2)}${cellText(value) || '—'}`).join('\n') +
    '\n'
  );
}

/**
 * Reports a failure on stderr and returns the exit code: an AppError as `error [CODE]: message`
 * with one line per field problem and the clause; a configuration or usage mistake as its
 * message with code 2; anything else as a runtime failure.
 */
export function reportError(io: CliIo, error: unknown): number {
  if (error instanceof ConfigError) {
    line(io.stderr, `error: ${error.message}`);
    return EXIT_USAGE;
  }
  if (error instanceof UsageError) {
    line(io.stderr, `error: ${error.message}`);
    return EXIT_USAGE;
  }
  if (error instanceof TemporaryFailure) {
    line(io.stderr, `error: ${error.message}`);
    return EXIT_TEMPORARY;
  }
  // Storage failures reach the edge translated exactly as the HTTP layer translates them.
  const translated = translateStorageError(error);
  if (isAppError(translated)) {
    line(io.stderr, `error [${translated.code}]: ${translated.message}`);
    for (const problem of translated.errors) {
      line(io.stderr, `  ${problem.field}: ${problem.message}${problem.clause ? ` (${problem.clause})` : ''}`);
    }
    if (translated.clause) line(io.stderr, `  clause: ${translated.clause}`);
    return EXIT_FAILURE;
  }
  const message = error instanceof Error ? error.message : String(error);
  line(io.stderr, `error: ${message}`);
  if (io.env.ASSENT_DEBUG && error instanceof Error && error.stack) line(io.stderr, error.stack);
  return EXIT_FAILURE;
}

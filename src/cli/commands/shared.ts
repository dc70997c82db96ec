import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Settings } from 'typebox/system';
import { createAppContext, type AppContext } from '../../app-context.js';
import { loadConfig } from '../../config.js';
import { AppError } from '../../domain/errors.js';
import { operatorActor, type Actor } from '../../domain/policy/actor.js';
import { normaliseInputText } from '../../domain/text/input-text.js';
import { isParticipantCode } from '../../domain/procedure/participants.js';
import { authenticateToken } from '../../services/api-tokens.js';
import { schemaProblems } from '../../schemas/schema-problems.js';
import { UsageError, type CliIo } from '../output.js';

/**
 * Runs `work` against the configured database: loadConfig → createAppContext (which migrates) →
 * work → close, the database closed even when `work` throws.
 * @throws ConfigError (exit 2) when the environment is wrong
 */
export async function withContext<T>(io: CliIo, work: (context: AppContext) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env);
  const context = await createAppContext(config, io.clock);
  try {
    return await work(context);
  } finally {
    await context.close();
  }
}

/**
 * The local operator: whoever runs the CLI on the server acts as the secretariat, named after
 * the account (the audit trail records `operator:<name>`). Access to the server is the access
 * control, as for any database tool run there.
 */
export function localOperator(io: CliIo): Actor {
  let name: string | undefined;
  try {
    name = os.userInfo().username;
  } catch {
    // Containers may run under a uid without a passwd entry.
    name = io.env.USER ?? io.env.USERNAME;
  }
  return operatorActor(name && name.trim() !== '' ? name : 'unknown');
}

/** The token given with --token, else ASSENT_TOKEN, else undefined. */
export function tokenFrom(io: CliIo, option: string | undefined): string | undefined {
  const token = option ?? io.env.ASSENT_TOKEN;
  return token === undefined || token.trim() === '' ? undefined : token.trim();
}

/**
 * The actor of a command that may act with a token: the token's actor when one is given
 * (--token or ASSENT_TOKEN), the local operator otherwise.
 * @throws UNAUTHENTICATED for an unknown, revoked or expired token
 */
export async function actorFor(io: CliIo, context: AppContext, tokenOption: string | undefined): Promise<Actor> {
  const token = tokenFrom(io, tokenOption);
  return token === undefined ? localOperator(io) : authenticateToken(context.services, token);
}

/** A path given on the command line, resolved against the CLI's working folder. */
export function resolvePath(io: CliIo, file: string): string {
  return path.resolve(io.cwd ?? process.cwd(), file);
}

/**
 * Reads a JSON input file and checks it against a request schema of the API, so that a file
 * the CLI accepts is exactly a body the API accepts.
 * @throws UsageError when the file cannot be read; MALFORMED_JSON; VALIDATION_FAILED with one
 *   problem per field
 */
export function readJsonFile<S extends TSchema>(io: CliIo, file: string, schema: S, what: string): unknown {
  const value = readJsonDocument(io, file, what);
  checkAgainstSchema(value, schema, `${file} is not a valid ${what}`);
  return value;
}

/**
 * Reads a JSON input file as the API reads a body, before any schema: well-formed text only (a
 * "\ud800" escape parses to a lone surrogate), no controls or bidi overrides, composed to NFC. For
 * an input whose schema is the consultation's procedure's, which the service checks.
 * @throws UsageError when the file cannot be read; MALFORMED_JSON; VALIDATION_FAILED for its text
 */
export function readJsonDocument(io: CliIo, file: string, what: string): unknown {
  const full = resolvePath(io, file);
  let text: string;
  try {
    text = fs.readFileSync(full, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new AppError('MALFORMED_JSON', `${file} is not well-formed JSON: ${(error as Error).message}`);
  }
  const { value, problems } = normaliseInputText(parsed);
  if (problems.length > 0)
    throw new AppError('VALIDATION_FAILED', `${file} is not a valid ${what}`, { errors: problems });
  return value;
}

/**
 * Checks a value against a TypeBox schema.
 * @throws VALIDATION_FAILED listing each field and what is wrong with it
 */
export function checkAgainstSchema(value: unknown, schema: TSchema, detail: string): void {
  const validator = Compile(schema);
  if (validator.Check(value)) return;
  const errors = validator.Errors(value);
  // The validator stops collecting at maxErrors (a guard against huge inputs): say so.
  const capped = errors.length >= Settings.Get().maxErrors;
  throw new AppError(
    'VALIDATION_FAILED',
    capped ? `${detail} (the first problems found; run again once they are fixed)` : detail,
    {
      errors: schemaProblems(errors),
    },
  );
}

// Option parsers: a wrong value is a usage error (exit 2), reported by commander with the option's name.

/** A participant's code (a Member State's or an organisation's), upper-cased: `kr` → `KR`. */
export function parseStateCode(value: string): string {
  const code = value.trim().toUpperCase();
  if (!isParticipantCode(code))
    throw new InvalidArgumentError("a Member State's two-letter code such as KR, or an organisation's code");
  return code;
}

/** A comma-separated list of Member State codes: `KR,FR`. */
export function parseStateList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(parseStateCode);
}

/** A whole number within bounds. */
export function integerParser(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`a whole number from ${min} to ${max}`);
    return n;
  };
}

/** `true` or `false` (also yes/no). */
export function parseBoolean(value: string): boolean {
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === 'yes') return true;
  if (v === 'false' || v === 'no') return false;
  throw new InvalidArgumentError('true or false');
}

/** A calendar day YYYY-MM-DD. */
export function parseDay(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value.trim())) throw new InvalidArgumentError('a day such as 2023-08-16');
  return value.trim();
}

/** A repeatable option's collector. */
export function collect<T>(parse: (value: string) => T): (value: string, previous: T[] | undefined) => T[] {
  return (value, previous) => [...(previous ?? []), parse(value)];
}

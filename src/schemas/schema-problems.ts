import type { Static, TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Settings } from 'typebox/system';
import type { ErrorCode, FieldProblem } from '../domain/errors.js';
import { PARTICIPANT_CODE_PATTERN } from '../domain/procedure/participants.js';

/** An error of TypeBox's validator, as far as the problems need it. */
export interface SchemaError {
  readonly keyword: string;
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly message: string;
  readonly params: unknown;
}

/**
 * Turns validator errors into field problems worded like the API's (see http/problem.ts): one
 * line per unknown or missing field, one per union that matched no member (instead of one per
 * member tried); a string over its maximum length carries the code TEXT_TOO_LONG.
 */
export function schemaProblems(errors: readonly SchemaError[]): FieldProblem[] {
  const problems = new Map<string, FieldProblem>();
  const add = (field: string, message: string, code?: ErrorCode) => {
    const key = `${field || '/'}\u0000${message}`;
    if (!problems.has(key)) problems.set(key, { field: field || '/', message, ...(code && { code }) });
  };
  const unions = new Map<string, string[]>();
  for (const error of errors) {
    const params = (error.params ?? {}) as Record<string, unknown>;
    const at = error.instancePath;
    if (error.keyword === 'additionalProperties') {
      for (const name of (params.additionalProperties as string[] | undefined) ?? [])
        add(`${at}/${name}`, 'Unknown field: remove it');
    } else if (error.keyword === 'boolean' && error.schemaPath.endsWith('/additionalProperties')) {
      add(at, 'Unknown field: remove it');
    } else if (error.keyword === 'required') {
      for (const name of (params.requiredProperties as string[] | undefined) ?? []) add(`${at}/${name}`, 'Required');
    } else if (error.keyword === 'anyOf' || error.schemaPath.includes('/anyOf/')) {
      const messages = unions.get(at) ?? [];
      if (error.keyword === 'const') messages.push('Not one of the allowed values');
      else if (error.keyword !== 'type' && error.keyword !== 'anyOf') messages.push(describe(error, params));
      unions.set(at, messages);
    } else {
      // A text over its limit is said apart (TEXT_TOO_LONG): a page words it differently from a wrong form.
      add(at, describe(error, params), error.keyword === 'maxLength' ? 'TEXT_TOO_LONG' : undefined);
    }
  }
  for (const [at, messages] of unions) add(at, messages[0] ?? 'Wrong type');
  return [...problems.values()];
}

function describe(error: SchemaError, params: Record<string, unknown>): string {
  if (error.keyword === 'pattern') return `Wrong form: ${describePattern(String(params.pattern ?? ''))}`;
  return error.message.charAt(0).toUpperCase() + error.message.slice(1);
}

function describePattern(pattern: string): string {
  if (pattern.includes('T\\d{2}')) return 'an instant in UTC such as 2023-08-16T23:59:59.999Z';
  if (pattern.startsWith('^\\d{4}-\\d{2}-\\d{2}$')) return 'a day such as 2023-08-16';
  if (pattern === '^[A-Z]{2}$') return 'a two-letter Member State code such as KR';
  if (pattern === PARTICIPANT_CODE_PATTERN)
    return "a Member State's two-letter code such as KR, or an organisation's code";
  if (pattern === '^[0-9a-f]{64}$') return 'a SHA-256 in lower-case hex';
  if (pattern === '^[a-z0-9][a-z0-9-]{0,63}$') return 'lower-case letters, digits and hyphens';
  return `must match ${pattern}`;
}

/** The most validator errors read for one input (the forms' bodies bound their sizes anyway). */
const MAX_INPUT_PROBLEMS = 1000;

/** Compiled validators, one per schema object (compiling is the costly part). */
const validators = new WeakMap<TSchema, ReturnType<typeof Compile>>();

/**
 * The problems of `value` against a request schema: none when it is valid. The pages check what
 * a person typed, once turned into a service's input, against the very schema the API and the
 * CLI check their bodies with.
 */
export function inputProblems(schema: TSchema, value: unknown): FieldProblem[] {
  let validator = validators.get(schema);
  if (!validator) {
    validator = Compile(schema);
    validators.set(schema, validator);
  }
  if (validator.Check(value)) return [];
  // TypeBox stops at Settings' maxErrors (8), which a form with a union or two reaches before its
  // last fields: a page must show every problem, so the cap is raised for this one synchronous call.
  const { maxErrors } = Settings.Get();
  Settings.Set({ maxErrors: MAX_INPUT_PROBLEMS });
  try {
    return schemaProblems(validator.Errors(value));
  } finally {
    Settings.Set({ maxErrors });
  }
}

/**
 * Parses `value` with a request schema: the typed input when it is valid, else its problems. A
 * page builds the service's input from what was typed, then parses it here.
 */
export function parseInput<S extends TSchema>(
  schema: S,
  value: unknown,
):
  | { readonly input: Static<S>; readonly problems: readonly [] }
  | { readonly input: null; readonly problems: FieldProblem[] } {
  const problems = inputProblems(schema, value);
  return problems.length === 0 ? { input: value as Static<S>, problems: [] } : { input: null, problems };
}

/**
 * The longest string the schema allows at a JSON pointer (`/signatory/name`, `/positions/0/reasons`),
 * or null: so that a message can say the limit the schema enforces instead of repeating it.
 */
export function maxLengthAt(schema: TSchema, pointer: string): number | null {
  let at: unknown = schema;
  for (const segment of pointer.split('/').slice(1)) {
    at = childOf(at, segment);
    if (at === undefined) return null;
  }
  return maxLengthOf(at);
}

type Node = { properties?: Record<string, unknown>; items?: unknown; anyOf?: unknown[]; maxLength?: number };

function childOf(node: unknown, segment: string): unknown {
  const n = node as Node;
  if (n.anyOf) {
    for (const member of n.anyOf) {
      const child = childOf(member, segment);
      if (child !== undefined) return child;
    }
    return undefined;
  }
  if (n.properties) return n.properties[segment];
  if (n.items !== undefined && /^\d+$/.test(segment)) return n.items;
  return undefined;
}

function maxLengthOf(node: unknown): number | null {
  const n = node as Node;
  if (typeof n.maxLength === 'number') return n.maxLength;
  for (const member of n.anyOf ?? []) {
    const found = maxLengthOf(member);
    if (found !== null) return found;
  }
  return null;
}

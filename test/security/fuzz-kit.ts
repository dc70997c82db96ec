import fc from 'fast-check';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/database.js';

/**
 * What the fuzz suite generates and what it checks afterwards: values for a JSON Schema (the
 * committed OpenAPI document's), strings a careless edge lets through (lone surrogates, control
 * characters, bidi overrides, decomposed accents, impossible dates), and a scan of every stored
 * string for values no interface should have accepted.
 */

/** A JSON Schema as the OpenAPI document writes it (the part the generator reads). */
export interface Schema {
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly items?: Schema;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly anyOf?: readonly Schema[];
  readonly oneOf?: readonly Schema[];
  readonly allOf?: readonly Schema[];
  readonly nullable?: boolean;
}

/** Strings that ill-formed or disguising input is made of. */
export const NASTY_STRINGS: readonly string[] = [
  '\ud800',
  'a\udc00b',
  '\u0000',
  'line\u0007bell',
  'evil\u202etxt.exe',
  '\u2066isolate',
  'e\u0301cole',
  '\ufeffbom',
  '<script>alert(1)</script>',
  "'; drop table reply; --",
  '2023-02-30',
  '2023-13-01',
  '0000-01-01',
  '2023-02-30T10:00:00Z',
  '9999-99-99T99:99:99Z',
  '',
  ' ',
  'x'.repeat(5000),
];

/** Any string, with a fair share of the nasty ones and of nasty characters inside ordinary text. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 10 }), fc.constantFrom(...NASTY_STRINGS), fc.string({ maxLength: 10 }))
      .map(([a, b, c]) => a + b + c),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);

/** Any JSON value, shallow: the wrong type for most fields. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  anyString,
  fc.constant([]),
  fc.constant({}),
);

function typesOf(schema: Schema): readonly string[] {
  if (schema.type === undefined) return [];
  return typeof schema.type === 'string' ? [schema.type] : schema.type;
}

/** A well-typed string for a schema, sometimes valid, sometimes at or past its limits. */
function stringFor(schema: Schema): fc.Arbitrary<string> {
  const options: fc.Arbitrary<string>[] = [anyString];
  if (schema.format === 'date-time')
    options.push(
      fc
        .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString()),
    );
  if (schema.format === 'date' || schema.pattern?.includes('\\d{4}-'))
    options.push(
      fc
        .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 32 }))
        .map(
          ([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
        ),
    );
  if (schema.pattern !== undefined) {
    try {
      options.push(fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length < 200));
    } catch {
      // A pattern this engine cannot generate from: the other strings still apply.
    }
  }
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 60, 300);
  if (max >= min) options.push(fc.string({ minLength: min, maxLength: max }));
  if (schema.maxLength !== undefined) options.push(fc.constant('y'.repeat(schema.maxLength + 1)));
  return fc.oneof(...options);
}

/**
 * Values for a schema: mostly of the declared shape (so requests get past the first check and
 * reach the services), sometimes of any type (so the validation itself is exercised).
 */
export function arbitraryFor(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 4) return anyJson;
  const shaped = shapedFor(schema, depth);
  return fc.oneof({ weight: 6, arbitrary: shaped }, { weight: 1, arbitrary: anyJson });
}

function shapedFor(schema: Schema, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum !== undefined) return fc.oneof(fc.constantFrom(...schema.enum), anyString);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives !== undefined && alternatives.length > 0)
    return fc.oneof(...alternatives.map((s) => arbitraryFor(s, depth + 1)));
  if (schema.allOf !== undefined && schema.allOf.length > 0)
    return arbitraryFor(Object.assign({}, ...schema.allOf) as Schema, depth + 1);
  const types = typesOf(schema);
  const arbitraries: fc.Arbitrary<unknown>[] = [];
  if (schema.nullable || types.includes('null')) arbitraries.push(fc.constant(null));
  if (types.includes('string')) arbitraries.push(stringFor(schema));
  if (types.includes('integer'))
    arbitraries.push(
      fc.oneof(
        fc.integer({ min: schema.minimum ?? -10, max: schema.maximum ?? 1_000_000 }),
        fc.constantFrom(-1, 0, 2 ** 31, Number.MAX_SAFE_INTEGER),
      ),
    );
  if (types.includes('number')) arbitraries.push(fc.double({ noNaN: true }));
  if (types.includes('boolean')) arbitraries.push(fc.boolean());
  if (types.includes('array') || schema.items !== undefined)
    arbitraries.push(
      fc.array(arbitraryFor(schema.items ?? {}, depth + 1), {
        minLength: Math.min(schema.minItems ?? 0, 3),
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      }),
    );
  if (types.includes('object') || schema.properties !== undefined) arbitraries.push(objectFor(schema, depth));
  return arbitraries.length === 0 ? anyJson : fc.oneof(...arbitraries);
}

function objectFor(schema: Schema, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const record = fc.record(
    Object.fromEntries(Object.entries(properties).map(([name, s]) => [name, arbitraryFor(s, depth + 1)])),
    { requiredKeys: Object.keys(properties).filter((name) => required.has(name)) },
  );
  // Now and then an undeclared field or a missing required one.
  return fc.oneof(
    { weight: 5, arbitrary: record },
    { weight: 1, arbitrary: fc.tuple(record, anyString).map(([r, extra]) => ({ ...(r as object), [extra]: 1 })) },
    {
      weight: 1,
      arbitrary: record.map((r) => {
        const copy = { ...(r as Record<string, unknown>) };
        delete copy[[...required][0] ?? ''];
        return copy;
      }),
    },
  );
}

/** Every string stored in the database, as `table.column` → values (binary columns left out). */
export async function storedStrings(db: Kysely<DB>): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  for (const table of await db.introspection.getTables()) {
    if (table.name.startsWith('kysely_') || table.name.startsWith('sqlite_')) continue;
    const rows = await (db as unknown as Kysely<Record<string, Record<string, unknown>>>)
      .selectFrom(table.name)
      .selectAll()
      .execute();
    for (const row of rows)
      for (const [column, value] of Object.entries(row)) {
        if (typeof value !== 'string') continue;
        const key = `${table.name}.${column}`;
        const list = found.get(key) ?? [];
        list.push(value);
        found.set(key, list);
      }
  }
  return found;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Columns that hold a calendar day (`YYYY-MM-DD`); free text may say anything. */
const isDayColumn = (key: string) => /(_day|_date)$/.test(key);

/** Why a stored string should never have been accepted, or null when it is fine. */
export function invalidStored(value: string, dayColumn = false): string | null {
  if (LONE_SURROGATE.test(value)) return 'ill-formed Unicode (a lone surrogate)';
  if (value !== value.normalize('NFC')) return 'not in Unicode normalisation form C';
  if (value.includes('\u0000')) return 'a NUL character';
  if (/[\u202a-\u202e\u2066-\u2069]/.test(value)) return 'a bidi override or isolate';
  const day = dayColumn ? DAY.exec(value) : null;
  if (dayColumn && day === null) return 'not a YYYY-MM-DD day';
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const date = new Date(Date.UTC(y, m - 1, d));
    if (y < 1 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
      return 'an impossible calendar date';
  }
  return null;
}

/**
 * The stored strings that are new since `before` and should not have been accepted, as
 * readable lines (`table.column: reason: value`). Strings present before (seed data, reference
 * designations) are not judged: the suite checks what its requests put there.
 */
export function newInvalidValues(before: Map<string, string[]>, after: Map<string, string[]>): string[] {
  const problems: string[] = [];
  for (const [key, values] of after) {
    const known = new Set(before.get(key) ?? []);
    for (const value of values) {
      if (known.has(value)) continue;
      // JSON documents (job payloads, audit details) are checked through the fields they hold.
      const inside = jsonStrings(value);
      for (const s of inside ?? [value]) {
        const reason = invalidStored(s, inside === null && isDayColumn(key));
        if (reason !== null) problems.push(`${key}: ${reason}: ${JSON.stringify(s).slice(0, 80)}`);
      }
    }
  }
  return problems;
}

/** The strings inside a JSON text, or null when the value is not JSON of an object or array. */
function jsonStrings(value: string): string[] | null {
  if (!value.startsWith('{') && !value.startsWith('[')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        out.push(k);
        walk(x);
      }
  };
  walk(parsed);
  return out;
}

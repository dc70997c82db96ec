import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { dialectOf, type Executor } from '../db/dialect.js';

/** JSON text columns: encode on the way in, decode on the way out (both dialects store text). */
export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

export function fromJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

/** 0/1 flag columns. */
export function toFlag(value: boolean): 0 | 1 {
  return value ? 1 : 0;
}

export function fromFlag(value: number | boolean): boolean {
  return value === 1 || value === true;
}

/**
 * Whether the text column `ref` (`table.column`) holds `text` anywhere, compared character for
 * character: `instr` on SQLite, `strpos` on PostgreSQL. Not LIKE: SQLite's LIKE ignores the case
 * of ASCII letters where PostgreSQL's does not, and a pattern would need its `%` and `_` escaped;
 * these compare the same way on both and take the text as a parameter, with no character special.
 */
export function textContains(db: Executor, ref: string, text: string): RawBuilder<SqlBool> {
  return dialectOf(db) === 'postgres'
    ? sql<SqlBool>`strpos(${sql.ref(ref)}, ${text}) > 0`
    : sql<SqlBool>`instr(${sql.ref(ref)}, ${text}) > 0`;
}

/**
 * The text a JSON column holds for a string member `key: value`, as toJson writes it (no space
 * around the colon, every quote inside a string escaped): found in the column, it can only be that
 * member (at some depth), never part of another string.
 */
export function jsonMemberText(key: string, value: string): string {
  return toJson({ [key]: value }).slice(1, -1);
}

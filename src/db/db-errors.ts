/**
 * Database constraint errors of both dialects, translated in one place. SQLite reports
 * `SQLITE_CONSTRAINT_*` codes, PostgreSQL SQLSTATEs (23505 unique, 23503 foreign key, 23514 check).
 */
export type ConstraintKind = 'unique' | 'foreign_key' | 'check' | 'not_null' | 'invalid_text';

export function constraintKind(error: unknown): ConstraintKind | null {
  if (typeof error !== 'object' || error === null) return null;
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case 'SQLITE_CONSTRAINT_PRIMARYKEY':
    case '23505':
      return 'unique';
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
    case '23503':
      return 'foreign_key';
    case 'SQLITE_CONSTRAINT_CHECK':
    case '23514':
      return 'check';
    case 'SQLITE_CONSTRAINT_NOTNULL':
    case '23502':
      return 'not_null';
    case '22021': // invalid byte sequence (a NUL character in text)
    case '22P02': // invalid text representation
      return 'invalid_text';
    default:
      return null;
  }
}

/** True for errors that mean "the database cannot be reached or is overloaded right now". */
export function isUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return (
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === 'ETIMEDOUT' ||
    code === 'ENOTFOUND' ||
    code === '57P01' || // admin_shutdown
    code === '57P03' || // cannot_connect_now
    code === '53300' || // too_many_connections
    code === 'SQLITE_BUSY' ||
    (error instanceof Error &&
      /timeout exceeded when trying to connect|Connection terminated|not queryable|Connection ended|connection error/i.test(
        error.message,
      ))
  );
}

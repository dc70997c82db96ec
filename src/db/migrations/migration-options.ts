/**
 * What a migration may need from the installation that runs it, beyond the database: the server
 * secret, for the migration that seals what an earlier release stored in clear. The server and
 * `assent db migrate` pass it; tests and tools that start from an empty database need not.
 */
export interface MigrationOptions {
  /**
   * Seals a secret with the server secret (services/identity/secrets.ts `sealSecret`). Absent, a
   * migration with something to seal refuses to run rather than leave it in clear.
   */
  readonly sealSecret?: (plaintext: string) => string;
}

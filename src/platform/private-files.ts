import fs from 'node:fs';

/**
 * Files and folders that only the account running Assent may read: the SQLite database and its
 * WAL (sessions, encrypted authenticator keys, every reply), the server key, .eml files (live
 * invitation links), backups. Modes are given explicitly instead of trusting the umask (a service
 * manager commonly starts processes under 022, which made all of these world-readable), and a
 * file an older version left readable is tightened when Assent opens it again.
 */

/** Mode of a private file: read and write for the owner only. */
export const PRIVATE_FILE_MODE = 0o600;
/** Mode of a private folder: the owner only may list, enter and create. */
export const PRIVATE_DIR_MODE = 0o700;

/** Sets `mode` when `path` has more permissions than it; a file owned by someone else is left as it is. */
function tighten(path: string, mode: number): void {
  try {
    if ((fs.statSync(path).mode & 0o777 & ~mode) !== 0) fs.chmodSync(path, mode);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EPERM') throw error;
  }
}

/**
 * Makes a folder (and its missing parents) 0700. `own`: the folder is Assent's own (the data
 * folder, the mail folder), so an existing one is tightened too; otherwise (the folder of a
 * SQLite file named in DATABASE_URL, which may be shared) an existing folder is left as it is.
 */
export function ensurePrivateDir(dir: string, options: { own: boolean }): void {
  const existed = fs.existsSync(dir);
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  // mkdir's mode passes through the umask, which may only remove bits: set it exactly.
  if (!existed || options.own) tighten(dir, PRIVATE_DIR_MODE);
}

/** Creates `file` empty and 0600 when it does not exist; tightens it to 0600 when it does. */
export function ensurePrivateFile(file: string): void {
  if (!fs.existsSync(file)) {
    try {
      fs.closeSync(fs.openSync(file, 'wx', PRIVATE_FILE_MODE));
    } catch (error) {
      // Created by another process (the CLI beside the server) in the meantime: tightened below.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  tighten(file, PRIVATE_FILE_MODE);
}

/** Writes `data` to `file` (replacing it) so that it is 0600 whatever existed before. */
export function writePrivateFile(file: string, data: string | Uint8Array): void {
  fs.writeFileSync(file, data, { mode: PRIVATE_FILE_MODE });
  tighten(file, PRIVATE_FILE_MODE);
}

/** Writes `data` to a new file that is 0600 from its first byte (fails when the file exists). */
export function writeNewPrivateFile(file: string, data: string | Uint8Array): void {
  fs.writeFileSync(file, data, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  tighten(file, PRIVATE_FILE_MODE);
}

/** Tightens an existing file to 0600 (nothing when it does not exist). */
export function tightenPrivateFile(file: string): void {
  tighten(file, PRIVATE_FILE_MODE);
}

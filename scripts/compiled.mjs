// Whether dist/ holds the build of the sources as they are now. scripts/build.mjs records, before
// tsc starts, a fingerprint of every file under src/ (its path, size and modification time) in
// dist/.build-stamp, and writes it only once tsc has succeeded; dist/ is current while the
// fingerprint of src/ is still that one. A file edited during the build, one added, removed, or
// replaced by an older copy (a release unpacked with its own times) each changes it, so neither
// `assent` (bin/assent.js) nor the bench ever runs a build older than the sources.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The fingerprint of the files under `dir`: their relative paths, sizes and times, sorted. */
export function sourceFingerprint(dir = path.join(PROJECT_ROOT, 'src')) {
  const lines = [];
  const walk = (folder) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else {
        const stat = fs.statSync(file);
        lines.push(`${path.relative(dir, file)}\t${stat.size}\t${stat.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return createHash('sha256').update(lines.sort().join('\n')).digest('hex');
}

/** The stamp file of a build. */
export function stampFile(root = PROJECT_ROOT) {
  return path.join(root, 'dist', '.build-stamp');
}

export function compiledIsCurrent(root = PROJECT_ROOT) {
  try {
    return fs.readFileSync(stampFile(root), 'utf8').trim() === sourceFingerprint(path.join(root, 'src'));
  } catch {
    return false;
  }
}

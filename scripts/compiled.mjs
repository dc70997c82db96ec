// Whether dist/ holds the current build of src/: its stamp (written by scripts/build.mjs once tsc
// succeeded) is newer than every file under src/. bin/assent.js runs dist/ only then, and the
// bench builds first when it is not.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The newest modification time of the files under `dir`, in ms. */
function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    const time = entry.isDirectory() ? newest(file) : fs.statSync(file).mtimeMs;
    if (time > latest) latest = time;
  }
  return latest;
}

export function compiledIsCurrent(root = PROJECT_ROOT) {
  try {
    return fs.statSync(path.join(root, 'dist', '.build-stamp')).mtimeMs >= newest(path.join(root, 'src'));
  } catch {
    return false;
  }
}

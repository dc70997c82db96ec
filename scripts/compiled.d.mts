/** The project's root folder (where package.json is). */
export const PROJECT_ROOT: string;
/** The fingerprint of the files under `dir` (default: src/): relative paths, sizes and times. */
export function sourceFingerprint(dir?: string): string;
/** The stamp file of a build (dist/.build-stamp). */
export function stampFile(root?: string): string;
/** Whether dist/ holds the build of the sources as they are now. */
export function compiledIsCurrent(root?: string): boolean;

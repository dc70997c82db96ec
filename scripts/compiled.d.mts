/** The project's root folder (where package.json is). */
export const PROJECT_ROOT: string;
/** Whether dist/ holds the current build of src/ (its stamp is newer than every file under src/). */
export function compiledIsCurrent(root?: string): boolean;

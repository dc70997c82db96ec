/** Longest free text accepted in one field (comments, reasons, changes, a comment's row), whatever the procedure. */
export const MAX_FREE_TEXT = 20_000;

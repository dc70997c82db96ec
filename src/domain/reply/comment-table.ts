import { blankToNull } from '../text/input-text.js';
import type { FieldProblem } from '../errors.js';
import { MAX_FREE_TEXT } from './limits.js';

/**
 * The structured comments table of a position (issue #16 item 7): beside free text and a file, a
 * State may give its comments as rows, each naming the clause it is about, the comment and the
 * change it proposes, the way ITU and ISO comment templates lay them out. A procedure's reply form
 * says which choices open the table (`ReplyChoice.commentTable`); the rows count as that choice's
 * comments or reasons where the procedure's rule asks for some. These checks are the same for
 * every procedure.
 */

/** One row: the clause (or "General"), the comment, the change proposed. */
export interface CommentRow {
  readonly clause: string | null;
  readonly comment: string;
  readonly proposedChange: string | null;
}

/** A row as sent: anything may be missing or blank (a form's empty rows). */
export interface CommentRowInput {
  readonly clause?: string | null;
  readonly comment?: string | null;
  readonly proposedChange?: string | null;
}

/** Most rows one position may carry (a long review of one text has a few dozen). */
export const MAX_COMMENT_ROWS = 200;

/** Longest clause reference ("6.2.1, Table 3, Note 2"). */
export const MAX_CLAUSE_LENGTH = 100;

/** The checked rows and what is wrong with them. */
export interface CommentTableCheck {
  readonly rows: CommentRow[];
  readonly problems: FieldProblem[];
}

/**
 * Checks the rows of one position (`at`: its path, `/positions/2`): a row left blank in every
 * cell is dropped (a form's spare rows); a row with a clause or a proposed change but no comment
 * is refused at its comment (a proposal needs its reason); a cell longer than its limit is
 * refused at the cell; more than MAX_COMMENT_ROWS rows is refused at the table. Problems name
 * the rows by their index as sent. Cells keep their text as typed (only blank cells become null).
 */
export function checkCommentTable(rows: readonly CommentRowInput[] | null | undefined, at: string): CommentTableCheck {
  const checked: CommentRow[] = [];
  const problems: FieldProblem[] = [];
  (rows ?? []).forEach((row, index) => {
    const cell = `${at}/commentTable/${index}`;
    const clause = blankToNull(row.clause);
    const comment = blankToNull(row.comment);
    const proposedChange = blankToNull(row.proposedChange);
    if (clause === null && comment === null && proposedChange === null) return;
    for (const [name, value, max] of [
      ['clause', clause, MAX_CLAUSE_LENGTH],
      ['comment', comment, MAX_FREE_TEXT],
      ['proposedChange', proposedChange, MAX_FREE_TEXT],
    ] as const) {
      if (value !== null && value.length > max)
        problems.push({ field: `${cell}/${name}`, message: `At most ${max} characters`, code: 'TEXT_TOO_LONG' });
    }
    if (comment === null) {
      problems.push({
        field: `${cell}/comment`,
        message: 'Each row of the comments table needs its comment (a clause or a proposed change alone says nothing)',
        code: 'COMMENT_ROW_INCOMPLETE',
      });
      return;
    }
    checked.push({ clause, comment, proposedChange });
  });
  if (checked.length > MAX_COMMENT_ROWS) {
    problems.push({
      field: `${at}/commentTable`,
      message: `At most ${MAX_COMMENT_ROWS} rows in the comments table of one text`,
      code: 'TOO_MANY_COMMENT_ROWS',
    });
  }
  return { rows: checked, problems };
}

/**
 * The table as a position carries it: absent when it has no row, so that a position without one
 * is the same object (and hashes the same) as before the table existed.
 */
export function commentTableField(rows: readonly CommentRow[]): { commentTable?: readonly CommentRow[] } {
  return rows.length > 0 ? { commentTable: rows } : {};
}

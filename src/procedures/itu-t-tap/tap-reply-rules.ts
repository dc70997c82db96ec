import { blankToNull } from '../../domain/text/input-text.js';
import type { FieldProblem } from '../../domain/errors.js';
import { checkCommentTable, commentTableField } from '../../domain/reply/comment-table.js';
import {
  isRecordedChannel,
  MAX_FREE_TEXT,
  type Channel,
  type PositionInput,
  type ReplyFlag,
  type ReplyPosition,
} from '../../domain/reply/reply.js';
import type { ReplyCheck } from '../../domain/procedure/procedure.js';
import type { TapClauses } from './tap-clauses.js';

/**
 * The stable codes of the problems TAP's reply rule raises (besides the core's NO_POSITIONS,
 * UNKNOWN_TEXT, DUPLICATE_POSITION): a page words each as the message `error.<CODE>` of TAP's
 * catalogue (messages/<locale>/reply.json), a client matches on it; the English `message` is
 * for people reading the API's answer.
 */
export const TAP_REPLY_PROBLEM_CODES = [
  'OPTION_MISSING',
  'OPTION_NOT_ALLOWED',
  'COMMENTS_MISSING',
  'COMMENTS_WITH_NO_COMMENTS',
  'ATTACHMENT_WITH_NO_COMMENTS',
  'COMMENTS_WITH_DOES_NOT_ASSIGN',
  'REASONS_MISSING',
  'REASONS_WITH_ASSIGNS',
  'POSITION_NOT_ALLOWED',
  'TEXT_TOO_LONG',
] as const;
export type TapReplyProblemCode = (typeof TAP_REPLY_PROBLEM_CODES)[number];

/**
 * A problem of the rule with its code. The core's `FieldProblem.code` names the error catalogue's
 * codes; a procedure's own codes travel in the same field (see the report of issue 12's reply work).
 */
function problem(field: string, code: TapReplyProblemCode, message: string, clause?: string): FieldProblem {
  return { field, message, code, ...(clause ? { clause } : {}) };
}

/**
 * Checks the positions of a reply against the Annex 2 form and Res. 1:
 * - every position names a text of the consultation, at most once; at least one position;
 * - "assigns authority" takes one of its two sub-options; "comments attached" needs the
 *   comments (text, rows of the comments table, or a file), "no comments" takes none;
 * - "does not assign authority" needs reasons (Res. 1 §9.4.4: Member States that do not assign
 *   authority should give reasons and possible changes), as text, as rows of the comments table
 *   (each row a comment with the change it proposes) or as a file;
 * - "unclear" (both boxes or neither ticked) exists only for forms the secretariat records.
 * On a recorded form (e-mail, fax, paper) the secretariat keys in what the State sent, so a
 * missing sub-option, comment or reason is tolerated and flagged instead of refused: the form
 * still counts as support or non-support (§9.4.4 says "should", not "shall").
 */
export function checkReplyPositions(
  positions: readonly PositionInput[],
  textIds: readonly string[],
  channel: Channel,
  clauses: TapClauses,
): ReplyCheck {
  const problems: FieldProblem[] = [];
  const flags = new Set<ReplyFlag>();
  const recorded = isRecordedChannel(channel);
  const known = new Set(textIds);
  const seen = new Set<string>();
  const normalised: ReplyPosition[] = [];

  if (positions.length === 0) {
    problems.push({ field: '/positions', message: 'Give a position for at least one text', code: 'NO_POSITIONS' });
  }
  positions.forEach((input, index) => {
    const at = `/positions/${index}`;
    const comments = blankToNull(input.comments);
    const reasons = blankToNull(input.reasons);
    const possibleChanges = blankToNull(input.possibleChanges);
    const attachment = blankToNull(input.attachment);
    const table = checkCommentTable(input.commentTable, at);
    problems.push(...table.problems);
    const rows = table.rows.length > 0;
    if (!known.has(input.text)) {
      problems.push({
        field: `${at}/text`,
        message: `"${input.text}" is not a text of this consultation`,
        code: 'UNKNOWN_TEXT',
      });
    } else if (seen.has(input.text)) {
      problems.push({
        field: `${at}/text`,
        message: `Only one position per text: "${input.text}" appears more than once`,
        code: 'DUPLICATE_POSITION',
      });
    }
    seen.add(input.text);
    for (const [name, value] of [
      ['comments', comments],
      ['reasons', reasons],
      ['possibleChanges', possibleChanges],
    ] as const) {
      if (value !== null && value.length > MAX_FREE_TEXT)
        problems.push(problem(`${at}/${name}`, 'TEXT_TOO_LONG', `At most ${MAX_FREE_TEXT} characters`));
    }

    switch (input.position) {
      case 'assigns_authority': {
        const option = input.option ?? null;
        if (reasons !== null || possibleChanges !== null) {
          problems.push(
            problem(
              `${at}/reasons`,
              'REASONS_WITH_ASSIGNS',
              'Reasons and possible changes go with "does not assign authority"; use comments with "assigns authority"',
            ),
          );
        }
        if (option === null) {
          if (recorded) flags.add('missing_sub_option');
          else problems.push(problem(`${at}/option`, 'OPTION_MISSING', 'Choose "no comments" or "comments attached"'));
        } else if (option === 'no_comments' && (comments !== null || rows || attachment !== null)) {
          // A typed comment is the comments field's problem, rows the table's; a file alone is the attachment's.
          problems.push(
            comments !== null || rows
              ? problem(
                  `${at}/${comments !== null ? 'comments' : 'commentTable'}`,
                  'COMMENTS_WITH_NO_COMMENTS',
                  'With "no comments or suggested changes" leave comments and attachment empty, or choose "comments attached"',
                )
              : problem(
                  `${at}/attachment`,
                  'ATTACHMENT_WITH_NO_COMMENTS',
                  'With "no comments or suggested changes" attach no file, or choose "comments attached"',
                ),
          );
        } else if (option === 'comments_attached' && comments === null && !rows && attachment === null) {
          if (recorded) flags.add('missing_comments');
          else
            problems.push(
              problem(
                `${at}/comments`,
                'COMMENTS_MISSING',
                'With "comments attached" give the comments as text, as rows of the comments table or as an attachment',
              ),
            );
        }
        normalised.push({
          text: input.text,
          position: input.position,
          option,
          comments,
          reasons: null,
          possibleChanges: null,
          attachment,
          ...commentTableField(table.rows),
        });
        break;
      }
      case 'does_not_assign_authority': {
        if (input.option !== undefined && input.option !== null) {
          problems.push(
            problem(`${at}/option`, 'OPTION_NOT_ALLOWED', 'The sub-options belong to "assigns authority" only'),
          );
        }
        if (comments !== null) {
          problems.push(
            problem(
              `${at}/comments`,
              'COMMENTS_WITH_DOES_NOT_ASSIGN',
              'Give reasons and possible changes, not comments, with "does not assign authority"',
            ),
          );
        }
        if (reasons === null && !rows && attachment === null) {
          if (recorded) flags.add('missing_reasons');
          else
            problems.push(
              problem(
                `${at}/reasons`,
                'REASONS_MISSING',
                'Give the reasons for not assigning authority (as text, as rows of the comments table or as an attachment)',
                clauses.reasons,
              ),
            );
        }
        normalised.push({
          text: input.text,
          position: input.position,
          option: null,
          comments: null,
          reasons,
          possibleChanges,
          attachment,
          ...commentTableField(table.rows),
        });
        break;
      }
      case 'unclear': {
        if (!recorded) {
          problems.push(
            problem(
              `${at}/position`,
              'POSITION_NOT_ALLOWED',
              '"unclear" is only for a recorded form with both boxes or neither ticked; choose one box',
            ),
          );
        }
        flags.add('unclear_position');
        normalised.push({
          text: input.text,
          position: 'unclear',
          option: null,
          comments,
          reasons,
          possibleChanges,
          attachment,
          ...commentTableField(table.rows),
        });
        break;
      }
      default:
        // The schema lets only TAP's kinds through; a caller that skipped it is told, not ignored.
        problems.push(
          problem(
            `${at}/position`,
            'POSITION_NOT_ALLOWED',
            'Choose "assigns authority" or "does not assign authority"',
          ),
        );
    }
  });
  return {
    problems,
    flags: [...flags].sort(),
    positions: normalised.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0)),
  };
}

import type { PositionInput } from '../../domain/reply/reply.js';

/**
 * A demo reply's position on a text in TAP's terms, for the simulated replies of the demo data:
 * 0 assigns authority with no comments, 1 does not assign authority (with the reasons and the
 * outline of possible changes the reasons rule asks for), 2 assigns authority with comments
 * attached (typed, and as rows of the comments table). Other indices wrap around. Pure: the same text and index give the same position.
 */
export function tapDemoPosition(textId: string, index: number): PositionInput {
  switch (((index % 3) + 3) % 3) {
    case 1:
      return {
        text: textId,
        position: 'does_not_assign_authority',
        reasons:
          'Simulated reasons: the text should be aligned with existing identity-management Recommendations before approval.',
        possibleChanges: 'Simulated changes: add a clause on interworking with X.1250-series identity frameworks.',
      };
    case 2:
      return {
        text: textId,
        position: 'assigns_authority',
        option: 'comments_attached',
        comments: 'Simulated comments: editorial corrections in clauses 6 and 7 are proposed.',
        // The same comments, row by row, as a State filling in the comments table would give them.
        commentTable: [
          {
            clause: '6.1',
            comment: 'Simulated: "identifier" is used before it is defined.',
            proposedChange: 'Move the definition to clause 3.',
          },
          { clause: '7', comment: 'Simulated: Figure 2 repeats Figure 1.', proposedChange: 'Delete Figure 2.' },
        ],
      };
    default:
      return { text: textId, position: 'assigns_authority', option: 'no_comments' };
  }
}

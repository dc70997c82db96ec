import { uploadAttachment } from '../../src/services/attachments.js';
import { issueResultsNotice } from '../../src/services/issue-results-notice.js';
import { recordDecision } from '../../src/services/record-decision.js';
import { recordReply } from '../../src/services/record-reply.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { focalPoint, replyInput, SECRETARIAT, type World } from '../helpers/world.js';

/**
 * A consultation taken through its life for the document tests: the world's three-text circular
 * (X.1333 Cor.1, X.1353, X.1471; deadline 2359 UTC on 16 August 2023; meeting 29 August –
 * 8 September 2023), replies with every kind of box and attachment, a late reply, the meeting's
 * decisions (approved with a reservation, more time asked, opposed) and the results notice.
 */

export const ID = 'tsb-79-2023';
export const KR_COMMENTS = 'Korea proposes editorial corrections in clauses 6 and 7.';
/** Korea's comments table on X.1471: a row on a clause with its change, and a general one. */
export const KR_ROWS = [
  { clause: '8.3', comment: 'The threat model omits replay attacks.', proposedChange: 'Add replay to Table 2.' },
  { clause: null, comment: 'General: align the terms with X.1252.', proposedChange: null },
];
export const KR_REASONS = 'Korea: the reference monitor needs alignment with X.1252 before approval.';
export const KR_CHANGES = 'Add a clause on interworking with X.1250-series identity frameworks.';
export const RESERVATION = 'Germany reserves its position on clause 8.';
/** When KR replied (the clock while submitting). */
export const KR_AT = '2023-05-01T10:00:00Z';
export const AFTER_DEADLINE = '2023-08-20T10:00:00Z';
export const AT_MEETING = '2023-09-05T10:00:00Z';
export const AFTER_MEETING = '2023-09-12T10:00:00Z';

export interface Scenario {
  readonly id: string;
  /** SHA-256 of the file KR attached to its comments on X.1333 Cor.1. */
  readonly krFile: string;
}

/**
 * Opens the circular and records the replies: KR (comments with a file on X.1333 Cor.1, no
 * comments on X.1353, does not assign X.1471, with reasons, changes and a comments table), FR, DE, JP and GB (all
 * three assign, no comments). The clock ends before the deadline.
 */
export async function openWithReplies(
  world: World,
  options: { individualRepliesPublic?: boolean } = {},
): Promise<Scenario> {
  const id = await world.openConsultation(options.individualRepliesPublic ? { individualRepliesPublic: true } : {});
  world.clock.set(KR_AT);
  const kr = focalPoint('KR');
  const krFile = (
    await uploadAttachment(world.ctx, {
      actor: kr,
      filename: 'comments-kr.txt',
      content: Buffer.from('Comments of Korea on X.1333 Cor.1\n'),
    })
  ).sha256;
  await submitReply(world.ctx, {
    actor: kr,
    consultationId: id,
    memberState: 'KR',
    channel: 'api',
    input: replyInput([], {
      positions: [
        {
          text: 'x1333-cor1',
          position: 'assigns_authority',
          option: 'comments_attached',
          comments: KR_COMMENTS,
          attachment: krFile,
        },
        { text: 'x1353', position: 'assigns_authority', option: 'no_comments' },
        {
          text: 'x1471',
          position: 'does_not_assign_authority',
          reasons: KR_REASONS,
          possibleChanges: KR_CHANGES,
          commentTable: KR_ROWS,
        },
      ],
    }),
  });
  for (const [index, state] of ['FR', 'DE', 'JP', 'GB'].entries()) {
    world.clock.set(`2023-06-0${index + 1}T09:00:00Z`);
    await submitReply(world.ctx, {
      actor: focalPoint(state),
      consultationId: id,
      memberState: state,
      channel: 'web',
      input: replyInput(),
    });
  }
  return { id, krFile };
}

/** After the deadline: ZA's fax of 17 August is recorded (kept, not counted). The clock stays after the deadline. */
export async function recordLateReply(world: World, id: string): Promise<void> {
  world.clock.set(AFTER_DEADLINE);
  const scan = await uploadAttachment(world.ctx, {
    actor: SECRETARIAT,
    filename: 'fax-za.pdf',
    content: Buffer.from('%PDF-1.4\n% fax of ZA\n%%EOF\n', 'latin1'),
  });
  await recordReply(world.ctx, {
    actor: SECRETARIAT,
    consultationId: id,
    memberState: 'ZA',
    input: {
      channel: 'fax',
      receivedAt: '2023-08-17T06:00:00Z',
      originalFile: scan.sha256,
      positions: replyInput().positions,
      signatory: { name: 'A. Official', title: 'Director-General' },
    },
  });
}

/** At the meeting: X.1333 Cor.1 approved with DE's reservation, more time asked on X.1353 by US, X.1471 opposed by CN. */
export async function recordDecisions(world: World, id: string): Promise<void> {
  world.clock.set(AT_MEETING);
  await recordDecision(world.ctx, {
    actor: SECRETARIAT,
    consultationId: id,
    textId: 'x1333-cor1',
    input: { reservations: [{ state: 'DE', note: RESERVATION }] },
  });
  await recordDecision(world.ctx, {
    actor: SECRETARIAT,
    consultationId: id,
    textId: 'x1353',
    input: { moreTime: ['US'] },
  });
  await recordDecision(world.ctx, {
    actor: SECRETARIAT,
    consultationId: id,
    textId: 'x1471',
    input: { opposing: ['CN'] },
  });
}

/** After the meeting: the results notice is issued. */
export async function issueNotice(world: World, id: string): Promise<void> {
  world.clock.set(AFTER_MEETING);
  await issueResultsNotice(world.ctx, { actor: SECRETARIAT, consultationId: id });
}

import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/policy/actor.js';
import type { RecordedReplyInput } from '../../src/schemas/reply.schema.js';
import { uploadAttachment } from '../../src/services/attachments.js';
import { computeResults } from '../../src/services/compute-results.js';
import { createConsultation } from '../../src/services/create-consultation.js';
import { getStateReply } from '../../src/services/read-replies.js';
import { recordDecision } from '../../src/services/record-decision.js';
import { recordReply } from '../../src/services/record-reply.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { describeEachDialect } from '../helpers/databases.js';
import {
  consultationInput,
  DEADLINE,
  focalPoint,
  OBSERVER,
  PUBLIC,
  replyInput,
  SECRETARIAT,
  useWorld,
} from '../helpers/world.js';
import { auditTrail, pdfBytes, tableCounts } from './probes.js';
import { withFigures } from '../helpers/tally.js';

const ID = 'tsb-79-2023';
type Positions = RecordedReplyInput['positions'];

/** Box A ticked for every text, no comments: the most common form. */
const ASSIGNS_ALL: Positions = replyInput().positions;

describeEachDialect('replies recorded by the secretariat (e-mail, fax, paper)', (dialect) => {
  const world = useWorld(dialect);

  /** Opens the default consultation and uploads the scan of a form; returns the scan's SHA-256. */
  const openWithScan = async (
    overrides: Parameters<ReturnType<typeof world>['openConsultation']>[0] = {},
  ): Promise<string> => {
    await world().openConsultation(overrides);
    const scan = await uploadAttachment(world().ctx, {
      actor: SECRETARIAT,
      filename: 'form.pdf',
      content: pdfBytes('signed form'),
    });
    return scan.sha256;
  };

  const record = (
    state: string,
    input: Partial<RecordedReplyInput> & { originalFile: string },
    actor: Actor = SECRETARIAT,
  ) =>
    recordReply(world().ctx, {
      actor,
      consultationId: ID,
      memberState: state,
      input: {
        channel: 'paper',
        receivedAt: '2023-08-10T09:00:00.000Z',
        positions: ASSIGNS_ALL,
        signatory: { name: 'A. Official', title: 'Director, Ministry of ICT' },
        ...input,
      },
    });

  const tally = async (textId: string) => {
    const results = await computeResults(world().ctx, { actor: SECRETARIAT, consultationId: ID });
    return withFigures(results.texts.find((t) => t.text.id === textId)!.tally);
  };

  const replyOf = (state: string) =>
    getStateReply(world().ctx, { actor: SECRETARIAT, consultationId: ID, memberState: state });

  describe('when the form was received', () => {
    it('counts a form received before the deadline though keyed in after it', async () => {
      const { ctx, clock } = world();
      const scan = await openWithScan();
      clock.set('2023-08-21T10:00:00Z');
      const receipt = await record('FR', { originalFile: scan, channel: 'fax', receivedAt: DEADLINE });
      expect(receipt).toMatchObject({
        version: 1,
        status: 'submitted',
        counted: true,
        channel: 'fax',
        receivedAt: Date.parse(DEADLINE),
        flags: [],
      });
      expect(await tally('x1353')).toMatchObject({ replies: 1, support: 1 });
      const [version] = (await replyOf('FR')).versions;
      expect(version).toMatchObject({
        originalFile: scan,
        enteredBy: SECRETARIAT.id,
        receivedAt: Date.parse(DEADLINE),
      });
      expect((await auditTrail(ctx.db)).at(-1)).toEqual({
        action: 'reply.recorded',
        subject: `reply:${ID}/FR/1`,
        actor: SECRETARIAT.id,
      });
    });

    it('keeps a form received one millisecond after the deadline, flagged received_after_deadline and not counted', async () => {
      const { clock } = world();
      const scan = await openWithScan();
      clock.set('2023-08-21T10:00:00Z');
      const receipt = await record('FR', { originalFile: scan, receivedAt: '2023-08-17T00:00:00.000Z' });
      expect(receipt).toMatchObject({ version: 1, counted: false, flags: ['received_after_deadline'] });
      expect(await tally('x1353')).toMatchObject({ replies: 0, basis: 'no_replies' });
      const reply = await replyOf('FR');
      expect(reply.pointers).toMatchObject({ currentVersion: 1, countedVersion: null });
      expect(reply.versions[0]!.flags).toEqual(['received_after_deadline']);
    });

    it('leaves the on-time reply counted when a later form arrives after the deadline', async () => {
      const { clock } = world();
      const scan = await openWithScan();
      clock.set('2023-08-01T10:00:00Z');
      await submitReply(world().ctx, {
        actor: focalPoint('FR'),
        consultationId: ID,
        memberState: 'FR',
        input: replyInput(),
        channel: 'web',
      });
      clock.set('2023-08-21T10:00:00Z');
      const late = await record('FR', {
        originalFile: scan,
        receivedAt: '2023-08-18T08:00:00.000Z',
        positions: [{ text: 'x1353', position: 'does_not_assign_authority', reasons: 'Changed our mind.' }],
      });
      expect(late).toMatchObject({ version: 2, counted: false });
      expect(await tally('x1353')).toMatchObject({ replies: 1, support: 1, nonSupport: 0 });
      expect((await replyOf('FR')).pointers).toMatchObject({ currentVersion: 2, countedVersion: 1 });
    });

    it('refuses a form older than the current version with REPLY_OUT_OF_ORDER, storing nothing', async () => {
      const { ctx, clock } = world();
      const scan = await openWithScan();
      clock.set('2023-08-12T10:00:00Z');
      await record('FR', { originalFile: scan, receivedAt: '2023-08-10T09:00:00.000Z' });
      const before = await tableCounts(ctx.db);
      await expect(record('FR', { originalFile: scan, receivedAt: '2023-08-10T08:59:59.999Z' })).rejects.toMatchObject({
        code: 'REPLY_OUT_OF_ORDER',
      });
      expect(await tableCounts(ctx.db)).toEqual(before);
    });

    it('accepts a form received at the server instant and refuses one received a millisecond in the future', async () => {
      const { ctx, clock } = world();
      const scan = await openWithScan();
      clock.set('2023-08-10T09:00:00.000Z');
      const before = await tableCounts(ctx.db);
      await expect(record('FR', { originalFile: scan, receivedAt: '2023-08-10T09:00:00.001Z' })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ field: '/receivedAt' })],
      });
      expect(await tableCounts(ctx.db)).toEqual(before);
      await expect(record('FR', { originalFile: scan, receivedAt: '2023-08-10T09:00:00.000Z' })).resolves.toMatchObject(
        { version: 1 },
      );
    });

    it('refuses a form received before the circular was issued with VALIDATION_FAILED', async () => {
      const { ctx, clock } = world();
      const scan = await openWithScan(); // issued at 2023-03-28T08:00Z
      clock.set('2023-04-10T09:00:00Z');
      const before = await tableCounts(ctx.db);
      await expect(record('FR', { originalFile: scan, receivedAt: '2023-03-28T07:59:59.999Z' })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ field: '/receivedAt' })],
      });
      expect(await tableCounts(ctx.db)).toEqual(before);
      await expect(record('FR', { originalFile: scan, receivedAt: '2023-03-28T08:00:00.000Z' })).resolves.toMatchObject(
        { version: 1 },
      );
    });

    it('refuses a reception instant on a day that does not exist (2023-06-31) instead of moving it to 1 July', async () => {
      const { ctx, clock } = world();
      const scan = await openWithScan();
      clock.set('2023-08-10T09:00:00Z');
      const before = await tableCounts(ctx.db);
      await expect(record('FR', { originalFile: scan, receivedAt: '2023-06-31T10:00:00.000Z' })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ field: '/receivedAt' })],
      });
      expect(await tableCounts(ctx.db)).toEqual(before);
    });
  });

  describe('what a signed form may lack (§9.4.4 "should")', () => {
    it('accepts "does not assign authority" without reasons on paper, flagged missing_reasons, counted as non-support', async () => {
      const { clock } = world();
      const scan = await openWithScan();
      clock.set('2023-08-12T10:00:00Z');
      const receipt = await record('FR', {
        originalFile: scan,
        positions: [{ text: 'x1353', position: 'does_not_assign_authority' }],
      });
      expect(receipt).toMatchObject({ counted: true, flags: ['missing_reasons'] });
      expect(await tally('x1353')).toMatchObject({
        replies: 1,
        support: 0,
        nonSupport: 1,
        outcome: 'not_at_this_meeting',
      });
    });

    it('accepts "assigns authority" without a sub-option on e-mail, flagged missing_sub_option, counted as support', async () => {
      const { clock } = world();
      const scan = await openWithScan();
      clock.set('2023-08-12T10:00:00Z');
      const receipt = await record('FR', {
        originalFile: scan,
        channel: 'email',
        positions: [{ text: 'x1353', position: 'assigns_authority' }],
      });
      expect(receipt).toMatchObject({ counted: true, flags: ['missing_sub_option'] });
      expect(await tally('x1353')).toMatchObject({ replies: 1, support: 1 });
    });

    it('shows an "unclear" form (both boxes or neither) as unclear and leaves it out of the denominator', async () => {
      const { clock } = world();
      const scan = await openWithScan();
      clock.set('2023-08-12T10:00:00Z');
      const unclear = await record('FR', { originalFile: scan, positions: [{ text: 'x1353', position: 'unclear' }] });
      expect(unclear).toMatchObject({ counted: true, flags: ['unclear_position'] });
      await record('DE', {
        originalFile: scan,
        positions: [{ text: 'x1353', position: 'does_not_assign_authority', reasons: 'Not mature.' }],
      });
      await record('KR', {
        originalFile: scan,
        positions: [{ text: 'x1353', position: 'assigns_authority', option: 'no_comments' }],
      });
      // 1 of 2 counted replies supports; the unclear form is shown but in neither the numerator nor the denominator.
      expect(await tally('x1353')).toMatchObject({
        replies: 2,
        support: 1,
        nonSupport: 1,
        unclear: 1,
        percent: 50,
      });
    });

    it('still refuses on paper what no form can say: an unknown text, two positions for a text, no position', async () => {
      const { ctx, clock } = world();
      const scan = await openWithScan();
      clock.set('2023-08-12T10:00:00Z');
      const before = await tableCounts(ctx.db);
      await expect(
        record('FR', { originalFile: scan, positions: [{ text: 'x9999', position: 'unclear' }] }),
      ).rejects.toMatchObject({ code: 'UNKNOWN_TEXT' });
      await expect(
        record('FR', {
          originalFile: scan,
          positions: [
            { text: 'x1353', position: 'unclear' },
            { text: 'x1353', position: 'assigns_authority' },
          ],
        }),
      ).rejects.toMatchObject({ code: 'DUPLICATE_POSITION' });
      await expect(record('FR', { originalFile: scan, positions: [] })).rejects.toMatchObject({ code: 'NO_POSITIONS' });
      expect(await tableCounts(ctx.db)).toEqual(before);
    });
  });

  describe('withdrawal letters', () => {
    it('records a withdrawal letter: the State no longer counts, and its earlier versions stay on record', async () => {
      const { clock } = world();
      const scan = await openWithScan();
      clock.set('2023-08-12T10:00:00Z');
      await record('FR', { originalFile: scan, receivedAt: '2023-08-01T09:00:00.000Z' });
      const receipt = await record('FR', {
        originalFile: scan,
        receivedAt: '2023-08-05T09:00:00.000Z',
        withdrawal: true,
        positions: [],
      });
      expect(receipt).toMatchObject({ version: 2, status: 'withdrawn', counted: false });
      expect(await tally('x1353')).toMatchObject({ replies: 0 });
      const reply = await replyOf('FR');
      expect(reply.versions.map((v) => v.status)).toEqual(['submitted', 'withdrawn']);
      expect(reply.pointers).toMatchObject({ countedVersion: null });
    });

    it('leaves the on-time reply counted when the withdrawal letter arrives after the deadline', async () => {
      const { clock } = world();
      const scan = await openWithScan();
      clock.set('2023-08-21T10:00:00Z');
      await record('FR', { originalFile: scan, receivedAt: '2023-08-01T09:00:00.000Z' });
      const receipt = await record('FR', {
        originalFile: scan,
        receivedAt: '2023-08-18T09:00:00.000Z',
        withdrawal: true,
        positions: [],
      });
      expect(receipt).toMatchObject({ status: 'withdrawn', counted: false, flags: ['received_after_deadline'] });
      expect(await tally('x1353')).toMatchObject({ replies: 1, support: 1 });
    });

    it('refuses a withdrawal letter carrying positions with VALIDATION_FAILED', async () => {
      const { ctx, clock } = world();
      const scan = await openWithScan();
      clock.set('2023-08-12T10:00:00Z');
      await record('FR', { originalFile: scan, receivedAt: '2023-08-01T09:00:00.000Z' });
      const before = await tableCounts(ctx.db);
      await expect(record('FR', { originalFile: scan, withdrawal: true })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
      expect(await tableCounts(ctx.db)).toEqual(before);
    });

    it('refuses a withdrawal letter from a State with no current reply with NO_CURRENT_REPLY', async () => {
      const { ctx, clock } = world();
      const scan = await openWithScan();
      clock.set('2023-08-12T10:00:00Z');
      const before = await tableCounts(ctx.db);
      await expect(record('FR', { originalFile: scan, withdrawal: true, positions: [] })).rejects.toMatchObject({
        code: 'NO_CURRENT_REPLY',
      });
      expect(await tableCounts(ctx.db)).toEqual(before);
    });
  });

  describe('guards', () => {
    it('lets only the secretariat record forms: FORBIDDEN for a focal point and an observer, UNAUTHENTICATED for the public', async () => {
      const { ctx, clock } = world();
      const scan = await openWithScan();
      clock.set('2023-08-12T10:00:00Z');
      const before = await tableCounts(ctx.db);
      await expect(record('FR', { originalFile: scan }, focalPoint('FR'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(record('FR', { originalFile: scan }, OBSERVER)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(record('FR', { originalFile: scan }, PUBLIC)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(await tableCounts(ctx.db)).toEqual(before);
    });

    it('refuses a form for a draft consultation with CONSULTATION_NOT_OPEN', async () => {
      const { ctx, clock } = world();
      await createConsultation(ctx, { actor: SECRETARIAT, input: consultationInput() });
      const scan = await uploadAttachment(ctx, { actor: SECRETARIAT, filename: 'form.pdf', content: pdfBytes() });
      clock.set('2023-08-12T10:00:00Z');
      const before = await tableCounts(ctx.db);
      await expect(record('FR', { originalFile: scan.sha256 })).rejects.toMatchObject({
        code: 'CONSULTATION_NOT_OPEN',
      });
      expect(await tableCounts(ctx.db)).toEqual(before);
    });

    it('refuses a form whose original file was not uploaded with UNKNOWN_ATTACHMENT', async () => {
      const { ctx, clock } = world();
      await openWithScan();
      clock.set('2023-08-12T10:00:00Z');
      const before = await tableCounts(ctx.db);
      await expect(record('FR', { originalFile: 'f'.repeat(64) })).rejects.toMatchObject({
        code: 'UNKNOWN_ATTACHMENT',
        errors: [expect.objectContaining({ field: '/originalFile' })],
      });
      expect(await tableCounts(ctx.db)).toEqual(before);
    });

    it('refuses a form from Palestine (observer) with STATE_NOT_ELIGIBLE and from an unknown code with UNKNOWN_MEMBER_STATE', async () => {
      const { ctx, clock } = world();
      const scan = await openWithScan();
      clock.set('2023-08-12T10:00:00Z');
      const before = await tableCounts(ctx.db);
      await expect(record('PS', { originalFile: scan })).rejects.toMatchObject({ code: 'STATE_NOT_ELIGIBLE' });
      await expect(record('ZZ', { originalFile: scan })).rejects.toMatchObject({ code: 'UNKNOWN_MEMBER_STATE' });
      expect(await tableCounts(ctx.db)).toEqual(before);
    });

    it('refuses new forms with RESULTS_FROZEN once a meeting decision is recorded, storing nothing', async () => {
      const { ctx, clock } = world();
      const scan = await openWithScan();
      clock.set('2023-08-30T10:00:00Z');
      await record('FR', { originalFile: scan, receivedAt: '2023-08-10T09:00:00.000Z' });
      await recordDecision(ctx, { actor: SECRETARIAT, consultationId: ID, textId: 'x1353', input: {} });
      const before = await tableCounts(ctx.db);
      await expect(record('DE', { originalFile: scan, receivedAt: '2023-08-11T09:00:00.000Z' })).rejects.toMatchObject({
        code: 'RESULTS_FROZEN',
      });
      await expect(
        record('FR', { originalFile: scan, receivedAt: '2023-08-12T09:00:00.000Z', withdrawal: true, positions: [] }),
      ).rejects.toMatchObject({
        code: 'RESULTS_FROZEN',
      });
      expect(await tableCounts(ctx.db)).toEqual(before);
    });
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/policy/actor.js';
import type { ReplyInput } from '../../src/schemas/reply.schema.js';
import { uploadAttachment } from '../../src/services/attachments.js';
import { computeResults } from '../../src/services/compute-results.js';
import { createConsultation } from '../../src/services/create-consultation.js';
import { setEligibility } from '../../src/services/member-states.js';
import { getStateReply } from '../../src/services/read-replies.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { verifyStoredRecords } from '../../src/services/verify-stored-records.js';
import { withdrawReply } from '../../src/services/withdraw-reply.js';
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
import { auditTrail, countRows, pdfBytes, tableCounts } from './probes.js';
import { withFigures } from '../helpers/tally.js';

type Positions = ReplyInput['positions'];

/** A reply that does not assign authority to X.1353, with its reasons (§9.4.4). */
const OPPOSE_X1353: Positions = [{ text: 'x1353', position: 'does_not_assign_authority', reasons: 'Not mature.' }];

describeEachDialect('replies of Member States', (dialect) => {
  const world = useWorld(dialect);

  const submit = (
    state: string,
    input: ReplyInput = replyInput(),
    extra: { actor?: Actor; idempotencyKey?: string; consultationId?: string } = {},
  ) =>
    submitReply(world().ctx, {
      actor: extra.actor ?? focalPoint(state),
      consultationId: extra.consultationId ?? 'tsb-79-2023',
      memberState: state,
      input,
      channel: 'api',
      idempotencyKey: extra.idempotencyKey,
    });

  const withdraw = (state: string, extra: { actor?: Actor; expectedVersion?: number } = {}) =>
    withdrawReply(world().ctx, {
      actor: extra.actor ?? focalPoint(state),
      consultationId: 'tsb-79-2023',
      memberState: state,
      channel: 'api',
      expectedVersion: extra.expectedVersion,
    });

  const tally = async (textId: string) => {
    const results = await computeResults(world().ctx, { actor: SECRETARIAT, consultationId: 'tsb-79-2023' });
    return withFigures(results.texts.find((t) => t.text.id === textId)!.tally);
  };

  const versionsOf = async (state: string) =>
    (await getStateReply(world().ctx, { actor: SECRETARIAT, consultationId: 'tsb-79-2023', memberState: state }))
      .versions;

  describe('submitting, amending and withdrawing', () => {
    it('stores a first reply as version 1 that counts for every text it covers', async () => {
      const { clock } = world();
      await world().openConsultation();
      clock.set('2023-05-02T10:00:00Z');
      const { receipt, replayed } = await submit('FR');
      expect(replayed).toBe(false);
      expect(receipt).toMatchObject({
        memberState: 'FR',
        version: 1,
        status: 'submitted',
        counted: true,
        created: true,
        channel: 'api',
        receivedAt: clock.now(),
        flags: [],
      });
      for (const text of ['x1333-cor1', 'x1353', 'x1471']) {
        expect(await tally(text)).toMatchObject({ replies: 1, support: 1, nonSupport: 0 });
      }
    });

    it('counts a reply only for the texts it covers', async () => {
      await world().openConsultation();
      await submit('FR', replyInput(['x1353']));
      expect(await tally('x1353')).toMatchObject({ replies: 1, support: 1 });
      expect(await tally('x1471')).toMatchObject({ replies: 0, basis: 'no_replies' });
    });

    it('stores an amendment as version 2, and the results follow the latest version', async () => {
      await world().openConsultation();
      await submit('FR');
      const { receipt } = await submit('FR', replyInput([], { positions: OPPOSE_X1353 }));
      expect(receipt).toMatchObject({ version: 2, counted: true, created: false });
      expect(await tally('x1353')).toMatchObject({
        replies: 1,
        support: 0,
        nonSupport: 1,
        outcome: 'not_at_this_meeting',
      });
      // Version 2 covers X.1353 only: the State no longer counts for the other texts.
      expect(await tally('x1471')).toMatchObject({ replies: 0 });
    });

    it('keeps every version, oldest first, with its own positions', async () => {
      await world().openConsultation();
      await submit('FR');
      await submit('FR', replyInput([], { positions: OPPOSE_X1353 }));
      const reply = await getStateReply(world().ctx, {
        actor: SECRETARIAT,
        consultationId: 'tsb-79-2023',
        memberState: 'FR',
      });
      expect(reply.pointers).toMatchObject({ currentVersion: 2, countedVersion: 2 });
      expect(
        reply.versions.map((v) => [v.version, v.status, v.positions.map((p) => `${p.text}:${p.position}`)]),
      ).toEqual([
        [1, 'submitted', ['x1333-cor1:assigns_authority', 'x1353:assigns_authority', 'x1471:assigns_authority']],
        [2, 'submitted', ['x1353:does_not_assign_authority']],
      ]);
      expect(reply.versions[0]!.contentHash).not.toBe(reply.versions[1]!.contentHash);
    });

    it('withdraws a reply: the State no longer counts, and the earlier versions stay on record', async () => {
      await world().openConsultation();
      await submit('FR');
      await submit('DE');
      const { receipt } = await withdraw('FR');
      expect(receipt).toMatchObject({ version: 2, status: 'withdrawn', counted: false });
      expect(await tally('x1353')).toMatchObject({ replies: 1, support: 1 });
      const reply = await getStateReply(world().ctx, {
        actor: SECRETARIAT,
        consultationId: 'tsb-79-2023',
        memberState: 'FR',
      });
      expect(reply.pointers).toMatchObject({ currentVersion: 2, countedVersion: null });
      expect(reply.versions.map((v) => v.status)).toEqual(['submitted', 'withdrawn']);
    });

    it('refuses a second withdrawal with NO_CURRENT_REPLY and writes nothing', async () => {
      const { ctx } = world();
      await world().openConsultation();
      await submit('FR');
      await withdraw('FR');
      const before = await tableCounts(ctx.db);
      await expect(withdraw('FR')).rejects.toMatchObject({ code: 'NO_CURRENT_REPLY' });
      expect(await tableCounts(ctx.db)).toEqual(before);
    });

    it('refuses to withdraw a reply that was never sent with NO_CURRENT_REPLY and leaves no reply row behind', async () => {
      const { ctx } = world();
      await world().openConsultation();
      const before = await tableCounts(ctx.db);
      await expect(withdraw('FR')).rejects.toMatchObject({ code: 'NO_CURRENT_REPLY' });
      expect(await tableCounts(ctx.db)).toEqual(before);
      expect(
        (await getStateReply(ctx, { actor: SECRETARIAT, consultationId: 'tsb-79-2023', memberState: 'FR' })).pointers,
      ).toBeNull();
    });

    it('counts a State again when it replies after withdrawing', async () => {
      await world().openConsultation();
      await submit('FR');
      await withdraw('FR');
      const { receipt } = await submit('FR');
      expect(receipt).toMatchObject({ version: 3, counted: true });
      expect(await tally('x1353')).toMatchObject({ replies: 1, support: 1 });
    });
  });

  describe('the deadline (Res. 1 §9.4.6)', () => {
    it('accepts a reply received at exactly 2023-08-16T23:59:59.999Z and counts it', async () => {
      const { clock } = world();
      await world().openConsultation();
      clock.set(DEADLINE);
      const { receipt } = await submit('FR');
      expect(receipt).toMatchObject({ version: 1, counted: true, receivedAt: Date.parse(DEADLINE) });
    });

    it('refuses a reply received one millisecond after the deadline with DEADLINE_PASSED citing §9.4.6, storing nothing', async () => {
      const { ctx, clock } = world();
      await world().openConsultation();
      clock.set(Date.parse(DEADLINE) + 1);
      const before = await tableCounts(ctx.db);
      await expect(submit('FR')).rejects.toMatchObject({
        code: 'DEADLINE_PASSED',
        clause: expect.stringContaining('§9.4.6'),
      });
      expect(await tableCounts(ctx.db)).toEqual(before);
    });

    it('refuses an amendment after the deadline and keeps counting the on-time version', async () => {
      const { clock } = world();
      await world().openConsultation();
      await submit('FR');
      clock.set(Date.parse(DEADLINE) + 1);
      await expect(submit('FR', replyInput([], { positions: OPPOSE_X1353 }))).rejects.toMatchObject({
        code: 'DEADLINE_PASSED',
      });
      await expect(withdraw('FR')).rejects.toMatchObject({ code: 'DEADLINE_PASSED' });
      expect(await tally('x1353')).toMatchObject({ replies: 1, support: 1 });
      expect((await versionsOf('FR')).map((v) => v.version)).toEqual([1]);
    });
  });

  describe('who may reply (Res. 1 §9.4.1, §9.4.3)', () => {
    it('answers NOT_FOUND to a focal point replying to a draft: the draft does not leak', async () => {
      const { ctx } = world();
      await createConsultation(ctx, { actor: SECRETARIAT, input: consultationInput() });
      const before = await tableCounts(ctx.db);
      await expect(submit('FR')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await tableCounts(ctx.db)).toEqual(before);
    });

    it('answers NOT_FOUND for a consultation that does not exist', async () => {
      await world().openConsultation();
      await expect(submit('FR', replyInput(), { consultationId: 'tsb-999-2023' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('refuses the secretariat and an observer with ROLE_MAY_NOT_REPLY, and the public with UNAUTHENTICATED', async () => {
      const { ctx } = world();
      await world().openConsultation();
      const before = await tableCounts(ctx.db);
      for (const [actor, code] of [
        [SECRETARIAT, 'ROLE_MAY_NOT_REPLY'],
        [OBSERVER, 'ROLE_MAY_NOT_REPLY'],
        [PUBLIC, 'UNAUTHENTICATED'],
      ] as const) {
        await expect(submit('FR', replyInput(), { actor })).rejects.toMatchObject({ code });
        await expect(withdraw('FR', { actor })).rejects.toMatchObject({ code });
      }
      expect(await tableCounts(ctx.db)).toEqual(before);
    });

    it('refuses a focal point acting for another State with NOT_YOUR_MEMBER_STATE', async () => {
      const { ctx } = world();
      await world().openConsultation();
      await submit('DE');
      const before = await tableCounts(ctx.db);
      await expect(submit('DE', replyInput(), { actor: focalPoint('FR') })).rejects.toMatchObject({
        code: 'NOT_YOUR_MEMBER_STATE',
      });
      await expect(withdraw('DE', { actor: focalPoint('FR') })).rejects.toMatchObject({
        code: 'NOT_YOUR_MEMBER_STATE',
      });
      expect(await tableCounts(ctx.db)).toEqual(before);
    });

    it('refuses Palestine, an observer and not a Member State, with STATE_NOT_ELIGIBLE citing §9.4.1', async () => {
      const { ctx } = world();
      await world().openConsultation();
      const before = await tableCounts(ctx.db);
      await expect(submit('PS')).rejects.toMatchObject({
        code: 'STATE_NOT_ELIGIBLE',
        clause: expect.stringContaining('§9.4.1'),
      });
      expect(await tableCounts(ctx.db)).toEqual(before);
    });

    it('refuses a State outside the States consulted by a regional-group circular with STATE_NOT_ELIGIBLE (§9.2.1 NOTE)', async () => {
      await world().openConsultation({ eligibleStates: ['FR', 'DE'] });
      await expect(submit('KR')).rejects.toMatchObject({
        code: 'STATE_NOT_ELIGIBLE',
        clause: expect.stringContaining('§9.2.1 NOTE'),
      });
      await expect(submit('FR')).resolves.toMatchObject({ receipt: { version: 1, counted: true } });
    });

    it('refuses a State whose right to reply the secretariat suspended, and accepts it again once restored', async () => {
      const { ctx } = world();
      await world().openConsultation();
      await setEligibility(ctx, {
        actor: SECRETARIAT,
        code: 'FR',
        mayReply: false,
        note: 'Arrears (CS No. 169)',
        since: '2023-04-01',
      });
      await expect(submit('FR')).rejects.toMatchObject({ code: 'STATE_NOT_ELIGIBLE', message: 'Arrears (CS No. 169)' });
      expect(await countRows(ctx.db, 'reply_version')).toBe(0);
      await setEligibility(ctx, { actor: SECRETARIAT, code: 'FR', mayReply: true, note: null, since: null });
      await expect(submit('FR')).resolves.toMatchObject({ receipt: { version: 1 } });
    });

    it('refuses a State code that is not a Member State with UNKNOWN_MEMBER_STATE', async () => {
      const { ctx } = world();
      await world().openConsultation();
      const before = await tableCounts(ctx.db);
      await expect(submit('ZZ')).rejects.toMatchObject({ code: 'UNKNOWN_MEMBER_STATE' });
      expect(await tableCounts(ctx.db)).toEqual(before);
    });
  });

  describe('the positions of a reply (Annex 2 form)', () => {
    const cases: { name: string; code: string; positions: Positions }[] = [
      {
        name: 'a text that is not in the circular',
        code: 'UNKNOWN_TEXT',
        positions: [{ text: 'x9999', position: 'assigns_authority', option: 'no_comments' }],
      },
      {
        name: 'two positions for one text',
        code: 'DUPLICATE_POSITION',
        positions: [
          { text: 'x1353', position: 'assigns_authority', option: 'no_comments' },
          { text: 'x1353', position: 'does_not_assign_authority', reasons: 'R' },
        ],
      },
      { name: 'no position at all', code: 'NO_POSITIONS', positions: [] },
      {
        name: '"does not assign authority" without reasons online (§9.4.4)',
        code: 'POSITION_INCOMPLETE',
        positions: [{ text: 'x1353', position: 'does_not_assign_authority' }],
      },
      {
        name: '"does not assign authority" with blank reasons online',
        code: 'POSITION_INCOMPLETE',
        positions: [{ text: 'x1353', position: 'does_not_assign_authority', reasons: '   ' }],
      },
      {
        name: '"assigns authority" without a sub-option online',
        code: 'POSITION_INCOMPLETE',
        positions: [{ text: 'x1353', position: 'assigns_authority' }],
      },
      {
        name: '"comments attached" without comments online',
        code: 'POSITION_INCOMPLETE',
        positions: [{ text: 'x1353', position: 'assigns_authority', option: 'comments_attached' }],
      },
      {
        name: 'a row of the comments table with a proposed change but no comment',
        code: 'COMMENT_ROW_INCOMPLETE',
        positions: [
          {
            text: 'x1353',
            position: 'assigns_authority',
            option: 'comments_attached',
            commentTable: [{ clause: '6.2', comment: '', proposedChange: 'Delete the note.' }],
          },
        ],
      },
      {
        name: '"unclear" online (only for forms the secretariat records)',
        code: 'POSITION_NOT_ALLOWED',
        positions: [{ text: 'x1353', position: 'unclear' }],
      },
    ];
    for (const { name, code, positions } of cases) {
      it(`refuses ${name} with ${code} and stores nothing`, async () => {
        const { ctx } = world();
        await world().openConsultation();
        const before = await tableCounts(ctx.db);
        await expect(submit('FR', replyInput([], { positions }))).rejects.toMatchObject({ code });
        expect(await tableCounts(ctx.db)).toEqual(before);
      });
    }

    it('stores a comments table with its position, reads it back in order, and the stored records verify', async () => {
      const { ctx } = world();
      await world().openConsultation();
      const rows = [
        { clause: '6.2', comment: 'The key length is not stated.', proposedChange: 'State 256 bits.' },
        { clause: null, comment: 'Général : aligner les termes sur X.1252.', proposedChange: null },
      ];
      const positions: Positions = [
        { text: 'x1353', position: 'assigns_authority', option: 'comments_attached', commentTable: rows },
        { text: 'x1471', position: 'does_not_assign_authority', commentTable: [rows[0]!] },
        { text: 'x1333-cor1', position: 'assigns_authority', option: 'no_comments' },
      ];
      await submit('FR', replyInput([], { positions }));
      const stored = (await versionsOf('FR'))[0]!.positions;
      expect(stored.find((p) => p.text === 'x1353')?.commentTable).toEqual(rows);
      expect(stored.find((p) => p.text === 'x1471')).toMatchObject({ reasons: null, commentTable: [rows[0]] });
      expect(stored.find((p) => p.text === 'x1333-cor1')).not.toHaveProperty('commentTable');
      const check = await verifyStoredRecords(ctx);
      expect(check.problems).toEqual([]);
    });

    it('refuses an attachment that was never uploaded with UNKNOWN_ATTACHMENT, and accepts it once uploaded', async () => {
      const { ctx } = world();
      await world().openConsultation();
      const bytes = pdfBytes('comments of France');
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const positions: Positions = [
        { text: 'x1353', position: 'assigns_authority', option: 'comments_attached', attachment: sha256 },
      ];
      const before = await tableCounts(ctx.db);
      await expect(submit('FR', replyInput([], { positions }))).rejects.toMatchObject({
        code: 'UNKNOWN_ATTACHMENT',
        errors: [expect.objectContaining({ field: '/positions/0/attachment' })],
      });
      expect(await tableCounts(ctx.db)).toEqual(before);
      await uploadAttachment(ctx, { actor: focalPoint('FR'), filename: 'comments.pdf', content: bytes });
      const { receipt } = await submit('FR', replyInput([], { positions }));
      expect(receipt).toMatchObject({ version: 1, counted: true });
      expect((await versionsOf('FR'))[0]!.positions[0]).toMatchObject({
        option: 'comments_attached',
        attachment: sha256,
      });
    });
  });

  describe('concurrency and retries', () => {
    it('refuses a write based on a stale version with STALE_REPLY and accepts the current one', async () => {
      const { ctx } = world();
      await world().openConsultation();
      await expect(submit('FR', replyInput(undefined, { expectedVersion: 0 }))).resolves.toMatchObject({
        receipt: { version: 1 },
      });
      const before = await tableCounts(ctx.db);
      await expect(submit('FR', replyInput(undefined, { expectedVersion: 0 }))).rejects.toMatchObject({
        code: 'STALE_REPLY',
      });
      await expect(withdraw('FR', { expectedVersion: 2 })).rejects.toMatchObject({ code: 'STALE_REPLY' });
      expect(await tableCounts(ctx.db)).toEqual(before);
      await expect(
        submit('FR', replyInput([], { positions: OPPOSE_X1353, expectedVersion: 1 })),
      ).resolves.toMatchObject({ receipt: { version: 2 } });
      await expect(withdraw('FR', { expectedVersion: 2 })).resolves.toMatchObject({
        receipt: { version: 3, status: 'withdrawn' },
      });
    });

    it('refuses a first reply that expects an existing version with STALE_REPLY and leaves no reply row', async () => {
      const { ctx } = world();
      await world().openConsultation();
      const before = await tableCounts(ctx.db);
      await expect(submit('FR', replyInput(undefined, { expectedVersion: 1 }))).rejects.toMatchObject({
        code: 'STALE_REPLY',
      });
      expect(await tableCounts(ctx.db)).toEqual(before);
    });

    it('answers a retry with the same Idempotency-Key and body with the first receipt, replayed, writing one version only', async () => {
      const { ctx, clock } = world();
      await world().openConsultation();
      const first = await submit('FR', replyInput(), { idempotencyKey: 'key-1' });
      clock.advance(60_000);
      const again = await submit('FR', replyInput(), { idempotencyKey: 'key-1' });
      expect(first.replayed).toBe(false);
      expect(again.replayed).toBe(true);
      expect(again.receipt).toEqual(first.receipt);
      expect(await countRows(ctx.db, 'reply_version')).toBe(1);
      expect((await auditTrail(ctx.db)).filter((e) => e.action.startsWith('reply.'))).toHaveLength(1);
    });

    it('replays a keyed receipt even after the deadline, since the reply itself arrived on time', async () => {
      const { clock } = world();
      await world().openConsultation();
      const first = await submit('FR', replyInput(), { idempotencyKey: 'key-1' });
      clock.set(Date.parse(DEADLINE) + 1);
      await expect(submit('FR', replyInput(), { idempotencyKey: 'key-1' })).resolves.toEqual({
        receipt: first.receipt,
        replayed: true,
      });
    });

    it('refuses the same Idempotency-Key with a different body with IDEMPOTENCY_KEY_REUSED, storing nothing', async () => {
      const { ctx } = world();
      await world().openConsultation();
      await submit('FR', replyInput(), { idempotencyKey: 'key-1' });
      const before = await tableCounts(ctx.db);
      await expect(
        submit('FR', replyInput([], { positions: OPPOSE_X1353 }), { idempotencyKey: 'key-1' }),
      ).rejects.toMatchObject({
        code: 'IDEMPOTENCY_KEY_REUSED',
      });
      expect(await tableCounts(ctx.db)).toEqual(before);
    });

    it('scopes Idempotency-Keys to the actor: two States may use the same key', async () => {
      const { ctx } = world();
      await world().openConsultation();
      const fr = await submit('FR', replyInput(), { idempotencyKey: 'shared' });
      const de = await submit('DE', replyInput(), { idempotencyKey: 'shared' });
      expect([fr.replayed, de.replayed]).toEqual([false, false]);
      expect([fr.receipt.memberState, de.receipt.memberState]).toEqual(['FR', 'DE']);
      expect(await countRows(ctx.db, 'reply_version')).toBe(2);
    });

    it('writes exactly one version for concurrent submissions with the same Idempotency-Key; the others replay it', async () => {
      const { ctx } = world();
      await world().openConsultation();
      const results = await Promise.all(
        Array.from({ length: 4 }, () => submit('FR', replyInput(), { idempotencyKey: 'race' })),
      );
      expect(results.map((r) => r.replayed).sort()).toEqual([false, true, true, true]);
      for (const result of results) expect(result.receipt).toEqual(results[0]!.receipt);
      expect(results[0]!.receipt).toMatchObject({ version: 1 });
      expect(await countRows(ctx.db, 'reply_version')).toBe(1);
      expect(await countRows(ctx.db, 'idempotency_record')).toBe(1);
      expect((await auditTrail(ctx.db)).filter((e) => e.action.startsWith('reply.'))).toHaveLength(1);
    });

    it('writes consecutive versions, without error, for concurrent submissions of one State without a key', async () => {
      await world().openConsultation();
      const results = await Promise.all([
        submit('FR'),
        submit('FR', replyInput([], { positions: OPPOSE_X1353 })),
        submit('FR', replyInput(['x1471'])),
      ]);
      expect(results.map((r) => r.receipt.version).sort()).toEqual([1, 2, 3]);
      expect((await versionsOf('FR')).map((v) => v.version)).toEqual([1, 2, 3]);
      const reply = await getStateReply(world().ctx, {
        actor: SECRETARIAT,
        consultationId: 'tsb-79-2023',
        memberState: 'FR',
      });
      expect(reply.pointers).toMatchObject({ currentVersion: 3, countedVersion: 3 });
    });

    it('keeps every reply of many States submitting at once', async () => {
      const { ctx } = world();
      await world().openConsultation();
      const states = ['FR', 'DE', 'KR', 'US', 'JP', 'CN', 'GB', 'BR'];
      await Promise.all(states.map((s) => submit(s)));
      expect(await countRows(ctx.db, 'reply_version')).toBe(states.length);
      expect(await tally('x1353')).toMatchObject({ replies: states.length, support: states.length });
    });
  });

  describe('audit', () => {
    it('writes reply.submitted for a first reply and reply.withdrawn for a withdrawal, naming the version and the actor', async () => {
      const { ctx } = world();
      await world().openConsultation();
      await submit('FR');
      await withdraw('FR');
      const replies = (await auditTrail(ctx.db)).filter((e) => e.action.startsWith('reply.'));
      expect(replies).toEqual([
        { action: 'reply.submitted', subject: 'reply:tsb-79-2023/FR/1', actor: 'test:fp:FR' },
        { action: 'reply.withdrawn', subject: 'reply:tsb-79-2023/FR/2', actor: 'test:fp:FR' },
      ]);
    });

    it('writes reply.amended when a State amends its reply', async () => {
      const { ctx } = world();
      await world().openConsultation();
      await submit('FR');
      await submit('FR', replyInput([], { positions: OPPOSE_X1353 }));
      const replies = (await auditTrail(ctx.db)).filter((e) => e.action.startsWith('reply.'));
      expect(replies.map((e) => `${e.action} ${e.subject}`)).toEqual([
        'reply.submitted reply:tsb-79-2023/FR/1',
        'reply.amended reply:tsb-79-2023/FR/2',
      ]);
    });
  });

  describe('reading a reply', () => {
    it("shows a State's reply to the secretariat and to that State, not to another State or an observer before the deadline", async () => {
      const { ctx } = world();
      await world().openConsultation();
      await submit('FR');
      const read = (actor: Actor) => getStateReply(ctx, { actor, consultationId: 'tsb-79-2023', memberState: 'FR' });
      await expect(read(SECRETARIAT)).resolves.toMatchObject({ memberState: 'FR' });
      await expect(read(focalPoint('FR'))).resolves.toMatchObject({ memberState: 'FR' });
      await expect(read(focalPoint('DE'))).rejects.toMatchObject({ code: 'NOT_YOUR_MEMBER_STATE' });
      await expect(read(OBSERVER)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(read(PUBLIC)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    });
  });
});

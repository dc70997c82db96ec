import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/policy/actor.js';
import {
  deleteReplyDraft,
  findReplyDraft,
  listReplyDraftsOf,
  saveReplyDraftRow,
  type ReplyDraft,
  type ReplyDraftContent,
} from '../../src/repositories/reply-draft.repository.js';
import { procedureFor } from '../../src/procedures/registry.js';
import { uploadAttachment } from '../../src/services/attachments.js';
import { discardReplyDraft } from '../../src/services/discard-reply-draft.js';
import {
  getReplyDraft,
  checkReplyDraft,
  replyInputOfDraft,
  signatureProblems,
} from '../../src/services/read-reply-draft.js';
import { getReplyWorkspace, listOwedReplies } from '../../src/services/my-state-replies.js';
import { getStateReply } from '../../src/services/read-replies.js';
import { saveReplyDraft } from '../../src/services/save-reply-draft.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { submitReplyDraft } from '../../src/services/submit-reply-draft.js';
import { describeEachDialect } from '../helpers/databases.js';
import { DEADLINE, focalPoint, OBSERVER, replyInput, SECRETARIAT, useWorld } from '../helpers/world.js';
import { auditActions, pdfBytes, tableCounts } from './probes.js';

const ID = 'tsb-79-2023';
const TEXTS = ['x1333-cor1', 'x1353', 'x1471'];

/** A complete draft: X.1333 Cor.1 without comments, X.1353 opposed with reasons, X.1471 with comments. */
function completeDraft(overrides: Partial<ReplyDraftContent> = {}): ReplyDraftContent {
  return {
    positions: {
      'x1333-cor1': {
        position: 'assigns_authority',
        option: 'no_comments',
        comments: '',
        reasons: '',
        possibleChanges: '',
        attachment: null,
      },
      x1353: {
        position: 'does_not_assign_authority',
        option: null,
        comments: '',
        reasons: 'Not mature.',
        possibleChanges: 'Align with X.1352.',
        attachment: null,
      },
      x1471: {
        position: 'assigns_authority',
        option: 'comments_attached',
        comments: 'Editorial remarks.',
        reasons: '',
        possibleChanges: '',
        attachment: null,
      },
    },
    signatoryName: 'Kim Min-jun',
    signatoryTitle: 'Director, Ministry of Science and ICT',
    place: 'Sejong',
    signedOn: '2023-05-01',
    ...overrides,
  };
}

/** A draft with only the first text answered and nothing signed. */
const PARTIAL: ReplyDraftContent = {
  positions: {
    'x1333-cor1': {
      position: 'assigns_authority',
      option: null,
      comments: '',
      reasons: '',
      possibleChanges: '',
      attachment: null,
    },
  },
  signatoryName: '',
  signatoryTitle: '',
  place: '',
  signedOn: '',
};

/** A second focal point of KR (an alternate), with its own actor id. */
const KR_ALTERNATE: Actor = {
  kind: 'focal_point',
  id: 'test:fp:KR:alternate',
  label: 'Alternate focal point KR',
  memberState: 'KR',
};

describeEachDialect('reply drafts', (dialect) => {
  const world = useWorld(dialect);

  const save = (actor: Actor, content: ReplyDraftContent, expectedRevision: number, basedOnVersion = 0) =>
    saveReplyDraft(world().ctx, {
      actor,
      consultationId: ID,
      memberState: 'KR',
      content,
      basedOnVersion,
      expectedRevision,
    });

  describe('the repository', () => {
    it('inserts a first revision once, updates only the expected revision, lists and deletes', async () => {
      await world().openConsultation();
      const { db } = world().ctx;
      const draft: ReplyDraft = {
        consultationId: ID,
        memberState: 'KR',
        revision: 1,
        basedOnVersion: 0,
        content: PARTIAL,
        createdAt: 1_000,
        updatedBy: 'a',
        updatedAt: 1_000,
      };
      expect(await saveReplyDraftRow(db, draft, 0)).toBe(true);
      // A second "first save" (another tab that saw no draft) does nothing.
      expect(await saveReplyDraftRow(db, { ...draft, updatedBy: 'b' }, 0)).toBe(false);
      expect(await findReplyDraft(db, ID, 'KR')).toEqual(draft);

      const second = {
        ...draft,
        revision: 2,
        content: completeDraft(),
        updatedBy: 'b',
        updatedAt: 2_000,
        basedOnVersion: 3,
      };
      expect(await saveReplyDraftRow(db, second, 5)).toBe(false);
      expect(await saveReplyDraftRow(db, second, 1)).toBe(true);
      expect(await findReplyDraft(db, ID, 'KR')).toEqual(second);
      // Instants beyond 2^31 come back as numbers on both dialects.
      expect(typeof (await findReplyDraft(db, ID, 'KR'))!.updatedAt).toBe('number');

      expect((await listReplyDraftsOf(db, 'KR', [ID, 'other'])).map((d) => d.revision)).toEqual([2]);
      expect(await listReplyDraftsOf(db, 'FR', [ID])).toEqual([]);
      expect(await listReplyDraftsOf(db, 'KR', [])).toEqual([]);

      expect(await deleteReplyDraft(db, ID, 'KR', 1)).toBe(false);
      expect(await deleteReplyDraft(db, ID, 'KR', 2)).toBe(true);
      expect(await findReplyDraft(db, ID, 'KR')).toBeUndefined();
    });
  });

  describe('saving', () => {
    it('saves a partial draft, shared by the State focal points, each save one revision more, without an audit row', async () => {
      await world().openConsultation();
      const before = await auditActions(world().ctx.db);
      world().clock.set('2023-05-01T09:00:00Z');
      const first = await save(focalPoint('KR'), PARTIAL, 0);
      expect(first).toMatchObject({
        revision: 1,
        basedOnVersion: 0,
        updatedBy: 'test:fp:KR',
        updatedAt: Date.parse('2023-05-01T09:00:00Z'),
      });

      // The alternate focal point of the same State reads it and carries on.
      const read = await getReplyDraft(world().ctx, { actor: KR_ALTERNATE, consultationId: ID, memberState: 'KR' });
      expect(read?.content).toEqual(PARTIAL);
      world().clock.advance(60_000);
      const second = await save(KR_ALTERNATE, completeDraft(), 1);
      expect(second).toMatchObject({ revision: 2, updatedBy: KR_ALTERNATE.id, createdAt: first.createdAt });
      expect(await auditActions(world().ctx.db)).toEqual(before);
    });

    it('keeps only the texts of the consultation and drops values outside the form', async () => {
      await world().openConsultation();
      const content = completeDraft();
      const odd = {
        ...content,
        positions: {
          ...content.positions,
          x9999: content.positions.x1353!,
          x1353: { ...content.positions.x1353!, position: 'maybe', option: 'yes' },
        },
      } as unknown as ReplyDraftContent;
      const saved = await save(focalPoint('KR'), odd, 0);
      expect(Object.keys(saved.content.positions).sort()).toEqual(TEXTS);
      expect(saved.content.positions.x1353).toMatchObject({ position: null, option: null, reasons: 'Not mature.' });
    });

    it('refuses a save over a revision the saver did not see (STALE_REPLY), naming when it was saved', async () => {
      await world().openConsultation();
      await save(focalPoint('KR'), PARTIAL, 0);
      await save(KR_ALTERNATE, completeDraft(), 1);
      // The first focal point's tab was opened on revision 1.
      const error = await save(focalPoint('KR'), PARTIAL, 1).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'STALE_REPLY', errors: [{ field: '/draft' }] });
      // Another tab that never saw a draft cannot create one over it either.
      await expect(save(focalPoint('KR'), PARTIAL, 0)).rejects.toMatchObject({ code: 'STALE_REPLY' });
      expect((await findReplyDraft(world().ctx.db, ID, 'KR'))?.content).toEqual(completeDraft());
    });

    it('lets exactly one of two concurrent saves over one revision through', async () => {
      await world().openConsultation();
      await save(focalPoint('KR'), PARTIAL, 0);
      const results = await Promise.allSettled([
        save(focalPoint('KR'), completeDraft({ place: 'A' }), 1),
        save(KR_ALTERNATE, completeDraft({ place: 'B' }), 1),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ code: expect.stringMatching(/^(STALE_REPLY|CONFLICT)$/) });
      expect((await findReplyDraft(world().ctx.db, ID, 'KR'))?.revision).toBe(2);
    });

    it('is for the State own focal points only: another State, the secretariat and observers are refused, and nothing is written', async () => {
      await world().openConsultation();
      await save(focalPoint('KR'), PARTIAL, 0);
      const counts = await tableCounts(world().ctx.db);
      await expect(
        saveReplyDraft(world().ctx, {
          actor: focalPoint('FR'),
          consultationId: ID,
          memberState: 'KR',
          content: PARTIAL,
          basedOnVersion: 0,
          expectedRevision: 1,
        }),
      ).rejects.toMatchObject({ code: 'NOT_YOUR_MEMBER_STATE' });
      await expect(
        saveReplyDraft(world().ctx, {
          actor: SECRETARIAT,
          consultationId: ID,
          memberState: 'KR',
          content: PARTIAL,
          basedOnVersion: 0,
          expectedRevision: 1,
        }),
      ).rejects.toMatchObject({ code: 'ROLE_MAY_NOT_REPLY' });
      await expect(
        getReplyDraft(world().ctx, { actor: focalPoint('FR'), consultationId: ID, memberState: 'KR' }),
      ).rejects.toMatchObject({ code: 'NOT_YOUR_MEMBER_STATE' });
      await expect(
        getReplyDraft(world().ctx, { actor: SECRETARIAT, consultationId: ID, memberState: 'KR' }),
      ).rejects.toMatchObject({ code: 'ROLE_MAY_NOT_REPLY' });
      await expect(
        getReplyDraft(world().ctx, { actor: OBSERVER, consultationId: ID, memberState: 'KR' }),
      ).rejects.toMatchObject({ code: 'ROLE_MAY_NOT_REPLY' });
      await expect(
        discardReplyDraft(world().ctx, { actor: focalPoint('FR'), consultationId: ID, memberState: 'KR' }),
      ).rejects.toMatchObject({ code: 'NOT_YOUR_MEMBER_STATE' });
      expect(await tableCounts(world().ctx.db)).toEqual(counts);
      expect(await findReplyDraft(world().ctx.db, ID, 'KR')).toMatchObject({ revision: 1 });
    });

    it('refuses a save after the deadline (DEADLINE_PASSED) and on a consultation not issued (NOT_FOUND)', async () => {
      await world().openConsultation();
      world().clock.set(Date.parse(DEADLINE) + 1);
      await expect(save(focalPoint('KR'), PARTIAL, 0)).rejects.toMatchObject({ code: 'DEADLINE_PASSED' });
      await expect(
        saveReplyDraft(world().ctx, {
          actor: focalPoint('KR'),
          consultationId: 'no-such',
          memberState: 'KR',
          content: PARTIAL,
          basedOnVersion: 0,
          expectedRevision: 0,
        }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await findReplyDraft(world().ctx.db, ID, 'KR')).toBeUndefined();
    });

    it('refuses a text longer than a reply may carry', async () => {
      await world().openConsultation();
      const long = completeDraft();
      const content = {
        ...long,
        positions: { ...long.positions, x1353: { ...long.positions.x1353!, reasons: 'x'.repeat(20_001) } },
      };
      await expect(save(focalPoint('KR'), content, 0)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [{ field: '/positions/x1353/reasons' }],
      });
    });

    it("cites only the State's files: its own, a colleague's kept in the draft; never another State's", async () => {
      await world().openConsultation();
      const mine = await uploadAttachment(world().ctx, {
        actor: focalPoint('KR'),
        filename: 'reasons.pdf',
        content: pdfBytes('kr'),
      });
      const french = await uploadAttachment(world().ctx, {
        actor: focalPoint('FR'),
        filename: 'fr.pdf',
        content: pdfBytes('fr'),
      });
      const base = completeDraft();
      const withFile = (sha256: string, filename: string) => ({
        ...base,
        positions: { ...base.positions, x1353: { ...base.positions.x1353!, attachment: { sha256, filename } } },
      });

      await expect(save(focalPoint('KR'), withFile(french.sha256, 'fr.pdf'), 0)).rejects.toMatchObject({
        code: 'UNKNOWN_ATTACHMENT',
        errors: [{ field: '/positions/x1353/attachment' }],
      });
      await save(focalPoint('KR'), withFile(mine.sha256, 'reasons.pdf'), 0);
      // The alternate keeps the colleague's file: allowed, and adopted so they may submit it.
      const saved = await save(KR_ALTERNATE, withFile(mine.sha256, 'reasons.pdf'), 1);
      expect(saved.content.positions.x1353?.attachment).toEqual({ sha256: mine.sha256, filename: 'reasons.pdf' });
      await expect(save(KR_ALTERNATE, withFile(french.sha256, 'fr.pdf'), 2)).rejects.toMatchObject({
        code: 'UNKNOWN_ATTACHMENT',
      });
    });
  });

  describe('checking, submitting and discarding', () => {
    it('checks a draft as a web submission would be checked, and names the signature problems', async () => {
      await world().openConsultation();
      const check = await checkReplyDraft(world().ctx, {
        actor: focalPoint('KR'),
        consultationId: ID,
        memberState: 'KR',
        content: PARTIAL,
      });
      expect(check.problems).toEqual([expect.objectContaining({ field: '/positions/0/option' })]);
      const base = completeDraft();
      const noReasons = {
        ...base,
        positions: { ...base.positions, x1353: { ...base.positions.x1353!, reasons: ' ', possibleChanges: '' } },
      };
      const missing = await checkReplyDraft(world().ctx, {
        actor: focalPoint('KR'),
        consultationId: ID,
        memberState: 'KR',
        content: noReasons,
      });
      expect(missing.sent.map((p) => p.text)).toEqual(TEXTS);
      expect(missing.problems).toEqual([
        expect.objectContaining({ field: '/positions/1/reasons', clause: expect.stringContaining('9.4.4') }),
      ]);
      const fine = await checkReplyDraft(world().ctx, {
        actor: focalPoint('KR'),
        consultationId: ID,
        memberState: 'KR',
        content: base,
      });
      expect(fine.problems).toEqual([]);
      expect(fine.positions.map((p) => p.position)).toEqual([
        'assigns_authority',
        'does_not_assign_authority',
        'assigns_authority',
      ]);
      expect(signatureProblems(PARTIAL).map((p) => p.field)).toEqual(['/signatory/name', '/signatory/title']);
      expect(signatureProblems({ ...base, signedOn: '2023-02-30' }).map((p) => p.field)).toEqual(['/signedOn']);
      // "Does not assign" ignores a leftover sub-option (a radio cannot be unticked without a script).
      const leftover = {
        ...base,
        positions: { ...base.positions, x1353: { ...base.positions.x1353!, option: 'no_comments' as const } },
      };
      const form = procedureFor('itu-t-tap').replyForm;
      const input = replyInputOfDraft({ content: leftover, basedOnVersion: 4 }, TEXTS, form);
      expect(input).toMatchObject({ expectedVersion: 4, positions: [{}, { text: 'x1353' }, {}] });
      expect(input.positions[1]).not.toHaveProperty('option');
      // The sub-option of the choice ticked is kept; nothing blank is sent.
      expect(input.positions[0]).toMatchObject({ position: 'assigns_authority', option: 'no_comments' });
      expect(Object.values(input.positions[0]!)).not.toContain('');
      // A saved draft keeps no leftover: the service drops it against the consultation's form.
      const saved = await saveReplyDraft(world().ctx, {
        actor: focalPoint('KR'),
        consultationId: ID,
        memberState: 'KR',
        content: leftover,
        basedOnVersion: 0,
        expectedRevision: 0,
      });
      expect(saved.content.positions.x1353).toMatchObject({ position: 'does_not_assign_authority', option: null });
    });

    it('submits exactly the reviewed revision, then discards the draft; a changed draft or reply is refused as stale', async () => {
      await world().openConsultation();
      world().clock.set('2023-05-01T09:00:00Z');
      const upload = await uploadAttachment(world().ctx, {
        actor: focalPoint('KR'),
        filename: 'reasons.pdf',
        content: pdfBytes('kr'),
      });
      const base = completeDraft();
      const content = {
        ...base,
        positions: {
          ...base.positions,
          x1353: { ...base.positions.x1353!, attachment: { sha256: upload.sha256, filename: 'reasons.pdf' } },
        },
      };
      await save(focalPoint('KR'), content, 0);

      // Reviewed revision 1, but a colleague saved revision 2 meanwhile.
      await save(KR_ALTERNATE, content, 1);
      await expect(
        submitReplyDraft(world().ctx, {
          actor: focalPoint('KR'),
          consultationId: ID,
          memberState: 'KR',
          draftRevision: 1,
        }),
      ).rejects.toMatchObject({ code: 'STALE_REPLY', errors: [{ field: '/draft' }] });

      // The alternate submits revision 2, citing the file the first focal point uploaded.
      const { receipt } = await submitReplyDraft(world().ctx, {
        actor: KR_ALTERNATE,
        consultationId: ID,
        memberState: 'KR',
        draftRevision: 2,
      });
      expect(receipt).toMatchObject({ version: 1, channel: 'web', counted: true });
      expect(await findReplyDraft(world().ctx.db, ID, 'KR')).toBeUndefined();
      const reply = await getStateReply(world().ctx, { actor: SECRETARIAT, consultationId: ID, memberState: 'KR' });
      expect(reply.versions[0]!.positions.find((p) => p.text === 'x1353')).toMatchObject({
        reasons: 'Not mature.',
        attachment: upload.sha256,
      });
      expect(reply.versions[0]).toMatchObject({
        signatoryName: 'Kim Min-jun',
        place: 'Sejong',
        signedOn: '2023-05-01',
        enteredBy: KR_ALTERNATE.id,
      });

      // A draft started from version 1, while another tab amended to version 2 through the API.
      await save(focalPoint('KR'), content, 0, 1);
      await submitReply(world().ctx, {
        actor: focalPoint('KR'),
        consultationId: ID,
        memberState: 'KR',
        input: replyInput(),
        channel: 'api',
      });
      const counts = await tableCounts(world().ctx.db);
      await expect(
        submitReplyDraft(world().ctx, {
          actor: focalPoint('KR'),
          consultationId: ID,
          memberState: 'KR',
          draftRevision: 1,
        }),
      ).rejects.toMatchObject({ code: 'STALE_REPLY', errors: [] });
      expect(await tableCounts(world().ctx.db)).toEqual(counts);
      expect(await findReplyDraft(world().ctx.db, ID, 'KR')).toMatchObject({ revision: 1 });
    });

    it('submits a draft stored with a leftover sub-option (saved before drafts were checked against the form) as review read it', async () => {
      await world().openConsultation();
      world().clock.set('2023-05-01T09:00:00Z');
      const base = completeDraft();
      // Written as the storage of an earlier release held it: "does not assign" with "no comments" still ticked.
      const content = {
        ...base,
        positions: { ...base.positions, x1353: { ...base.positions.x1353!, option: 'no_comments' as const } },
      };
      const now = world().ctx.clock();
      const stored = await saveReplyDraftRow(
        world().ctx.db,
        {
          consultationId: ID,
          memberState: 'KR',
          revision: 1,
          basedOnVersion: 0,
          content,
          createdAt: now,
          updatedBy: focalPoint('KR').id,
          updatedAt: now,
        },
        0,
      );
      expect(stored).toBe(true);
      const reviewed = await checkReplyDraft(world().ctx, {
        actor: focalPoint('KR'),
        consultationId: ID,
        memberState: 'KR',
        content,
      });
      expect(reviewed.problems).toEqual([]);
      const { receipt } = await submitReplyDraft(world().ctx, {
        actor: focalPoint('KR'),
        consultationId: ID,
        memberState: 'KR',
        draftRevision: 1,
      });
      expect(receipt).toMatchObject({ version: 1, counted: true });
      const reply = await getStateReply(world().ctx, { actor: SECRETARIAT, consultationId: ID, memberState: 'KR' });
      expect(reply.versions[0]!.positions.find((p) => p.text === 'x1353')).toMatchObject({
        position: 'does_not_assign_authority',
        option: null,
      });
    });

    it('refuses to submit an unsigned draft or one past the deadline, keeping the draft', async () => {
      await world().openConsultation();
      await save(focalPoint('KR'), completeDraft({ signatoryName: ' ' }), 0);
      await expect(
        submitReplyDraft(world().ctx, {
          actor: focalPoint('KR'),
          consultationId: ID,
          memberState: 'KR',
          draftRevision: 1,
        }),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: '/signatory/name' }] });
      await save(focalPoint('KR'), completeDraft(), 1);
      world().clock.set(Date.parse(DEADLINE) + 1);
      await expect(
        submitReplyDraft(world().ctx, {
          actor: focalPoint('KR'),
          consultationId: ID,
          memberState: 'KR',
          draftRevision: 2,
        }),
      ).rejects.toMatchObject({ code: 'DEADLINE_PASSED' });
      expect(await findReplyDraft(world().ctx.db, ID, 'KR')).toMatchObject({ revision: 2 });
      // Discarding stays possible after the deadline.
      expect(
        await discardReplyDraft(world().ctx, { actor: focalPoint('KR'), consultationId: ID, memberState: 'KR' }),
      ).toBe(true);
      expect(
        await discardReplyDraft(world().ctx, { actor: focalPoint('KR'), consultationId: ID, memberState: 'KR' }),
      ).toBe(false);
    });
  });

  describe('what the State owes', () => {
    it("lists the State's consultations with its latest and counted versions and its draft, and its workspace names the colleagues", async () => {
      await world().openConsultation();
      await save(focalPoint('KR'), PARTIAL, 0);
      let owed = await listOwedReplies(world().ctx, { actor: focalPoint('KR') });
      expect(owed.memberState.code).toBe('KR');
      expect(owed.consultations).toHaveLength(1);
      expect(owed.consultations[0]).toMatchObject({
        deadlinePassed: false,
        latest: null,
        counted: null,
        draft: { revision: 1 },
        eligibility: { eligible: true },
      });

      await submitReply(world().ctx, {
        actor: focalPoint('KR'),
        consultationId: ID,
        memberState: 'KR',
        input: replyInput(),
        channel: 'api',
      });
      owed = await listOwedReplies(world().ctx, { actor: focalPoint('FR') });
      expect(owed.consultations[0]).toMatchObject({ latest: null, draft: null });
      owed = await listOwedReplies(world().ctx, { actor: focalPoint('KR') });
      expect(owed.consultations[0]).toMatchObject({ latest: { version: 1 }, counted: { version: 1 } });

      const workspace = await getReplyWorkspace(world().ctx, { actor: focalPoint('KR'), consultationId: ID });
      expect(workspace).toMatchObject({
        currentVersion: 1,
        countedVersion: 1,
        draft: { revision: 1 },
        deadlinePassed: false,
      });
      expect(workspace.people.get('test:fp:KR')).toEqual({ kind: 'program' });
      await expect(listOwedReplies(world().ctx, { actor: SECRETARIAT })).rejects.toMatchObject({
        code: 'ROLE_MAY_NOT_REPLY',
      });
      await expect(getReplyWorkspace(world().ctx, { actor: OBSERVER, consultationId: ID })).rejects.toMatchObject({
        code: 'ROLE_MAY_NOT_REPLY',
      });
    });
  });
});

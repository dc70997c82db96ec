import { describe, expect, it } from 'vitest';
import type { AppError } from '../../src/domain/errors.js';
import { createConsultation } from '../../src/services/create-consultation.js';
import { getConsultation, listConsultations } from '../../src/services/get-consultation.js';
import { issueConsultation } from '../../src/services/issue-consultation.js';
import { issueResultsNotice } from '../../src/services/issue-results-notice.js';
import { addText, editText, removeText } from '../../src/services/manage-texts.js';
import { recordDecision } from '../../src/services/record-decision.js';
import { updateConsultation } from '../../src/services/update-consultation.js';
import { describeEachDialect } from '../helpers/databases.js';
import { consultationInput, DEADLINE, focalPoint, OBSERVER, PUBLIC, SECRETARIAT, useWorld } from '../helpers/world.js';
import { auditActions, tableCounts } from './probes.js';

/** The id the default input gets: bureau, number and year. */
const ID = 'tsb-79-2023';

describeEachDialect('consultation lifecycle', (dialect) => {
  const world = useWorld(dialect);

  const createDraft = (overrides: Parameters<typeof consultationInput>[0] = {}) =>
    createConsultation(world().ctx, { actor: SECRETARIAT, input: consultationInput(overrides) });

  describe('creating a draft', () => {
    it('creates a draft with its texts in order and an audit row', async () => {
      const { ctx } = world();
      const created = await createDraft();
      expect(created).toMatchObject({
        id: ID,
        issuedAt: null,
        resultsNoticeAt: null,
        deadlineAt: Date.parse(DEADLINE),
      });
      const view = await getConsultation(ctx, { actor: SECRETARIAT, consultationId: ID });
      expect(view.state).toBe('draft');
      expect(view.loaded.texts.map((t) => [t.order, t.id])).toEqual([
        [1, 'x1333-cor1'],
        [2, 'x1353'],
        [3, 'x1471'],
      ]);
      expect(await auditActions(ctx.db)).toEqual(['consultation.created']);
    });

    it('refuses a second consultation with the same id with CONFLICT and leaves the first as it was', async () => {
      const { ctx } = world();
      await createDraft();
      const before = await tableCounts(ctx.db);
      await expect(createDraft({ subject: 'Another subject' })).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await tableCounts(ctx.db)).toEqual(before);
      const view = await getConsultation(ctx, { actor: SECRETARIAT, consultationId: ID });
      expect(view.loaded.consultation.subject).toBe(consultationInput().subject);
    });

    it('refuses the same bureau, study period and circular number under another id with CONFLICT', async () => {
      const { ctx } = world();
      await createDraft();
      const before = await tableCounts(ctx.db);
      await expect(createDraft({ id: 'another-id' })).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await tableCounts(ctx.db)).toEqual(before);
    });

    it('refuses a meeting whose last day is before its first day with VALIDATION_FAILED on /meeting/lastDay', async () => {
      const { ctx } = world();
      const meeting = { place: 'Goyang, Korea', firstDay: '2023-08-29', lastDay: '2023-08-28' };
      await expect(createDraft({ meeting })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: expect.arrayContaining([expect.objectContaining({ field: '/meeting/lastDay' })]),
      });
      expect((await tableCounts(ctx.db)).consultation).toBe(0);
    });

    it('refuses a deadline on the first day of the meeting (§9.4.1) with VALIDATION_FAILED on /deadline', async () => {
      await expect(createDraft({ deadline: '2023-08-29T00:00:00.000Z' })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ field: '/deadline', message: expect.stringContaining('§9.4.1') })],
      });
    });

    it('refuses a deadline after the meeting has started with VALIDATION_FAILED on /deadline', async () => {
      await expect(createDraft({ deadline: '2023-09-01T12:00:00.000Z' })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ field: '/deadline' })],
      });
    });

    it('accepts a deadline at the last instant of the day before the meeting', async () => {
      const created = await createDraft({ deadline: '2023-08-28T23:59:59.999Z' });
      expect(created.deadlineAt).toBe(Date.parse('2023-08-28T23:59:59.999Z'));
    });

    it('refuses 2023-02-30 as the date of the circular with VALIDATION_FAILED on /date', async () => {
      const { ctx } = world();
      await expect(createDraft({ date: '2023-02-30' })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: expect.arrayContaining([expect.objectContaining({ field: '/date' })]),
      });
      expect((await tableCounts(ctx.db)).consultation).toBe(0);
    });

    it('refuses a meeting day that does not exist (2023-09-31) with VALIDATION_FAILED on /meeting/firstDay', async () => {
      const meeting = { place: 'Goyang, Korea', firstDay: '2023-09-31', lastDay: '2023-10-06' };
      await expect(createDraft({ meeting })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: expect.arrayContaining([expect.objectContaining({ field: '/meeting/firstDay' })]),
      });
    });

    it('refuses a deadline on a day that does not exist (2023-04-31) instead of moving it to 1 May', async () => {
      const { ctx } = world();
      await expect(createDraft({ deadline: '2023-04-31T23:59:59.999Z' })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: expect.arrayContaining([expect.objectContaining({ field: '/deadline' })]),
      });
      expect((await tableCounts(ctx.db)).consultation).toBe(0);
    });

    it('refuses two texts with the same designation with VALIDATION_FAILED', async () => {
      const texts = [
        { kind: 'new' as const, designation: 'X.1353', title: 'A', summary: 'S', location: 'R35' },
        { kind: 'new' as const, id: 'other', designation: 'X.1353', title: 'B', summary: 'S', location: 'R36' },
      ];
      await expect(createDraft({ texts })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ field: '/texts/1/designation' })],
      });
    });

    it('lets only the secretariat create: FORBIDDEN for a focal point and an observer, UNAUTHENTICATED for the public', async () => {
      const { ctx } = world();
      const input = consultationInput();
      await expect(createConsultation(ctx, { actor: focalPoint('FR'), input })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(createConsultation(ctx, { actor: OBSERVER, input })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(createConsultation(ctx, { actor: PUBLIC, input })).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      });
      expect((await tableCounts(ctx.db)).consultation).toBe(0);
    });
  });

  describe('editing a draft', () => {
    it('adds a text at the end, edits it and removes it, each with its audit row', async () => {
      const { ctx } = world();
      await createDraft();
      const added = await addText(ctx, {
        actor: SECRETARIAT,
        consultationId: ID,
        input: {
          kind: 'new',
          designation: 'X.1645',
          workItem: 'X.nssa-cc',
          title: 'Network security',
          summary: 'S',
          location: 'R38',
        },
      });
      expect(added).toMatchObject({ id: 'x1645', order: 4 });
      const edited = await editText(ctx, {
        actor: SECRETARIAT,
        consultationId: ID,
        textId: 'x1645',
        patch: { title: 'Renamed', location: 'R39' },
      });
      expect(edited).toMatchObject({ id: 'x1645', title: 'Renamed', location: 'R39', designation: 'X.1645' });
      let view = await getConsultation(ctx, { actor: SECRETARIAT, consultationId: ID });
      expect(view.loaded.texts.find((t) => t.id === 'x1645')).toMatchObject({ title: 'Renamed', location: 'R39' });
      await removeText(ctx, { actor: SECRETARIAT, consultationId: ID, textId: 'x1645' });
      view = await getConsultation(ctx, { actor: SECRETARIAT, consultationId: ID });
      expect(view.loaded.texts.map((t) => t.id)).toEqual(['x1333-cor1', 'x1353', 'x1471']);
      expect(await auditActions(ctx.db)).toEqual([
        'consultation.created',
        'text.added',
        'text.updated',
        'text.removed',
      ]);
    });

    it('refuses to add a text whose designation is already in the circular, adding nothing', async () => {
      const { ctx } = world();
      await createDraft();
      const before = await tableCounts(ctx.db);
      await expect(
        addText(ctx, {
          actor: SECRETARIAT,
          consultationId: ID,
          input: { id: 'dup', kind: 'new', designation: 'X.1353', title: 'T', summary: 'S', location: 'R1' },
        }),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await tableCounts(ctx.db)).toEqual(before);
    });

    it('refuses to rename a text to the designation of another with VALIDATION_FAILED', async () => {
      const { ctx } = world();
      await createDraft();
      await expect(
        editText(ctx, { actor: SECRETARIAT, consultationId: ID, textId: 'x1471', patch: { designation: 'X.1353' } }),
      ).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ field: '/designation' })],
      });
    });

    it('answers NOT_FOUND when editing or removing a text that is not in the draft', async () => {
      const { ctx } = world();
      await createDraft();
      await expect(
        editText(ctx, { actor: SECRETARIAT, consultationId: ID, textId: 'x9999', patch: { title: 'T' } }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(removeText(ctx, { actor: SECRETARIAT, consultationId: ID, textId: 'x9999' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('changes fields of a draft and checks them again: a deadline moved onto the meeting is refused and nothing changes', async () => {
      const { ctx } = world();
      await createDraft();
      const updated = await updateConsultation(ctx, {
        actor: SECRETARIAT,
        consultationId: ID,
        patch: { subject: 'New subject', eligibleStates: ['FR', 'DE'] },
      });
      expect(updated).toMatchObject({ subject: 'New subject', settings: { eligibleStates: ['FR', 'DE'] } });
      const before = await tableCounts(ctx.db);
      await expect(
        updateConsultation(ctx, {
          actor: SECRETARIAT,
          consultationId: ID,
          patch: { deadline: '2023-08-30T00:00:00.000Z' },
        }),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: '/deadline' })] });
      expect(await tableCounts(ctx.db)).toEqual(before);
      const view = await getConsultation(ctx, { actor: SECRETARIAT, consultationId: ID });
      expect(view.loaded.consultation.deadlineAt).toBe(Date.parse(DEADLINE));
    });

    it('refuses a change made against a stale revision with STALE_CONSULTATION', async () => {
      const { ctx } = world();
      await createDraft();
      const { revision } = (await getConsultation(ctx, { actor: SECRETARIAT, consultationId: ID })).loaded;
      await updateConsultation(ctx, {
        actor: SECRETARIAT,
        consultationId: ID,
        patch: { subject: 'First' },
        expectedRevision: revision,
      });
      await expect(
        updateConsultation(ctx, {
          actor: SECRETARIAT,
          consultationId: ID,
          patch: { subject: 'Second' },
          expectedRevision: revision,
        }),
      ).rejects.toMatchObject({ code: 'STALE_CONSULTATION' });
      const view = await getConsultation(ctx, { actor: SECRETARIAT, consultationId: ID });
      expect(view.loaded.consultation.subject).toBe('First');
    });
  });

  describe('an issued consultation is frozen (Res. 1 §8.3)', () => {
    it('refuses to add, edit or remove a text with CONSULTATION_ISSUED and changes nothing', async () => {
      const { ctx } = world();
      await world().openConsultation();
      const textsBefore = (await getConsultation(ctx, { actor: SECRETARIAT, consultationId: ID })).loaded.texts;
      const before = await tableCounts(ctx.db);
      await expect(
        addText(ctx, {
          actor: SECRETARIAT,
          consultationId: ID,
          input: { kind: 'new', designation: 'X.1645', title: 'T', summary: 'S', location: 'R38' },
        }),
      ).rejects.toMatchObject({ code: 'CONSULTATION_ISSUED' });
      await expect(
        editText(ctx, { actor: SECRETARIAT, consultationId: ID, textId: 'x1353', patch: { title: 'Changed' } }),
      ).rejects.toMatchObject({
        code: 'CONSULTATION_ISSUED',
      });
      await expect(removeText(ctx, { actor: SECRETARIAT, consultationId: ID, textId: 'x1353' })).rejects.toMatchObject({
        code: 'CONSULTATION_ISSUED',
      });
      expect(await tableCounts(ctx.db)).toEqual(before);
      expect((await getConsultation(ctx, { actor: SECRETARIAT, consultationId: ID })).loaded.texts).toEqual(
        textsBefore,
      );
    });

    it('refuses to change the fields of an issued circular with CONSULTATION_ISSUED', async () => {
      const { ctx } = world();
      await world().openConsultation();
      const before = await tableCounts(ctx.db);
      await expect(
        updateConsultation(ctx, {
          actor: SECRETARIAT,
          consultationId: ID,
          patch: { deadline: '2023-08-17T23:59:59.999Z' },
        }),
      ).rejects.toMatchObject({ code: 'CONSULTATION_ISSUED' });
      expect(await tableCounts(ctx.db)).toEqual(before);
      expect(
        (await getConsultation(ctx, { actor: SECRETARIAT, consultationId: ID })).loaded.consultation.deadlineAt,
      ).toBe(Date.parse(DEADLINE));
    });

    it('refuses to issue a circular twice with CONSULTATION_ISSUED', async () => {
      const { ctx } = world();
      await world().openConsultation();
      await expect(issueConsultation(ctx, { actor: SECRETARIAT, consultationId: ID })).rejects.toMatchObject({
        code: 'CONSULTATION_ISSUED',
      });
      expect((await auditActions(ctx.db)).filter((a) => a === 'consultation.issued')).toHaveLength(1);
    });
  });

  describe('issuing', () => {
    it('issues a complete draft at the server instant: open, with an audit row and no timing warning for Circular 79 dates', async () => {
      const { ctx, clock } = world();
      await createDraft();
      const issued = await issueConsultation(ctx, { actor: SECRETARIAT, consultationId: ID });
      expect(issued.consultation.issuedAt).toBe(clock.now());
      expect(issued.timing.filter((t) => t.severity === 'warning')).toEqual([]);
      expect((await getConsultation(ctx, { actor: SECRETARIAT, consultationId: ID })).state).toBe('open');
      expect(await auditActions(ctx.db)).toEqual(['consultation.created', 'consultation.issued']);
    });

    it('refuses a circular without texts with CONSULTATION_INCOMPLETE naming /texts', async () => {
      const { ctx } = world();
      await createDraft({ texts: [] });
      const before = await tableCounts(ctx.db);
      await expect(issueConsultation(ctx, { actor: SECRETARIAT, consultationId: ID })).rejects.toMatchObject({
        code: 'CONSULTATION_INCOMPLETE',
        errors: [expect.objectContaining({ field: '/texts' })],
      });
      expect(await tableCounts(ctx.db)).toEqual(before);
      expect((await getConsultation(ctx, { actor: SECRETARIAT, consultationId: ID })).state).toBe('draft');
    });

    it('refuses while a text other than a corrigendum lacks its summary (§9.3.4), naming each such text', async () => {
      const { ctx } = world();
      await createDraft({
        texts: [
          {
            kind: 'corrigendum',
            designation: 'X.1333 Cor.1',
            title: 'Corrigendum, no summary needed',
            location: 'R34',
          },
          { kind: 'new', designation: 'X.1353', title: 'New, no summary', location: 'R35' },
          { kind: 'revised', designation: 'X.1471', title: 'Revised, blank summary', summary: '   ', location: 'R36' },
          {
            kind: 'amendment',
            designation: 'X.1500 Amd.1',
            title: 'Amendment with summary',
            summary: 'S',
            location: 'R37',
          },
        ],
      });
      const error = await issueConsultation(ctx, { actor: SECRETARIAT, consultationId: ID }).then(
        () => expect.unreachable('issued a circular with texts lacking their summary'),
        (e: unknown) => e as AppError,
      );
      expect(error.code).toBe('CONSULTATION_INCOMPLETE');
      expect(error.errors.map((e) => e.field)).toEqual(['/texts/x1353/summary', '/texts/x1471/summary']);
      expect(error.errors.every((e) => e.clause?.includes('§9.3.4'))).toBe(true);
      expect((await getConsultation(ctx, { actor: SECRETARIAT, consultationId: ID })).state).toBe('draft');
    });

    it('issues once the missing summary is added to the draft', async () => {
      const { ctx } = world();
      await createDraft({ texts: [{ kind: 'new', designation: 'X.1353', title: 'T', location: 'R35' }] });
      await expect(issueConsultation(ctx, { actor: SECRETARIAT, consultationId: ID })).rejects.toMatchObject({
        code: 'CONSULTATION_INCOMPLETE',
      });
      await editText(ctx, {
        actor: SECRETARIAT,
        consultationId: ID,
        textId: 'x1353',
        patch: { summary: 'A summary.' },
      });
      await expect(issueConsultation(ctx, { actor: SECRETARIAT, consultationId: ID })).resolves.toMatchObject({
        consultation: { id: ID },
      });
    });

    it('refuses a circular whose deadline has passed, including one issued at the deadline instant itself', async () => {
      const { ctx, clock } = world();
      await createDraft();
      clock.set(DEADLINE);
      await expect(issueConsultation(ctx, { actor: SECRETARIAT, consultationId: ID })).rejects.toMatchObject({
        code: 'CONSULTATION_INCOMPLETE',
        errors: [expect.objectContaining({ field: '/deadline' })],
      });
      clock.set('2023-08-20T00:00:00Z');
      await expect(issueConsultation(ctx, { actor: SECRETARIAT, consultationId: ID })).rejects.toMatchObject({
        code: 'CONSULTATION_INCOMPLETE',
      });
      expect(await auditActions(ctx.db)).toEqual(['consultation.created']);
    });

    it('returns the §9.3.3 warning when the circular (2023-06-01) is less than three months before the meeting, and still issues', async () => {
      const { ctx, clock } = world();
      clock.set('2023-06-01T08:00:00Z');
      await createDraft({ date: '2023-06-01' });
      const issued = await issueConsultation(ctx, { actor: SECRETARIAT, consultationId: ID });
      const warnings = issued.timing.filter((t) => t.severity === 'warning');
      expect(warnings).toEqual([
        expect.objectContaining({
          rule: 'announcement',
          clause: '§9.3.3',
          params: expect.objectContaining({ earliestMeeting: '2023-09-01' }),
        }),
      ]);
      expect(issued.consultation.issuedAt).not.toBeNull();
      const [event] = await ctx.db
        .selectFrom('audit_event')
        .select('data')
        .where('action', '=', 'consultation.issued')
        .execute();
      expect(JSON.parse(event!.data)).toMatchObject({ warnings: ['announcement'] });
    });

    it('returns the §9.4.1 warning when the deadline is later than the end of the 8th working day before the meeting', async () => {
      const { ctx } = world();
      // 2023-08-17 (Thursday) is the 8th ITU working day before Tuesday 29 August; the 18th is too late.
      await createDraft({ deadline: '2023-08-18T23:59:59.999Z' });
      const issued = await issueConsultation(ctx, { actor: SECRETARIAT, consultationId: ID });
      expect(issued.timing.filter((t) => t.severity === 'warning')).toEqual([
        expect.objectContaining({
          rule: 'consultation_period',
          clause: '§9.4.1',
          params: expect.objectContaining({ latestDeadlineDay: '2023-08-17' }),
        }),
      ]);
    });

    it('lets only the secretariat issue', async () => {
      const { ctx } = world();
      await createDraft();
      await expect(issueConsultation(ctx, { actor: focalPoint('FR'), consultationId: ID })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(issueConsultation(ctx, { actor: PUBLIC, consultationId: ID })).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      });
      expect((await getConsultation(ctx, { actor: SECRETARIAT, consultationId: ID })).state).toBe('draft');
    });
  });

  describe('drafts are visible to the secretariat only', () => {
    it('answers NOT_FOUND to a focal point, an observer and the public asking for a draft', async () => {
      const { ctx } = world();
      await createDraft();
      for (const actor of [focalPoint('FR'), OBSERVER, PUBLIC]) {
        await expect(getConsultation(ctx, { actor, consultationId: ID })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      }
      await expect(getConsultation(ctx, { actor: SECRETARIAT, consultationId: ID })).resolves.toMatchObject({
        state: 'draft',
      });
    });

    it('shows the same consultation to everyone once issued', async () => {
      const { ctx } = world();
      await world().openConsultation();
      for (const actor of [focalPoint('FR'), OBSERVER, PUBLIC]) {
        await expect(getConsultation(ctx, { actor, consultationId: ID })).resolves.toMatchObject({ state: 'open' });
      }
    });

    it('leaves drafts out of the list for everyone but the secretariat', async () => {
      const { ctx } = world();
      await world().openConsultation();
      await createDraft({ number: 80 });
      const ids = async (actor: Parameters<typeof listConsultations>[1]['actor']) =>
        (await listConsultations(ctx, { actor })).map((v) => `${v.loaded.consultation.id}:${v.state}`).sort();
      expect(await ids(SECRETARIAT)).toEqual(['tsb-79-2023:open', 'tsb-80-2023:draft']);
      for (const actor of [focalPoint('FR'), OBSERVER, PUBLIC]) expect(await ids(actor)).toEqual(['tsb-79-2023:open']);
    });
  });

  describe('the state follows the data and the clock', () => {
    it('moves draft → open → closed → decided → notified as the clock passes the deadline and the meeting decides', async () => {
      const { ctx, clock } = world();
      const state = async () => (await getConsultation(ctx, { actor: SECRETARIAT, consultationId: ID })).state;
      await createDraft();
      expect(await state()).toBe('draft');
      await issueConsultation(ctx, { actor: SECRETARIAT, consultationId: ID });
      expect(await state()).toBe('open');
      clock.set(DEADLINE);
      expect(await state()).toBe('open');
      clock.advance(1);
      expect(await state()).toBe('closed');
      clock.set('2023-08-30T10:00:00Z');
      expect(await state()).toBe('closed');
      // No replies: every text may proceed (§9.4.5), so every text needs a decision.
      await recordDecision(ctx, { actor: SECRETARIAT, consultationId: ID, textId: 'x1333-cor1', input: {} });
      await recordDecision(ctx, { actor: SECRETARIAT, consultationId: ID, textId: 'x1353', input: {} });
      expect(await state()).toBe('closed');
      await recordDecision(ctx, { actor: SECRETARIAT, consultationId: ID, textId: 'x1471', input: {} });
      expect(await state()).toBe('decided');
      await issueResultsNotice(ctx, { actor: SECRETARIAT, consultationId: ID });
      expect(await state()).toBe('notified');
      clock.set('2024-01-01T00:00:00Z');
      expect(await state()).toBe('notified');
    });
  });
});

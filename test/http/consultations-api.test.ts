import { describe, expect, it } from 'vitest';
import type { ConsultationView, ResultsView, TextView, TimingCheckView } from '../../src/schemas/responses.schema.js';
import { seedDemo } from '../../src/services/seed-demo.js';
import { describeEachDialect } from '../helpers/databases.js';
import { consultationInput, DEADLINE } from '../helpers/world.js';
import { expectProblem, useApi } from './api-harness.js';
import { withFigures } from '../helpers/tally.js';

const X1645 = {
  kind: 'new',
  designation: 'X.1645',
  workItem: 'X.nssa-cc',
  title: 'Requirements of network security situational awareness platform for cloud computing',
  summary: 'A summary.',
  location: 'R38',
} as const;

describeEachDialect('consultations API', (dialect) => {
  const api = useApi(dialect);

  const createDraft = async (overrides: Parameters<typeof consultationInput>[0] = {}) => {
    const response = await api().send('POST', '/api/v1/consultations', {
      token: api().tokens.secretariat,
      body: consultationInput(overrides),
    });
    expect(response.statusCode).toBe(201);
    return response.json<ConsultationView>();
  };

  const issue = async (id: string) => {
    const response = await api().send('POST', `/api/v1/consultations/${id}/issue`, { token: api().tokens.secretariat });
    expect(response.statusCode).toBe(200);
    return response.json<{ consultation: ConsultationView; timing: TimingCheckView[] }>();
  };

  describe('drafting and issuing (secretariat)', () => {
    it('creates a draft: 201 with its Location and an ETag equal to its revision', async () => {
      const response = await api().send('POST', '/api/v1/consultations', {
        token: api().tokens.secretariat,
        body: consultationInput(),
      });
      expect(response.statusCode).toBe(201);
      const body = response.json<ConsultationView>();
      expect(response.headers.location).toBe('/api/v1/consultations/tsb-79-2023');
      expect(response.headers.etag).toBe(`"${body.revision}"`);
      expect(body).toMatchObject({
        id: 'tsb-79-2023',
        state: 'draft',
        issuedAt: null,
        deadline: DEADLINE,
        deadlineText: '2359 hours UTC on 16 August 2023',
      });
      expect(body.texts.map((t) => t.id)).toEqual(['x1333-cor1', 'x1353', 'x1471']);

      const read = await api().send('GET', '/api/v1/consultations/tsb-79-2023', { token: api().tokens.secretariat });
      expect(read.statusCode).toBe(200);
      expect(read.headers.etag).toBe(response.headers.etag);
    });

    it('edits a draft with the current If-Match, and refuses a stale If-Match with 412 STALE_CONSULTATION, changing nothing', async () => {
      const created = await createDraft();
      const etag = `"${created.revision}"`;
      const edited = await api().send('PATCH', '/api/v1/consultations/tsb-79-2023', {
        token: api().tokens.secretariat,
        headers: { 'if-match': etag },
        body: { subject: 'Edited subject' },
      });
      expect(edited.statusCode).toBe(200);
      expect(edited.json<ConsultationView>().subject).toBe('Edited subject');
      expect(edited.headers.etag).not.toBe(etag);
      expect(edited.headers.etag).toBe(`"${edited.json<ConsultationView>().revision}"`);

      const stale = await api().send('PATCH', '/api/v1/consultations/tsb-79-2023', {
        token: api().tokens.secretariat,
        headers: { 'if-match': etag },
        body: { subject: 'Lost update' },
      });
      expectProblem(stale, 412, 'STALE_CONSULTATION');
      const after = await api().send('GET', '/api/v1/consultations/tsb-79-2023', { token: api().tokens.secretariat });
      expect(after.json<ConsultationView>().subject).toBe('Edited subject');
      expect(after.headers.etag).toBe(edited.headers.etag);
    });

    it('adds a determined text to a draft: 201 with its Location, after the existing texts', async () => {
      await createDraft();
      const response = await api().send('POST', '/api/v1/consultations/tsb-79-2023/texts', {
        token: api().tokens.secretariat,
        body: X1645,
      });
      expect(response.statusCode).toBe(201);
      expect(response.headers.location).toBe('/api/v1/consultations/tsb-79-2023/texts/x1645');
      expect(response.json<TextView>()).toMatchObject({
        id: 'x1645',
        order: 4,
        designation: 'X.1645',
        workItem: 'X.nssa-cc',
        location: 'R38',
      });
      const texts = await api().send('GET', '/api/v1/consultations/tsb-79-2023/texts', {
        token: api().tokens.secretariat,
      });
      expect(texts.json<{ items: TextView[] }>().items.map((t) => t.designation)).toEqual([
        'X.1333 Cor.1',
        'X.1353',
        'X.1471',
        'X.1645',
      ]);
    });

    it('keeps where a text can be read (http or https only), shows it, and refuses any other scheme at its field', async () => {
      await createDraft();
      const token = api().tokens.secretariat;
      const url = 'https://www.itu.int/md/T22-SG17-R-0038/en';
      const added = await api().send('POST', '/api/v1/consultations/tsb-79-2023/texts', {
        token,
        body: { ...X1645, locationUrl: url },
      });
      expect(added.statusCode).toBe(201);
      expect(added.json<TextView>()).toMatchObject({ location: 'R38', locationUrl: url });
      // The other texts have none.
      const texts = await api().send('GET', '/api/v1/consultations/tsb-79-2023/texts', { token });
      expect(texts.json<{ items: TextView[] }>().items.map((t) => t.locationUrl)).toEqual([null, null, null, url]);
      for (const bad of ['javascript:alert(1)', 'ftp://itu.int/r38', 'https://itu.int/a b', 'data:text/html,x', '']) {
        const problem = expectProblem(
          await api().send('PATCH', '/api/v1/consultations/tsb-79-2023/texts/x1645', {
            token,
            body: { locationUrl: bad },
          }),
          400,
          'VALIDATION_FAILED',
        );
        expect(
          problem.errors?.map((e) => e.field),
          bad,
        ).toContain('/locationUrl');
      }
      const cleared = await api().send('PATCH', '/api/v1/consultations/tsb-79-2023/texts/x1645', {
        token,
        body: { locationUrl: null },
      });
      expect(cleared.json<TextView>().locationUrl).toBeNull();
    });

    it('issues the circular: the consultation is open and the timing checks come back with their clauses', async () => {
      await createDraft();
      const { consultation, timing } = await issue('tsb-79-2023');
      expect(consultation).toMatchObject({ id: 'tsb-79-2023', state: 'open', issuedAt: '2023-03-28T08:00:00.000Z' });
      expect(timing.length).toBeGreaterThan(0);
      for (const check of timing) {
        expect(Object.keys(check).sort()).toEqual(['citation', 'clause', 'message', 'rule', 'severity']);
        expect(['ok', 'warning', 'info']).toContain(check.severity);
      }
      expect(timing.map((t) => t.clause)).toEqual(expect.arrayContaining(['§9.3.3', '§9.4.1']));
    });

    it('gives the phase the circular is in and its timeline, from the procedure and the clock', async () => {
      await createDraft();
      const draft = await api().send('GET', '/api/v1/consultations/tsb-79-2023', { token: api().tokens.secretariat });
      expect(draft.json<ConsultationView>().phase).toEqual({
        current: null,
        next: expect.objectContaining({ id: 'consultation', startsAt: null }),
      });
      const { consultation } = await issue('tsb-79-2023');
      const consultationWindow = {
        id: 'consultation',
        startsAt: '2023-03-28T08:00:00.000Z',
        endsAt: '2023-08-16T23:59:59.999Z',
        dueBy: null,
        clause: '§9.4.1',
        citation: 'WTSA Resolution 1 (Rev. Geneva, 2022) §9.4.1',
      };
      const meetingWindow = {
        id: 'meeting',
        startsAt: '2023-08-29T00:00:00.000Z',
        endsAt: '2023-09-08T23:59:59.999Z',
        dueBy: null,
        clause: '§9.5.3',
        citation: 'WTSA Resolution 1 (Rev. Geneva, 2022) §9.5.3',
      };
      expect(consultation.phase).toEqual({ current: consultationWindow, next: meetingWindow });
      expect(consultation.timeline).toEqual([
        consultationWindow,
        meetingWindow,
        expect.objectContaining({
          id: 'notified',
          startsAt: null,
          dueBy: '2023-10-06T23:59:59.999Z',
          clause: '§9.6.1',
        }),
      ]);
      // A millisecond after the deadline: between phases, closed, the meeting next.
      api().world.clock.set('2023-08-17T00:00:00.000Z');
      const after = await api().send('GET', '/api/v1/consultations/tsb-79-2023');
      expect(after.json<ConsultationView>()).toMatchObject({
        state: 'closed',
        phase: { current: null, next: meetingWindow },
      });
      api().world.clock.set('2023-09-08T23:59:59.999Z');
      const meeting = await api().send('GET', '/api/v1/consultations/tsb-79-2023');
      expect(meeting.json<ConsultationView>().phase.current).toEqual(meetingWindow);
    });

    it('refuses to edit an issued consultation with 409 CONSULTATION_ISSUED: PATCH, new text, text edit and removal', async () => {
      await createDraft();
      await issue('tsb-79-2023');
      const token = api().tokens.secretariat;
      expectProblem(
        await api().send('PATCH', '/api/v1/consultations/tsb-79-2023', { token, body: { subject: 'Too late' } }),
        409,
        'CONSULTATION_ISSUED',
      );
      expectProblem(
        await api().send('POST', '/api/v1/consultations/tsb-79-2023/texts', { token, body: X1645 }),
        409,
        'CONSULTATION_ISSUED',
      );
      expectProblem(
        await api().send('PATCH', '/api/v1/consultations/tsb-79-2023/texts/x1353', {
          token,
          body: { title: 'Too late' },
        }),
        409,
        'CONSULTATION_ISSUED',
      );
      expectProblem(
        await api().send('DELETE', '/api/v1/consultations/tsb-79-2023/texts/x1353', { token }),
        409,
        'CONSULTATION_ISSUED',
      );
      expectProblem(
        await api().send('POST', '/api/v1/consultations/tsb-79-2023/issue', { token }),
        409,
        'CONSULTATION_ISSUED',
      );

      const after = (await api().send('GET', '/api/v1/consultations/tsb-79-2023')).json<ConsultationView>();
      expect(after.subject).toBe(consultationInput().subject);
      expect(after.texts.map((t) => `${t.id}: ${t.title}`)).toEqual([
        'x1333-cor1: Remote access tools',
        'x1353: Zero-touch deployment',
        'x1471: Reference monitor',
      ]);
    });
  });

  describe('who sees what', () => {
    it('answers 404 for a draft to an observer, a focal point and the public, as if it did not exist', async () => {
      await createDraft();
      const { observer, kr } = api().tokens;
      for (const token of [observer, kr, undefined]) {
        const who = token === undefined ? {} : { token };
        expectProblem(await api().send('GET', '/api/v1/consultations/tsb-79-2023', who), 404, 'NOT_FOUND');
        expectProblem(await api().send('GET', '/api/v1/consultations/tsb-79-2023/texts', who), 404, 'NOT_FOUND');
        expectProblem(await api().send('GET', '/api/v1/consultations/tsb-79-2023/texts/x1353', who), 404, 'NOT_FOUND');
      }
      // The same answer as for an id that never existed: the draft does not leak.
      const unknown = expectProblem(await api().send('GET', '/api/v1/consultations/tsb-1-2099'), 404, 'NOT_FOUND');
      expect(unknown.title).toBe('Not found');
    });

    it('lists drafts to the secretariat only', async () => {
      await createDraft();
      await issue('tsb-79-2023');
      await createDraft({ number: 80, reference: 'TSB Circular 80' });
      const ids = async (token?: string) =>
        (await api().send('GET', '/api/v1/consultations', token === undefined ? {} : { token }))
          .json<{ items: { id: string; state: string }[] }>()
          .items.map((c) => `${c.id}:${c.state}`)
          .sort();
      expect(await ids(api().tokens.secretariat)).toEqual(['tsb-79-2023:open', 'tsb-80-2023:draft']);
      expect(await ids(api().tokens.observer)).toEqual(['tsb-79-2023:open']);
      expect(await ids(api().tokens.kr)).toEqual(['tsb-79-2023:open']);
      expect(await ids()).toEqual(['tsb-79-2023:open']);
    });

    it('shows the timing checks to the secretariat only', async () => {
      await createDraft();
      await issue('tsb-79-2023');
      const secretariat = (
        await api().send('GET', '/api/v1/consultations/tsb-79-2023', { token: api().tokens.secretariat })
      ).json<ConsultationView>();
      expect(secretariat.timing?.length).toBeGreaterThan(0);
      for (const token of [api().tokens.observer, api().tokens.kr, undefined]) {
        const response = await api().send(
          'GET',
          '/api/v1/consultations/tsb-79-2023',
          token === undefined ? {} : { token },
        );
        expect(response.statusCode).toBe(200);
        expect(response.json<ConsultationView>()).not.toHaveProperty('timing');
      }
    });
  });

  describe('the seeded demo: TSB Circular 79', () => {
    const seed = async () => {
      api().world.clock.set('2026-11-27T12:00:00Z');
      expect(await seedDemo(api().world.ctx)).not.toBeNull();
    };

    it('shows Circular 79 to the public as issued: six texts in order, deadline, meeting and both TSB notes', async () => {
      await seed();
      const response = await api().send('GET', '/api/v1/consultations/tsb-79-2023');
      expect(response.statusCode).toBe(200);
      const c = response.json<ConsultationView>();
      expect(c.texts.map((t) => [t.order, t.designation, t.workItem, t.location])).toEqual([
        [1, 'X.1333 Cor.1', null, 'R34'],
        [2, 'X.1353', 'X.ztd-iot', 'R35'],
        [3, 'X.1471', 'X.websec-7', 'R36'],
        [4, 'X.1645', 'X.nssa-cc', 'R38'],
        [5, 'X.1771', 'X.rdda', 'R37'],
        [6, 'X.1817', 'X.5Gsec-message', 'R33'],
      ]);
      // A corrigendum carries no summary (Res. 1 §9.3.4 asks one of Recommendations).
      expect(c.texts[0]).toMatchObject({ kind: 'corrigendum', summary: null });
      for (const text of c.texts.slice(1)) expect(text.summary).toEqual(expect.any(String));
      expect(c.texts.find((t) => t.designation === 'X.1817')?.a5Justification).toBe(true);
      expect(c).toMatchObject({
        id: 'tsb-79-2023',
        studyGroup: 'SG17',
        deadline: '2023-08-16T23:59:59.999Z',
        deadlineText: '2359 hours UTC on 16 August 2023',
        meeting: { place: 'Goyang, Korea', firstDay: '2023-08-29', lastDay: '2023-09-08' },
        issuedAt: '2023-03-28T08:00:00.000Z',
        isDemo: false,
      });
      expect(c.notes).toHaveLength(2);
      expect(c.notes[0]).toMatch(/^TSB NOTE 1 – .*X\.1817/);
      expect(c.notes[1]).toMatch(/^TSB NOTE 2 – .*IPR/);
      expect(c).not.toHaveProperty('timing');
    });

    it('publishes the results of Circular 79 without a token: replies, support, ratio, outcome, clause and explanation per text', async () => {
      await seed();
      const response = await api().send('GET', '/api/v1/consultations/tsb-79-2023/results');
      expect(response.statusCode).toBe(200);
      const results = response.json<ResultsView>();
      expect(results).toMatchObject({ consultationId: 'tsb-79-2023', final: true, deadline: DEADLINE });
      // 11 replies arrived by the deadline (South Africa's, on 17 August, is not counted — §9.4.6);
      // the United States did not assign authority to X.1353.
      expect(
        results.texts.map((t) => {
          const figures = withFigures(t);
          return [
            t.text.designation,
            t.replies,
            figures.support,
            figures.nonSupport,
            figures.percent,
            t.outcome,
            t.clause,
          ];
        }),
      ).toEqual([
        ['X.1333 Cor.1', 11, 11, 0, 100, 'may_proceed', '§9.4.5'],
        ['X.1353', 11, 10, 1, 90.91, 'may_proceed', '§9.4.5'],
        ['X.1471', 11, 11, 0, 100, 'may_proceed', '§9.4.5'],
        ['X.1645', 11, 11, 0, 100, 'may_proceed', '§9.4.5'],
        ['X.1771', 11, 11, 0, 100, 'may_proceed', '§9.4.5'],
        ['X.1817', 11, 11, 0, 100, 'may_proceed', '§9.4.5'],
      ]);
      const x1353 = results.texts[1]!;
      expect(x1353.explanation).toContain('10 of 11 replies (90.91 %)');
      expect(x1353.explanation).toContain('§9.4.5');
      for (const text of results.texts) expect(text.explanation).toEqual(expect.stringContaining(text.citation));
    });
  });
});

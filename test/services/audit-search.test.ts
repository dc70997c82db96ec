import { beforeEach, expect, it } from 'vitest';
import { type AuditFilters, auditEventMatches } from '../../src/domain/audit/audit-filters.js';
import type { AuditEvent } from '../../src/domain/audit/audit-event.js';
import { appendAudit } from '../../src/repositories/audit.repository.js';
import { inviteAccount } from '../../src/services/identity/accounts.js';
import {
  listAuditEvents,
  listAuditFacets,
  pageAuditEvents,
  readAuditTrail,
} from '../../src/services/list-audit-events.js';
import { inTransaction } from '../../src/services/service-context.js';
import { describeEachDialect } from '../helpers/databases.js';
import { focalPoint, OBSERVER, SECRETARIAT, useWorld } from '../helpers/world.js';

const ID = 'tsb-79-2023';
const ANY: AuditFilters = { action: '', who: '', state: '', from: '', to: '' };

describeEachDialect('the audit trail searched in the database (action, who, State, days)', (dialect) => {
  const world = useWorld(dialect);
  /** Account id of Korea's focal point, and of France's. */
  let kim = '';
  let fleur = '';
  /** The seq of each event the test wrote, by name. */
  const seqOf = new Map<string, number>();

  async function lastSeq(): Promise<number> {
    const [last] = await world()
      .ctx.db.selectFrom('audit_event')
      .select('seq')
      .orderBy('seq', 'desc')
      .limit(1)
      .execute();
    return Number(last!.seq);
  }

  async function record(name: string, event: Omit<AuditEvent, 'consultationId'> & { consultationId?: string | null }) {
    await inTransaction(world().ctx, (trx) => appendAudit(trx, { consultationId: null, ...event }));
    seqOf.set(name, await lastSeq());
  }

  beforeEach(async () => {
    const { ctx } = world();
    seqOf.clear();
    const invite = async (email: string, memberState: string) =>
      (
        await inviteAccount(ctx, {
          actor: SECRETARIAT,
          email,
          name: email,
          role: 'focal_point',
          memberState,
        })
      ).account.id;
    kim = await invite('kim@example.org', 'KR');
    seqOf.set('kim-invited', await lastSeq());
    fleur = await invite('fleur@example.org', 'FR');
    seqOf.set('fleur-invited', await lastSeq());
    const at = (instant: string) => Date.parse(instant);
    // Korea through each of the four routes, and around the edges of 2 May 2023 (UTC).
    await record('kim-signs-in', {
      at: at('2023-05-01T23:59:59.999Z'),
      actor: `account:${kim}`,
      action: 'session.started',
      subject: 'session:s1',
      data: {},
    });
    await record('kr-reply', {
      at: at('2023-05-02T00:00:00.000Z'),
      actor: 'token:t1',
      action: 'reply.submitted',
      consultationId: ID,
      subject: `reply:${ID}/KR/1`,
      data: { channel: 'api' },
    });
    await record('kr-eligibility', {
      at: at('2023-05-02T12:00:00Z'),
      actor: 'operator:ops',
      action: 'member-state.eligibility_set',
      subject: 'member-state:KR',
      data: { mayReply: true },
    });
    await record('kr-contact', {
      at: at('2023-05-02T23:59:59.999Z'),
      actor: 'public',
      action: 'contact.added',
      subject: 'contact:c1',
      data: { role: 'focal_point', memberState: 'KR' },
    });
    await record('kim-replies-for-fr', {
      at: at('2023-05-03T00:00:00.000Z'),
      actor: `account:${kim}`,
      action: 'reply.submitted',
      consultationId: ID,
      subject: `reply:${ID}/FR/1`,
      data: {},
    });
    // Look-alikes that concern no State: the text of a key inside a string, a longer code, another case.
    await record('quoted', {
      at: at('2023-05-02T13:00:00Z'),
      actor: 'account:%',
      action: 'reply_submitted',
      subject: 'note:1',
      data: { note: '"memberState":"KR"', memberStates: 'KR', other: { state: 'KR' } },
    });
    await record('longer', {
      at: at('2023-05-02T14:00:00Z'),
      actor: 'operator:ops',
      action: 'member-state.eligibility_set',
      subject: 'member-state:KRX',
      data: { memberState: 'KRX' },
    });
    await record('lower', {
      at: at('2023-05-02T15:00:00Z'),
      actor: 'operator:ops',
      action: 'REPLY.SUBMITTED',
      subject: `REPLY:${ID}/kr/1`,
      data: { memberstate: 'kr', MEMBERSTATE: 'KR' },
    });
  });

  const search = (filters: Partial<AuditFilters>, options: { afterSeq?: number; limit?: number } = {}) =>
    listAuditEvents(world().ctx, { actor: SECRETARIAT, filters, limit: 1000, ...options });
  const named = async (filters: Partial<AuditFilters>) => {
    const byseq = new Map([...seqOf].map(([name, seq]) => [seq, name]));
    return (await search(filters)).map((e) => byseq.get(e.seq) ?? `#${e.seq}`);
  };

  it('selects by State through each of its four routes: the reply, the State, the data and the focal point who acted', async () => {
    expect(await named({ state: 'KR' })).toEqual([
      // The invitation of Korea's focal point records its State in its data.
      'kim-invited',
      'kim-signs-in',
      'kr-reply',
      'kr-eligibility',
      'kr-contact',
      'kim-replies-for-fr',
    ]);
    expect(await named({ state: 'FR' })).toEqual(['fleur-invited', 'kim-replies-for-fr']);
    expect(await named({ state: 'DE' })).toEqual([]);
    // Fleur's account exists but never acted.
    expect(fleur).not.toBe('');
  });

  it('includes the last millisecond of `to` and leaves out midnight after it; `from` starts at midnight', async () => {
    expect(await named({ from: '2023-05-02', to: '2023-05-02', state: 'KR' })).toEqual([
      'kr-reply',
      'kr-eligibility',
      'kr-contact',
    ]);
    expect(await named({ to: '2023-05-01', state: 'KR' })).toEqual(['kim-invited', 'kim-signs-in']);
    expect(await named({ from: '2023-05-03' })).toEqual(['kim-replies-for-fr']);
    // A range that ends before it starts selects nothing (the API refuses it before).
    expect(await named({ from: '2023-05-03', to: '2023-05-02' })).toEqual([]);
  });

  it('compares the action and who acted whole: no wildcard, no case folding', async () => {
    expect(await named({ action: 'reply.submitted' })).toEqual(['kr-reply', 'kim-replies-for-fr']);
    expect(await named({ who: `account:${kim}` })).toEqual(['kim-signs-in', 'kim-replies-for-fr']);
    expect(await named({ who: 'account:%' })).toEqual(['quoted']);
    expect(await named({ who: 'account_%' })).toEqual([]);
    expect(await named({ action: 'reply_submitted' })).toEqual(['quoted']);
    expect(await named({ action: 'reply%' })).toEqual([]);
    expect(await named({ action: 'reply.submitte_' })).toEqual([]);
    expect(await named({ action: 'Reply.Submitted' })).toEqual([]);
  });

  it('combines the filters, and keeps to one consultation when asked', async () => {
    expect(await named({ action: 'reply.submitted', who: `account:${kim}`, state: 'KR' })).toEqual([
      'kim-replies-for-fr',
    ]);
    expect(await named({ action: 'reply.submitted', state: 'FR', to: '2023-05-02' })).toEqual([]);
    expect(
      (
        await listAuditEvents(world().ctx, {
          actor: SECRETARIAT,
          consultationId: ID,
          filters: { state: 'KR' },
        })
      ).map((e) => e.seq),
    ).toEqual([seqOf.get('kr-reply'), seqOf.get('kim-replies-for-fr')]);
  });

  it('selects what the in-memory rule selects, filter by filter', async () => {
    const trail = await readAuditTrail(world().ctx, { actor: SECRETARIAT });
    const statesOfActor = new Map([
      [`account:${kim}`, 'KR'],
      [`account:${fleur}`, 'FR'],
    ]);
    const cases: Partial<AuditFilters>[] = [
      {},
      { state: 'KR' },
      { state: 'FR' },
      { state: 'DE' },
      { action: 'reply.submitted' },
      { who: 'operator:ops' },
      { who: 'public', state: 'KR' },
      { from: '2023-05-02' },
      { to: '2023-05-02' },
      { from: '2023-05-02', to: '2023-05-02', state: 'KR' },
      { from: '2023-05-02', to: '2023-05-01' },
    ];
    for (const filters of cases) {
      const expected = trail.filter((e) => auditEventMatches(e, { ...ANY, ...filters }, statesOfActor));
      expect(
        (await search(filters)).map((e) => e.seq),
        JSON.stringify(filters),
      ).toEqual(expected.map((e) => e.seq));
    }
  });

  it('pages after filtering: `after` and `limit` count only the events selected', async () => {
    const first = await search({ state: 'KR' }, { limit: 2 });
    expect(first.map((e) => e.seq)).toEqual([seqOf.get('kim-invited'), seqOf.get('kim-signs-in')]);
    const next = await search({ state: 'KR' }, { afterSeq: first.at(-1)!.seq, limit: 2 });
    expect(next.map((e) => e.seq)).toEqual([seqOf.get('kr-reply'), seqOf.get('kr-eligibility')]);
    const whole = await readAuditTrail(world().ctx, {
      actor: SECRETARIAT,
      filters: { state: 'KR' },
      afterSeq: next.at(-1)!.seq,
    });
    expect(whole.map((e) => e.seq)).toEqual([seqOf.get('kr-contact'), seqOf.get('kim-replies-for-fr')]);
  });

  it('pages newest first for the secretariat, counts the selection, and finds the page of an event', async () => {
    const { ctx } = world();
    const all = await pageAuditEvents(ctx, {
      actor: SECRETARIAT,
      filters: { state: 'KR' },
      page: 1,
      pageSize: 4,
    });
    expect(all).toMatchObject({ page: 1, pages: 2, total: 6 });
    expect(all.events.map((e) => e.seq)).toEqual([
      seqOf.get('kim-replies-for-fr'),
      seqOf.get('kr-contact'),
      seqOf.get('kr-eligibility'),
      seqOf.get('kr-reply'),
    ]);
    const beyond = await pageAuditEvents(ctx, { actor: SECRETARIAT, filters: { state: 'KR' }, page: 9, pageSize: 4 });
    expect(beyond.page).toBe(2);
    expect(beyond.events.map((e) => e.seq)).toEqual([seqOf.get('kim-signs-in'), seqOf.get('kim-invited')]);
    const focused = await pageAuditEvents(ctx, {
      actor: SECRETARIAT,
      filters: { state: 'KR' },
      page: 1,
      pageSize: 4,
      focusSeq: seqOf.get('kim-signs-in'),
    });
    expect(focused.page).toBe(2);
    // An event the filters leave out gives no page of its own: the page asked for.
    const elsewhere = await pageAuditEvents(ctx, {
      actor: SECRETARIAT,
      filters: { state: 'KR' },
      page: 1,
      pageSize: 4,
      focusSeq: seqOf.get('quoted'),
    });
    expect(elsewhere.page).toBe(1);
    const none = await pageAuditEvents(ctx, { actor: SECRETARIAT, filters: { state: 'DE' }, page: 3, pageSize: 4 });
    expect(none).toEqual({ events: [], page: 1, pages: 1, total: 0 });
  });

  it("offers the actions, actors and States that occur, without reading the whole trail's rows", async () => {
    const facets = await listAuditFacets(world().ctx, { actor: SECRETARIAT });
    expect(facets.actions).toEqual([...facets.actions].sort());
    expect(facets.actions).toEqual(expect.arrayContaining(['account.invited', 'reply.submitted', 'reply_submitted']));
    expect(facets.actors).toEqual(expect.arrayContaining([`account:${kim}`, 'public', 'token:t1', 'account:%']));
    // KRX is of an organisation's form (its eligibility event names it); kr is no participant's code.
    expect([...facets.states].sort()).toEqual(['FR', 'KR', 'KRX']);
    const ofConsultation = await listAuditFacets(world().ctx, { actor: SECRETARIAT, consultationId: ID });
    expect(ofConsultation.actions).toEqual(['reply.submitted']);
    expect([...ofConsultation.states].sort()).toEqual(['FR', 'KR']);
  });

  it('refuses filters that are not valid, at their field, and readers other than the secretariat', async () => {
    for (const [filters, field] of [
      [{ state: 'kr' }, '/state'],
      [{ state: 'K' }, '/state'],
      [{ state: 'KR-' }, '/state'],
      [{ from: '2023-02-30' }, '/from'],
      [{ to: 'tomorrow' }, '/to'],
      [{ who: 'x'.repeat(201) }, '/who'],
      [{ action: 'a\u0000b' }, '/action'],
    ] as const)
      await expect(search(filters)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ field })],
      });
    for (const actor of [OBSERVER, focalPoint('KR')])
      await expect(listAuditEvents(world().ctx, { actor, filters: { state: 'KR' } })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    await expect(
      pageAuditEvents(world().ctx, { actor: OBSERVER, page: 1, pageSize: 50, filters: {} }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listAuditFacets(world().ctx, { actor: OBSERVER })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

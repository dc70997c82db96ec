import Type from 'typebox';
import type { ClauseRole, ClauseTable } from '../../src/domain/procedure/clauses.js';
import { citationOf, formatCitation } from '../../src/domain/procedure/clauses.js';
import type { TextTally } from '../../src/domain/procedure/outcomes.js';
import type { Procedure, ReplyCheck } from '../../src/domain/procedure/procedure.js';
import type { PositionInput, PositionKind, ReplyPosition } from '../../src/domain/reply/reply.js';
import { endOfDay } from '../../src/domain/time/instants.js';

/**
 * A toy approval procedure, written here in the test folder only: two options (yes, no), a simple
 * majority of the replies, one phase, no meeting. It is registered at run time; if it works
 * through the services, the API, the pages and a document, a procedure is one module.
 */
const TABLE: ClauseTable = {
  instrument: 'Toy rules',
  edition: '2026',
  clauses: { ballot: '§1', majority: '§2', notice: '§3' },
};
const ROLES: Partial<Record<ClauseRole, string>> = {
  replyPeriod: '§1',
  consultationPasses: '§2',
  consultationFails: '§2',
  resultsNotice: '§3',
};
/** The toy's words in the six languages: the core shows these, never TAP's. */
const WORDS: Record<string, Record<string, string>> = {
  en: {
    yes: 'Yes, {body} may adopt this text',
    no: 'No',
    why: 'Why (optional)',
    votes: 'Votes cast',
    ayes: 'Ayes',
    noes: 'Noes',
    pick: 'Vote yes or no on {text}',
    readsYes: 'Voted yes',
    readsNo: 'Voted no',
    passes: 'Passes',
    fails: 'Fails',
    ballot: 'Ballot',
    members: 'Members',
    associates: 'Associates',
  },
  fr: {
    yes: 'Oui, {body} peut adopter ce texte',
    no: 'Non',
    why: 'Pourquoi (facultatif)',
    votes: 'Votes exprimés',
    ayes: 'Pour',
    noes: 'Contre',
    pick: 'Votez oui ou non sur {text}',
    readsYes: 'A voté oui',
    readsNo: 'A voté non',
    passes: 'Adopté',
    fails: 'Rejeté',
    ballot: 'Scrutin',
    members: 'Membres',
    associates: 'Associés',
  },
  es: {
    yes: 'Sí, {body} puede adoptar este texto',
    no: 'No',
    why: 'Por qué (opcional)',
    votes: 'Votos emitidos',
    ayes: 'A favor',
    noes: 'En contra',
    pick: 'Vote sí o no sobre {text}',
    readsYes: 'Votó sí',
    readsNo: 'Votó no',
    passes: 'Aprobado',
    fails: 'Rechazado',
    ballot: 'Votación',
    members: 'Miembros',
    associates: 'Asociados',
  },
  ru: {
    yes: 'Да, {body} может принять этот текст',
    no: 'Нет',
    why: 'Почему (необязательно)',
    votes: 'Поданные голоса',
    ayes: 'За',
    noes: 'Против',
    pick: 'Голосуйте «да» или «нет» по {text}',
    readsYes: 'Проголосовал «да»',
    readsNo: 'Проголосовал «нет»',
    passes: 'Принят',
    fails: 'Отклонен',
    ballot: 'Голосование',
    members: 'Члены',
    associates: 'Ассоциированные члены',
  },
  zh: {
    yes: '是，{body}可通过本案文',
    no: '否',
    why: '理由（可选）',
    votes: '投票数',
    ayes: '赞成',
    noes: '反对',
    pick: '请就{text}投赞成或反对票',
    readsYes: '投赞成票',
    readsNo: '投反对票',
    passes: '通过',
    fails: '未通过',
    ballot: '投票',
    members: '成员',
    associates: '部门准成员',
  },
  ar: {
    yes: 'نعم، يجوز لـ {body} اعتماد هذا النص',
    no: 'لا',
    why: 'السبب (اختياري)',
    votes: 'الأصوات المدلى بها',
    ayes: 'مؤيد',
    noes: 'معارض',
    pick: 'صوّت بنعم أو لا على {text}',
    readsYes: 'صوّت بنعم',
    readsNo: 'صوّت بلا',
    passes: 'مُعتمد',
    fails: 'مرفوض',
    ballot: 'الاقتراع',
    members: 'الأعضاء',
    associates: 'المنتسبون',
  },
};
/**
 * The toy's rule in its own sentences (a majority, not a share, and no meeting), where the core's
 * sentences describe TAP's kind of rule. English and French only: the other languages fall back to
 * English, as a procedure's catalogue allows.
 */
const SENTENCES: Record<string, Record<string, string>> = {
  en: {
    'public.explain.no_votes': 'No member voted: the text fails ({clause}).',
    'public.explain.majority':
      '{yes, number} of {votes, number} votes are yes, a majority: the text passes ({clause}).',
    'public.explain.no_majority':
      '{yes, number} of {votes, number} votes are yes, no majority: the text fails ({clause}).',
    'results.explain': 'Only votes cast by the deadline count. A text passes when more members vote yes than no.',
    'results.rule.no_votes': 'No member voted.',
    'results.rule.majority': '{yes, number} of {votes, number} votes are yes: a majority.',
    'results.rule.no_majority': '{yes, number} of {votes, number} votes are yes: no majority.',
    'doc.report.rule': 'A text passes when more members vote yes than no ({passes}); otherwise it fails ({fails}).',
    'doc.circular.purpose': 'The members vote on the texts below under the toy rules ({edition}).',
    'doc.circular.request': 'Each member is asked to vote yes or no on each text by {deadline}.',
    'sec.preview.purpose': 'The members vote on the texts below under {instrument}.',
    'sec.preview.request': 'Each member is asked to vote yes or no on each text by',
    'public.ask.consult': 'This ballot asks the members to vote on each text ({clause}), by {deadline}.',
    'public.ask.rule': 'A text passes when more members vote yes than no ({clause}); otherwise it fails.',
    'procedure.name': 'Toy ballot, {instrument} ({edition})',
  },
  fr: {
    'public.explain.no_votes': 'Aucun membre n’a voté : le texte est rejeté ({clause}).',
    'public.explain.majority':
      '{yes, number} votes sur {votes, number} sont pour, une majorité : le texte est adopté ({clause}).',
    'public.explain.no_majority':
      '{yes, number} votes sur {votes, number} sont pour, sans majorité : le texte est rejeté ({clause}).',
    'results.explain':
      'Seuls les votes exprimés avant la date limite comptent. Un texte est adopté si plus de membres votent pour que contre.',
    'results.rule.no_votes': 'Aucun membre n’a voté.',
    'results.rule.majority': '{yes, number} votes sur {votes, number} sont pour : une majorité.',
    'results.rule.no_majority': '{yes, number} votes sur {votes, number} sont pour : pas de majorité.',
    'doc.report.rule':
      'Un texte est adopté si plus de membres votent pour que contre ({passes}) ; sinon il est rejeté ({fails}).',
    'doc.circular.purpose': 'Les membres votent sur les textes ci-dessous selon les règles du jeu ({edition}).',
    'doc.circular.request': 'Chaque membre est invité à voter pour ou contre chaque texte avant le {deadline}.',
    'sec.preview.purpose': 'Les membres votent sur les textes ci-dessous selon {instrument}.',
    'sec.preview.request': 'Chaque membre est invité à voter pour ou contre chaque texte avant le',
    'public.ask.consult': 'Ce vote invite les membres à se prononcer sur chaque texte ({clause}), avant le {deadline}.',
    'public.ask.rule':
      'Un texte est adopté si plus de membres votent pour que contre ({clause}) ; sinon il est rejeté.',
    'procedure.name': 'Vote jouet, {instrument} ({edition})',
  },
};

const MESSAGES = Object.fromEntries(
  Object.entries(WORDS).map(([locale, w]) => [
    locale,
    {
      'choice.yes': w.yes!,
      'choice.no': w.no!,
      'field.why': w.why!,
      'reads.yes': w.readsYes!,
      'reads.no': w.readsNo!,
      'figure.votes': w.votes!,
      'figure.yes': w.ayes!,
      'figure.no': w.noes!,
      'error.POSITION_MISSING': w.pick!,
      'error.POSITION_NOT_ALLOWED': w.pick!,
      // Without a meeting, the rule on the votes is the result: the core says so in the toy's words.
      'outcome.passes': w.passes!,
      'outcome.fails': w.fails!,
      'phase.ballot': w.ballot!,
      'class.member-state': w.members!,
      'class.associate': w.associates!,
      ...SENTENCES[locale],
    },
  ]),
);

const YES = 'yes' as PositionKind;
const NO = 'no' as PositionKind;

/** A free text as the toy keeps it: blank is none. */
const kept = (value: string | null | undefined): string | null =>
  value === undefined || value === null || value.trim() === '' ? null : value;

function checkReply(
  positions: readonly { text: string; position: string; comments?: string | null; reasons?: string | null }[],
  textIds: readonly string[],
): ReplyCheck {
  const known = new Set(textIds);
  const problems: ReplyCheck['problems'] = [];
  const normalised: ReplyPosition[] = [];
  if (positions.length === 0)
    problems.push({ field: '/positions', message: 'Vote on at least one text', code: 'NO_POSITIONS' });
  positions.forEach((p, index) => {
    if (!known.has(p.text))
      problems.push({ field: `/positions/${index}/text`, message: `No text "${p.text}"`, code: 'UNKNOWN_TEXT' });
    else if (p.position !== 'yes' && p.position !== 'no')
      problems.push({
        field: `/positions/${index}/position`,
        message: 'Vote yes or no (§1)',
        code: 'POSITION_NOT_ALLOWED',
        clause: '§1',
      });
    else
      normalised.push({
        text: p.text,
        position: p.position as PositionKind,
        option: null,
        // "Why" under each choice: kept with the choice it was typed under.
        comments: p.position === 'yes' ? kept(p.comments) : null,
        reasons: p.position === 'no' ? kept(p.reasons) : null,
        possibleChanges: null,
        attachment: null,
      });
  });
  return { problems, flags: [], positions: normalised };
}

/** More yes than no passes (§2); a tie or no votes fails. Its figures are votes, yes and no, not a share. */
function tally(byKind: Readonly<Record<string, number>>): TextTally {
  const yes = byKind.yes ?? 0;
  const no = byKind.no ?? 0;
  const votes = yes + no;
  const passes = yes > no;
  const citation = formatCitation(citationOf(TABLE, '§2'));
  return {
    replies: votes,
    unclear: 0,
    passes,
    outcome: passes ? 'passes' : 'fails',
    basis: votes === 0 ? 'no_votes' : passes ? 'majority' : 'no_majority',
    clause: '§2',
    citation,
    figures: [
      { name: 'votes', value: votes, format: 'count' },
      { name: 'yes', value: yes, format: 'count' },
      { name: 'no', value: no, format: 'count' },
    ],
    explanation: `${yes} yes and ${no} no: ${passes ? 'passes' : 'fails'} (${citation}).`,
  };
}

export const TOY_PROCEDURE: Procedure = {
  id: 'toy-majority',
  name: 'Toy ballot: simple majority, no meeting',
  editions: ['2026'],
  defaultEdition: '2026',
  hasMeeting: false,
  phases: [{ id: 'ballot', name: 'Ballot', actors: 'Members vote yes or no per text (§1)', accepts: ['reply'] }],
  // One window, from the issue to the deadline (§1); after it the majority is the outcome.
  timeline: (facts) => [
    { id: 'ballot', startsAt: facts.issuedAt, endsAt: facts.deadlineAt, dueBy: null, clause: '§1' },
  ],
  messages: MESSAGES,
  replyForm: {
    attachments: false,
    // Its page asks for a vote on every text (the core's other path than TAP's); its rule, for the
    // API's sake of the engine tests, still takes a ballot that skips texts (each passes on its own).
    everyText: true,
    choices: [
      {
        kind: 'yes',
        label: 'choice.yes',
        recordedOnly: false,
        commentTable: false,
        options: null,
        fields: [{ field: 'comments', label: 'field.why', hint: null }],
        reads: { '': 'reads.yes' },
      },
      {
        kind: 'no',
        label: 'choice.no',
        recordedOnly: false,
        commentTable: false,
        options: null,
        fields: [{ field: 'reasons', label: 'field.why', hint: null }],
        reads: { '': 'reads.no' },
      },
    ],
  },
  positionKinds: [YES, NO],
  positionSchema: Type.Object(
    // The form holds a text, a word and why; which words count is the rule's (checkReply, §1).
    {
      text: Type.String(),
      position: Type.String({ maxLength: 20 }),
      comments: Type.Optional(Type.Union([Type.String({ maxLength: 20_000 }), Type.Null()])),
      reasons: Type.Optional(Type.Union([Type.String({ maxLength: 20_000 }), Type.Null()])),
    },
    { additionalProperties: false },
  ),
  decisionSchema: Type.Object({}, { additionalProperties: false }),
  clauses: () => TABLE,
  clauseFor: (role) => ROLES[role] ?? null,
  // Members vote; associates vote too, for the record only: their votes are shown by class and
  // do not count (§1).
  participantClasses: [
    { id: 'member-state', counted: true, mayOppose: true },
    { id: 'associate', counted: false, mayOppose: false },
  ],
  eligibility: (state, facts) =>
    facts.participantClass !== 'member-state' && facts.participantClass !== 'associate'
      ? { eligible: false, reason: `${state} is neither a member nor an associate`, clause: '§1' }
      : facts.mayReply
        ? { eligible: true, reason: null, clause: null }
        : { eligible: false, reason: facts.note ?? 'Not a member', clause: '§1' },
  checkReply: (positions, textIds) => checkReply(positions, textIds),
  tallyOutcomes: [
    { id: 'passes', passes: true },
    { id: 'fails', passes: false },
  ],
  tallyBases: ['no_votes', 'majority', 'no_majority'],
  tally,
  // A majority of the votes, not a share of them: no threshold to print.
  passThreshold: null,
  checkTiming: () => [],
  latestDeadline: (meetingFirstDay) => endOfDay(meetingFirstDay) - 86_400_000,
  namedInDecision: () => [],
  validateMeetingDecision: () => [
    { field: '/', message: 'This procedure has no meeting', code: 'DECISION_NOT_ALLOWED' },
  ],
  decideAtMeeting: () => {
    throw new Error('This procedure has no meeting');
  },
  resultsNoticeDueAt: (meetingLastDay) => endOfDay(meetingLastDay),
  // Yes for even indices, no for odd ones: the toy has two choices and asks nothing more.
  demoPosition: (text, index): PositionInput => ({ text, position: index % 2 === 0 ? YES : NO }),
};

/** The toy with its one reply window opening a week after the issue (as a later review phase would): replies before it are refused. */
export const TOY_LATE_BALLOT: Procedure = {
  ...TOY_PROCEDURE,
  id: 'toy-late-ballot',
  timeline: (facts) => [
    {
      id: 'ballot',
      startsAt: facts.issuedAt === null ? null : facts.issuedAt + 7 * 86_400_000,
      endsAt: facts.deadlineAt,
      dueBy: null,
      clause: '§1',
    },
  ],
};

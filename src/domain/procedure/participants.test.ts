import { describe, expect, it } from 'vitest';
import {
  checkNewParticipant,
  consultedClass,
  isMemberStateCode,
  isParticipantCode,
  MEMBER_STATE_CLASS,
  PARTICIPANT_CODE_MAX_LENGTH,
} from './participants.js';

const LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];

describe("a participant's code", () => {
  it("is a Member State's two capitals or an organisation's capitals and digits in hyphen-joined words", () => {
    for (const code of ['KR', 'ERICSSON', 'UNI-GENEVA', 'A1B', 'X-1-2', 'A'.repeat(PARTICIPANT_CODE_MAX_LENGTH)])
      expect(isParticipantCode(code), code).toBe(true);
    for (const code of ['', 'K', 'kr', 'Kr', '-KR', 'KR-', 'UNI--GENEVA', '1AB', 'UNI GENEVA', 'A'.repeat(25), 'É-A'])
      expect(isParticipantCode(code), code).toBe(false);
  });

  it("is a Member State's when it has two letters", () => {
    expect(isMemberStateCode('KR')).toBe(true);
    expect(isMemberStateCode('KRX')).toBe(false);
    expect(isMemberStateCode('K1')).toBe(false);
  });
});

describe('consultedClass', () => {
  it("gives the procedure's definition of a class it consults, and nothing for another", () => {
    const classes = [
      { id: MEMBER_STATE_CLASS, counted: true, mayOppose: true },
      { id: 'sector-member', counted: false, mayOppose: false },
    ];
    expect(consultedClass(classes, 'sector-member')).toEqual({ id: 'sector-member', counted: false, mayOppose: false });
    expect(consultedClass(classes, 'academia')).toBeUndefined();
  });
});

describe('checkNewParticipant (registering an organisation)', () => {
  const classes = [MEMBER_STATE_CLASS, 'sector-member'];
  const ok = { code: 'ERICSSON', participantClass: 'sector-member', names: { en: 'Ericsson', zh: '爱立信' } };

  it('takes a code of 3 or more characters, a class a procedure consults and an English name', () => {
    expect(checkNewParticipant(ok, classes, LANGUAGES)).toEqual([]);
  });

  it("refuses a two-letter code (a Member State's) and one of the wrong form, at /code", () => {
    for (const code of ['ER', 'ericsson', 'ERIC SSON', 'ERICSSON-'])
      expect(
        checkNewParticipant({ ...ok, code }, classes, LANGUAGES).map((p) => [p.field, p.code]),
        code,
      ).toEqual([['/code', 'VALIDATION_FAILED']]);
  });

  it('refuses a class no procedure consults, naming those they do, and the Member States’ own class', () => {
    const [other] = checkNewParticipant({ ...ok, participantClass: 'academia' }, classes, LANGUAGES);
    expect(other).toMatchObject({ field: '/participantClass', code: 'UNKNOWN_PARTICIPANT_CLASS' });
    expect(other!.message).toContain('sector-member');
    expect(other!.message).not.toContain(MEMBER_STATE_CLASS);
    const [state] = checkNewParticipant({ ...ok, participantClass: MEMBER_STATE_CLASS }, classes, LANGUAGES);
    expect(state!.message).toMatch(/curated list/);
    const [none] = checkNewParticipant(ok, [MEMBER_STATE_CLASS], LANGUAGES);
    expect(none!.message).toMatch(
      /No registered procedure consults a class of participant other than the Member States/,
    );
  });

  it('wants the English name, UN languages only, one line each, no empty one', () => {
    const problems = checkNewParticipant(
      {
        ...ok,
        names: {
          en: ' ',
          de: 'Ericsson',
          fr: '',
          ru: 'Эрик\nссон',
          es: 'E'.repeat(201),
          zh: '爱立\u202e信',
          ar: 'إريكسون\t',
        },
      },
      classes,
      LANGUAGES,
    );
    expect(problems.map((p) => p.field)).toEqual([
      '/names/en',
      '/names/de',
      '/names/fr',
      '/names/ru',
      '/names/es',
      '/names/zh',
      '/names/ar',
    ]);
  });
});

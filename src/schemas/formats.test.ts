import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PROCEDURE_ID, procedureFor } from '../procedures/registry.js';
import { DecisionInputSchema } from './decision.schema.js';
import { ReplyInputSchema } from './reply.schema.js';

/**
 * The request schemas check days and instants with the domain's validators (formats `date` and
 * `utc-instant`), through TypeBox as the CLI and the pages use them; the API's Ajv gets the same
 * functions (test/http/dates-api.test.ts).
 */

/** The default procedure, whose position schema the request schemas embed. */
const procedure = procedureFor(DEFAULT_PROCEDURE_ID);

/**
 * A position with free-text comments in the default procedure's terms: its first choice with a
 * comments field, with the last of its sub-options if it has any (TAP: comments attached).
 */
function commentedPosition(comments: string) {
  const choice = procedure.replyForm.choices.find((c) => c.fields.some((f) => f.field === 'comments'));
  if (choice === undefined) throw new Error(`${procedure.id} has no choice with comments`);
  const option = choice.options?.choices.at(-1)?.id;
  return { text: 'x1353', position: choice.kind, ...(option === undefined ? {} : { option }), comments };
}

const reply = (signedOn: string) => ({
  positions: [procedure.demoPosition('x1353', 0)],
  signatory: { name: 'A. Official', title: 'Director' },
  signedOn,
});

describe('dates in the request schemas', () => {
  const replies = Compile(ReplyInputSchema);
  const decisions = Compile(DecisionInputSchema);

  it('refuses a reply signed on 30 February, in month 13, on 31 April or in the year 0000', () => {
    for (const day of ['2023-02-30', '2023-02-29', '2023-13-01', '2023-04-31', '0000-01-01'])
      expect({ day, valid: replies.Check(reply(day)) }).toEqual({ day, valid: false });
    expect(replies.Check(reply('2024-02-29'))).toBe(true);
  });

  it('refuses a formal opposition received at an hour, a minute or on a day that does not exist', () => {
    for (const receivedAt of ['2023-02-30T10:00:00Z', '2023-09-01T24:00:00Z', '2023-09-01T10:60Z'])
      expect({ receivedAt, valid: decisions.Check({ formalOppositions: [{ state: 'FR', receivedAt }] }) }).toEqual({
        receivedAt,
        valid: false,
      });
    expect(decisions.Check({ formalOppositions: [{ state: 'FR', receivedAt: '2023-09-01T10:00Z' }] })).toBe(true);
  });
});

describe('text in the request schemas', () => {
  const replies = Compile(ReplyInputSchema);
  const withText = (name: string, comments: string) => ({
    positions: [commentedPosition(comments)],
    signatory: { name, title: 'Director' },
  });

  it('refuses in a name a line break, a tab, a bidi override or mark, an invisible format character, a lone surrogate', () => {
    for (const name of [
      'Kim\nMin-jun',
      'Kim\tMin-jun',
      'Kim \u202eMin-jun',
      'Kim\u200fMin-jun',
      'Kim\u200bMin-jun',
      'Kim \ud800',
    ])
      expect({ name, valid: replies.Check(withText(name, 'Fine.')) }).toEqual({ name, valid: false });
    expect(replies.Check(withText('محمد\u200cرضا', 'Fine.'))).toBe(true);
  });

  it('accepts line breaks, tabs and bidi marks in comments, and refuses overrides, isolates, controls and lone surrogates', () => {
    expect(replies.Check(withText('Kim Min-jun', 'First line.\r\n\tSecond, with an RLM: \u200f.'))).toBe(true);
    for (const comments of ['a \u202e b', 'a \u2066 b', 'a \u0007 b', 'a \ud800 b'])
      expect({ comments, valid: replies.Check(withText('Kim Min-jun', comments)) }).toEqual({ comments, valid: false });
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_PROCEDURE_ID, isKnownProcedure, procedureFor, registerProcedure } from './registry.js';

/** What the registry accepts of a procedure registered at run time (a deployment's own, a test's). */
describe('registerProcedure', () => {
  const tap = procedureFor(DEFAULT_PROCEDURE_ID);
  const like = (id: string, kinds: readonly string[]) => ({
    ...tap,
    id,
    replyForm: {
      ...tap.replyForm,
      choices: kinds.map((kind) => ({
        kind,
        label: 'choice.assigns',
        recordedOnly: false,
        commentTable: false,
        options: null,
        fields: [],
        reads: {},
      })),
    },
  });

  it('registers a procedure and unregisters it, refusing its id twice', () => {
    const unregister = registerProcedure(like('test-copy', ['yes', 'no']));
    try {
      expect(isKnownProcedure('test-copy')).toBe(true);
      expect(() => registerProcedure(like('test-copy', ['yes', 'no']))).toThrow(/already registered/);
    } finally {
      unregister();
    }
    expect(isKnownProcedure('test-copy')).toBe(false);
  });

  it('refuses reply choices that would not name form values and element ids one each', () => {
    expect(() => registerProcedure(like('test-bad', ['yes', 'yes']))).toThrow(/not distinct lower snake case: yes/);
    expect(() => registerProcedure(like('test-bad', ['Yes', 'no-way']))).toThrow(/Yes, no-way/);
    expect(isKnownProcedure('test-bad')).toBe(false);
  });

  it('refuses an id that is not lower case with hyphens', () => {
    expect(() => registerProcedure(like('Test Copy', ['yes']))).toThrow(/Not a procedure id/);
  });
});

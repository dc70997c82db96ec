import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../i18n/i18n.js';
import { auditActionLabel } from './audit-words.js';

/** Every action code the services write to the audit trail, read from their `action:` literals. */
function writtenActions(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.includes('.test.')) {
        const source = fs.readFileSync(file, 'utf8');
        if (!/appendAudit|AuditEvent|auditAction|auditFailure/.test(source)) continue;
        // `action: '…'` in an audit event, `auditAction: '…'` given to the reply writer.
        for (const line of source.split('\n').filter((l) => /\b(action|auditAction): /.test(l)))
          for (const match of line.matchAll(/'([a-z0-9-]+(?:\.[a-z0-9_-]+)+|logout)'/g)) found.add(match[1]!);
      }
    }
  };
  walk(path.resolve(import.meta.dirname, '..'));
  return [...found].sort();
}

describe('the audit trail in the reader’s words', () => {
  it('words every action the services write, in the six languages', () => {
    const actions = writtenActions();
    expect(actions).toEqual(
      expect.arrayContaining(['reply.submitted', 'consultation.issued', 'logout', '2fa.enabled']),
    );
    for (const locale of LOCALES)
      for (const action of actions) expect(auditActionLabel(locale, action), `${locale} ${action}`).not.toBe(action);
  });

  it('shows an action the catalogues do not word yet as its code', () => {
    expect(auditActionLabel('fr', 'future.action')).toBe('future.action');
    expect(auditActionLabel('fr', 'reply.submitted')).toBe('Réponse envoyée');
  });
});

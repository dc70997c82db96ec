import { describe, expect, it } from 'vitest';
import { formatDeadline as documentDeadline, msg } from '../documents/format.js';
import { formatDeadline, formattedText, t } from './i18n.js';

/** A sentence that ends with a value ending in an abbreviation's full stop ends with that one (issue 18). */
describe('one full stop at the end of a sentence', () => {
  const deadline = { deadlineAt: Date.parse('2023-08-16T23:59:59.999Z'), deadlineWording: 'hhmm' as const };

  it('drops the sentence’s own stop after an abbreviation’s, and leaves an ellipsis and other stops alone', () => {
    expect(formattedText('до 23:59 UTC 16 августа 2023 г..')).toBe('до 23:59 UTC 16 августа 2023 г.');
    expect(formattedText(['Paper, fax, etc.', '.'])).toBe('Paper, fax, etc.');
    expect(formattedText('Wait...')).toBe('Wait...');
    expect(formattedText('Version 1.2.')).toBe('Version 1.2.');
    expect(formattedText('16 August 2023.')).toBe('16 August 2023.');
  });

  it('ends the Russian circular’s request, the closed form’s notice and the mail’s deadline with one full stop', () => {
    const request = documentDeadline('ru', deadline.deadlineAt);
    expect(request).toMatch(/2023 г\.$/);
    expect(msg('ru', 'doc.deadline', { time: '23:59', day: '16 августа 2023 г.' })).toBe(
      '23:59 UTC 16 августа 2023 г.',
    );
    const closed = t('ru', 'reply.my.closedOn', { deadline: formatDeadline('ru', deadline) });
    expect(closed).toMatch(/2023 г\.$/);
    expect(closed).not.toContain('..');
  });
});

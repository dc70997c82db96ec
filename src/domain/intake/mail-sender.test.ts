import { describe, expect, it } from 'vitest';
import { aligned, matchSender, senderVerdict, trustedAuthenticationResults } from './mail-sender.js';

const MX = 'mx.itu.example';

describe('the sender of a reply by e-mail', () => {
  it('believes only the Authentication-Results of the trusted server, comments and all', () => {
    const headers = [
      'mx.itu.example; dkim=pass (2048-bit key; unprotected) header.d=msit.go.kr header.s=sel; spf=pass (sender SPF authorized) smtp.mailfrom=bounce@msit.go.kr; dmarc=pass header.from=msit.go.kr',
      'attacker.example; dkim=pass header.d=msit.go.kr',
      'MX.ITU.EXAMPLE 1; spf=softfail smtp.mailfrom=other.example; arc=none; auth=pass smtp.auth=x',
    ];
    expect(trustedAuthenticationResults(headers, MX)).toEqual([
      { method: 'dkim', result: 'pass', domain: 'msit.go.kr' },
      { method: 'spf', result: 'pass', domain: 'msit.go.kr' },
      { method: 'dmarc', result: 'pass', domain: 'msit.go.kr' },
    ]);
    expect(trustedAuthenticationResults(headers, null)).toEqual([]);
    // Only the topmost header of the trusted server counts: one a sender wrote below it, under its name, does not.
    expect(
      trustedAuthenticationResults(
        ['mx.itu.example; dkim=fail header.d=msit.go.kr', 'mx.itu.example; dmarc=pass header.from=msit.go.kr'],
        MX,
      ),
    ).toEqual([{ method: 'dkim', result: 'fail', domain: 'msit.go.kr' }]);
    expect(trustedAuthenticationResults(['(mx.itu.example); dkim=pass header.d=a.example'], MX)).toEqual([]);
  });

  it('reads what the sender chose as one word: a quoted local part or an escaped comment never adds a result', () => {
    const forged = [
      'mx.itu.example; spf=fail smtp.mailfrom="x\\); dmarc=pass header.from=msit.go.kr; \\("@evil.example',
      'mx.itu.example; spf=fail (sender x\\); dmarc=pass header.from=msit.go.kr; \\( is evil) smtp.mailfrom=evil.example',
    ];
    expect(trustedAuthenticationResults([forged[0]!], MX)).toEqual([
      { method: 'spf', result: 'fail', domain: 'evil.example' },
    ]);
    expect(trustedAuthenticationResults([forged[1]!], MX)).toEqual([
      { method: 'spf', result: 'fail', domain: 'evil.example' },
    ]);
    expect(senderVerdict('itu@msit.go.kr', trustedAuthenticationResults([forged[0]!], MX))).toBe('failed');
  });

  it('aligns a domain with the From domain when they are the same or one is a sub-domain of the other', () => {
    expect(aligned('msit.go.kr', 'msit.go.kr')).toBe(true);
    expect(aligned('msit.go.kr', 'mail.msit.go.kr')).toBe(true);
    expect(aligned('mail.msit.go.kr', 'msit.go.kr')).toBe(true);
    expect(aligned('a.msit.go.kr', 'b.msit.go.kr')).toBe(false);
    expect(aligned('evilmsit.go.kr', 'msit.go.kr')).toBe(false);
  });

  it('calls a sender authenticated when an aligned DKIM, SPF or DMARC result passed, failed when the server checked and none did', () => {
    const from = 'itu@msit.go.kr';
    expect(senderVerdict(from, [])).toBe('unknown');
    expect(senderVerdict(from, [{ method: 'dkim', result: 'pass', domain: 'msit.go.kr' }])).toBe('authenticated');
    expect(senderVerdict(from, [{ method: 'spf', result: 'pass', domain: 'mail.msit.go.kr' }])).toBe('authenticated');
    expect(senderVerdict(from, [{ method: 'dmarc', result: 'pass', domain: 'msit.go.kr' }])).toBe('authenticated');
    // Passed, but for someone else's domain: a forger signs with its own key.
    expect(senderVerdict(from, [{ method: 'dkim', result: 'pass', domain: 'forger.example' }])).toBe('failed');
    expect(
      senderVerdict(from, [
        { method: 'dkim', result: 'fail', domain: 'msit.go.kr' },
        { method: 'spf', result: 'softfail', domain: 'msit.go.kr' },
      ]),
    ).toBe('failed');
    expect(senderVerdict(null, [{ method: 'dkim', result: 'pass', domain: 'msit.go.kr' }])).toBe('failed');
  });

  it('matches the one State an address is registered for, and never guesses', () => {
    const registered: Record<string, string[]> = {
      'itu@msit.go.kr': ['KR'],
      'shared@regional.example': ['BF', 'ML'],
    };
    const statesOf = (address: string) => registered[address] ?? [];
    expect(matchSender(['ITU@msit.go.kr '], 'authenticated', statesOf, false)).toEqual({
      memberState: 'KR',
      problem: null,
    });
    expect(matchSender(['itu@msit.go.kr'], 'unknown', statesOf, false)).toEqual({ memberState: 'KR', problem: null });
    expect(matchSender(['itu@msit.go.kr'], 'unknown', statesOf, true)).toEqual({
      memberState: null,
      problem: 'SENDER_NOT_AUTHENTICATED',
    });
    expect(matchSender(['itu@msit.go.kr'], 'failed', statesOf, false)).toEqual({
      memberState: null,
      problem: 'SENDER_AUTHENTICATION_FAILED',
    });
    expect(matchSender(['shared@regional.example'], 'authenticated', statesOf, false).problem).toBe(
      'SENDER_OF_SEVERAL_STATES',
    );
    expect(matchSender(['someone@else.example'], 'authenticated', statesOf, false).problem).toBe('SENDER_UNKNOWN');
    expect(matchSender([], 'unknown', statesOf, false).problem).toBe('SENDER_MISSING');
    // Two From headers (DKIM signs one, a mail reader shows the other): neither is believed.
    expect(matchSender(['itu@msit.go.kr', 'attacker@gmail.example'], 'authenticated', statesOf, false)).toEqual({
      memberState: null,
      problem: 'SENDER_AMBIGUOUS',
    });
  });
});

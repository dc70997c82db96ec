import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, ORG_LOGO_MAX_BYTES } from './config.js';

/** The configuration of an environment that sets only `vars` (and a data folder that is never created). */
const configWith = (vars: Record<string, string>) =>
  loadConfig({ DATA_DIR: '/nonexistent/assent-config-test', ...vars });

describe('METRICS_TOKEN and METRICS_PUBLIC', () => {
  it('keeps /metrics closed by default: no token, not public', () => {
    expect(configWith({})).toMatchObject({ metricsToken: null, metricsPublic: false });
  });

  it('takes a token, or opens the metrics on purpose', () => {
    expect(configWith({ METRICS_TOKEN: ' scrape ' })).toMatchObject({ metricsToken: 'scrape', metricsPublic: false });
    expect(configWith({ METRICS_PUBLIC: 'on' })).toMatchObject({ metricsToken: null, metricsPublic: true });
    expect(configWith({ METRICS_PUBLIC: 'off', METRICS_TOKEN: 'scrape' })).toMatchObject({ metricsPublic: false });
  });

  it('refuses METRICS_PUBLIC=on with a METRICS_TOKEN, naming both', () => {
    expect(() => configWith({ METRICS_PUBLIC: 'on', METRICS_TOKEN: 'scrape' })).toThrow(
      /^METRICS_PUBLIC=on opens \/metrics to anyone, but METRICS_TOKEN is set too/,
    );
    expect(() => configWith({ METRICS_PUBLIC: 'sometimes' })).toThrow(/^METRICS_PUBLIC must be on or off/);
  });
});

describe('AUDIT_SEAL', () => {
  it('leaves the choice to the database by default, and takes either mode', () => {
    expect(configWith({}).auditSeal).toBeNull();
    expect(configWith({ AUDIT_SEAL: ' after-commit ' }).auditSeal).toBe('after-commit');
    expect(configWith({ AUDIT_SEAL: 'before-commit' }).auditSeal).toBe('before-commit');
  });

  it('refuses anything else, naming the variable and the modes', () => {
    expect(() => configWith({ AUDIT_SEAL: 'never' })).toThrow(ConfigError);
    expect(() => configWith({ AUDIT_SEAL: 'never' })).toThrow(
      'AUDIT_SEAL must be before-commit or after-commit (got "never")',
    );
  });
});

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default, nor when off', () => {
    expect(configWith({}).trustProxy).toBe(false);
    for (const off of ['', 'off', 'OFF', 'false', 'no', '0'])
      expect(configWith({ TRUST_PROXY: off }).trustProxy).toBe(false);
  });

  it.each(['on', 'ON', 'true', 'yes', 'all', '*'])(
    'refuses TRUST_PROXY=%s, which would trust every hop, with a message naming the variable and what to give',
    (value) => {
      expect(() => configWith({ TRUST_PROXY: value })).toThrow(ConfigError);
      expect(() => configWith({ TRUST_PROXY: value })).toThrow(
        /^TRUST_PROXY=.* would let any client choose its own address through X-Forwarded-For; give the addresses of the reverse proxies/,
      );
    },
  );

  it.each(['1', '2', '10'])('refuses a number of hops (%s), which cannot tell a proxy from a client', (value) => {
    expect(() => configWith({ TRUST_PROXY: value })).toThrow(/^TRUST_PROXY=\d+: a number of proxies cannot tell/);
  });

  it('takes a list of proxy addresses, CIDR ranges and proxy-addr names', () => {
    expect(configWith({ TRUST_PROXY: '10.0.0.5' }).trustProxy).toEqual(['10.0.0.5']);
    expect(configWith({ TRUST_PROXY: ' 10.0.0.5, 10.0.1.0/24 ,loopback,fd00::/8,::1' }).trustProxy).toEqual([
      '10.0.0.5',
      '10.0.1.0/24',
      'loopback',
      'fd00::/8',
      '::1',
    ]);
    expect(configWith({ TRUST_PROXY: 'LinkLocal,uniquelocal' }).trustProxy).toEqual(['linklocal', 'uniquelocal']);
  });

  it.each([
    ['10.0.0.256', '10.0.0.256'],
    ['10.0.0.0/33', '10.0.0.0/33'],
    ['::1/129', '::1/129'],
    ['10.0.0.0/24/8', '10.0.0.0/24/8'],
    ['10.0.0.5,,10.0.0.6', ''],
    ['proxy.internal', 'proxy.internal'],
    ['10.0.0.5, everything', 'everything'],
  ])('refuses %s, naming the entry that is wrong', (value, wrong) => {
    expect(() => configWith({ TRUST_PROXY: value })).toThrow(ConfigError);
    expect(() => configWith({ TRUST_PROXY: value })).toThrow(`"${wrong}" is none of these`);
  });
});

describe('ORG_NAME and ORG_LOGO', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'assent-org-'));
  const svg = path.join(folder, 'logo.svg');
  writeFileSync(
    svg,
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>',
  );
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('names nobody by default, and takes a name, names by language and a logo', () => {
    expect(configWith({}).organisation).toEqual({ names: {}, logo: null });
    expect(
      configWith({ ORG_NAME: ' ITU ', ORG_NAME_FR: 'UIT', ORG_NAME_AR: 'الاتحاد', ORG_LOGO: svg }).organisation,
    ).toEqual({ names: { default: 'ITU', fr: 'UIT', ar: 'الاتحاد' }, logo: svg });
  });

  it('refuses a logo that is missing, not SVG or PNG, or too heavy for every page, naming ORG_LOGO', () => {
    expect(() => configWith({ ORG_LOGO: path.join(folder, 'none.svg') })).toThrow(/ORG_LOGO must name a readable file/);
    expect(() => configWith({ ORG_LOGO: folder })).toThrow(/ORG_LOGO must be an \.svg or \.png file/);
    const gif = path.join(folder, 'logo.gif');
    writeFileSync(gif, 'GIF89a');
    expect(() => configWith({ ORG_LOGO: gif })).toThrow(/ORG_LOGO must be an \.svg or \.png file/);
    const heavy = path.join(folder, 'heavy.png');
    writeFileSync(heavy, Buffer.alloc(ORG_LOGO_MAX_BYTES + 1));
    expect(() => configWith({ ORG_LOGO: heavy })).toThrow(/ORG_LOGO must be at most 102400 bytes/);
    expect(() => configWith({ ORG_NAME_ES: 'x'.repeat(121) })).toThrow(/ORG_NAME_ES must be at most 120 characters/);
  });
});

describe('PASSWORD_RESET_MINUTES', () => {
  it('lets a "Forgot your password?" link live an hour by default, or what is set', () => {
    expect(configWith({}).passwordResetMinutes).toBe(60);
    expect(configWith({ PASSWORD_RESET_MINUTES: '15' }).passwordResetMinutes).toBe(15);
  });

  it('refuses less than 5 minutes, more than a day, or anything not a whole number', () => {
    for (const value of ['4', '1441', '0.5', 'an hour'])
      expect(() => configWith({ PASSWORD_RESET_MINUTES: value })).toThrow(
        /^PASSWORD_RESET_MINUTES must be a whole number from 5 to 1440/,
      );
  });
});

import { describe, expect, it } from 'vitest';
import { inLocale } from './locale-url.js';
import { landingPage, refererPath, safeNext, withNext } from './next-page.js';

describe('where a person goes after signing in', () => {
  it('follows a path of this site, with its query', () => {
    expect(safeNext('/my/consultations/tsb-79-2023/reply')).toBe('/my/consultations/tsb-79-2023/reply');
    expect(safeNext('/secretariat/consultations/x/replies?status=not-replied')).toBe(
      '/secretariat/consultations/x/replies?status=not-replied',
    );
  });

  it('follows nothing that leaves the site, goes round in circles or is not a plain path', () => {
    for (const value of [
      undefined,
      null,
      '',
      'https://evil.example/',
      '//evil.example/',
      '/\\evil.example',
      'javascript:alert(1)',
      '/my page',
      '/my\npage',
      '/login',
      '/login/verify',
      '/fr/login?next=/my',
      '/logout',
      `/${'a'.repeat(1000)}`,
    ])
      expect(safeNext(value), String(value)).toBeNull();
    expect(safeNext('/login-help')).toBe('/login-help');
  });

  it('adds the address to a query, and sends each role to its work', () => {
    expect(withNext('/login', '/my?x=1')).toBe('/login?next=%2Fmy%3Fx%3D1');
    expect(withNext('/login?notice=session-expired', '/my')).toBe('/login?notice=session-expired&next=%2Fmy');
    expect(withNext('/login', null)).toBe('/login');
    expect(landingPage('secretariat_admin')).toBe('/secretariat');
    expect(landingPage('secretariat_staff')).toBe('/secretariat');
    expect(landingPage('focal_point')).toBe('/my');
    expect(landingPage('observer')).toBe('/');
  });
});

describe('the page a form was posted from', () => {
  it('is the Referer’s path and query when it is this host, and nothing otherwise', () => {
    expect(refererPath('https://assent.example/fr/my/consultations/x/reply?a=1', 'assent.example')).toBe(
      '/fr/my/consultations/x/reply?a=1',
    );
    expect(refererPath('http://127.0.0.1:3000/en/my', '127.0.0.1:3000')).toBe('/en/my');
    for (const [referer, host] of [
      [undefined, 'assent.example'],
      ['https://assent.example/my', undefined],
      ['https://evil.example/my', 'assent.example'],
      ['https://assent.example:444/my', 'assent.example'],
      ['javascript:alert(1)', 'assent.example'],
      ['not a url', 'assent.example'],
    ] as const)
      expect(refererPath(referer, host), String(referer)).toBeNull();
  });
});

describe('a path in another language', () => {
  it('replaces the locale prefix, or adds one, keeping the query', () => {
    expect(inLocale('ar', '/fr/my/consultations/x/reply?y=1')).toBe('/ar/my/consultations/x/reply?y=1');
    expect(inLocale('ar', '/fr')).toBe('/ar/');
    expect(inLocale('zh', '/my')).toBe('/zh/my');
    expect(inLocale('ru', '/')).toBe('/ru/');
    // Two letters that are no locale are a path like any other.
    expect(inLocale('es', '/xx/page')).toBe('/es/xx/page');
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { chromiumPreference, locateChromium } from './chromium.js';

/**
 * Which Chromium prints the PDFs: CHROMIUM_PATH alone when set; otherwise the npm package's first
 * (its version is Assent's, so its bytes are the tests'), a system one first with CHROMIUM=system.
 * A stand-in "system Chromium" (an executable file in a temporary folder) plays the system's.
 */
describe('choosing Chromium', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-chromium-'));
  const system = path.join(dir, 'chromium');
  fs.writeFileSync(system, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  const systemPaths = [path.join(dir, 'absent'), system];
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('takes the npm package’s Chromium by default, before a system one', async () => {
    const location = await locateChromium({}, systemPaths);
    expect(location?.source).toBe('npm (@sparticuz/chromium)');
    expect(location?.executablePath).not.toBe(system);
  });

  it('takes the system’s first with CHROMIUM=system, and falls back to the npm package’s without one', async () => {
    expect(await locateChromium({ CHROMIUM: 'system' }, systemPaths)).toEqual({
      executablePath: system,
      source: 'system',
    });
    expect((await locateChromium({ CHROMIUM: 'System' }, [path.join(dir, 'absent')]))?.source).toBe(
      'npm (@sparticuz/chromium)',
    );
  });

  it('takes CHROMIUM_PATH alone when set: a wrong path means no Chromium, not another one', async () => {
    expect(await locateChromium({ CHROMIUM_PATH: system, CHROMIUM: 'bundled' }, [])).toEqual({
      executablePath: system,
      source: 'CHROMIUM_PATH',
    });
    expect(await locateChromium({ CHROMIUM_PATH: path.join(dir, 'absent') }, systemPaths)).toBeNull();
  });

  it('refuses any other CHROMIUM value, at the start, naming the setting and its values', () => {
    expect(chromiumPreference({})).toBe('bundled');
    expect(() => chromiumPreference({ CHROMIUM: 'debian' })).toThrow(
      'CHROMIUM must be one of bundled, system (got "debian")',
    );
    expect(() => loadConfig({ CHROMIUM: 'debian', DATA_DIR: dir })).toThrow(/CHROMIUM must be one of bundled, system/);
  });
});

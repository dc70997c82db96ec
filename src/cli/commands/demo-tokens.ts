import fs from 'node:fs';
import path from 'node:path';
import type { DemoTokens } from '../../services/seed-demo.js';

/** Where the demo tokens are kept between runs: the seed creates them once, later starts read them. */
export function demoTokensFile(dataDir: string): string {
  return path.join(dataDir, 'demo-tokens.json');
}

/**
 * Saves the demo tokens for later `serve --demo` banners. The file holds bearer secrets, so it
 * is readable by its owner only (0600), also when it already existed with wider rights.
 */
export function writeDemoTokens(dataDir: string, tokens: DemoTokens): string {
  const file = demoTokensFile(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return file;
}

/** The saved demo tokens, or null when there is no (readable, well-formed) file. */
export function readDemoTokens(dataDir: string): DemoTokens | null {
  let text: string;
  try {
    text = fs.readFileSync(demoTokensFile(dataDir), 'utf8');
  } catch {
    return null;
  }
  try {
    const value = JSON.parse(text) as Partial<DemoTokens>;
    if (
      typeof value.secretariat !== 'string' ||
      typeof value.observer !== 'string' ||
      !Array.isArray(value.focalPoints)
    )
      return null;
    return value as DemoTokens;
  } catch {
    return null;
  }
}

/** The tokens as labelled lines. */
export function formatDemoTokens(tokens: DemoTokens, indent = '  '): string {
  const rows: [string, string][] = [
    ['secretariat', tokens.secretariat],
    ...tokens.focalPoints.map((f): [string, string] => [`focal point ${f.memberState}`, f.token]),
    ['observer', tokens.observer],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return `${rows.map(([label, token]) => `${indent}${label.padEnd(width + 2)}${token}`).join('\n')}\n`;
}

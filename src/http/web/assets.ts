import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A static file held in memory, with its fingerprinted name. */
export interface Asset {
  /** The URL with the content's SHA-256 (8 hex digits) in the name, e.g. `/assets/app.1a2b3c4d.css`. */
  readonly href: string;
  readonly fileName: string;
  readonly body: Buffer;
  readonly contentType: string;
}

/**
 * Reads the stylesheet once, at start. The same path works from src/ (tsx, vitest) and from dist/
 * (the build keeps the folder depth), so no copy step is needed. A fingerprinted URL lets the
 * browser keep the file for a year: a new stylesheet gets a new URL.
 */
export function loadStylesheet(): Asset {
  const body = readFileSync(new URL('../../../public/assets/app.css', import.meta.url));
  const fingerprint = createHash('sha256').update(body).digest('hex').slice(0, 8);
  const fileName = `app.${fingerprint}.css`;
  return { href: `/assets/${fileName}`, fileName, body, contentType: 'text/css; charset=utf-8' };
}

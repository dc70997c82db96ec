import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A static file held in memory, with its fingerprinted name. */
export interface Asset {
  /** The URL with the content's SHA-256 (8 hex digits) in the name, e.g. `/assets/app.1a2b3c4d.css`. */
  readonly href: string;
  readonly fileName: string;
  /** The plain name (`app.css`), served revalidated for bookmarks and tools. */
  readonly plainName: string;
  readonly body: Buffer;
  readonly contentType: string;
}

const loaded = new Map<string, Asset>();

/**
 * Reads a file of public/assets once. The same path works from src/ (tsx, vitest) and from dist/
 * (the build keeps the folder depth), so no copy step is needed. A fingerprinted URL lets the
 * browser keep the file for a year: a new version gets a new URL.
 */
function loadAsset(plainName: string, contentType: string): Asset {
  let asset = loaded.get(plainName);
  if (!asset) {
    asset = assetOf(
      readFileSync(new URL(`../../../public/assets/${plainName}`, import.meta.url)),
      plainName,
      contentType,
    );
    loaded.set(plainName, asset);
  }
  return asset;
}

/** A file's content under a fingerprinted name. */
function assetOf(body: Buffer, plainName: string, contentType: string): Asset {
  const fingerprint = createHash('sha256').update(body).digest('hex').slice(0, 8);
  const dot = plainName.lastIndexOf('.');
  const fileName = `${plainName.slice(0, dot)}.${fingerprint}${plainName.slice(dot)}`;
  return { href: `/assets/${fileName}`, fileName, plainName, body, contentType };
}

/**
 * The organisation's logo (ORG_LOGO: an SVG or PNG file, checked by the configuration), read once
 * at start and served as `/assets/logo.<fingerprint>.svg|png`.
 */
export function logoAsset(file: string): Asset {
  const png = file.toLowerCase().endsWith('.png');
  return assetOf(readFileSync(file), png ? 'logo.png' : 'logo.svg', png ? 'image/png' : 'image/svg+xml');
}

/** The one stylesheet. */
export function loadStylesheet(): Asset {
  return loadAsset('app.css', 'text/css; charset=utf-8');
}

/** The one script: small progressive enhancements (every page works without it). */
export function loadScript(): Asset {
  return loadAsset('app.js', 'text/javascript; charset=utf-8');
}

/** The site's icon (SVG: one file for every size), also answered at /favicon.ico for tools that only ask there. */
export function loadIcon(): Asset {
  return loadAsset('favicon.svg', 'image/svg+xml');
}

/** The icon's fingerprinted URL. */
export function iconHref(): string {
  return loadIcon().href;
}

/** The stylesheet's fingerprinted URL. */
export function stylesheetHref(): string {
  return loadStylesheet().href;
}

/** The script's fingerprinted URL. */
export function scriptHref(): string {
  return loadScript().href;
}

/** Every asset the pages use. */
export function allAssets(): Asset[] {
  return [loadStylesheet(), loadScript(), loadIcon()];
}

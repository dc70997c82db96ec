import { renderSVG } from 'uqr';

/**
 * An otpauth:// URI as an SVG QR code in a `data:` URI, for an `<img>` with a text alternative:
 * the CSP allows `data:` images, and nothing inline is needed. Error correction L (a code on a
 * screen is not smudged) and one unit per module keep it small (about 14 KB of SVG for a seed
 * URI, 19 KB in base64); CSS scales the image.
 */
export function qrCodeDataUri(text: string): string {
  const svg = renderSVG(text, { ecc: 'L', border: 2, pixelSize: 1 });
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

/** A base32 key in groups of four characters, for typing by hand. */
export function keyGroups(seed: string): string[] {
  return seed.match(/.{1,4}/g) ?? [];
}

/** A 6-digit code as typed: spaces (some apps show "123 456") are dropped. */
export function normaliseTotp(code: string | undefined): string {
  return (code ?? '').replace(/\s+/g, '');
}

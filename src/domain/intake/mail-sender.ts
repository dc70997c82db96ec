/**
 * Who sent a reply by e-mail (issue 18, part 2): whether the sender is authenticated, and which
 * Member State its address belongs to. Assent does not check DKIM signatures or SPF records
 * itself: the mail server in front of it does, and says so in an Authentication-Results header
 * (RFC 8601) under its own name, the authserv-id. Only results under the configured authserv-id
 * are believed (anyone can write such a header; a receiving server removes those claiming its own
 * name). Pure.
 */

/** One result of an Authentication-Results header: the method, its result, and the domain it vouches for. */
export interface AuthenticationResult {
  readonly method: 'dkim' | 'spf' | 'dmarc';
  readonly result: string;
  /** dkim: header.d (or the domain of header.i); spf: the domain of smtp.mailfrom (or smtp.helo); dmarc: header.from. */
  readonly domain: string | null;
}

/**
 * Whether the sender's address is vouched for:
 * - `authenticated`: DMARC passed for the From domain, or DKIM or SPF passed for a domain aligned with it;
 * - `failed`: the trusted server checked, and nothing aligned passed (a forged sender, or a broken one);
 * - `unknown`: no result from the trusted server (none configured, or the message did not pass through it).
 */
export type SenderVerdict = 'authenticated' | 'failed' | 'unknown';

/** Why a message is not matched to a State. */
export type SenderProblem =
  /** No From address at all. */
  | 'SENDER_MISSING'
  /** Several From headers or addresses: which one DKIM vouched for cannot be told (a known forgery). */
  | 'SENDER_AMBIGUOUS'
  /** The address is no registered contact or focal point of any State. */
  | 'SENDER_UNKNOWN'
  /** The address is registered for more than one State. */
  | 'SENDER_OF_SEVERAL_STATES'
  /** The trusted server checked the sender and nothing passed: never matched. */
  | 'SENDER_AUTHENTICATION_FAILED'
  /** No authentication result, and the installation requires one (MAIL_IN_REQUIRE_AUTH). */
  | 'SENDER_NOT_AUTHENTICATED';

const METHODS = new Set(['dkim', 'spf', 'dmarc']);

/**
 * The statements of an Authentication-Results header, each as its words (RFC 8601 §2.2 over RFC
 * 5322's lexical rules): comments, nested and with quoted pairs, count as spaces; a quoted string
 * is one word (its quotes and escapes removed), so text the sender chose — a local part quoted in
 * `smtp.mailfrom`, a comment — can never end a statement or start another.
 */
function statementsOf(header: string): string[][] {
  const statements: string[][] = [[]];
  let word: string | null = null;
  let depth = 0;
  let quoted = false;
  const endWord = () => {
    if (word !== null) statements.at(-1)!.push(word);
    word = null;
  };
  for (let index = 0; index < header.length; index++) {
    const char = header[index]!;
    if (quoted) {
      if (char === '\\') word = (word ?? '') + (header[++index] ?? '');
      else if (char === '"') quoted = false;
      else word = (word ?? '') + char;
    } else if (depth > 0) {
      if (char === '\\') index++;
      else if (char === '(') depth++;
      else if (char === ')') depth--;
    } else if (char === '(') {
      endWord();
      depth = 1;
    } else if (char === '"') {
      quoted = true;
      word ??= '';
    } else if (char === ';') {
      endWord();
      statements.push([]);
    } else if (/\s/.test(char)) endWord();
    else word = (word ?? '') + char;
  }
  endWord();
  return statements;
}

const domainOf = (address: string): string | null => {
  const at = address.lastIndexOf('@');
  const domain = (at >= 0 ? address.slice(at + 1) : address).trim().toLowerCase().replace(/\.$/, '');
  return /^[a-z0-9.-]+$/.test(domain) && domain.includes('.') ? domain : null;
};

/**
 * The results the trusted server wrote, from the Authentication-Results headers of a message (their
 * values, top first): only the topmost header under its name, `authservId` — the one it added on
 * receiving the message, above anything that came with it — is read; none when no server is
 * trusted (null). Only DKIM (header.d, else header.i), SPF (smtp.mailfrom) and DMARC (header.from)
 * results are kept.
 */
export function trustedAuthenticationResults(
  headers: readonly string[],
  authservId: string | null,
): AuthenticationResult[] {
  if (authservId === null) return [];
  for (const header of headers) {
    const [served, ...statements] = statementsOf(header);
    if (served?.[0]?.toLowerCase() !== authservId.toLowerCase()) continue;
    const results: AuthenticationResult[] = [];
    for (const words of statements) {
      const [method, result] = (words[0] ?? '').toLowerCase().split('=');
      if (method === undefined || result === undefined || !METHODS.has(method)) continue;
      const properties = new Map(
        words.slice(1).flatMap((word) => {
          const at = word.indexOf('=');
          return at > 0 ? [[word.slice(0, at).toLowerCase(), word.slice(at + 1)] as const] : [];
        }),
      );
      const vouched =
        method === 'dkim'
          ? (properties.get('header.d') ?? properties.get('header.i'))
          : method === 'spf'
            ? properties.get('smtp.mailfrom')
            : properties.get('header.from');
      results.push({
        method: method as AuthenticationResult['method'],
        result,
        domain: vouched === undefined ? null : domainOf(vouched),
      });
    }
    return results;
  }
  return [];
}

/**
 * Whether `domain` is aligned with the From domain: the same, or one a sub-domain of the other
 * (DMARC's relaxed alignment, without the public suffix list: "mail.gov.example" aligns with
 * "gov.example", but two sub-domains of one parent do not align with each other).
 */
export function aligned(domain: string, fromDomain: string): boolean {
  return domain === fromDomain || fromDomain.endsWith(`.${domain}`) || domain.endsWith(`.${fromDomain}`);
}

/** The verdict on a sender from the trusted results (see SenderVerdict). */
export function senderVerdict(fromAddress: string | null, results: readonly AuthenticationResult[]): SenderVerdict {
  if (results.length === 0) return 'unknown';
  const fromDomain = fromAddress === null ? null : domainOf(fromAddress);
  if (fromDomain === null) return 'failed';
  const passed = results.some(
    (r) =>
      r.result === 'pass' &&
      r.domain !== null &&
      (r.method === 'dmarc' ? r.domain === fromDomain : aligned(r.domain, fromDomain)),
  );
  return passed ? 'authenticated' : 'failed';
}

/**
 * The State a message is matched to: the one State whose registered contacts or focal points
 * include its one From address (compared without case; a message with several From headers or
 * addresses matches none), unless the sender failed authentication, or is not authenticated
 * where that is required. Never guessed: anything else waits for the
 * secretariat, with the reason.
 */
export function matchSender(
  fromAddresses: readonly string[],
  verdict: SenderVerdict,
  statesOf: (address: string) => readonly string[],
  requireAuthentication: boolean,
): { readonly memberState: string | null; readonly problem: SenderProblem | null } {
  const senders = fromAddresses.map((address) => address.trim()).filter((address) => address !== '');
  if (senders.length === 0) return { memberState: null, problem: 'SENDER_MISSING' };
  if (senders.length > 1) return { memberState: null, problem: 'SENDER_AMBIGUOUS' };
  const states = [...new Set(statesOf(senders[0]!.toLowerCase()))];
  if (states.length === 0) return { memberState: null, problem: 'SENDER_UNKNOWN' };
  if (states.length > 1) return { memberState: null, problem: 'SENDER_OF_SEVERAL_STATES' };
  if (verdict === 'failed') return { memberState: null, problem: 'SENDER_AUTHENTICATION_FAILED' };
  if (verdict === 'unknown' && requireAuthentication) return { memberState: null, problem: 'SENDER_NOT_AUTHENTICATED' };
  return { memberState: states[0]!, problem: null };
}

import type { FastifyInstance, HTTPMethods } from 'fastify';

/** One route of the router: `method` and its `pattern` as Fastify spells it (`/a/:id/b`, `/docs/*`). */
export interface RegisteredRoute {
  readonly method: HTTPMethods;
  readonly pattern: string;
  /** `"METHOD /pattern"`, the key the security tables use. */
  readonly key: string;
}

/**
 * Every route the built app answers, read from Fastify's own radix tree (`printRoutes()`: one
 * node per line, four characters of indentation per level, each node's segment continuing its
 * parent's path, its methods in brackets; nodes without methods are shared prefixes). HEAD
 * routes Fastify adds for each GET are left out. The radix form is used, not
 * `commonPrefix: false`, because the latter drops the prefix of a wildcard node (it prints
 * `/api/docs/static/*` as `/api/docs/*`). Each route found is checked back with `app.hasRoute`,
 * so a misread tree fails loudly instead of silently changing the list the tests iterate over.
 */
export function registeredRoutes(app: FastifyInstance): RegisteredRoute[] {
  const stack: string[] = [];
  const keys = new Set<string>();
  for (const line of app.printRoutes({ includeHooks: false }).split('\n')) {
    if (line.trim() === '') continue;
    const match = /^([\s│├└─]*)(\S+)(?: \(([^)]*)\))?$/u.exec(line);
    if (!match) throw new Error(`Unexpected route tree line: ${line}`);
    const depth = match[1]!.length / 4;
    stack.length = depth - 1;
    stack.push(match[2]!);
    const pattern = stack.join('');
    for (const method of match[3]?.split(', ') ?? []) if (method !== 'HEAD') keys.add(`${method} ${pattern}`);
  }
  const routes = [...keys].sort().map((key) => {
    const [method, pattern] = key.split(' ') as [HTTPMethods, string];
    return { method, pattern, key };
  });
  for (const route of routes) {
    if (!app.hasRoute({ method: route.method, url: route.pattern }))
      throw new Error(`The route tree lists ${route.key}, but the router does not have it`);
  }
  return routes;
}

/** The names of the parameters of a pattern, in order (`*` for a wildcard). */
export function pathParameters(pattern: string): string[] {
  return [...pattern.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? '*');
}

/** The pattern with each parameter replaced by its value, URL-encoded (a wildcard's value is used as is). */
export function fillPath(pattern: string, values: Readonly<Record<string, string>>): string {
  return pattern.replace(/:(\w+)|\*/g, (whole, name: string | undefined) => {
    const value = values[name ?? '*'];
    if (value === undefined) throw new Error(`No value for ${whole} in ${pattern}`);
    return name === undefined ? value : encodeURIComponent(value);
  });
}

/** True for the methods that change something. */
export function isWrite(method: HTTPMethods): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method);
}

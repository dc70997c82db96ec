import AjvCompiler from '@fastify/ajv-compiler';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';

/**
 * Fastify's own schema compilers (Ajv for requests, fast-json-stringify for responses), each
 * route's compiled on its first request instead of at start. Compiling every route's schemas at
 * `ready()` was a quarter of the time from start to the first answer (0.7 s of 2.8 s); a route
 * compiles in milliseconds when it is first asked for, and most routes of a given instance are
 * asked for rarely. What is compiled is the same, by the same compilers with the same options, and
 * Fastify calls it as it calls its own:
 *
 * - a header schema's property names are lower-cased first, as Fastify does for its own compiler
 *   (given a compiler of its own, it would leave them as written);
 * - the validator says it is Ajv's (`schemaEnv`), so Fastify hands it the parent object and a
 *   root value Ajv changes is kept.
 *
 * A schema that cannot compile would fail its route's requests (500) instead of the start:
 * `compileAllSchemas` compiles every one the app holds, and a test runs it on the whole app.
 */
type ValidatorBuilder = ReturnType<typeof AjvCompiler>;
type SerializerBuilder = ReturnType<typeof SerializerSelector>;
type Validate = ((data: unknown, context?: unknown) => unknown) & { errors?: unknown; schemaEnv?: unknown };
interface RouteSchemaDefinition {
  readonly schema: unknown;
  readonly httpPart?: string;
}

/** Header names are case-insensitive: a header schema's properties and required names in lower case. */
function lowerCaseHeaders(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null || Object.getPrototypeOf(schema) !== Object.prototype)
    return schema;
  const source = schema as { properties?: Record<string, unknown>; required?: unknown };
  const copy: Record<string | symbol, unknown> = { ...(schema as Record<string | symbol, unknown>) };
  if (source.properties)
    copy.properties = Object.fromEntries(Object.entries(source.properties).map(([k, v]) => [k.toLowerCase(), v]));
  if (Array.isArray(source.required)) copy.required = source.required.map((k) => String(k).toLowerCase());
  return copy;
}

/** The thunks that compile what is still uncompiled, per app (see compileAllSchemas). */
const pendingOf = new WeakMap<object, Set<() => void>>();

/** Compiles every schema of the app now (a test's check that none is broken). */
export function compileAllSchemas(app: FastifyInstance): void {
  const pending = pendingOf.get(app);
  if (!pending) throw new Error('compileAllSchemas: this app does not use lazySchemaController');
  for (const compile of [...pending]) compile();
}

export interface LazySchemas {
  readonly controller: NonNullable<FastifyServerOptions['schemaController']>;
  /** Ties the compilers to their app, for compileAllSchemas. */
  attach(app: FastifyInstance): void;
}

export function lazySchemaController(): LazySchemas {
  const pending = new Set<() => void>();
  const validators: ValidatorBuilder = AjvCompiler();
  const serializers: SerializerBuilder = SerializerSelector();

  const buildValidator = ((externalSchemas: unknown, options: unknown) => {
    const compiler = (validators as (...args: unknown[]) => (definition: unknown) => Validate)(
      externalSchemas,
      options,
    );
    return (definition: RouteSchemaDefinition) => {
      const prepared =
        definition.httpPart === 'headers' ? { ...definition, schema: lowerCaseHeaders(definition.schema) } : definition;
      let real: Validate | undefined;
      const compile = () => {
        real ??= compiler(prepared);
        pending.delete(compile);
        return real;
      };
      pending.add(compile);
      const validate: Validate = (data, context) => {
        const fn = real ?? compile();
        const result = context === undefined ? fn(data) : fn(data, context);
        validate.errors = fn.errors;
        return result;
      };
      validate.errors = null;
      // Ajv's validators have it; Fastify then passes the parent object (see the comment above).
      validate.schemaEnv = true;
      return validate;
    };
  }) as unknown as ValidatorBuilder;

  const buildSerializer = ((externalSchemas: unknown, options: unknown) => {
    const compiler = (serializers as (...args: unknown[]) => (definition: unknown) => (data: unknown) => string)(
      externalSchemas,
      options,
    );
    return (definition: unknown) => {
      let real: ((data: unknown) => string) | undefined;
      const compile = () => {
        real ??= compiler(definition);
        pending.delete(compile);
        return real;
      };
      pending.add(compile);
      return (data: unknown) => (real ?? compile())(data);
    };
  }) as unknown as SerializerBuilder;

  return {
    controller: { compilersFactory: { buildValidator, buildSerializer } },
    attach: (app) => pendingOf.set(app, pending),
  };
}

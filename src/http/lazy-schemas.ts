import AjvCompiler from '@fastify/ajv-compiler';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

/**
 * Fastify's own schema compilers (Ajv for requests, fast-json-stringify for responses), each
 * route's compiled on its first request instead of at start. Compiling every route's schemas at
 * `ready()` was a quarter of the time from start to the first answer (0.7 s of 2.8 s); a route
 * compiles in milliseconds when it is first asked for, and most routes of a given instance are
 * asked for rarely. What is compiled is the same, by the same compilers with the same options, so
 * requests are validated and answers serialised exactly as before. A schema that cannot compile
 * fails its route's first request (a 500 naming nothing to the client) instead of the start: the
 * test suite asks every route, so such a schema does not get past it.
 */
type ValidatorBuilder = ReturnType<typeof AjvCompiler>;
type SerializerBuilder = ReturnType<typeof SerializerSelector>;

/** A validator that compiles its schema when it first validates; `errors` as Ajv's. */
function lazyValidator(compile: () => (data: unknown) => unknown) {
  let real: ((data: unknown) => unknown) & { errors?: unknown };
  const validate = (data: unknown) => {
    real ??= compile();
    const result = real(data);
    validate.errors = real.errors;
    return result;
  };
  validate.errors = null as unknown;
  return validate;
}

/** A serialiser that compiles its schema when it first serialises. */
function lazySerializer(compile: () => (data: unknown) => string) {
  let real: (data: unknown) => string;
  return (data: unknown) => {
    real ??= compile();
    return real(data);
  };
}

export function lazySchemaController(): NonNullable<FastifyServerOptions['schemaController']> {
  const validators: ValidatorBuilder = AjvCompiler();
  const serializers: SerializerBuilder = SerializerSelector();
  const buildValidator = ((externalSchemas: unknown, options: unknown) => {
    const compiler = (validators as (...args: unknown[]) => (definition: unknown) => (data: unknown) => unknown)(
      externalSchemas,
      options,
    );
    return (definition: unknown) => lazyValidator(() => compiler(definition));
  }) as unknown as ValidatorBuilder;
  const buildSerializer = ((externalSchemas: unknown, options: unknown) => {
    const compiler = (serializers as (...args: unknown[]) => (definition: unknown) => (data: unknown) => string)(
      externalSchemas,
      options,
    );
    return (definition: unknown) => lazySerializer(() => compiler(definition));
  }) as unknown as SerializerBuilder;
  return { compilersFactory: { buildValidator, buildSerializer } };
}

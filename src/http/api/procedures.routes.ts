import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { presentProcedure } from '../../presenters/procedure.presenter.js';
import { Slug } from '../../schemas/common.schema.js';
import { ItemsOf, ProcedureView, problemResponses } from '../../schemas/responses.schema.js';
import { getProcedure, listProcedures } from '../../services/procedures.js';

const ProcedureParams = Type.Object({ procedureId: Slug }, { additionalProperties: false });

/** The approval procedures Assent runs (src/procedures/registry.ts): reference data anyone may read. */
export const procedureRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['procedures'];

  app.get(
    '/procedures',
    {
      schema: {
        tags,
        summary:
          'The approval procedures: editions, phases, position kinds, the JSON Schemas of a position and of a decision, the clause table of each edition',
        response: { 200: ItemsOf(ProcedureView), ...problemResponses },
      },
    },
    async () => ({ items: listProcedures().map(presentProcedure) }),
  );

  app.get(
    '/procedures/:procedureId',
    {
      schema: {
        tags,
        summary: "One approval procedure, by the id a consultation's `procedure` names (404 NOT_FOUND for another)",
        params: ProcedureParams,
        response: { 200: ProcedureView, ...problemResponses },
      },
    },
    async (req) => presentProcedure(getProcedure(req.params.procedureId)),
  );
};

import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { findUnsafeText } from './unsafe-text.js';

/**
 * Every route's params, query and body pass here: text PostgreSQL cannot store is a 400 naming the field, for every
 * string of every contract (today's and tomorrow's), before the contract's own zod schema is applied.
 */
export const contractValidatorCompiler: FastifySchemaCompiler<z.ZodType> = (route) => {
  const validate = zodValidatorCompiler(route);
  return (data) => {
    const unsafe = findUnsafeText(data);
    if (!unsafe) return validate(data);
    const instancePath = unsafe.field === 'request' ? '' : `/${unsafe.field.replaceAll('.', '/')}`;
    return {
      error: [{ keyword: 'text', instancePath, schemaPath: '#', params: {}, message: unsafe.message }],
    };
  };
};

import { ATTR_GEN_AI_OPERATION_NAME } from '@sightline/core';
import { expect, it } from 'vitest';

it('resolves workspace packages', () => {
  expect(ATTR_GEN_AI_OPERATION_NAME).toBe('gen_ai.operation.name');
});

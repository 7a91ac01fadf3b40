import { expect, test } from 'vitest';
import { callMetricAttributes, METRIC_ATTRIBUTE_CACHE_LIMIT, type MetricIdentity } from './attributes.js';

const identity: MetricIdentity = {
  operation: 'chat',
  provider: 'openai',
  requestModel: 'gpt-4o-mini',
  responseModel: 'gpt-4o-mini-2024-07-18',
  serverAddress: 'api.openai.com',
  serverPort: 443,
  errorType: undefined,
};

test('the attribute sets carry the identity, token type and error type', () => {
  const sets = callMetricAttributes({ ...identity, errorType: '429' });
  const common = {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': 'openai',
    'gen_ai.request.model': 'gpt-4o-mini',
    'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
    'server.address': 'api.openai.com',
    'server.port': 443,
  };
  expect(sets.common).toEqual(common);
  expect(sets.duration).toEqual({ ...common, 'error.type': '429' });
  expect(sets.inputTokens).toEqual({ ...common, 'gen_ai.token.type': 'input' });
  expect(sets.outputTokens).toEqual({ ...common, 'gen_ai.token.type': 'output' });
  expect(Object.isFrozen(sets.common) && Object.isFrozen(sets.duration)).toBe(true);
});

test('absent or empty values leave their attribute out; a call without error shares the common set', () => {
  const sets = callMetricAttributes({
    operation: 'embeddings',
    provider: 'openai',
    requestModel: '',
    responseModel: undefined,
    serverAddress: undefined,
    serverPort: undefined,
    errorType: '',
  });
  expect(sets.common).toEqual({ 'gen_ai.operation.name': 'embeddings', 'gen_ai.provider.name': 'openai' });
  expect(sets.duration).toBe(sets.common);
});

test('equal identities share one object; a different field never gets another identity`s set', () => {
  expect(callMetricAttributes({ ...identity })).toBe(callMetricAttributes({ ...identity }));
  const other = callMetricAttributes({ ...identity, responseModel: 'gpt-4o-mini-2025-01-01' });
  expect(other.common['gen_ai.response.model']).toBe('gpt-4o-mini-2025-01-01');
  // Values containing the key separator build the same key string: the identity check still tells them apart.
  const a = callMetricAttributes({ ...identity, requestModel: 'm\u0000x', responseModel: 'y' });
  const b = callMetricAttributes({ ...identity, requestModel: 'm', responseModel: 'x\u0000y' });
  expect(a.common['gen_ai.request.model']).toBe('m\u0000x');
  expect(b.common['gen_ai.request.model']).toBe('m');
  expect(b.common['gen_ai.response.model']).toBe('x\u0000y');
});

test('past the cache limit, sets are still correct (built per call)', () => {
  for (let i = 0; i <= METRIC_ATTRIBUTE_CACHE_LIMIT; i++) {
    const sets = callMetricAttributes({ ...identity, requestModel: `model-${i}` });
    expect(sets.common['gen_ai.request.model']).toBe(`model-${i}`);
  }
  const late = callMetricAttributes({ ...identity, requestModel: 'beyond-the-limit', errorType: 'timeout' });
  expect(late.duration['error.type']).toBe('timeout');
  expect(late.common['gen_ai.request.model']).toBe('beyond-the-limit');
});

/**
 * The Anthropic scenarios: `@sightline/anthropic` through the REAL installed `@anthropic-ai/sdk` over real HTTP
 * to the packed fake provider, spans read from the OTel SDK under test.
 */
import Anthropic from '@anthropic-ai/sdk';
import { instrumentAnthropic } from '@sightline/anthropic';
import { faults } from '@sightline/testkit';
import {
  assert,
  endedSpans,
  expectAttributes,
  expectCost,
  expectFailed,
  expectNotFailed,
  onlySpan,
  scenario,
} from './harness.mjs';

const MODEL = 'claude-haiku-4-5';
/** claude-haiku-4-5 in @sightline/core's price table: USD per 1M tokens (not deprecated: no SDK warning). */
const PRICE = { input: 1, output: 5 };
const USAGE = { inputTokens: 1000, outputTokens: 200 };
const COST = (USAGE.inputTokens * PRICE.input + USAGE.outputTokens * PRICE.output) / 1e6;
const PARAMS = { model: MODEL, max_tokens: 256, messages: [{ role: 'user', content: 'Capital of France?' }] };

/** Runs the Anthropic scenarios against `fake`, recording into `tracing`. */
export async function anthropicScenarios({ fake, tracing }) {
  const client = () =>
    instrumentAnthropic(
      new Anthropic({ baseURL: fake.anthropicBaseURL, apiKey: 'sk-ant-compat', maxRetries: 0 }),
      { tracerProvider: tracing.provider },
    );
  const run = (name, body) =>
    scenario(`anthropic ${name}`, async () => {
      fake.reset();
      tracing.reset();
      await body(client());
    });

  await run('messages.create', async (anthropic) => {
    fake.script({
      provider: 'anthropic',
      route: 'messages',
      reply: { text: 'Paris.', id: 'msg_compat_1', usage: USAGE },
    });
    const message = await anthropic.messages.create(PARAMS);
    assert.equal(message.content[0]?.text, 'Paris.');
    const span = await onlySpan(tracing, `chat ${MODEL}`);
    expectAttributes(span, {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.request.model': MODEL,
      'gen_ai.request.max_tokens': 256,
      'gen_ai.response.id': 'msg_compat_1',
      'gen_ai.response.finish_reasons': ['end_turn'],
      'gen_ai.usage.input_tokens': USAGE.inputTokens,
      'gen_ai.usage.output_tokens': USAGE.outputTokens,
      'http.response.status_code': 200,
    });
    expectCost(span, COST);
    expectNotFailed(span);
  });

  await run('messages.stream() finalMessage', async (anthropic) => {
    fake.script({
      provider: 'anthropic',
      route: 'messages',
      reply: { text: 'Paris is the capital.', usage: USAGE },
    });
    const stream = anthropic.messages.stream(PARAMS);
    const deltas = [];
    stream.on('text', (delta) => deltas.push(delta));
    const message = await stream.finalMessage();
    assert.equal(message.content[0]?.text, 'Paris is the capital.');
    assert.equal(deltas.join(''), 'Paris is the capital.', 'the helper still emits its text events');
    const span = await onlySpan(tracing, `chat ${MODEL}`);
    expectAttributes(span, {
      'gen_ai.request.stream': true,
      'gen_ai.response.finish_reasons': ['end_turn'],
      'gen_ai.usage.input_tokens': USAGE.inputTokens,
      'gen_ai.usage.output_tokens': USAGE.outputTokens,
      'gen_ai.response.time_to_first_chunk': (value) => typeof value === 'number' && value >= 0,
    });
    expectCost(span, COST);
    expectNotFailed(span);
  });

  await run('messages.create stream: true (raw events)', async (anthropic) => {
    fake.script({
      provider: 'anthropic',
      route: 'messages',
      reply: { text: 'Paris, France.', usage: USAGE },
    });
    const stream = await anthropic.messages.create({ ...PARAMS, stream: true });
    let text = '';
    for await (const event of stream) {
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
    }
    assert.equal(text, 'Paris, France.');
    const span = await onlySpan(tracing, `chat ${MODEL}`);
    expectAttributes(span, {
      'gen_ai.request.stream': true,
      'gen_ai.response.finish_reasons': ['end_turn'],
      'gen_ai.usage.input_tokens': USAGE.inputTokens,
      'gen_ai.usage.output_tokens': USAGE.outputTokens,
      'sightline.stream.end': undefined,
    });
    expectCost(span, COST);
  });

  await run('tool_use (finish reason tool_use)', async (anthropic) => {
    fake.script({
      provider: 'anthropic',
      route: 'messages',
      reply: { toolCalls: [{ id: 'toolu_compat_1', name: 'get_weather', arguments: { city: 'Paris' } }] },
    });
    const message = await anthropic.messages.create({
      ...PARAMS,
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [
        {
          name: 'get_weather',
          input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      ],
    });
    assert.equal(message.stop_reason, 'tool_use');
    const toolUse = message.content.find((block) => block.type === 'tool_use');
    assert.deepEqual(toolUse?.input, { city: 'Paris' });
    const [span] = await endedSpans(tracing, 1);
    expectAttributes(span, {
      'gen_ai.response.finish_reasons': ['tool_use'],
      'sightline.response.tool_call.ids': ['toolu_compat_1'],
      'sightline.response.tool_call.names': ['get_weather'],
    });
  });

  await run('429 rate limit (error class and error.type)', async (anthropic) => {
    fake.script({ provider: 'anthropic', route: 'messages', fault: faults.rateLimit({ retryAfter: 1 }) });
    await assert.rejects(
      anthropic.messages.create(PARAMS),
      (error) => error instanceof Anthropic.RateLimitError && error.status === 429,
      'the app still gets Anthropic.RateLimitError',
    );
    const span = await onlySpan(tracing, `chat ${MODEL}`);
    expectFailed(span, 'RateLimitError');
  });
}

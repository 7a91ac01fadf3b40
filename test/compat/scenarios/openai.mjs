/**
 * The openai scenarios: every instrumented path of `@sightline/openai` through the REAL installed `openai`
 * client (6.x or 7.x) over real HTTP to the packed fake provider, spans read from the OTel SDK under test.
 */
import { instrumentOpenAI } from '@sightline/openai';
import { faults } from '@sightline/testkit';
import OpenAI from 'openai';
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

const MODEL = 'gpt-4o';
/** gpt-4o in @sightline/core's price table: USD per 1M tokens. */
const PRICE = { input: 2.5, output: 10 };
const USAGE = { inputTokens: 1000, outputTokens: 200 };
const COST = (USAGE.inputTokens * PRICE.input + USAGE.outputTokens * PRICE.output) / 1e6;
const MESSAGES = [{ role: 'user', content: 'What is the capital of France?' }];

/** The text of a Response's message items (the helpers' final Response has no `output_text` in openai 6). */
function outputText(response) {
  return response.output
    .filter((item) => item.type === 'message')
    .flatMap((item) => item.content.map((part) => part.text ?? ''))
    .join('');
}

const CITY_SCHEMA = {
  type: 'json_schema',
  json_schema: {
    name: 'city',
    strict: true,
    schema: {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
      additionalProperties: false,
    },
  },
};

/** Runs the openai scenarios against `fake`, recording into `tracing`. */
export async function openaiScenarios({ fake, tracing }) {
  const client = () =>
    instrumentOpenAI(new OpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'sk-compat', maxRetries: 0 }), {
      tracerProvider: tracing.provider,
    });
  const run = (name, body) =>
    scenario(`openai ${name}`, async () => {
      fake.reset();
      tracing.reset();
      await body(client());
    });

  await run('chat.completions.create', async (openai) => {
    fake.script({
      provider: 'openai',
      route: 'chat',
      reply: { text: 'Paris.', id: 'chatcmpl-compat-1', usage: USAGE },
    });
    const completion = await openai.chat.completions.create({ model: MODEL, messages: MESSAGES });
    assert.equal(completion.choices[0].message.content, 'Paris.');
    const span = await onlySpan(tracing, `chat ${MODEL}`);
    expectAttributes(span, {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': MODEL,
      'gen_ai.response.model': MODEL,
      'gen_ai.response.id': 'chatcmpl-compat-1',
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': USAGE.inputTokens,
      'gen_ai.usage.output_tokens': USAGE.outputTokens,
      'http.response.status_code': 200,
    });
    expectCost(span, COST);
    expectNotFailed(span);
  });

  await run('chat stream include_usage (read to the end)', async (openai) => {
    fake.script({
      provider: 'openai',
      route: 'chat',
      reply: { text: 'Paris is the capital.', usage: USAGE },
    });
    const stream = await openai.chat.completions.create({
      model: MODEL,
      messages: MESSAGES,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    assert.equal(text, 'Paris is the capital.');
    assert.equal(usage?.prompt_tokens, USAGE.inputTokens, 'the app still sees the usage chunk');
    const span = await onlySpan(tracing, `chat ${MODEL}`);
    expectAttributes(span, {
      'gen_ai.request.stream': true,
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': USAGE.inputTokens,
      'gen_ai.usage.output_tokens': USAGE.outputTokens,
      'gen_ai.response.time_to_first_chunk': (value) => typeof value === 'number' && value >= 0,
      'sightline.stream.chunks': (value) => typeof value === 'number' && value > 1,
      'sightline.stream.end': undefined,
    });
    expectCost(span, COST);
    expectNotFailed(span);
  });

  await run('chat stream include_usage (break after the first chunk)', async (openai) => {
    fake.script({
      provider: 'openai',
      route: 'chat',
      reply: { text: 'one two three four five six', usage: USAGE },
    });
    const stream = await openai.chat.completions.create({
      model: MODEL,
      messages: MESSAGES,
      stream: true,
      stream_options: { include_usage: true },
    });
    let chunks = 0;
    for await (const _chunk of stream) {
      chunks += 1;
      break;
    }
    assert.equal(chunks, 1);
    const span = await onlySpan(tracing, `chat ${MODEL}`);
    expectAttributes(span, {
      'sightline.stream.end': 'break',
      'gen_ai.response.finish_reasons': ['error'],
      'sightline.usage.missing': true,
      'gen_ai.usage.input_tokens': undefined,
    });
  });

  await run('chat.completions.stream() finalChatCompletion', async (openai) => {
    fake.script({ provider: 'openai', route: 'chat', reply: { text: 'Paris, of course.', usage: USAGE } });
    const runner = openai.chat.completions.stream({
      model: MODEL,
      messages: MESSAGES,
      stream_options: { include_usage: true },
    });
    const deltas = [];
    runner.on('content', (delta) => deltas.push(delta));
    const final = await runner.finalChatCompletion();
    assert.equal(final.choices[0].message.content, 'Paris, of course.');
    assert.equal(deltas.join(''), 'Paris, of course.', 'the helper still emits its content events');
    const span = await onlySpan(tracing, `chat ${MODEL}`);
    expectAttributes(span, {
      'gen_ai.request.stream': true,
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': USAGE.inputTokens,
      'gen_ai.usage.output_tokens': USAGE.outputTokens,
    });
    expectCost(span, COST);
  });

  await run('responses.create', async (openai) => {
    fake.script({ provider: 'openai', route: 'responses', reply: { text: 'Bonjour.', usage: USAGE } });
    const response = await openai.responses.create({ model: MODEL, input: 'Say hello in French.' });
    assert.equal(response.output_text, 'Bonjour.');
    const span = await onlySpan(tracing, `chat ${MODEL}`);
    expectAttributes(span, {
      'gen_ai.operation.name': 'chat',
      'gen_ai.response.id': response.id,
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': USAGE.inputTokens,
      'gen_ai.usage.output_tokens': USAGE.outputTokens,
    });
    expectCost(span, COST);
    expectNotFailed(span);
  });

  await run('embeddings.create', async (openai) => {
    const model = 'text-embedding-3-small';
    fake.script({ provider: 'openai', route: 'embeddings', reply: { usage: { inputTokens: 500 } } });
    const result = await openai.embeddings.create({ model, input: ['first text', 'second text'] });
    assert.equal(result.data.length, 2);
    assert.equal(result.data[0].embedding.length, 1536, 'the SDK decoded its default base64 vectors');
    const span = await onlySpan(tracing, `embeddings ${model}`);
    expectAttributes(span, {
      'gen_ai.operation.name': 'embeddings',
      'gen_ai.request.model': model,
      'gen_ai.usage.input_tokens': 500,
    });
    expectCost(span, (500 * 0.02) / 1e6);
    expectNotFailed(span);
  });

  await run('429 rate limit (error class and error.type)', async (openai) => {
    fake.script({ provider: 'openai', route: 'chat', fault: faults.rateLimit({ retryAfter: 1 }) });
    await assert.rejects(
      openai.chat.completions.create({ model: MODEL, messages: MESSAGES }),
      (error) => error instanceof OpenAI.RateLimitError && error.status === 429,
      'the app still gets OpenAI.RateLimitError',
    );
    const span = await onlySpan(tracing, `chat ${MODEL}`);
    expectFailed(span, 'RateLimitError');
  });

  await run('responses.stream() finalResponse', async (openai) => {
    fake.script({
      provider: 'openai',
      route: 'responses',
      reply: { text: 'Bonjour tout le monde.', usage: USAGE },
    });
    const stream = openai.responses.stream({ model: MODEL, input: 'Say hello in French.' });
    const final = await stream.finalResponse();
    assert.equal(outputText(final), 'Bonjour tout le monde.');
    const span = await onlySpan(tracing, `chat ${MODEL}`);
    expectAttributes(span, {
      'gen_ai.request.stream': true,
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': USAGE.inputTokens,
      'gen_ai.usage.output_tokens': USAGE.outputTokens,
    });
    expectCost(span, COST);
  });

  await run('chat.completions.parse() (json_schema)', async (openai) => {
    fake.script({ provider: 'openai', route: 'chat', reply: { text: '{"city":"Paris"}', usage: USAGE } });
    const completion = await openai.chat.completions.parse({
      model: MODEL,
      messages: MESSAGES,
      response_format: CITY_SCHEMA,
    });
    assert.deepEqual(completion.choices[0].message.parsed, { city: 'Paris' });
    const span = await onlySpan(tracing, `chat ${MODEL}`);
    expectAttributes(span, {
      'gen_ai.output.type': 'json',
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': USAGE.inputTokens,
      'gen_ai.usage.output_tokens': USAGE.outputTokens,
    });
    expectCost(span, COST);
  });

  await run('responses.parse() (json_schema)', async (openai) => {
    fake.script({
      provider: 'openai',
      route: 'responses',
      reply: { text: '{"city":"Paris"}', usage: USAGE },
    });
    const { name, schema, strict } = CITY_SCHEMA.json_schema;
    const response = await openai.responses.parse({
      model: MODEL,
      input: 'Which city is the capital of France?',
      text: { format: { type: 'json_schema', name, schema, strict } },
    });
    assert.deepEqual(response.output_parsed, { city: 'Paris' });
    const span = await onlySpan(tracing, `chat ${MODEL}`);
    expectAttributes(span, {
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': USAGE.inputTokens,
      'gen_ai.usage.output_tokens': USAGE.outputTokens,
    });
    expectCost(span, COST);
  });

  await run('withOptions().withResponse() and asResponse() (APIPromise internals)', async (openai) => {
    fake.script(
      { provider: 'openai', route: 'chat', reply: { text: 'Paris.', usage: USAGE } },
      { provider: 'openai', route: 'chat', reply: { text: 'Lyon.', usage: USAGE } },
    );
    const derived = openai.withOptions({ timeout: 30_000 });
    const { data, response } = await derived.chat.completions
      .create({ model: MODEL, messages: MESSAGES })
      .withResponse();
    assert.equal(data.choices[0].message.content, 'Paris.');
    assert.equal(response.status, 200);
    // asResponse() hands the unread body to the app: Sightline must not have consumed it.
    const raw = await openai.chat.completions.create({ model: MODEL, messages: MESSAGES }).asResponse();
    const body = await raw.json();
    assert.equal(body.choices[0].message.content, 'Lyon.');
    const [parsed, unparsed] = await endedSpans(tracing, 2);
    expectAttributes(parsed, {
      'gen_ai.usage.input_tokens': USAGE.inputTokens,
      'http.response.status_code': 200,
    });
    expectAttributes(unparsed, {
      'http.response.status_code': 200,
      'sightline.usage.missing': true,
      'gen_ai.usage.input_tokens': undefined,
    });
  });

  await run('tool calls (finish reason tool_calls)', async (openai) => {
    fake.script({
      provider: 'openai',
      route: 'chat',
      reply: { toolCalls: [{ id: 'call_compat_1', name: 'get_weather', arguments: { city: 'Paris' } }] },
    });
    const completion = await openai.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          },
        },
      ],
    });
    const [toolCall] = completion.choices[0].message.tool_calls ?? [];
    assert.equal(toolCall?.function.name, 'get_weather');
    assert.deepEqual(JSON.parse(toolCall.function.arguments), { city: 'Paris' });
    const [span] = await endedSpans(tracing, 1);
    expectAttributes(span, {
      'gen_ai.response.finish_reasons': ['tool_calls'],
      'sightline.response.tool_call.ids': ['call_compat_1'],
      'sightline.response.tool_call.names': ['get_weather'],
    });
  });
}

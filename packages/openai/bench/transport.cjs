/**
 * The two transports of the overhead benchmark and the requests every variant sends.
 *
 * - In-process: a custom `fetch` handed to the OpenAI client. It answers from canned bytes (a chat completion
 *   JSON, or an SSE body of STREAM_CHUNKS chunks ending with the include_usage chunk) without any socket, so the
 *   measured CPU is the SDK plus the instrumentation and nothing else.
 * - HTTP: the @sightline/testkit fake provider, run in a separate process (bench/fake-server.mjs) so its CPU
 *   is not counted in the worker's process.cpuUsage().
 *
 * The bytes are built once; every call gets fresh Response/ReadableStream objects, as a real fetch would.
 */
'use strict';

/** Model in the price table of @sightline/core, so Sightline records cost for every call. */
const MODEL = 'gpt-4o-mini';
/** SSE data chunks per stream: role chunk + content deltas + finish chunk + usage chunk. */
const STREAM_CHUNKS = 200;
const CONTENT_DELTAS = STREAM_CHUNKS - 3;

const MESSAGES = [
  { role: 'system', content: 'You are a concise support assistant for an online shop.' },
  { role: 'user', content: 'Where is my order 12345? It was due yesterday.' },
];

/** Non-stream request body. */
const PLAIN_REQUEST = { model: MODEL, messages: MESSAGES, max_tokens: 256, temperature: 0.2 };
/** Stream request body: include_usage is requested for ALL variants, so every instrumentation can see usage. */
const STREAM_REQUEST = { ...PLAIN_REQUEST, stream: true, stream_options: { include_usage: true } };

const USAGE = {
  prompt_tokens: 31,
  completion_tokens: CONTENT_DELTAS,
  total_tokens: 31 + CONTENT_DELTAS,
  prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
  completion_tokens_details: {
    reasoning_tokens: 0,
    audio_tokens: 0,
    accepted_prediction_tokens: 0,
    rejected_prediction_tokens: 0,
  },
};

const BASE = {
  id: 'chatcmpl-bench0000000000000000000001',
  created: 1767225600,
  model: 'gpt-4o-mini-2024-07-18',
  service_tier: 'default',
  system_fingerprint: 'fp_bench',
};

const encoder = new TextEncoder();

function completionBytes() {
  const words = Array.from({ length: CONTENT_DELTAS }, (_, i) => `word${i}`).join(' ');
  return encoder.encode(
    JSON.stringify({
      ...BASE,
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: words, refusal: null, annotations: [] },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: USAGE,
    }),
  );
}

function sseChunk(choices, usage) {
  const data = JSON.stringify({ ...BASE, object: 'chat.completion.chunk', choices, usage });
  return encoder.encode(`data: ${data}\n\n`);
}

/** The SSE body, one Uint8Array per event (each delivered as its own read, like network packets). */
function streamChunks() {
  const delta = (d, finish = null) => [{ index: 0, delta: d, logprobs: null, finish_reason: finish }];
  const chunks = [sseChunk(delta({ role: 'assistant', content: '', refusal: null }), null)];
  for (let i = 0; i < CONTENT_DELTAS; i++) chunks.push(sseChunk(delta({ content: ` word${i}` }), null));
  chunks.push(sseChunk(delta({}, 'stop'), null));
  chunks.push(sseChunk([], USAGE));
  chunks.push(encoder.encode('data: [DONE]\n\n'));
  return chunks;
}

const COMPLETION = completionBytes();
const STREAM = streamChunks();
const HEADERS = { 'x-request-id': 'req_bench', 'openai-processing-ms': '1' };

/** A `fetch` that answers chat completions in-process. Streams are detected from the request body. */
function inProcessFetch(_url, init) {
  const body = typeof init?.body === 'string' ? init.body : '';
  if (body.includes('"stream":true')) {
    let next = 0;
    const stream = new ReadableStream({
      pull(controller) {
        if (next < STREAM.length) controller.enqueue(STREAM[next++]);
        else controller.close();
      },
    });
    return Promise.resolve(
      new Response(stream, { status: 200, headers: { ...HEADERS, 'content-type': 'text/event-stream' } }),
    );
  }
  return Promise.resolve(
    new Response(COMPLETION, { status: 200, headers: { ...HEADERS, 'content-type': 'application/json' } }),
  );
}

module.exports = { MODEL, STREAM_CHUNKS, CONTENT_DELTAS, PLAIN_REQUEST, STREAM_REQUEST, inProcessFetch };

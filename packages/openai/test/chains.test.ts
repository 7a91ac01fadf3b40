/**
 * Chain steps around real SDK calls: the app gets the SDK's own objects back, and awaiting them through a step
 * changes nothing (an APIPromise's body stays unread for `.asResponse()`, a Stream stays a Stream).
 */
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { task, workflow } from '@sightline/core';
import { APIPromise } from 'openai/core/api-promise';
import { Stream } from 'openai/streaming';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { expectEndedOnce, type Harness, harness, USER, until } from './harness.js';

let h: Harness;
const contextManager = new AsyncLocalStorageContextManager();
beforeAll(async () => {
  context.setGlobalContextManager(contextManager.enable());
  h = await harness();
});
beforeEach(() => {
  h.fake.reset();
  h.exporter.reset();
});
afterAll(async () => {
  await h.fake.close();
  contextManager.disable();
  context.disable();
});

const steps = () => ({ tracerProvider: h.tracerProvider });
const parentName = (name: string) => {
  const spans = h.spans();
  const child = spans.find((span) => span.name === name);
  return spans.find((span) => span.spanContext().spanId === child?.parentSpanContext?.spanId)?.name;
};

test('a task returning an APIPromise: asResponse() still hands over an unread body', async () => {
  const client = h.client();
  const promise = task(
    'raw',
    () => client.chat.completions.create({ model: 'gpt-4o', messages: USER }),
    steps(),
  );
  expect(promise).toBeInstanceOf(APIPromise);
  const response = await promise.asResponse();
  const body = await response.json();
  expect(body.choices[0].message.content).toBe('Echo: Say hello');
  await until(() => h.spans().length === 2);
  expect(
    h
      .spans()
      .map((span) => span.name)
      .sort(),
  ).toEqual(['chat gpt-4o', 'task raw']);
  expect(parentName('chat gpt-4o')).toBe('task raw');
  expectEndedOnce(h.spans());
});

test('a task returning an APIPromise: withResponse() and await work, the call fails through', async () => {
  const client = h.client();
  const promise = task(
    'parsed',
    () => client.chat.completions.create({ model: 'gpt-4o', messages: USER }),
    steps(),
  );
  const { data, response } = await promise.withResponse();
  expect(response.status).toBe(200);
  expect(await promise).toBe(data);
  h.fake.script({ provider: 'openai', route: 'chat', fault: { kind: 'error', status: 400 } });
  const failing = task(
    'failing',
    () => client.chat.completions.create({ model: 'gpt-4o', messages: USER }),
    steps(),
  );
  await expect(failing).rejects.toBeInstanceOf(Error);
  await until(() => h.spans().length === 4);
  expect(h.spans().find((span) => span.name === 'task failing')?.attributes['error.type']).toBe(
    'BadRequestError',
  );
});

test('nested workflows and a task returning a Stream: the app gets the SDK Stream', async () => {
  const client = h.client();
  const stream = await workflow(
    'outer',
    () =>
      workflow(
        'inner',
        () =>
          task(
            'stream',
            () => client.chat.completions.create({ model: 'gpt-4o', messages: USER, stream: true }),
            steps(),
          ),
        steps(),
      ),
    steps(),
  );
  expect(stream).toBeInstanceOf(Stream);
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  expect(text).toBe('Echo: Say hello');
  await until(() => h.spans().length === 4);
  expect(parentName('chat gpt-4o')).toBe('task stream');
  expect(parentName('task stream')).toBe('invoke_workflow inner');
  expect(parentName('invoke_workflow inner')).toBe('invoke_workflow outer');
  expectEndedOnce(h.spans());
});

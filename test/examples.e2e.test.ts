/**
 * The small examples, built and run as child processes with the environment their READMEs give, against the
 * testkit OTLP receiver standing in for Jaeger / Honeycomb.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectChildOf, expectSingleSpan, type OtlpReceiver, startOtlpReceiver } from '@sightline/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exampleMain } from './helpers/paths.js';
import { cleanEnv, runNode } from './helpers/processes.js';

let receiver: OtlpReceiver;
let tempDir: string;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  tempDir = mkdtempSync(join(tmpdir(), 'sightline-e2e-examples-'));
});

beforeEach(() => receiver.reset());

afterAll(async () => {
  await receiver?.close();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

describe('examples', () => {
  it('jaeger: the traces endpoint variable sends the workflow over OTLP', async () => {
    const result = await runNode(exampleMain('jaeger'), [], {
      cwd: tempDir,
      env: cleanEnv({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: receiver.endpoints.traces }),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('http://localhost:16686');
    const spans = receiver.spans();
    const chat = expectChildOf(spans, { name: 'chat gpt-4o-mini' }, { name: 'task answer' });
    expect(chat.resource.attributes['service.name']).toBe('jaeger-example');
    expectChildOf(
      spans,
      { name: 'task answer' },
      { name: 'invoke_workflow where-is-my-parcel', parentSpanId: null },
    );
  });

  it('honeycomb: endpoint, API-key header and service name from OTEL_* reach the wire', async () => {
    const result = await runNode(exampleMain('honeycomb'), [], {
      cwd: tempDir,
      env: cleanEnv({
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_EXPORTER_OTLP_HEADERS: 'x-honeycomb-team=test-key',
        OTEL_SERVICE_NAME: 'support-bot',
      }),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('x-honeycomb-team');
    const chat = expectSingleSpan(receiver.spans(), { name: 'chat gpt-4o-mini' });
    expect(chat.resource.attributes['service.name']).toBe('support-bot');
    const requests = receiver.rawTraceRequests();
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) expect(request.headers['x-honeycomb-team']).toBe('test-key');
  });

  it("existing-nodesdk: setupSightline reuses the app's NodeSDK, whose exporter gets the LLM spans", async () => {
    const result = await runNode(exampleMain('existing-nodesdk'), [], { cwd: tempDir, env: cleanEnv({}) });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("setupSightline reused the app's providers: true (traces: true)");
    expect(result.stdout).toContain("the app's own exporter received 3 spans:");
    expect(result.stdout).toContain('chat gpt-4o-mini (@sightline/openai)');
    expect(result.stdout).toContain('invoke_workflow where-is-my-parcel (@sightline/core)');
  });
});

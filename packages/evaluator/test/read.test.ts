import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type CallRecord,
  createReadStats,
  InputError,
  readCalls,
  readRecords,
  type StepRecord,
} from '../src/index.js';
import { collect, generated, lines, tempDir, write } from './helpers.js';

const dir = tempDir();

describe('reading OTLP/JSON files', () => {
  it('normalises every inference span into a call record', async () => {
    const file = await generated(dir, 'basic.jsonl', {
      calls: 50,
      seed: 7,
      captureContent: true,
      errorRate: 0.1,
    });
    const calls = await collect(readCalls(file));
    expect(calls).toHaveLength(50);
    const ok = calls.find((c) => c.errorType === undefined)!;
    expect(ok).toMatchObject({
      kind: 'call',
      operation: 'chat',
      usageMissing: false,
      service: 'support-bot',
    });
    expect(['openai', 'anthropic']).toContain(ok.provider);
    expect(ok.inputTokens).toBeGreaterThan(0);
    expect(ok.costUsd).toBeGreaterThan(0);
    expect(ok.durationMs).toBeGreaterThan(0);
    expect(ok.finishReasons.length).toBe(1);
    expect(typeof ok.outputText).toBe('string');
    expect(ok.promptName).toBeDefined();
    expect(ok.contextTruncated).toBeTypeOf('boolean');
    expect(ok.startTimeMs).toBeGreaterThanOrEqual(Date.parse('2025-01-01T00:00:00Z'));
    expect(calls.filter((c) => c.errorType !== undefined).length).toBeGreaterThan(0);
  });

  it('keeps workflow and tool spans as steps and ignores other spans', async () => {
    const file = await generated(dir, 'chain.jsonl', {
      calls: 20,
      seed: 3,
      chainSpans: true,
      httpSpans: true,
    });
    const stats = createReadStats();
    const records = await collect(readRecords(file, { stats }));
    const steps = records.filter((r): r is StepRecord => r.kind === 'step');
    expect(records.filter((r) => r.kind === 'call')).toHaveLength(20);
    expect(steps.filter((s) => s.step === 'workflow')).toHaveLength(20);
    expect(steps.filter((s) => s.step === 'tool').every((s) => s.name === 'lookup_order')).toBe(true);
    expect(stats.spans).toBe(80);
    expect(stats.calls).toBe(20);
    expect(stats.steps).toBe(40);
  });

  it('reads gzip files, folders and globs, in sorted order, and deduplicates spans seen twice', async () => {
    const sub = join(dir, 'many');
    mkdirSync(join(sub, 'nested'), { recursive: true });
    await generated(sub, 'a.jsonl.gz', { calls: 30, seed: 11 });
    await generated(join(sub, 'nested'), 'b.json', { calls: 20, seed: 12 });
    copyFileSync(join(sub, 'a.jsonl.gz'), join(sub, 'nested', 'a-copy.jsonl.gz'));
    write(sub, 'notes.txt', 'not a trace file');
    const stats = createReadStats();
    const fromFolder = await collect(readCalls(sub, { stats }));
    expect(fromFolder).toHaveLength(50);
    expect(stats.files).toBe(3);
    expect(stats.duplicates).toBe(30);
    const fromGlob = await collect(readCalls(join(sub, '**/*.gz')));
    expect(fromGlob).toHaveLength(30);
    const fromBraces = await collect(readCalls(join(sub, '{a.jsonl.gz,nested/b.json}')));
    expect(fromBraces).toHaveLength(50);
  });

  it('reads a single pretty-printed export request', async () => {
    const [line] = lines({ calls: 5, seed: 2, spansPerLine: 100 });
    const file = write(dir, 'pretty.json', JSON.stringify(JSON.parse(line), null, 2));
    expect(await collect(readCalls(file))).toHaveLength(5);
  });

  it('works on spans with only standard names and the deprecated gen_ai.system', async () => {
    const file = await generated(dir, 'standard.jsonl', { calls: 10, seed: 5, standardOnly: true });
    const calls = await collect(readCalls(file));
    expect(calls).toHaveLength(10);
    expect(calls.every((c) => c.provider === 'openai' || c.provider === 'anthropic')).toBe(true);
    expect(calls.every((c) => c.costUsd === undefined && c.contextUtilization === undefined)).toBe(true);
  });

  it('excludes tokens of calls flagged sightline.usage.missing', async () => {
    const span = {
      traceId: 'a'.repeat(32),
      spanId: 'b'.repeat(16),
      startTimeUnixNano: '1735689600000000000',
      endTimeUnixNano: '1735689601000000000',
      attributes: [
        { key: 'gen_ai.operation.name', value: { stringValue: 'chat' } },
        { key: 'gen_ai.provider.name', value: { stringValue: 'openai' } },
        { key: 'gen_ai.usage.input_tokens', value: { intValue: 0 } },
        { key: 'sightline.usage.missing', value: { boolValue: true } },
      ],
    };
    const file = write(
      dir,
      'missing.jsonl',
      `${JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [span] }] }] })}\n`,
    );
    const [call] = (await collect(readCalls(file))) as CallRecord[];
    expect(call.usageMissing).toBe(true);
    expect(call.inputTokens).toBeUndefined();
    expect(call.durationMs).toBe(1000);
  });
});

describe('bad input', () => {
  const good = lines({ calls: 6, seed: 9, spansPerLine: 2 });

  it('names file and line of a malformed JSON line', async () => {
    const file = write(dir, 'bad-json.jsonl', [good[0], '{"resourceSpans": [', good[1]].join('\n'));
    const error = await collect(readCalls(file)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).line).toBe(2);
    expect((error as InputError).message).toMatch(/bad-json\.jsonl:2: malformed JSON/);
  });

  it('names file, line and field of a wrong-typed attribute', async () => {
    const broken = good[1].replace(
      /"gen_ai\.usage\.input_tokens","value":\{"intValue":"(\d+)"\}/,
      '"gen_ai.usage.input_tokens","value":{"stringValue":"$1"}',
    );
    expect(broken).not.toBe(good[1]);
    const file = write(dir, 'bad-type.jsonl', [good[0], broken, good[2]].join('\n'));
    const error = (await collect(readCalls(file)).catch((e: unknown) => e)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.field).toBe('gen_ai.usage.input_tokens');
    expect(error.message).toMatch(
      /bad-type\.jsonl:2: gen_ai\.usage\.input_tokens: expected a non-negative integer|bad-type\.jsonl:2: gen_ai\.usage\.input_tokens: expected a number/,
    );
  });

  it('with skipInvalid counts, reports and skips bad lines and spans', async () => {
    const broken = good[1].replace(
      /"gen_ai\.usage\.input_tokens","value":\{"intValue":"(\d+)"\}/,
      '"gen_ai.usage.input_tokens","value":{"stringValue":"$1"}',
    );
    const file = write(dir, 'mixed.jsonl', [good[0], 'not json', broken, good[2]].join('\n'));
    const stats = createReadStats();
    const calls = await collect(readCalls(file, { skipInvalid: true, stats }));
    expect(stats.invalidLines).toBe(1);
    expect(stats.invalidSpans).toBe(1);
    expect(calls).toHaveLength(5);
    expect(stats.problems[0]).toMatch(/mixed\.jsonl:2: malformed JSON/);
    expect(stats.problems[1]).toMatch(/mixed\.jsonl:3: gen_ai\.usage\.input_tokens/);
  });

  it('says clearly when nothing matches', async () => {
    await expect(collect(readCalls(join(dir, 'nothing-here')))).rejects.toThrow(/no such file or folder/);
    await expect(collect(readCalls(join(dir, '*.nope')))).rejects.toThrow(/no trace files found/);
  });

  it('reads a file with a UTF-8 byte-order mark and CRLF line endings like the plain file', async () => {
    const plain = write(dir, 'plain.jsonl', `${good.join('\n')}\n`);
    const windows = write(dir, 'windows.jsonl', `\uFEFF${good.join('\r\n')}\r\n`);
    const pretty = write(
      dir,
      'pretty-bom.json',
      `\uFEFF${JSON.stringify(JSON.parse(good[0]), null, 2).replace(/\n/g, '\r\n')}`,
    );
    const expected = await collect(readCalls(plain));
    expect(expected).toHaveLength(6);
    expect(await collect(readCalls(windows))).toEqual(expected);
    expect(await collect(readCalls(pretty))).toEqual(expected.slice(0, 2));
  });

  it('reads an empty file as zero records', async () => {
    const file = write(dir, 'empty.jsonl', '');
    expect(await collect(readCalls(file))).toEqual([]);
  });
});

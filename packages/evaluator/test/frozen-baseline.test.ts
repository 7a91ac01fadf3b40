import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  freezeBaseline,
  InputError,
  readCalls,
  readFrozenBaseline,
  resolveConfig,
  runDrift,
  verifyFrozenBaseline,
} from '../src/index.js';
import { collect, generated, tempDir } from './helpers.js';

const dir = tempDir();
const DAY = 86_400_000;
const config = resolveConfig({ quality: { enabled: false } });

async function traces() {
  const week = await generated(dir, 'week.jsonl', {
    calls: 700,
    seed: 5,
    start: '2025-06-01T00:00:00Z',
    spreadMs: 14 * DAY,
    chainSpans: true,
  });
  const later = await generated(dir, 'later.jsonl', {
    calls: 300,
    seed: 6,
    start: '2025-06-20T00:00:00Z',
    spreadMs: DAY,
  });
  return { week, later };
}

describe('frozen baselines', () => {
  it('round trip: the frozen window reads back as the same records, and drift accepts the file', async () => {
    const { week, later } = await traces();
    const header = await freezeBaseline(week, {
      out: join(dir, 'baselines', 'frozen.json'),
      window: '2025-06-01..2025-06-08',
      nowMs: Date.parse('2025-06-21T00:00:00Z'),
      created: '2025-06-21T00:00:00.000Z',
    });
    const expected = (await collect(readCalls(week))).filter(
      (c) => c.startTimeMs < Date.parse('2025-06-08T00:00:00Z'),
    );
    expect(header).toMatchObject({
      sightlineFrozenBaseline: 1,
      created: '2025-06-21T00:00:00.000Z',
      sightlineVersion: '0.1.0',
      calls: expected.length,
      window: {
        spec: '2025-06-01..2025-06-08',
        from: '2025-06-01T00:00:00.000Z',
        to: '2025-06-08T00:00:00.000Z',
      },
    });
    expect(header.steps).toBeGreaterThan(0);
    const text = readFileSync(join(dir, 'baselines', 'frozen.json'), 'utf8');
    const [first, ...rest] = text.split('\n');
    expect(JSON.parse(first)).toEqual(header);
    expect(createHash('sha256').update(rest.join('\n')).digest('hex')).toBe(header.sha256);
    // The file is a source: the same calls come back, in the same order.
    const frozen = await readFrozenBaseline(join(dir, 'baselines', 'frozen.json'));
    expect(frozen.header).toEqual(header);
    expect(await collect(readCalls(frozen.source))).toEqual(expected);
    expect((await verifyFrozenBaseline(join(dir, 'baselines', 'frozen.json'))).ok).toBe(true);
    // A/A against the live traces of the same window passes; the frozen file works as a drift baseline.
    const report = await runDrift('baselines/frozen.json', later, { config, cwd: dir });
    expect(report.baseline.calls).toBe(expected.length);
    expect(report.counts.drift).toBe(0);
  });

  it('gzip output round-trips too', async () => {
    const { later } = await traces();
    const header = await freezeBaseline(later, { out: join(dir, 'later.json.gz') });
    const lines = gunzipSync(readFileSync(join(dir, 'later.json.gz')))
      .toString('utf8')
      .split('\n');
    expect(JSON.parse(lines[0]).sha256).toBe(header.sha256);
    expect((await verifyFrozenBaseline(join(dir, 'later.json.gz'))).ok).toBe(true);
    expect((await collect(readCalls(join(dir, 'later.json.gz')))).length).toBe(header.calls);
  });

  it('detects tampering: verify fails and reading the file as a source throws', async () => {
    const { later } = await traces();
    const file = join(dir, 'tampered.json');
    await freezeBaseline(later, { out: file });
    const lines = readFileSync(file, 'utf8').split('\n');
    // Change one cost in one record: still valid JSON and a valid record, but not the frozen content.
    const index = lines.findIndex((line, i) => i > 0 && line.includes('"costUsd"'));
    lines[index] = lines[index].replace(/"costUsd":([0-9.e-]+)/, '"costUsd":9');
    writeFileSync(file, lines.join('\n'));
    const check = await verifyFrozenBaseline(file);
    expect(check.ok).toBe(false);
    expect(check.sha256).not.toBe(check.header.sha256);
    await expect(collect(readCalls(file))).rejects.toThrow(/does not match its header.*modified/);
    await expect(runDrift(file, later, { config, cwd: dir })).rejects.toBeInstanceOf(InputError);
    // Dropping a line is caught by the count and the hash.
    writeFileSync(file, lines.filter((_, i) => i !== 3).join('\n'));
    expect((await verifyFrozenBaseline(file)).count).toBe(check.header.count - 1);
  });

  it('refuses an empty window and a file that is not a frozen baseline', async () => {
    const { week } = await traces();
    await expect(
      freezeBaseline(week, { out: join(dir, 'empty.json'), window: '2024-01-01..2024-01-02' }),
    ).rejects.toThrow(/no records to freeze/);
    await expect(readFrozenBaseline(week)).rejects.toThrow(/not a frozen baseline/);
  });
});

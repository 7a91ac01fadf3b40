#!/usr/bin/env node
/**
 * Demo data for the nightly drift job: generated OTLP/JSON traces (seeded, so every run writes the same bytes)
 * in a folder laid out like a real deployment, plus a sightline.config.json.
 *
 *   traces/baseline/week.jsonl      7 days, 2025-06-01 .. 2025-06-08: what `baseline freeze` freezes
 *   traces/last-day/ok.jsonl        2025-06-14: the same behaviour (the nightly run passes)
 *   traces/last-day/shifted.jsonl   2025-06-14: 30 % higher cost and answers that changed topic and format
 *
 *   node examples/nightly-drift/prepare-demo-data.mjs /tmp/sightline-nightly-demo
 *
 * Needs the built evaluator (`npm run build` at the repository root) when run with plain node.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeOtlpFile } from '@sightline/evaluator/testing';

const SUPPORT_WORDS = [
  'your',
  'order',
  'ships',
  'today',
  'refund',
  'issued',
  'account',
  'updated',
  'thanks',
  'for',
  'waiting',
  'we',
  'can',
  'help',
];
const OFF_TOPIC_WORDS = [
  'weather',
  'sunny',
  'forecast',
  'rain',
  'tomorrow',
  'cloudy',
  'wind',
  'degrees',
  'cold',
  'warm',
  'storm',
  'umbrella',
];
const DAY_MS = 86_400_000;

/** The trace generator options of each demo file (exported so a test can check the same data). */
export const DEMO_FILES = {
  'traces/baseline/week.jsonl': {
    calls: 1400,
    seed: 101,
    start: '2025-06-01T00:00:00Z',
    spreadMs: 7 * DAY_MS,
    content: { vocabulary: SUPPORT_WORDS, jsonRate: 0 },
  },
  'traces/last-day/ok.jsonl': {
    calls: 400,
    seed: 202,
    start: '2025-06-14T00:00:00Z',
    spreadMs: DAY_MS,
    content: { vocabulary: SUPPORT_WORDS, jsonRate: 0 },
  },
  'traces/last-day/shifted.jsonl': {
    calls: 400,
    seed: 303,
    start: '2025-06-14T00:00:00Z',
    spreadMs: DAY_MS,
    costMultiplier: 1.3,
    content: { vocabulary: OFF_TOPIC_WORDS, jsonRate: 0.3 },
  },
};

/** The demo's config: smaller semantic-drift subsamples than the defaults, so the demo runs in seconds. */
export const DEMO_CONFIG = {
  drift: {
    gates: [{ metric: 'cost', maxIncrease: 0.1 }],
    quality: { semantic: { maxSamples: 200, permutations: 300 } },
  },
};

/** Writes the demo traces and config into `dir`; resolves to the written paths. */
export async function prepareDemoData(dir) {
  const written = [];
  for (const [name, options] of Object.entries(DEMO_FILES)) {
    const path = join(dir, name);
    mkdirSync(resolve(path, '..'), { recursive: true });
    await writeOtlpFile(path, { captureContent: true, ...options });
    written.push(path);
  }
  const config = join(dir, 'sightline.config.json');
  writeFileSync(config, `${JSON.stringify(DEMO_CONFIG, null, 2)}\n`);
  written.push(config);
  return written;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = resolve(process.argv[2] ?? 'nightly-demo');
  for (const path of await prepareDemoData(dir)) console.log(`wrote ${path}`);
}

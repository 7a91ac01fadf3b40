/**
 * Token-counting and import benchmarks for @sightline/core. Run after a build:
 *
 *   cd packages/core && npx tsup && npm run bench
 *
 * Measures, against raw tiktoken:
 * 1. counting a 200-turn conversation after every turn (what an agent loop does before each call): Sightline's
 *    memoised counter vs re-encoding every message with tiktoken each turn. Goal: total O(n), >= 10x faster.
 * 2. single-shot counting of distinct texts (no cache hits possible): goal within 1.1x of raw tiktoken.
 * 3. import time of @sightline/core in fresh Node processes, and that importing it does not load tiktoken.
 * Figures are printed, not asserted: the machine is shared, timings vary.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { countTokens, createTokenCounter } from '@sightline/core';
import { get_encoding } from 'tiktoken';

const require = createRequire(import.meta.url);
const MODEL = 'gpt-4o';
const encoding = get_encoding('o200k_base');

/** Deterministic pseudo-random prose, so every run counts the same texts. */
function makeText(seed, words) {
  const vocabulary =
    'the model reads every token of the context window before it answers so long conversations cost time and money while tools return large JSON documents with nested fields and numbers like 42 or 3.14'.split(
      ' ',
    );
  let state = seed * 2654435761;
  const out = [];
  for (let i = 0; i < words; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out.push(vocabulary[state % vocabulary.length]);
  }
  return `${seed}: ${out.join(' ')}`;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => `${value.toFixed(1)} ms`;

/** The cookbook's num_tokens_from_messages with raw tiktoken: everything re-encoded each call. */
function rawCountMessages(messages) {
  let total = 3;
  for (const message of messages) {
    total += 3 + encoding.encode(message.role).length + encoding.encode(message.content).length;
  }
  return total;
}

function growingConversation(turns) {
  const conversation = [];
  for (let t = 0; t < turns; t++) {
    conversation.push({ role: t % 2 ? 'assistant' : 'user', content: makeText(t, 60 + ((t * 37) % 240)) });
  }
  return conversation;
}

function benchGrowing(turns) {
  const all = growingConversation(turns);
  // Warm both paths (WASM compile, JIT) on a separate conversation.
  rawCountMessages(growingConversation(20));
  createTokenCounter(MODEL).countMessages(growingConversation(20));

  let raw = 0;
  let rawTotal = 0;
  let start = performance.now();
  for (let t = 1; t <= turns; t++) rawTotal = rawCountMessages(all.slice(0, t));
  raw = performance.now() - start;

  const counter = createTokenCounter(MODEL);
  let sightlineTotal = 0;
  const perTurn = [];
  start = performance.now();
  for (let t = 1; t <= turns; t++) {
    const turnStart = performance.now();
    sightlineTotal = counter.countMessages(all.slice(0, t));
    perTurn.push(performance.now() - turnStart);
  }
  const sightline = performance.now() - start;
  if (rawTotal !== sightlineTotal)
    throw new Error(`counts differ: raw ${rawTotal}, sightline ${sightlineTotal}`);
  return { raw, sightline, tokens: sightlineTotal, encodeCalls: counter.stats.encodeCalls, perTurn };
}

function benchSingleShot(count) {
  const texts = Array.from({ length: count }, (_, i) => makeText(100_000 + i, 120));
  const warm = texts.slice(0, 200).map((t) => `${t} warm`);
  for (const t of warm) {
    encoding.encode(t);
    countTokens(t, MODEL);
  }
  const rounds = [];
  for (let round = 0; round < 5; round++) {
    // Fresh distinct texts per round so the text cache never hits.
    const roundTexts = texts.map((t) => `${t} r${round}`);
    let start = performance.now();
    let rawSum = 0;
    for (const t of roundTexts) rawSum += encoding.encode(t).length;
    const raw = performance.now() - start;
    start = performance.now();
    let ordinarySum = 0;
    for (const t of roundTexts) ordinarySum += encoding.encode_ordinary(t).length;
    const ordinary = performance.now() - start;
    if (ordinarySum !== rawSum) throw new Error('encode and encode_ordinary disagree on plain text');
    start = performance.now();
    let sightlineSum = 0;
    for (const t of roundTexts) sightlineSum += countTokens(t, MODEL);
    const sightline = performance.now() - start;
    if (rawSum !== sightlineSum) throw new Error(`single-shot counts differ: ${rawSum} vs ${sightlineSum}`);
    rounds.push({ raw, ordinary, sightline });
  }
  const raw = median(rounds.map((r) => r.raw));
  const ordinary = median(rounds.map((r) => r.ordinary));
  const sightline = median(rounds.map((r) => r.sightline));
  return { raw, ordinary, sightline, chars: texts.reduce((n, t) => n + t.length, 0) };
}

function benchImport(runs) {
  const corePath = require.resolve('@sightline/core');
  const esmPath = new URL('../dist/index.js', import.meta.url).href;
  const probe = (code) =>
    JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' }));
  const coreScript = `
    import { createRequire } from 'node:module';
    const require = createRequire(import.meta.url);
    const start = performance.now();
    await import(${JSON.stringify(esmPath)});
    const elapsed = performance.now() - start;
    const tiktokenLoaded = Object.keys(require.cache).some((k) => k.includes('/tiktoken/'));
    console.log(JSON.stringify({ elapsed, tiktokenLoaded }));`;
  const tiktokenScript = `
    import { createRequire } from 'node:module';
    const require = createRequire(${JSON.stringify(corePath)});
    const start = performance.now();
    require('tiktoken').get_encoding('o200k_base');
    console.log(JSON.stringify({ elapsed: performance.now() - start }));`;
  const core = [];
  const tiktoken = [];
  let loaded = false;
  for (let i = 0; i < runs; i++) {
    const result = probe(coreScript);
    core.push(result.elapsed);
    loaded ||= result.tiktokenLoaded;
    tiktoken.push(probe(tiktokenScript).elapsed);
  }
  return { core: median(core), tiktoken: median(tiktoken), loaded };
}

const TURNS = 200;
const growing = benchGrowing(TURNS);
const firstHalf = growing.perTurn.slice(0, TURNS / 2).reduce((a, b) => a + b, 0);
const secondHalf = growing.perTurn.slice(TURNS / 2).reduce((a, b) => a + b, 0);
console.log(
  `\n1. Counting a ${TURNS}-turn growing conversation after every turn (${growing.tokens} tokens at the end)`,
);
console.log(`   raw tiktoken, re-encoding everything each turn: ${ms(growing.raw)}`);
console.log(
  `   Sightline memoised counter:                      ${ms(growing.sightline)} (${growing.encodeCalls} encodes)`,
);
console.log(`   speed-up: ${(growing.raw / growing.sightline).toFixed(1)}x (goal >= 10x)`);
console.log(
  `   Sightline turns 1-100 vs 101-200: ${ms(firstHalf)} vs ${ms(secondHalf)} (re-counting 200 messages stays cheap; the work is encoding each new message once)`,
);

const single = benchSingleShot(2000);
console.log(`\n2. Single-shot counting of 2000 distinct texts (${single.chars} chars), median of 5 rounds`);
console.log(`   raw tiktoken encode().length: ${ms(single.raw)}`);
console.log(`   raw tiktoken encode_ordinary().length (what Sightline calls): ${ms(single.ordinary)}`);
console.log(`   Sightline countTokens():      ${ms(single.sightline)}`);
console.log(
  `   ratio: ${(single.sightline / single.raw).toFixed(2)}x of encode(), ${(single.sightline / single.ordinary).toFixed(2)}x of encode_ordinary() (goal <= 1.1x)`,
);

const imported = benchImport(7);
console.log('\n3. Import time in fresh Node processes, median of 7');
console.log(
  `   import('@sightline/core'):                ${ms(imported.core)}; tiktoken loaded by the import: ${imported.loaded}`,
);
console.log(
  `   require('tiktoken') + get_encoding (avoided until the first count): ${ms(imported.tiktoken)}`,
);

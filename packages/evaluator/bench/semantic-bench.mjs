/**
 * Semantic drift bench: 2,000 + 2,000 generated outputs through the built-in lexical embedder, then the MMD
 * permutation test. Prints the time of each phase; the goal is a permutation test under a minute on the
 * project machine (2 shared cores). Figures only: nothing here asserts on time.
 *
 *   node bench/semantic-bench.mjs                 # uses the built package (@sightline/evaluator)
 *   SIGHTLINE_QUALITY_MODULE=/tmp/qbench/index.js node bench/semantic-bench.mjs
 *
 * SIGHTLINE_QUALITY_MODULE points at any module exporting `createLexicalEmbedder` and `semanticDrift` (e.g. a
 * private build of src/quality + src/embeddings) for runs before the package index exports them.
 */
import { pathToFileURL } from 'node:url';

const modulePath = process.env.SIGHTLINE_QUALITY_MODULE;
const quality = modulePath
  ? await import(pathToFileURL(modulePath).href)
  : await import('@sightline/evaluator');
const { createLexicalEmbedder, semanticDrift } = quality;
if (typeof createLexicalEmbedder !== 'function' || typeof semanticDrift !== 'function') {
  throw new Error('the quality module must export createLexicalEmbedder and semanticDrift');
}

/** Deterministic 32-bit generator (mulberry32) so every run embeds the same texts. */
function generator(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMON = 'the a and of to is in for with that this you it on be as are your can will by or from'.split(
  ' ',
);
const TOPICS = {
  support:
    'account password reset login email verify settings profile security device browser cache cookie session token update install restart error message'.split(
      ' ',
    ),
  billing:
    'invoice payment refund charge card subscription plan price discount receipt tax renewal trial upgrade downgrade balance credit statement currency'.split(
      ' ',
    ),
};

/** `count` answers of 30-90 words; `mix` = share drawn from the billing topic. */
function answers(count, mix, seed) {
  const random = generator(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  return Array.from({ length: count }, () => {
    const topic = random() < mix ? TOPICS.billing : TOPICS.support;
    const words = Array.from({ length: 30 + Math.floor(random() * 61) }, () =>
      random() < 0.5 ? pick(COMMON) : pick(topic),
    );
    return `${words.join(' ')}. Ticket ${Math.floor(random() * 100000)}.`;
  });
}

const ms = (value) => `${value.toFixed(0)} ms`;
const baseline = answers(2000, 0.05, 1);
const runs = [
  { label: 'A/A (same mix), default cap 500/window', current: answers(2000, 0.05, 2), options: {} },
  {
    label: 'shift (5% -> 25% billing), default cap 500/window',
    current: answers(2000, 0.25, 3),
    options: {},
  },
  {
    label: 'shift (5% -> 25% billing), no cap (2,000/window)',
    current: answers(2000, 0.25, 3),
    options: { maxPerWindow: 2000 },
  },
];
const chars = baseline.reduce((sum, text) => sum + text.length, 0) / baseline.length;
console.log(
  `semantic drift bench: 2,000 + 2,000 outputs, mean ${chars.toFixed(0)} chars, node ${process.version}`,
);
for (const run of runs) {
  const embedder = createLexicalEmbedder();
  const started = performance.now();
  const result = await semanticDrift(baseline, run.current, {
    embedder,
    permutations: 500,
    seed: 7,
    ...run.options,
  });
  const total = performance.now() - started;
  if (result.status !== 'ok') throw new Error(result.reason);
  const t = result.timingsMs;
  const test = t.mmd + t.similarity;
  console.log(`\n${run.label} [${result.embedderId}, ${result.embedderKind}]`);
  console.log(
    `  n = ${result.nBaseline} + ${result.nCurrent}, permutations ${result.permutations}, bandwidth ${result.bandwidth.toFixed(4)}`,
  );
  console.log(
    `  MMD^2 ${result.statistic.toExponential(3)}, p ${result.pValue.toFixed(4)}, centroid distance ${result.effect.toFixed(4)} (plain ${result.centroidCosineDistance.toFixed(4)})`,
  );
  console.log(
    `  pairwise similarity ${result.similarity.baseline.toFixed(4)} -> ${result.similarity.current.toFixed(4)}, p ${result.similarity.pValue.toFixed(4)}`,
  );
  console.log(
    `  embed ${ms(t.embed)}, gram ${ms(t.gram)}, MMD kernel + permutations ${ms(t.mmd)}, similarity test ${ms(t.similarity)}, total ${ms(total)}`,
  );
  console.log(`  permutation tests ${ms(test)}: ${test < 60_000 ? 'under' : 'OVER'} the one-minute goal`);
}

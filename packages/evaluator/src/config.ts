/**
 * Evaluator settings: defaults, and loading them from `sightline.config.json` / `.yaml` / `.yml` (the
 * `drift` section). Every value is validated; a bad one is an `InputError` naming the file and field.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { checkKeys, fail, num, object, strings, type Where } from './config-fields.js';
import { lineOfField, lineOfJsonError } from './config-location.js';
import { defaultQualityConfig, type QualityConfig, resolveQualityConfig } from './config-quality.js';
import { InputError } from './errors.js';
import { isMetricName, METRICS, type MetricName } from './metrics/catalogue.js';
import {
  DRIFT_METRIC_NAMES,
  type DriftMetricName,
  defaultEffectThreshold,
  isDriftMetricName,
} from './metrics/drift-metrics.js';
import { DEFAULT_REFUSAL_PHRASES } from './refusals.js';
import { SEGMENT_DIMENSIONS, type SegmentDimension } from './segments.js';

/** Per-metric settings. */
export interface MetricSettings {
  /** Compare this metric at all. Default true. */
  enabled: boolean;
  /** Practical threshold of the effect (see `METRICS`). */
  effectThreshold: number;
  /** Minimum sample size per window; below it the metric is `inconclusive`. */
  minSamples: number;
}

/** A one-sided limit on a metric, e.g. "cost per call may not rise more than 5 %". */
export interface GateConfig {
  metric: MetricName;
  /** Allowed change: relative for numeric metrics (0.05 = 5 %), absolute for rates (0.01 = 1 point). */
  limit: number;
  /** Default `increase`. */
  direction: 'increase' | 'decrease';
  /** Numeric metrics only: which statistic. Default `mean`. */
  statistic: 'mean' | 'median' | 'p90' | 'p95' | 'p99';
  /** `all` (default), `*` for every segment, or one segment key. */
  segment: string;
  /** `confident` (default: fail only when the bound proves the limit is exceeded) or `possible`. */
  failWhen: 'confident' | 'possible';
}

/** All evaluator settings. */
export interface EvaluatorConfig {
  /** False-discovery rate of the Benjamini-Hochberg procedure. Default 0.05. */
  alpha: number;
  /** Confidence level of reported intervals. Default 0.95. */
  confidence: number;
  /** Default minimum samples per window per metric. Default 30. */
  minSamples: number;
  /** Seed of every resampling stream (reservoirs, bootstrap). Default `sightline`. */
  seed: string | number;
  /** Values kept per numeric metric per segment (seeded reservoir sample). Default 20000. */
  sampleCap: number;
  /** Bootstrap resamples for confidence intervals and gates. Default 1000. */
  bootstrapResamples: number;
  /** Minimum expected count per cell in chi-square tests (sparser cells are merged). Default 5. */
  chiSquareMinExpected: number;
  /** Dimensions that define segments. Default provider, model, prompt, operation. */
  segmentBy: SegmentDimension[];
  /** Phrases that mark a refusal (case-insensitive substring match); the one matcher of `refusal_rate`. */
  refusalPhrases: string[];
  /** Per-metric settings of every core and quality metric. */
  metrics: Record<DriftMetricName, MetricSettings>;
  gates: GateConfig[];
  /** Output-quality metrics (see `QualityConfig`). */
  quality: QualityConfig;
}

/** Defaults for a partial config. */
export function defaultConfig(): EvaluatorConfig {
  const metrics = {} as Record<DriftMetricName, MetricSettings>;
  for (const name of DRIFT_METRIC_NAMES) {
    metrics[name] = { enabled: true, effectThreshold: defaultEffectThreshold(name), minSamples: 30 };
  }
  return {
    alpha: 0.05,
    confidence: 0.95,
    minSamples: 30,
    seed: 'sightline',
    sampleCap: 20_000,
    bootstrapResamples: 1000,
    chiSquareMinExpected: 5,
    segmentBy: ['provider', 'model', 'prompt', 'operation'],
    refusalPhrases: [...DEFAULT_REFUSAL_PHRASES],
    metrics,
    gates: [],
    quality: defaultQualityConfig(),
  };
}

/** The config a user writes: everything optional. */
export interface EvaluatorConfigInput {
  alpha?: number;
  confidence?: number;
  minSamples?: number;
  seed?: string | number;
  sampleCap?: number;
  bootstrapResamples?: number;
  chiSquareMinExpected?: number;
  segmentBy?: SegmentDimension[] | string;
  refusalPhrases?: string[];
  metrics?: Partial<Record<DriftMetricName, Partial<MetricSettings>>>;
  gates?: (Partial<GateConfig> & { metric: MetricName; maxIncrease?: number; maxDecrease?: number })[];
  /** The `quality` section; `refusalPhrases` here is the same list as the top-level one. */
  quality?: QualityConfigInput;
}

/** The `quality` section as a user writes it (see `QualityConfig` for defaults). */
export interface QualityConfigInput {
  enabled?: boolean;
  schemas?: Record<string, unknown>;
  refusalPhrases?: string[];
  embedder?:
    | 'lexical'
    | false
    | { type: 'openai'; model: string; baseURL?: string; apiKeyEnv?: string; dimensions?: number };
  embeddingCacheDir?: string | false;
  maxOutputs?: number;
  semantic?: { maxSamples?: number; permutations?: number };
  judge?: {
    model: string;
    rubric: string;
    baseURL?: string;
    apiKeyEnv?: string;
    maxSamples?: number;
    cacheDir?: string | false;
  };
}

/** Parses `provider,model` into segment dimensions. */
export function parseSegmentBy(
  value: string | readonly string[],
  where: Where = { prefix: '' },
): SegmentDimension[] {
  const list =
    typeof value === 'string'
      ? value
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean)
      : [...value];
  for (const dimension of list) {
    if (!(SEGMENT_DIMENSIONS as readonly string[]).includes(dimension)) {
      fail(
        where,
        'segmentBy',
        `unknown segment dimension "${dimension}" (expected: ${SEGMENT_DIMENSIONS.join(', ')})`,
      );
    }
  }
  return list as SegmentDimension[];
}

const TOP_KEYS = [
  'alpha',
  'confidence',
  'minSamples',
  'seed',
  'sampleCap',
  'bootstrapResamples',
  'chiSquareMinExpected',
  'segmentBy',
  'refusalPhrases',
  'metrics',
  'gates',
  'quality',
];
const STATISTICS = ['mean', 'median', 'p90', 'p95', 'p99'] as const;

function resolveGate(where: Where, index: number, raw: unknown): GateConfig {
  const field = `gates[${index}]`;
  const gate = object(where, field, raw);
  checkKeys(where, field, gate, [
    'metric',
    'limit',
    'maxIncrease',
    'maxDecrease',
    'direction',
    'statistic',
    'segment',
    'failWhen',
  ]);
  const metric = gate.metric;
  if (typeof metric !== 'string' || !isMetricName(metric))
    fail(where, `${field}.metric`, `unknown metric ${JSON.stringify(metric)}`);
  if (METRICS[metric].kind === 'categorical')
    fail(where, `${field}.metric`, `gates apply to numeric metrics and rates, not to the mix "${metric}"`);
  let direction: GateConfig['direction'] = gate.direction === 'decrease' ? 'decrease' : 'increase';
  if (gate.direction !== undefined && gate.direction !== 'increase' && gate.direction !== 'decrease') {
    fail(where, `${field}.direction`, `expected "increase" or "decrease"`);
  }
  let limit: number;
  if (gate.maxIncrease !== undefined)
    limit = num(where, `${field}.maxIncrease`, gate.maxIncrease, 0, Number.MAX_VALUE);
  else if (gate.maxDecrease !== undefined) {
    limit = num(where, `${field}.maxDecrease`, gate.maxDecrease, 0, Number.MAX_VALUE);
    direction = 'decrease';
  } else limit = num(where, `${field}.limit`, gate.limit, 0, Number.MAX_VALUE);
  const statistic = gate.statistic ?? 'mean';
  if (!STATISTICS.includes(statistic as (typeof STATISTICS)[number]))
    fail(where, `${field}.statistic`, `expected one of ${STATISTICS.join(', ')}`);
  const failWhen = gate.failWhen ?? 'confident';
  if (failWhen !== 'confident' && failWhen !== 'possible')
    fail(where, `${field}.failWhen`, 'expected "confident" or "possible"');
  const segment = gate.segment ?? 'all';
  if (typeof segment !== 'string') fail(where, `${field}.segment`, 'expected a string');
  return { metric, limit, direction, statistic: statistic as GateConfig['statistic'], segment, failWhen };
}

/**
 * Merges a user config over the defaults, validating every value. `file` is only used in error messages.
 * Per-metric `minSamples` defaults to the top-level `minSamples`.
 */
export function resolveConfig(
  input: EvaluatorConfigInput | undefined,
  file?: string,
  prefix = '',
): EvaluatorConfig {
  const where: Where = { file, prefix };
  const config = defaultConfig();
  if (input === undefined || input === null) return config;
  const raw = object(where, '', input) as Record<string, unknown>;
  checkKeys(where, '', raw, TOP_KEYS);
  if (raw.alpha !== undefined) config.alpha = num(where, 'alpha', raw.alpha, 1e-9, 0.5);
  if (raw.confidence !== undefined)
    config.confidence = num(where, 'confidence', raw.confidence, 0.5, 0.999999);
  if (raw.minSamples !== undefined)
    config.minSamples = num(where, 'minSamples', raw.minSamples, 1, 1e9, true);
  if (raw.seed !== undefined) {
    if (typeof raw.seed !== 'string' && typeof raw.seed !== 'number')
      fail(where, 'seed', 'expected a string or number');
    config.seed = raw.seed;
  }
  if (raw.sampleCap !== undefined) config.sampleCap = num(where, 'sampleCap', raw.sampleCap, 100, 1e8, true);
  if (raw.bootstrapResamples !== undefined)
    config.bootstrapResamples = num(where, 'bootstrapResamples', raw.bootstrapResamples, 100, 1e6, true);
  if (raw.chiSquareMinExpected !== undefined)
    config.chiSquareMinExpected = num(where, 'chiSquareMinExpected', raw.chiSquareMinExpected, 0, 1e6);
  if (raw.segmentBy !== undefined) {
    if (typeof raw.segmentBy !== 'string' && !Array.isArray(raw.segmentBy))
      fail(where, 'segmentBy', 'expected a list of dimensions');
    config.segmentBy = parseSegmentBy(raw.segmentBy as string | string[], where);
  }
  if (raw.refusalPhrases !== undefined)
    config.refusalPhrases = strings(where, 'refusalPhrases', raw.refusalPhrases);
  const quality = resolveQualityConfig(where, raw.quality);
  config.quality = quality.quality;
  if (quality.refusalPhrases) {
    // One refusal matcher per run: the section's list is the same setting, so two different lists are an error.
    if (
      raw.refusalPhrases !== undefined &&
      JSON.stringify(quality.refusalPhrases) !== JSON.stringify(config.refusalPhrases)
    )
      fail(
        where,
        'quality.refusalPhrases',
        'differs from refusalPhrases; set the list once (refusal_rate is one metric)',
      );
    config.refusalPhrases = quality.refusalPhrases;
  }
  for (const name of DRIFT_METRIC_NAMES) config.metrics[name].minSamples = config.minSamples;
  if (raw.metrics !== undefined) {
    const metrics = object(where, 'metrics', raw.metrics);
    for (const [name, value] of Object.entries(metrics)) {
      if (!isDriftMetricName(name))
        fail(where, `metrics.${name}`, `unknown metric (expected one of: ${DRIFT_METRIC_NAMES.join(', ')})`);
      const settings = object(where, `metrics.${name}`, value);
      checkKeys(where, `metrics.${name}`, settings, ['enabled', 'effectThreshold', 'minSamples']);
      const target = config.metrics[name];
      if (settings.enabled !== undefined) {
        if (typeof settings.enabled !== 'boolean')
          fail(where, `metrics.${name}.enabled`, 'expected true or false');
        target.enabled = settings.enabled;
      }
      if (settings.effectThreshold !== undefined)
        target.effectThreshold = num(
          where,
          `metrics.${name}.effectThreshold`,
          settings.effectThreshold,
          0,
          1e9,
        );
      if (settings.minSamples !== undefined)
        target.minSamples = num(where, `metrics.${name}.minSamples`, settings.minSamples, 1, 1e9, true);
    }
  }
  if (raw.gates !== undefined) {
    if (!Array.isArray(raw.gates)) fail(where, 'gates', 'expected a list of gates');
    config.gates = raw.gates.map((gate, index) => resolveGate(where, index, gate));
  }
  return config;
}

/** File names looked for, in order, when no config path is given. */
export const CONFIG_FILE_NAMES = ['sightline.config.json', 'sightline.config.yaml', 'sightline.config.yml'];

/**
 * Loads the `drift` section of a config file. With `path`, that file must exist; without, the first of
 * `CONFIG_FILE_NAMES` in `cwd` is used, or the defaults when there is none. Returns the config and the file.
 */
export async function loadConfig(
  path?: string,
  cwd: string = process.cwd(),
): Promise<{ config: EvaluatorConfig; file?: string }> {
  let file: string | undefined;
  if (path) {
    file = resolve(cwd, path);
    if (!existsSync(file)) throw new InputError('config file not found', { file: path });
  } else {
    file = CONFIG_FILE_NAMES.map((name) => resolve(cwd, name)).find((candidate) => existsSync(candidate));
    if (!file) return { config: defaultConfig() };
  }
  // A byte-order mark (Windows editors) is not part of the document.
  const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  const yaml = /\.ya?ml$/i.test(file);
  let document: unknown;
  try {
    document = yaml ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    // yaml's messages already say "at line N, column M"; JSON.parse's give a character position.
    const line = yaml ? undefined : lineOfJsonError(text, message);
    throw new InputError(`cannot parse (${message})`, { file, line });
  }
  if (document === null || document === undefined) return { config: defaultConfig(), file };
  if (typeof document !== 'object' || Array.isArray(document))
    throw new InputError('expected an object at the top level', { file });
  try {
    for (const key of Object.keys(document)) {
      // A misspelt section ("drfit") would otherwise leave every setting at its default without a word.
      if (!CONFIG_SECTIONS.includes(key) && !key.startsWith('x-'))
        fail(
          { file, prefix: '' },
          key,
          `unknown section (expected: ${CONFIG_SECTIONS.join(', ')}; prefix custom keys with "x-")`,
        );
    }
    const section = (document as Record<string, unknown>).drift;
    return { config: resolveConfig(section as EvaluatorConfigInput | undefined, file, 'drift.'), file };
  } catch (error) {
    if (error instanceof InputError && error.field !== undefined && error.line === undefined) {
      const line = lineOfField(text, error.field);
      if (line !== undefined) throw new InputError(error.detail, { file, line, field: error.field });
    }
    throw error;
  }
}

/** Top-level keys of a config file: the `drift` section and a `$schema` reference for editors. */
const CONFIG_SECTIONS = ['drift', '$schema'];

/**
 * Everything one window (baseline or current) keeps about its records: one `SegmentAccumulator` per segment
 * plus `all`, and chain-level counters from workflow and tool spans. Memory is bounded by the number of
 * segments x `sampleCap`, not by the number of records.
 */
import type { EvaluatorConfig } from '../config.js';
import type { StepRecord, TraceRecord } from '../records.js';
import { createRefusalMatcher } from '../refusals.js';
import { ALL_SEGMENT, dimensionValue, segmentKey } from '../segments.js';
import { NumericSample } from './numeric-sample.js';
import { OutputSample } from './output-sample.js';
import { SegmentAccumulator } from './segment-accumulator.js';
import { TimeSeriesAccumulator } from './time-series.js';

export class WindowAccumulator {
  calls = 0;
  steps = 0;
  firstMs = Number.POSITIVE_INFINITY;
  lastMs = Number.NEGATIVE_INFINITY;
  readonly all: SegmentAccumulator;
  readonly segments = new Map<string, SegmentAccumulator>();
  readonly workflowDuration: NumericSample;
  toolCalls = 0;
  toolErrors = 0;
  readonly stepCounts: Record<StepRecord['step'], number> = { workflow: 0, agent: 0, task: 0, tool: 0 };
  /** Captured output texts per segment key (`all` included); empty when quality metrics are off. */
  readonly outputs = new Map<string, OutputSample>();
  /** Calls, cost and latency over time, for the `all` segment. */
  readonly timeSeries = new TimeSeriesAccumulator();
  private readonly isRefusal: (text: string) => boolean;

  constructor(readonly config: EvaluatorConfig) {
    this.all = new SegmentAccumulator(ALL_SEGMENT, {}, config.sampleCap, config.seed);
    this.workflowDuration = new NumericSample(config.sampleCap, config.seed, 'chain/workflow_duration');
    this.isRefusal = createRefusalMatcher(config.refusalPhrases);
  }

  add(record: TraceRecord): void {
    if (record.startTimeMs < this.firstMs) this.firstMs = record.startTimeMs;
    const end = record.startTimeMs + record.durationMs;
    if (end > this.lastMs) this.lastMs = end;
    if (record.kind === 'step') {
      this.steps++;
      this.stepCounts[record.step]++;
      if (record.step === 'workflow') this.workflowDuration.add(record.durationMs);
      if (record.step === 'tool') {
        this.toolCalls++;
        if (record.errorType !== undefined) this.toolErrors++;
      }
      return;
    }
    this.calls++;
    this.all.add(record, this.isRefusal);
    this.timeSeries.add(record.startTimeMs, record.durationMs, record.costUsd);
    const quality = this.config.quality;
    const schema =
      quality.enabled && record.promptName !== undefined ? quality.schemas[record.promptName] : undefined;
    if (quality.enabled) this.output(ALL_SEGMENT).add(record.outputText, schema);
    const dimensions = this.config.segmentBy;
    const key = segmentKey(record, dimensions);
    if (key === undefined) return;
    if (quality.enabled) this.output(key).add(record.outputText, schema);
    let segment = this.segments.get(key);
    if (segment === undefined) {
      const values: Record<string, string> = {};
      for (const dimension of dimensions) values[dimension] = dimensionValue(record, dimension);
      segment = new SegmentAccumulator(key, values, this.config.sampleCap, this.config.seed);
      this.segments.set(key, segment);
    }
    segment.add(record, this.isRefusal);
  }

  private output(key: string): OutputSample {
    let sample = this.outputs.get(key);
    if (sample === undefined) {
      sample = new OutputSample(this.config.quality.maxOutputs, this.config.seed, key);
      this.outputs.set(key, sample);
    }
    return sample;
  }
}

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
import { SegmentAccumulator } from './segment-accumulator.js';

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
    const dimensions = this.config.segmentBy;
    const key = segmentKey(record, dimensions);
    if (key === undefined) return;
    let segment = this.segments.get(key);
    if (segment === undefined) {
      const values: Record<string, string> = {};
      for (const dimension of dimensions) values[dimension] = dimensionValue(record, dimension);
      segment = new SegmentAccumulator(key, values, this.config.sampleCap, this.config.seed);
      this.segments.set(key, segment);
    }
    segment.add(record, this.isRefusal);
  }
}

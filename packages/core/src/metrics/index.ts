export { type CallMetricAttributes, callMetricAttributes, type MetricIdentity } from './attributes.js';
export {
  type GenAiInstruments,
  genAiInstruments,
  type InstrumentationScope,
  type LatestGenAiInstruments,
} from './instruments.js';

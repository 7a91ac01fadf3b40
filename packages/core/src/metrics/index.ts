export {
  type GenAiInstruments,
  genAiInstruments,
  type InstrumentationScope,
  type LatestGenAiInstruments,
} from './instruments.js';

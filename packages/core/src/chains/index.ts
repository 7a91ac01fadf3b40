export type { Association } from './association.js';
export { captureContentFromEnv, DEFAULT_MAX_CONTENT_LENGTH } from './content.js';
export { TRACER_NAME } from './run.js';
export {
  type AgentOptions,
  agent,
  type StepOptions,
  type TaskOptions,
  type ToolOptions,
  task,
  tool,
  type WorkflowOptions,
  withAgent,
  withTask,
  withTool,
  withWorkflow,
  workflow,
} from './steps.js';

/**
 * Prompt chains: `workflow`, `agent`, `task` and `tool` run a function inside a span named and attributed as the
 * GenAI conventions say, nested through the active OTel context. Each has an immediate form (`task(name, fn)`
 * runs `fn` now) and a wrapper form (`withTask(name, fn)` returns a function with `fn`'s signature and `this`).
 */
import type { Attributes, Span } from '@opentelemetry/api';
import type { Redactor } from '../options.js';
import {
  ATTR_GEN_AI_AGENT_DESCRIPTION,
  ATTR_GEN_AI_AGENT_ID,
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
  ATTR_GEN_AI_TOOL_CALL_ID,
  ATTR_GEN_AI_TOOL_CALL_RESULT,
  ATTR_GEN_AI_TOOL_DESCRIPTION,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_TOOL_TYPE,
  ATTR_GEN_AI_WORKFLOW_NAME,
  ATTR_SIGHTLINE_CHAIN_KIND,
  ATTR_SIGHTLINE_TASK_NAME,
  GEN_AI_OPERATION,
} from '../semconv.js';
import { captureContentFromEnv, contentAttribute } from './content.js';
import { runStep, type StepDefinition, type StepOptions } from './run.js';

export type { StepOptions } from './run.js';

/** Options of `workflow` / `withWorkflow`. */
export type WorkflowOptions = StepOptions;

/** Options of `task` / `withTask`. */
export type TaskOptions = StepOptions;

/** Options of `agent` / `withAgent`. */
export interface AgentOptions extends StepOptions {
  /** `gen_ai.agent.id` */
  agentId?: string;
  /** `gen_ai.agent.description` */
  description?: string;
}

/** Options of `tool` / `withTool`. */
export interface ToolOptions extends StepOptions {
  /** `gen_ai.tool.call.id`: the id the model gave the call. */
  callId?: string;
  /** `gen_ai.tool.description` */
  description?: string;
  /** `gen_ai.tool.type`: `function` (default), `extension` or `datastore`. */
  type?: string;
  /**
   * Record `gen_ai.tool.call.arguments` and `gen_ai.tool.call.result` (default: the environment variable
   * `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT`, read at call time).
   */
  captureContent?: boolean;
  /**
   * Budget of text characters for each recorded value (default 16,384). JSON values keep their structure and
   * stay valid JSON; their text leaves are cut with a `…[truncated N chars]` marker.
   */
  maxContentLength?: number;
  /**
   * Applied to every text leaf of the recorded arguments and result (default: `defaultRedactor`, which masks
   * API keys, bearer tokens and e-mail addresses). `false` records text as is.
   */
  redact?: Redactor | false;
  /** Immediate form only: the arguments to record (the wrapper form records the call's arguments). */
  arguments?: unknown;
}

type Fn<T, A extends unknown[], R> = (this: T, ...args: A) => R;

function checkStep(kind: string, name: unknown, fn: unknown): void {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new TypeError(`${kind}(name, fn): "name" must be a non-empty string (got ${JSON.stringify(name)})`);
  }
  if (typeof fn !== 'function') throw new TypeError(`${kind}("${name}", fn): "fn" must be a function`);
}

function workflowStep(name: string, options?: WorkflowOptions): StepDefinition {
  return {
    spanName: `${GEN_AI_OPERATION.invokeWorkflow} ${name}`,
    attributes: {
      [ATTR_GEN_AI_OPERATION_NAME]: GEN_AI_OPERATION.invokeWorkflow,
      [ATTR_GEN_AI_WORKFLOW_NAME]: name,
      [ATTR_SIGHTLINE_CHAIN_KIND]: 'workflow',
    },
    options,
  };
}

function agentStep(name: string, options?: AgentOptions): StepDefinition {
  const attributes: Attributes = {
    [ATTR_GEN_AI_OPERATION_NAME]: GEN_AI_OPERATION.invokeAgent,
    [ATTR_GEN_AI_AGENT_NAME]: name,
    [ATTR_SIGHTLINE_CHAIN_KIND]: 'agent',
  };
  if (options?.agentId !== undefined) attributes[ATTR_GEN_AI_AGENT_ID] = options.agentId;
  if (options?.description !== undefined) attributes[ATTR_GEN_AI_AGENT_DESCRIPTION] = options.description;
  return { spanName: `${GEN_AI_OPERATION.invokeAgent} ${name}`, attributes, options };
}

function taskStep(name: string, options?: TaskOptions): StepDefinition {
  return {
    spanName: `task ${name}`,
    attributes: { [ATTR_SIGHTLINE_CHAIN_KIND]: 'task', [ATTR_SIGHTLINE_TASK_NAME]: name },
    options,
  };
}

function toolStep(
  name: string,
  options: ToolOptions | undefined,
  args: { value: unknown } | undefined,
): StepDefinition {
  const attributes: Attributes = {
    [ATTR_GEN_AI_OPERATION_NAME]: GEN_AI_OPERATION.executeTool,
    [ATTR_GEN_AI_TOOL_NAME]: name,
    [ATTR_GEN_AI_TOOL_TYPE]: options?.type ?? 'function',
    [ATTR_SIGHTLINE_CHAIN_KIND]: 'tool',
  };
  if (options?.callId !== undefined) attributes[ATTR_GEN_AI_TOOL_CALL_ID] = options.callId;
  if (options?.description !== undefined) attributes[ATTR_GEN_AI_TOOL_DESCRIPTION] = options.description;
  const capture = options?.captureContent ?? captureContentFromEnv();
  let onResult: ((span: Span, value: unknown) => void) | undefined;
  if (capture) {
    const max = options?.maxContentLength;
    const redact = options?.redact;
    if (args && args.value !== undefined)
      attributes[ATTR_GEN_AI_TOOL_CALL_ARGUMENTS] = contentAttribute(args.value, max, redact);
    onResult = (span, value) => {
      if (value !== undefined)
        span.setAttribute(ATTR_GEN_AI_TOOL_CALL_RESULT, contentAttribute(value, max, redact));
    };
  }
  return { spanName: `${GEN_AI_OPERATION.executeTool} ${name}`, attributes, options, onResult };
}

/** The arguments a wrapped tool was called with, as recorded: the single argument itself, else the list. */
function recordedArguments(args: readonly unknown[]): unknown {
  return args.length === 1 ? args[0] : args;
}

/**
 * Runs `fn` inside an `invoke_workflow {name}` span and returns its result (sync stays sync; a promise is
 * returned as the same object; a generator is wrapped so its items are produced inside the span).
 */
export function workflow<R>(name: string, fn: () => R, options?: WorkflowOptions): R {
  checkStep('workflow', name, fn);
  return runStep(workflowStep(name, options), fn, undefined, []);
}

/** Runs `fn` inside an `invoke_agent {name}` span (see `workflow` for the result guarantees). */
export function agent<R>(name: string, fn: () => R, options?: AgentOptions): R {
  checkStep('agent', name, fn);
  return runStep(agentStep(name, options), fn, undefined, []);
}

/** Runs `fn` inside a `task {name}` span (see `workflow` for the result guarantees). */
export function task<R>(name: string, fn: () => R, options?: TaskOptions): R {
  checkStep('task', name, fn);
  return runStep(taskStep(name, options), fn, undefined, []);
}

/**
 * Runs `fn` inside an `execute_tool {name}` span. With content capture on, `options.arguments` and the result
 * (awaited when a promise) are recorded as size-limited JSON.
 */
export function tool<R>(name: string, fn: () => R, options?: ToolOptions): R {
  checkStep('tool', name, fn);
  const args = options && 'arguments' in options ? { value: options.arguments } : undefined;
  return runStep(toolStep(name, options, args), fn, undefined, []);
}

/** Wraps `fn` so every call runs inside an `invoke_workflow {name}` span; signature and `this` are kept. */
export function withWorkflow<T, A extends unknown[], R>(
  name: string,
  fn: Fn<T, A, R>,
  options?: WorkflowOptions,
): Fn<T, A, R> {
  checkStep('withWorkflow', name, fn);
  return function (this: T, ...args: A): R {
    return runStep(workflowStep(name, options), fn, this, args);
  };
}

/** Wraps `fn` so every call runs inside an `invoke_agent {name}` span; signature and `this` are kept. */
export function withAgent<T, A extends unknown[], R>(
  name: string,
  fn: Fn<T, A, R>,
  options?: AgentOptions,
): Fn<T, A, R> {
  checkStep('withAgent', name, fn);
  return function (this: T, ...args: A): R {
    return runStep(agentStep(name, options), fn, this, args);
  };
}

/** Wraps `fn` so every call runs inside a `task {name}` span; signature and `this` are kept. */
export function withTask<T, A extends unknown[], R>(
  name: string,
  fn: Fn<T, A, R>,
  options?: TaskOptions,
): Fn<T, A, R> {
  checkStep('withTask', name, fn);
  return function (this: T, ...args: A): R {
    return runStep(taskStep(name, options), fn, this, args);
  };
}

/**
 * Wraps a tool implementation so every call runs inside an `execute_tool {name}` span; with content capture on,
 * the call's arguments (the single argument, or the list) and its result are recorded.
 */
export function withTool<T, A extends unknown[], R>(
  name: string,
  fn: Fn<T, A, R>,
  options?: ToolOptions,
): Fn<T, A, R> {
  checkStep('withTool', name, fn);
  return function (this: T, ...args: A): R {
    return runStep(toolStep(name, options, { value: recordedArguments(args) }), fn, this, args);
  };
}

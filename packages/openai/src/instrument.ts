/**
 * `instrumentOpenAI(client)`: patches three methods on the client's own resource objects
 * (`chat.completions.create`, `responses.create`, `embeddings.create`). The SDK's helpers
 * (`chat.completions.stream()`, `.parse()`, `runTools()`, `responses.stream()`, `responses.parse()`) all go
 * through `client.chat.completions.create` / `client.responses.create`, so each HTTP call gets exactly one span
 * and the helpers keep their own behaviour. Nothing else is touched; the SDK's objects go back to the app.
 */
import {
  instrumentStream,
  type LlmCall,
  type LlmCallRequest,
  observeApiPromise,
  type ResolvedInstrumentation,
  reportTelemetryError,
  resolveInstrumentationOptions,
  type ServerEndpoint,
  type StreamHandlers,
  serverFromBaseURL,
  startLlmCall,
} from '@sightline/core/instrumentation';
import { GEN_AI_OPERATION } from '@sightline/core/semconv';
import { chatInputContent, chatRequestAttributes, recordChatCompletion } from './chat.js';
import { ChatStreamAccumulator } from './chat-stream.js';
import { embeddingsInputContent, embeddingsRequestAttributes, recordEmbeddings } from './embeddings.js';
import { classifyOpenAIError } from './errors.js';
import type { OpenAIInstrumentationOptions } from './options.js';
import { detectProviderName } from './provider.js';
import { recordResponse, responsesInputContent, responsesRequestAttributes } from './responses.js';
import { ResponsesStreamAccumulator } from './responses-stream.js';
import { asObject, type Wire } from './values.js';

/** Package name and version, the instrumentation scope of spans and metrics. */
export const INSTRUMENTATION_SCOPE = { name: '@sightline/openai', version: '0.1.0' } as const;

/** Marks an instrumented client (global symbol: the ESM and CJS builds must agree). */
const INSTRUMENTED = Symbol.for('sightline.openai.instrumented');

interface ClientSettings {
  kit: ResolvedInstrumentation;
  provider: string;
  endpoint: ServerEndpoint | undefined;
  includeStreamUsage: boolean;
}

/** How one SDK method maps onto a call. */
interface Operation {
  operation: string;
  /** The body actually sent (the same object unless includeStreamUsage adds stream_options). */
  prepareBody(body: Wire, settings: ClientSettings): Wire;
  describe(body: Wire): Pick<LlmCallRequest, 'attributes' | 'annotationSource' | 'content'>;
  /** Records a parsed non-stream result. */
  record(call: LlmCall, value: unknown): void;
  /** Stream handlers, for operations that stream. */
  streamHandlers?(call: LlmCall): StreamHandlers<never>;
}

const CHAT: Operation = {
  operation: GEN_AI_OPERATION.chat,
  prepareBody(body, settings) {
    if (settings.includeStreamUsage && body.stream === true && body.stream_options == null) {
      return { ...body, stream_options: { include_usage: true } };
    }
    return body;
  },
  describe: (body) => ({
    attributes: chatRequestAttributes(body),
    annotationSource: body.messages,
    content: () => chatInputContent(body),
  }),
  record: recordChatCompletion,
  streamHandlers: (call) => new ChatStreamAccumulator(call),
};

const RESPONSES: Operation = {
  operation: GEN_AI_OPERATION.chat,
  prepareBody: (body) => body,
  describe: (body) => ({
    attributes: responsesRequestAttributes(body),
    annotationSource: body.input,
    content: () => responsesInputContent(body),
  }),
  record: recordResponse,
  streamHandlers: (call) => new ResponsesStreamAccumulator(call),
};

const EMBEDDINGS: Operation = {
  operation: GEN_AI_OPERATION.embeddings,
  prepareBody: (body) => body,
  describe: (body) => ({
    attributes: embeddingsRequestAttributes(body),
    annotationSource: undefined,
    content: () => embeddingsInputContent(body),
  }),
  record: recordEmbeddings,
};

type Method = (this: unknown, body: unknown, ...rest: unknown[]) => unknown;

/**
 * Installs a wrapper as a NON-enumerable own property of one instance (never a prototype), so `Object.keys`,
 * spreading and logging of the client and its resources look exactly as without Sightline.
 */
function installOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
}

function startCall(operation: Operation, settings: ClientSettings, body: Wire): LlmCall | undefined {
  const streaming = operation.streamHandlers !== undefined && body.stream === true;
  return startLlmCall(settings.kit, {
    operation: operation.operation,
    provider: settings.provider,
    requestModel: typeof body.model === 'string' ? body.model : undefined,
    serverAddress: settings.endpoint?.address,
    serverPort: settings.endpoint?.port,
    streaming,
    ...operation.describe(body),
  });
}

function wrapMethod(resource: unknown, operation: Operation, settings: ClientSettings): void {
  const target = asObject(resource);
  const original = target?.create;
  if (!target || typeof original !== 'function') return;
  const create = original as Method;
  const sightlineCreate = function sightlineCreate(
    this: unknown,
    body: unknown,
    ...rest: unknown[]
  ): unknown {
    let call: LlmCall | undefined;
    let sent = body;
    const wire = asObject(body);
    if (wire) {
      try {
        sent = operation.prepareBody(wire, settings);
        call = startCall(operation, settings, wire);
      } catch (error) {
        reportTelemetryError('openai request description', error);
      }
    }
    if (!call) return create.call(this, sent, ...rest);
    const started = call;
    const result = started.runWithin(() => create.call(this, sent, ...rest));
    const streaming = operation.streamHandlers !== undefined && wire?.stream === true;
    return observeApiPromise(result, started, {
      parsed(value) {
        if (streaming && value !== null && typeof value === 'object' && operation.streamHandlers) {
          instrumentStream(value, started, operation.streamHandlers(started));
          return true;
        }
        operation.record(started, value);
        return false;
      },
      classifyError: classifyOpenAIError,
    });
  };
  installOwn(target, 'create', sightlineCreate);
}

/**
 * Instruments an OpenAI client in place and returns the SAME object (same type): chat completions (plain,
 * streamed, `.stream()`, `.parse()`, `runTools`), the Responses API (plain, streamed, `.stream()`, `.parse()`)
 * and embeddings get one OpenTelemetry GenAI span each, plus metrics and cost.
 *
 * Guarantees: results, streams, errors and helpers behave exactly as without instrumentation (the request is
 * never changed unless `includeStreamUsage` is set); telemetry failures go to OpenTelemetry's `diag` logger
 * and never reach the call; instrumenting the same client twice is a no-op (the first options win); clients
 * made with `client.withOptions(...)` are instrumented with the same options. Works with openai 4.x to 7.x.
 *
 * @throws TypeError when `client` is not an object or an option is invalid (naming the option).
 */
export function instrumentOpenAI<Client extends object>(
  client: Client,
  options?: OpenAIInstrumentationOptions,
): Client {
  if (client === null || typeof client !== 'object') {
    throw new TypeError(
      `instrumentOpenAI: expected an OpenAI client instance, got ${client === null ? 'null' : typeof client}`,
    );
  }
  const marked = client as Client & { [INSTRUMENTED]?: boolean };
  if (marked[INSTRUMENTED]) return client;
  const includeStreamUsage = options?.includeStreamUsage;
  if (includeStreamUsage !== undefined && typeof includeStreamUsage !== 'boolean') {
    throw new TypeError(
      `sightline options: includeStreamUsage must be a boolean, got ${String(includeStreamUsage)}`,
    );
  }
  const kit = resolveInstrumentationOptions(options, INSTRUMENTATION_SCOPE);
  const wire = client as unknown as Wire;
  const baseURL = wire.baseURL;
  const settings: ClientSettings = {
    kit,
    provider: kit.providerName ?? detectProviderName(baseURL, client.constructor?.name),
    endpoint: serverFromBaseURL(baseURL),
    includeStreamUsage: includeStreamUsage ?? false,
  };
  wrapMethod(asObject(wire.chat)?.completions, CHAT, settings);
  wrapMethod(wire.responses, RESPONSES, settings);
  wrapMethod(wire.embeddings, EMBEDDINGS, settings);
  const withOptions = wire.withOptions;
  if (typeof withOptions === 'function') {
    installOwn(
      wire,
      'withOptions',
      function sightlineWithOptions(this: unknown, ...args: unknown[]): unknown {
        const derived = (withOptions as (...a: unknown[]) => unknown).apply(this, args);
        try {
          if (derived !== null && typeof derived === 'object') instrumentOpenAI(derived, options);
        } catch (error) {
          reportTelemetryError('openai withOptions', error);
        }
        return derived;
      },
    );
  }
  Object.defineProperty(client, INSTRUMENTED, { value: true, enumerable: false, configurable: true });
  return client;
}

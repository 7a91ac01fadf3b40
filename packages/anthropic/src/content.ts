/**
 * Anthropic messages -> the GenAI conventions' parts format (`gen_ai.input.messages`, `gen_ai.output.messages`,
 * `gen_ai.system_instructions`, `gen_ai.tool.definitions`). Used only when content capture is on; the kit
 * redacts and size-limits the result when it serialises it.
 *
 * Block mapping:
 * | Anthropic block                                   | part                                                   |
 * |---------------------------------------------------|--------------------------------------------------------|
 * | `text`                                            | `text{content}`                                        |
 * | `thinking`                                        | `reasoning{content}`                                   |
 * | `redacted_thinking`                               | `{type:'redacted_thinking'}` (its data is encrypted)   |
 * | `tool_use`, `server_tool_use`                     | `tool_call{id,name,arguments}`                         |
 * | `tool_result`, `*_tool_result`                    | `tool_call_response{id,response}`                      |
 * | `image`/`document` with a base64 source           | `blob{modality,mime_type,content}` (content: see below)|
 * | `image`/`document` with a url / file source       | `uri{modality,uri}` / `file{modality,file_id}`         |
 * | `document` with a plain-text source               | `text{content}`                                        |
 * | anything else                                     | `{type}` (the block type only)                         |
 *
 * Base64 data is NOT recorded: a blob's `content` is a placeholder naming its size. Inline images and PDFs run
 * to megabytes; cut to the content budget they would no longer decode, yet would push the messages' text out of
 * the budget and bloat every exported span. The part keeps its modality and mime type, so the trace still says
 * an image was sent.
 */
import {
  blobPart,
  type ContentMessage,
  type ContentPart,
  reasoningPart,
  type ToolDefinition,
  textPart,
  toolCallPart,
  toolCallResponsePart,
  uriPart,
} from '@sightline/core/instrumentation';
import { objectOf, stringOf, type WireBlock, type WireMessageParam, type WireTool } from './wire.js';

function modalityOf(blockType: string, mediaType: string | undefined): string {
  if (blockType === 'image') return 'image';
  if (mediaType?.startsWith('audio/')) return 'audio';
  if (mediaType?.startsWith('video/')) return 'video';
  return blockType === 'document' ? 'document' : blockType;
}

interface WireSource {
  type?: unknown;
  media_type?: unknown;
  data?: unknown;
  url?: unknown;
  file_id?: unknown;
}

function sourcePart(blockType: string, source: WireSource | undefined): ContentPart {
  const mediaType = stringOf(source?.media_type);
  const modality = modalityOf(blockType, mediaType);
  switch (source?.type) {
    case 'base64':
      return blobPart(modality, source.data, mediaType);
    case 'url':
      return uriPart(String(source.url ?? ''), modality);
    case 'file':
      return { type: 'file', modality, file_id: String(source.file_id ?? '') };
    case 'text':
      return textPart(String(source.data ?? ''));
    default:
      return { type: blockType };
  }
}

/** A tool result's `content` (a string or blocks) as the `response` of a `tool_call_response` part. */
function toolResponse(content: unknown): unknown {
  if (!Array.isArray(content)) return content ?? '';
  const parts = content.map((block) => blockPart(block));
  if (parts.every((part) => part.type === 'text')) {
    return parts.map((part) => (part as { content: string }).content).join('');
  }
  return parts;
}

/** One Anthropic content block as a part. Never throws for any input. */
export function blockPart(raw: unknown): ContentPart {
  const block = objectOf<WireBlock>(raw);
  if (!block) return typeof raw === 'string' ? textPart(raw) : { type: 'unknown' };
  const type = typeof block.type === 'string' ? block.type : 'unknown';
  switch (type) {
    case 'text':
      return textPart(String(block.text ?? ''));
    case 'thinking':
      return reasoningPart(String(block.thinking ?? ''));
    case 'tool_use':
    case 'server_tool_use':
    case 'mcp_tool_use':
      return toolCallPart(stringOf(block.id), String(block.name ?? ''), block.input ?? {});
    case 'image':
    case 'document':
      return sourcePart(type, objectOf<WireSource>(block.source));
    default:
      if (type === 'tool_result' || type.endsWith('_tool_result')) {
        return toolCallResponsePart(stringOf(block.tool_use_id), toolResponse(block.content));
      }
      return { type };
  }
}

/** A message's `content` (a string or blocks) as parts. */
export function contentParts(content: unknown): ContentPart[] {
  if (typeof content === 'string') return [textPart(content)];
  if (!Array.isArray(content)) return [];
  return content.map((block) => blockPart(block));
}

/** The request's `messages` as `gen_ai.input.messages`. */
export function inputMessages(messages: unknown): ContentMessage[] {
  if (!Array.isArray(messages)) return [];
  const out: ContentMessage[] = [];
  for (const raw of messages) {
    const message = objectOf<WireMessageParam>(raw);
    if (!message) continue;
    out.push({ role: String(message.role ?? 'user'), parts: contentParts(message.content) });
  }
  return out;
}

/** The request's `system` (a string or text blocks) as `gen_ai.system_instructions` parts. */
export function systemInstructions(system: unknown): ContentPart[] | undefined {
  if (system === undefined || system === null || system === '') return undefined;
  const parts = contentParts(system);
  return parts.length > 0 ? parts : undefined;
}

/**
 * The request's `tools` as `gen_ai.tool.definitions`: client tools as `{type:'function', name, description,
 * parameters}` (their JSON schema), server tools (`web_search_20250305`, `bash_20250124`, ...) by type and name.
 */
export function toolDefinitions(tools: unknown): ToolDefinition[] | undefined {
  if (!Array.isArray(tools) || tools.length === 0) return undefined;
  return tools.map((raw): ToolDefinition => {
    const tool = objectOf<WireTool>(raw) ?? {};
    const name = stringOf(tool.name);
    if (tool.input_schema !== undefined || tool.type === undefined || tool.type === 'custom') {
      const definition: ToolDefinition = { type: 'function' };
      if (name) definition.name = name;
      const description = stringOf(tool.description);
      if (description) definition.description = description;
      if (tool.input_schema !== undefined) definition.parameters = tool.input_schema;
      return definition;
    }
    return name ? { type: String(tool.type), name } : { type: String(tool.type) };
  });
}

/** A response's content blocks as the one output message, with the finish reason (`error` when unknown). */
export function outputMessage(content: unknown, finishReason: string | undefined): ContentMessage {
  return { role: 'assistant', parts: contentParts(content), finish_reason: finishReason ?? 'error' };
}

/**
 * Input errors: bad trace files, bad config, bad window specs. Every message names where the problem is (file,
 * line, field) so a nightly job's log says what to fix without a debugger.
 */

/** Where a piece of input came from. `line` is 1-based; `field` is an attribute or JSON path. */
export interface InputLocation {
  file?: string;
  line?: number;
  field?: string;
}

/**
 * A problem with the input (not a bug): a malformed line, a wrong-typed attribute, an unreadable file, an
 * empty source, a bad config value. The message starts with `file:line: field:` when those are known.
 */
export class InputError extends Error {
  override name = 'InputError';
  readonly file?: string;
  readonly line?: number;
  readonly field?: string;
  /** The message without the location prefix. */
  readonly detail: string;

  constructor(message: string, location: InputLocation = {}) {
    super(formatLocation(location) + message);
    this.detail = message;
    this.file = location.file;
    this.line = location.line;
    this.field = location.field;
  }
}

function formatLocation(location: InputLocation): string {
  let prefix = '';
  if (location.file)
    prefix += location.line !== undefined ? `${location.file}:${location.line}: ` : `${location.file}: `;
  else if (location.line !== undefined) prefix += `line ${location.line}: `;
  if (location.field) prefix += `${location.field}: `;
  return prefix;
}

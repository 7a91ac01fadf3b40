/**
 * Errors of @sightline/prompts. Every input error names the file, the line and the field, so a CI log line is
 * enough to find and fix the mistake (`prompts/support.prompt.yaml:4: field "version": expected ...`).
 */

/** One problem found in a prompt file or the lock file. */
export interface PromptFileIssue {
  /** The file, as given to the API (relative to `cwd` when inside it). */
  file: string;
  /** 1-based line of the offending node, when known. */
  line?: number;
  /** Dotted path of the field, e.g. `messages[1].role` or `model.temperature`. */
  field?: string;
  message: string;
}

/** Formats an issue as `file:line: field "x": message`. */
export function formatIssue(issue: PromptFileIssue): string {
  const where = issue.line ? `${issue.file}:${issue.line}` : issue.file;
  const field = issue.field ? `field "${issue.field}": ` : '';
  return `${where}: ${field}${issue.message}`;
}

/**
 * A prompt file or lock file is malformed (bad YAML/JSON, wrong type, unknown or missing field). `issues` lists
 * every problem found in the file; the message is one formatted line per issue.
 */
export class PromptFileError extends Error {
  override name = 'PromptFileError';
  readonly issues: readonly PromptFileIssue[];

  constructor(issues: readonly PromptFileIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.issues = issues;
  }
}

/** `load(name)` found no `NAME.prompt.yaml|yml|json` in the prompts directory. */
export class PromptNotFoundError extends Error {
  override name = 'PromptNotFoundError';
}

/**
 * A version asked for is unknown: for `diffPrompts`, neither the current file, nor a history snapshot, nor in
 * git; for `load(name, { version })`, neither the current file's version nor a locked version with a snapshot.
 * The message lists the known versions.
 */
export class PromptVersionNotFoundError extends Error {
  override name = 'PromptVersionNotFoundError';
}

/** Collects issues for one file so a user sees all of them at once instead of fixing one per run. */
export class IssueList {
  readonly issues: PromptFileIssue[] = [];

  constructor(readonly file: string) {}

  add(line: number | undefined, field: string | undefined, message: string): void {
    this.issues.push({ file: this.file, line, field, message });
  }

  /** Throws a `PromptFileError` when anything was added. */
  throwIfAny(): void {
    if (this.issues.length > 0) throw new PromptFileError(this.issues);
  }
}

/**
 * Plain-text renderings of check results, diffs and listings, as `sightline prompts` prints them. Kept in the
 * library so other tools (a bot commenting on a pull request, an editor task) print the same words.
 */
import type { PromptCheckResult, PromptLockStatus, PromptProblem } from './check.js';
import type { PromptDiff } from './diff.js';
import type { PromptFileInfo } from './registry.js';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** One problem as `file:line: severity: message` plus an indented `fix:` line. */
export function formatProblem(problem: PromptProblem): string {
  const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
  return `${where}: ${problem.severity}: ${problem.message}\n  fix: ${problem.fix}\n`;
}

/** Every problem, then a summary line. */
export function formatCheckText(result: PromptCheckResult): string {
  const lines = result.problems.map(formatProblem);
  const count = plural(result.prompts.length, 'prompt');
  if (result.problems.length === 0) {
    lines.push(`prompts check: ok, ${count} match ${result.lockFile}\n`);
  } else {
    const verdict = result.ok ? 'ok' : 'failed';
    lines.push(
      `prompts check: ${verdict}, ${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')} (${count}, lock ${result.lockFile})\n`,
    );
  }
  return lines.join('');
}

/** The diff header, metadata changes, the unified template diff and notes. */
export function formatDiffText(diff: PromptDiff): string {
  const out = [
    `${diff.name}: version ${diff.from.version} (${diff.from.location}, hash ${diff.from.hash}) -> ${diff.to.version} (${diff.to.location}, hash ${diff.to.hash})`,
  ];
  if (diff.identical) out.push('no changes');
  if (diff.metadata.length > 0) {
    out.push('metadata:');
    for (const change of diff.metadata) {
      out.push(`  ${change.field}: ${change.from ?? '(none)'} -> ${change.to ?? '(none)'}`);
    }
  }
  if (diff.unified) out.push('template:', diff.unified.trimEnd());
  else if (!diff.identical) out.push('template: unchanged');
  for (const note of diff.notes) out.push(`note: ${note}`);
  return `${out.join('\n')}\n`;
}

/** A table of prompts: name, version, hash, lock status, file. */
export function formatListText(
  prompts: readonly (PromptFileInfo & Partial<Pick<PromptLockStatus, 'status'>>)[],
): string {
  if (prompts.length === 0) return 'no prompt files\n';
  const rows = [
    ['NAME', 'VERSION', 'HASH', 'LOCK', 'FILE'],
    ...prompts.map((p) => [p.name, p.version, p.hash, p.status ?? '-', p.file]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map(
      (row) => `${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')}\n`,
    )
    .join('');
}

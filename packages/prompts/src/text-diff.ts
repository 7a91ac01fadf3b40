/**
 * A small line diff: longest common subsequence over the lines between the common prefix and suffix, printed
 * as a unified diff (`@@ -a,b +c,d @@`). Prompt templates are short, so the quadratic table is fine; past
 * `MAX_TABLE_CELLS` the changed middle is shown as one replaced block instead of running out of memory.
 */

/** One line of a diff: kept (` `), removed (`-`) or added (`+`). */
export interface DiffLine {
  op: ' ' | '-' | '+';
  text: string;
}

/** A unified-diff hunk; starts are 1-based line numbers as in `diff -u`. */
export interface DiffHunk {
  fromStart: number;
  fromCount: number;
  toStart: number;
  toCount: number;
  lines: DiffLine[];
}

const MAX_TABLE_CELLS = 4_000_000;

/** Every line of `from` and `to`, marked kept, removed or added; deletions come before additions. */
export function diffLines(from: readonly string[], to: readonly string[]): DiffLine[] {
  let prefix = 0;
  while (prefix < from.length && prefix < to.length && from[prefix] === to[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < from.length - prefix &&
    suffix < to.length - prefix &&
    from[from.length - 1 - suffix] === to[to.length - 1 - suffix]
  ) {
    suffix++;
  }
  const a = from.slice(prefix, from.length - suffix);
  const b = to.slice(prefix, to.length - suffix);
  const keep = (text: string): DiffLine => ({ op: ' ', text });
  return [...from.slice(0, prefix).map(keep), ...middle(a, b), ...from.slice(from.length - suffix).map(keep)];
}

function middle(a: readonly string[], b: readonly string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  if ((n + 1) * (m + 1) > MAX_TABLE_CELLS) {
    return [
      ...a.map((text) => ({ op: '-' as const, text })),
      ...b.map((text) => ({ op: '+' as const, text })),
    ];
  }
  // table[i * (m + 1) + j] = length of the LCS of a[i..] and b[j..].
  const width = m + 1;
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j]
          ? table[(i + 1) * width + j + 1] + 1
          : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      lines.push({ op: ' ', text: a[i] });
      i++;
      j++;
    } else if (table[(i + 1) * width + j] >= table[i * width + j + 1]) {
      lines.push({ op: '-', text: a[i++] });
    } else {
      lines.push({ op: '+', text: b[j++] });
    }
  }
  while (i < n) lines.push({ op: '-', text: a[i++] });
  while (j < m) lines.push({ op: '+', text: b[j++] });
  return lines;
}

/** Groups a diff into hunks with `context` unchanged lines around each change (default 3, as `diff -u`). */
export function diffHunks(lines: readonly DiffLine[], context = 3): DiffHunk[] {
  const changed = lines.flatMap((line, index) => (line.op === ' ' ? [] : [index]));
  if (changed.length === 0) return [];
  // Line numbers before each diff line, in the old and the new text.
  const fromLine: number[] = [];
  const toLine: number[] = [];
  let f = 1;
  let t = 1;
  for (const line of lines) {
    fromLine.push(f);
    toLine.push(t);
    if (line.op !== '+') f++;
    if (line.op !== '-') t++;
  }
  const ranges: [number, number][] = [];
  for (const index of changed) {
    const start = Math.max(0, index - context);
    const end = Math.min(lines.length - 1, index + context);
    const last = ranges[ranges.length - 1];
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else ranges.push([start, end]);
  }
  return ranges.map(([start, end]) => {
    const hunkLines = lines.slice(start, end + 1);
    const fromCount = hunkLines.filter((l) => l.op !== '+').length;
    const toCount = hunkLines.filter((l) => l.op !== '-').length;
    // As in diff -u, an empty side starts at the line before the change.
    return {
      fromStart: fromCount === 0 ? fromLine[start] - 1 : fromLine[start],
      fromCount,
      toStart: toCount === 0 ? toLine[start] - 1 : toLine[start],
      toCount,
      lines: hunkLines,
    };
  });
}

/** A unified diff text (`--- from`, `+++ to`, hunks); empty when there is no change. */
export function formatUnifiedDiff(fromLabel: string, toLabel: string, hunks: readonly DiffHunk[]): string {
  if (hunks.length === 0) return '';
  const out = [`--- ${fromLabel}`, `+++ ${toLabel}`];
  for (const hunk of hunks) {
    out.push(`@@ -${hunk.fromStart},${hunk.fromCount} +${hunk.toStart},${hunk.toCount} @@`);
    for (const line of hunk.lines) out.push(`${line.op}${line.text}`);
  }
  return `${out.join('\n')}\n`;
}

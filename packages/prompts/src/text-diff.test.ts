import { describe, expect, it } from 'vitest';
import { type DiffHunk, diffHunks, diffLines, formatUnifiedDiff } from './text-diff.js';

/** Rebuilds the new text from the old one and the hunks, as `patch` would. */
function applyHunks(from: string[], hunks: DiffHunk[]): string[] {
  const out: string[] = [];
  let next = 0; // index into `from`
  for (const hunk of hunks) {
    const start = hunk.fromCount === 0 ? hunk.fromStart : hunk.fromStart - 1;
    out.push(...from.slice(next, start));
    next = start;
    for (const line of hunk.lines) {
      if (line.op === ' ') expect(from[next++]).toBe(line.text);
      else if (line.op === '-') expect(from[next++]).toBe(line.text);
      if (line.op !== '-') out.push(line.text);
    }
  }
  return [...out, ...from.slice(next)];
}

function lcsLength(a: string[], b: string[]): number {
  const row = new Array(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(row[j], row[j - 1]);
      diagonal = above;
    }
  }
  return row[b.length];
}

/** Deterministic pseudo-random lines (mulberry32), so failures reproduce. */
function randomLines(seed: number, length: number): string[] {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length }, () => 'abcde'[Math.floor(next() * 5)]);
}

describe('text diff', () => {
  it('prints a unified diff with context, like diff -u', () => {
    const from = ['[system]', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', '[user]', 'q'];
    const to = ['[system]', 'a', 'B', 'c', 'd', 'e', 'f', 'g', 'h', '[user]', 'q', 'extra'];
    expect(formatUnifiedDiff('x@1', 'x@2', diffHunks(diffLines(from, to)))).toBe(
      [
        '--- x@1',
        '+++ x@2',
        '@@ -1,6 +1,6 @@',
        ' [system]',
        ' a',
        '-b',
        '+B',
        ' c',
        ' d',
        ' e',
        '@@ -9,3 +9,4 @@',
        ' h',
        ' [user]',
        ' q',
        '+extra',
        '',
      ].join('\n'),
    );
  });

  it('is empty for equal texts and handles empty sides', () => {
    expect(diffHunks(diffLines(['a'], ['a']))).toEqual([]);
    expect(formatUnifiedDiff('a', 'b', [])).toBe('');
    expect(diffHunks(diffLines([], ['x']))).toEqual([
      { fromStart: 0, fromCount: 0, toStart: 1, toCount: 1, lines: [{ op: '+', text: 'x' }] },
    ]);
  });

  it('keeps a longest common subsequence and its hunks rebuild the new text', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const from = randomLines(seed, seed % 23);
      const to = randomLines(seed * 7919, (seed * 3) % 19);
      const lines = diffLines(from, to);
      expect(lines.filter((l) => l.op === ' ').length).toBe(lcsLength(from, to));
      expect(applyHunks(from, diffHunks(lines, seed % 4))).toEqual(to);
    }
  });
});

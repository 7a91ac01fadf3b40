/**
 * Version labels: free-form strings, but when they follow a recognisable scheme (integers, dotted numbers with
 * an optional pre-release, ISO dates) they can be ordered, which lets `check` warn when a version goes backwards
 * and lets the lock file list versions in a natural order.
 */

/** Characters a version may use: it becomes part of a snapshot file name (`NAME@VERSION.prompt.yaml`). */
export const VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;

type Scheme = 'numeric' | 'date' | 'other';

const DATE = /^\d{4}-\d{2}-\d{2}(?:[T.\-_][0-9A-Za-z.:_-]*)?$/;
const NUMERIC = /^v?(\d+(?:\.\d+)*)(?:-([0-9A-Za-z.-]+))?$/;

function schemeOf(version: string): Scheme {
  if (DATE.test(version)) return 'date';
  if (NUMERIC.test(version)) return 'numeric';
  return 'other';
}

function compareNumeric(a: string, b: string): number {
  const [, aCore, aPre] = NUMERIC.exec(a)!;
  const [, bCore, bPre] = NUMERIC.exec(b)!;
  const aParts = aCore.split('.').map(Number);
  const bParts = bCore.split('.').map(Number);
  for (let i = 0; i < Math.max(aParts.length, bParts.length); i++) {
    const diff = (aParts[i] ?? 0) - (bParts[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  // As in semver, a release sorts after its pre-releases (1.0.0-rc.1 < 1.0.0).
  if (aPre === undefined || bPre === undefined) return aPre === bPre ? 0 : aPre === undefined ? 1 : -1;
  return aPre < bPre ? -1 : aPre > bPre ? 1 : 0;
}

/**
 * Orders two versions of the same scheme (numeric/semver-like, ISO date); `undefined` when they follow
 * different schemes or no recognisable one, i.e. when "newer" has no meaning.
 */
export function compareVersions(a: string, b: string): number | undefined {
  const scheme = schemeOf(a);
  if (scheme !== schemeOf(b) || scheme === 'other') return a === b ? 0 : undefined;
  if (scheme === 'date') return a < b ? -1 : a > b ? 1 : 0;
  return compareNumeric(a, b);
}

const SCHEME_RANK: Record<Scheme, number> = { numeric: 0, date: 1, other: 2 };

/** A total order for display and for the lock file: numeric versions, then dates, then the rest by text. */
export function sortVersions(versions: Iterable<string>): string[] {
  return [...versions].sort((a, b) => {
    const rank = SCHEME_RANK[schemeOf(a)] - SCHEME_RANK[schemeOf(b)];
    if (rank !== 0) return rank;
    const order = compareVersions(a, b);
    if (order !== undefined && order !== 0) return order;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

/** A suggested next version after `latest` (`3` after `2`, `1.3` after `1.2`); undefined when unguessable. */
export function suggestNextVersion(latest: string): string | undefined {
  const match = /^(v?)((?:\d+\.)*)(\d+)$/.exec(latest);
  if (!match) return undefined;
  return `${match[1]}${match[2]}${Number(match[3]) + 1}`;
}

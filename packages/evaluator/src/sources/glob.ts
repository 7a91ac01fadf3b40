/**
 * Expands source arguments (files, folders, glob patterns) into a sorted list of trace files. Sorted so the
 * same inputs are always read in the same order: reservoir sampling and therefore every report is
 * deterministic. Patterns support `*`, `?`, `**` and `{a,b}`; Node 20 has no `fs.glob`, hence this small one.
 */
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../errors.js';

/** File names a folder source picks up: OTLP/JSON and JSON lines, gzip-compressed or not. */
const TRACE_FILE = /\.(jsonl|json|ndjson)(\.gz)?$/i;
const GLOB_CHARS = /[*?{[]/;

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await walk(path, out);
    else if (entry.isFile()) out.push(path);
  }
}

/** Converts a glob (with `/` separators) into an anchored regular expression. */
export function globToRegExp(glob: string): RegExp {
  let pattern = '';
  let inBraces = false;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more folders; a trailing `**` matches anything.
        if (glob[i + 2] === '/') {
          pattern += '(?:.*/)?';
          i += 2;
        } else {
          pattern += '.*';
          i += 1;
        }
      } else pattern += '[^/]*';
    } else if (c === '?') pattern += '[^/]';
    else if (c === '{') {
      inBraces = true;
      pattern += '(?:';
    } else if (c === '}' && inBraces) {
      inBraces = false;
      pattern += ')';
    } else if (c === ',' && inBraces) pattern += '|';
    else pattern += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${pattern}$`);
}

async function expandOne(spec: string, cwd: string): Promise<string[]> {
  const normalized = spec.split(sep).join('/');
  if (!GLOB_CHARS.test(normalized)) {
    const path = isAbsolute(spec) ? spec : resolve(cwd, spec);
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch {
      throw new InputError(`no such file or folder`, { file: spec });
    }
    if (info.isFile()) return [path];
    const files: string[] = [];
    await walk(path, files);
    return files.filter((file) => TRACE_FILE.test(file));
  }
  // The static prefix (folders before the first glob character) is where the walk starts.
  const segments = normalized.split('/');
  const firstGlob = segments.findIndex((segment) => GLOB_CHARS.test(segment));
  const baseSpec = segments.slice(0, firstGlob).join('/') || (normalized.startsWith('/') ? '/' : '.');
  const base = isAbsolute(baseSpec) ? baseSpec : resolve(cwd, baseSpec);
  const matcher = globToRegExp(segments.slice(firstGlob).join('/'));
  const files: string[] = [];
  try {
    await walk(base, files);
  } catch {
    return [];
  }
  return files.filter((file) => matcher.test(relative(base, file).split(sep).join('/')));
}

/**
 * Resolves source specs to absolute file paths, sorted and without duplicates. Throws `InputError` when a
 * plain path does not exist or when nothing matches at all.
 */
export async function expandSources(
  specs: readonly string[],
  cwd: string = process.cwd(),
): Promise<string[]> {
  const found = new Set<string>();
  for (const spec of specs) for (const file of await expandOne(spec, cwd)) found.add(file);
  if (found.size === 0) {
    throw new InputError(`no trace files found (looked for *.jsonl, *.json, *.ndjson, optionally .gz)`, {
      file: specs.join(', '),
    });
  }
  return [...found].sort();
}

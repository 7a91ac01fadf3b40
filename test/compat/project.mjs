/**
 * The run script's parts that touch processes and the file system: running commands with a bounded time,
 * finding Node binaries and npm, building and packing the Sightline workspaces, and reading an installed
 * project's peer-dependency problems.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The environment for child processes, without the `npm_*` variables `npm run compat` sets for itself. */
export function cleanEnv(extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('npm_')));
  return { ...env, ...extra };
}

/**
 * Runs a command to completion (killed after `timeoutMs`), echoing each output line with `prefix` when given
 * and appending everything to `logFile` when given. Resolves `{ code, output, stdout }` (output: stdout and
 * stderr interleaved); never rejects.
 */
export function run(command, args, { cwd, env = cleanEnv(), timeoutMs = 600_000, prefix, logFile } = {}) {
  return new Promise((resolve) => {
    const log = logFile ? createWriteStream(logFile, { flags: 'a' }) : undefined;
    log?.write(`$ ${command} ${args.join(' ')}\n`);
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let stdout = '';
    let pending = '';
    const onData = (data) => {
      const text = data.toString();
      output += text;
      log?.write(text);
      if (prefix === undefined) return;
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) console.log(`${prefix}${line}`);
    };
    child.stdout.on('data', (data) => {
      stdout += data.toString();
      onData(data);
    });
    child.stderr.on('data', onData);
    const timer = setTimeout(() => {
      output += `\n(killed after ${timeoutMs} ms)\n`;
      child.kill('SIGKILL');
    }, timeoutMs);
    const finish = (code) => {
      clearTimeout(timer);
      if (prefix !== undefined && pending) console.log(`${prefix}${pending}`);
      log?.end();
      resolve({ code, output, stdout });
    };
    child.on('error', (error) => {
      output += `\n${error.message}\n`;
      finish(127);
    });
    child.on('close', (code) => finish(code ?? 1));
  });
}

/**
 * The absolute path of a Node binary of `major`: this process's own when it is that major, else the one the
 * npm registry's `node@<major>` package installs (`npx -y -p node@22 node`), resolved once.
 */
export function nodeBinary(major) {
  if (process.versions.node.split('.')[0] === major) return process.execPath;
  const result = spawnSync('npx', ['-y', '-p', `node@${major}`, 'node', '-p', 'process.execPath'], {
    encoding: 'utf8',
    env: cleanEnv(),
    timeout: 600_000,
  });
  const path = result.stdout?.trim();
  if (result.status !== 0 || !path || !existsSync(path)) {
    throw new Error(
      `could not get Node ${major} with "npx -y -p node@${major} node": ${result.stderr?.trim()}`,
    );
  }
  return path;
}

/**
 * npm's CLI script, so npm can run under the Node binary under test (its engine checks then see that Node).
 * Undefined when it cannot be found; callers then run `npm` from PATH.
 */
export function npmCliScript() {
  const candidates = [
    process.env.npm_execpath,
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
  ];
  const rootResult = spawnSync('npm', ['root', '-g'], { encoding: 'utf8', env: cleanEnv() });
  if (rootResult.status === 0) candidates.push(join(rootResult.stdout.trim(), 'npm', 'bin', 'npm-cli.js'));
  return candidates.find((path) => path?.endsWith('npm-cli.js') && existsSync(path));
}

/** The command and leading arguments that run npm under `nodeBin`. */
export function npmCommand(nodeBin, npmCli) {
  return npmCli ? [nodeBin, [npmCli]] : ['npm', []];
}

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/**
 * For each workspace: `missing` when `dist/index.js` is absent, `stale` when a file under `src/` is newer than
 * it, else `ok`.
 */
export function distState(root, workspaces) {
  return workspaces.map((name) => {
    const dir = join(root, 'packages', name);
    const entry = join(dir, 'dist', 'index.js');
    if (!existsSync(entry)) return { name, state: 'missing' };
    const stale = existsSync(join(dir, 'src')) && newestMtime(join(dir, 'src')) > statSync(entry).mtimeMs;
    return { name, state: stale ? 'stale' : 'ok' };
  });
}

/** The version of the package installed at `path` (`a > b` = node_modules/a/node_modules/b) under `projectDir`. */
function installedVersionAt(projectDir, path) {
  try {
    const folder = join(projectDir, 'node_modules', path.split(' > ').join('/node_modules/'));
    return JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/**
 * Peer-dependency problems of an installed project, from `npm ls --all --json`: `details` has one line per
 * (installed package, dependent) pair whose range does not accept it; `summary` one line per installed package,
 * naming the project's direct dependencies that brought those dependents in.
 */
export function peerProblems(lsJson, projectDir) {
  let tree;
  try {
    tree = JSON.parse(lsJson);
  } catch {
    return { summary: ['npm ls printed no JSON'], details: [] };
  }
  const byInstalled = new Map();
  /** name@version -> the project's direct dependencies whose dependency tree contains it */
  const reachedBy = new Map();
  const visit = (name, node, direct) => {
    if (!node || typeof node !== 'object') return;
    const id = `${name}@${node.version}`;
    if (direct) reachedBy.set(id, (reachedBy.get(id) ?? new Set()).add(direct));
    if (typeof node.invalid === 'string' && !node.invalid.includes('from the root project')) {
      const key = `${name}@${node.version}`;
      const dependents = byInstalled.get(key) ?? new Map();
      for (const match of node.invalid.matchAll(/"([^"]+)" from (\S+?)(?:,|$)/g)) {
        dependents.set(match[2].replace(/^node_modules\//, '').replace(/\/node_modules\//g, ' > '), match[1]);
      }
      byInstalled.set(key, dependents);
    }
    for (const [child, value] of Object.entries(node.dependencies ?? {}))
      visit(child, value, direct ?? child);
  };
  visit(tree.name ?? 'root', tree, undefined);
  const summary = [];
  const details = [];
  for (const [installed, dependents] of byInstalled) {
    const ranges = new Set(dependents.values());
    const culprits = new Set();
    for (const [path, range] of dependents) {
      details.push(`${installed} is outside ${range} wanted by ${path}`);
      const id = `${path.split(' > ').at(-1)}@${installedVersionAt(projectDir, path)}`;
      for (const direct of reachedBy.get(id) ?? ['(unknown)']) culprits.add(direct);
    }
    summary.push(
      `${installed} is outside the peer range ${[...ranges].join(' / ')} of ${dependents.size} installed ` +
        `package(s), all brought in by: ${[...culprits].sort().join(', ')}`,
    );
  }
  return { summary, details };
}

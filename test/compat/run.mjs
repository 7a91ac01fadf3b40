#!/usr/bin/env node
/**
 * `npm run compat`: the compatibility run for users on the current Node LTS lines. Packs the Sightline packages
 * (proving the published files are complete), then for each matrix entry (matrix.mjs) installs the tarballs
 * with that entry's SDK and OpenTelemetry versions into a fresh temp project, using that entry's Node binary
 * (from the npm registry's `node` package) for both `npm install` and the scenario (scenario.mjs).
 *
 * Options: `--only=node22,node24` (entries), `--groups=openai,anthropic,metrics,export` (scenario groups),
 * `--build` (rebuild the packages even when dist exists), `--keep` (keep the temp projects).
 * Exits non-zero when any entry fails. Not part of `npm test`: it downloads Node binaries and packages.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MATRIX, PACKED_WORKSPACES } from './matrix.mjs';
import { cleanEnv, distState, nodeBinary, npmCliScript, npmCommand, peerProblems, run } from './project.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const BUILD_FILTERS = ['openai', 'anthropic', 'node', 'testkit'].map(
  (name) => `--filter=@sightline/${name}...`,
);

function option(name) {
  const arg = process.argv.slice(2).find((value) => value === `--${name}` || value.startsWith(`--${name}=`));
  if (arg === undefined) return undefined;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : true;
}

async function buildIfNeeded() {
  const states = distState(ROOT, PACKED_WORKSPACES);
  const missing = states.filter((entry) => entry.state === 'missing').map((entry) => entry.name);
  if (missing.length === 0 && !option('build')) {
    const stale = states.filter((entry) => entry.state === 'stale').map((entry) => entry.name);
    if (stale.length > 0) {
      console.log(
        `compat: note: src is newer than dist in ${stale.join(', ')} (use --build to rebuild first)`,
      );
    }
    return;
  }
  console.log(
    `compat: building (${missing.length > 0 ? `dist missing in ${missing.join(', ')}` : '--build'})`,
  );
  const result = await run('npx', ['turbo', 'run', 'build', ...BUILD_FILTERS], {
    cwd: ROOT,
    prefix: '  build| ',
  });
  if (result.code !== 0) throw new Error(`build failed (exit ${result.code})`);
}

/** `npm pack`s the workspaces into `dir`; returns package name -> tarball path. */
async function pack(dir) {
  mkdirSync(dir, { recursive: true });
  const workspaces = PACKED_WORKSPACES.flatMap((name) => ['-w', `packages/${name}`]);
  const result = await run('npm', ['pack', '--json', '--pack-destination', dir, ...workspaces], {
    cwd: ROOT,
  });
  if (result.code !== 0) throw new Error(`npm pack failed (exit ${result.code}):\n${result.output}`);
  const packed = JSON.parse(result.stdout);
  const tarballs = {};
  for (const entry of packed) {
    tarballs[entry.name] = join(dir, entry.filename);
    console.log(
      `compat: packed ${entry.name}@${entry.version} (${entry.files.length} files, ${entry.size} bytes)`,
    );
  }
  return tarballs;
}

/** Installs and runs one matrix entry; returns its row for the table. */
async function runEntry(entry, { workDir, tarballs, npmCli, groups }) {
  const row = {
    id: entry.id,
    node: `${entry.node}.x`,
    openai: '?',
    anthropic: '?',
    otel: '?',
    result: 'FAIL',
  };
  const prefix = `  ${entry.id}| `;
  let nodeBin;
  try {
    nodeBin = nodeBinary(entry.node);
  } catch (error) {
    row.notes = error.message;
    return row;
  }
  const project = join(workDir, entry.id);
  mkdirSync(project, { recursive: true });
  const dependencies = { ...entry.dependencies };
  for (const [name, file] of Object.entries(tarballs)) dependencies[name] = `file:${file}`;
  const manifest = { name: `sightline-compat-${entry.id}`, private: true, type: 'module', dependencies };
  writeFileSync(join(project, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  cpSync(join(HERE, 'scenario.mjs'), join(project, 'scenario.mjs'));
  cpSync(join(HERE, 'scenarios'), join(project, 'scenarios'), { recursive: true });

  const env = cleanEnv({ PATH: `${dirname(nodeBin)}:${process.env.PATH}` });
  const [npm, npmArgs] = npmCommand(nodeBin, npmCli);
  const logFile = join(project, 'install.log');
  console.log(`compat: [${entry.id}] npm install with ${nodeBin} (log: ${logFile})`);
  const install = await run(npm, [...npmArgs, 'install', '--no-audit', '--no-fund'], {
    cwd: project,
    env,
    logFile,
  });
  if (install.code !== 0) {
    row.result = 'INSTALL FAILED';
    row.notes = install.output.split('\n').filter(Boolean).slice(-8).join(' / ');
    console.log(`${prefix}${install.output.trim().split('\n').slice(-20).join(`\n${prefix}`)}`);
    return row;
  }
  const ls = await run(npm, [...npmArgs, 'ls', '--all', '--json'], { cwd: project, env });
  const peers = peerProblems(ls.stdout, project);
  row.peerProblems = peers.summary;
  writeFileSync(join(project, 'peer-problems.txt'), `${peers.details.join('\n')}\n`);
  row.eresolveWarnings = (install.output.match(/ERESOLVE overriding peer dependency/g) ?? []).length;

  console.log(`compat: [${entry.id}] running scenario.mjs with ${nodeBin}`);
  const scenarioEnv = { ...env, SIGHTLINE_COMPAT_TRACE_PKG: entry.tracePackage };
  if (typeof groups === 'string') scenarioEnv.SIGHTLINE_COMPAT_GROUPS = groups;
  const result = await run(nodeBin, ['scenario.mjs'], {
    cwd: project,
    env: scenarioEnv,
    prefix,
    timeoutMs: 300_000,
  });
  const versionsLine = result.output.match(/^compat versions (.+)$/m);
  if (versionsLine) {
    const versions = JSON.parse(versionsLine[1]);
    row.node = versions.node;
    row.openai = versions.openai ?? 'missing';
    row.anthropic = versions.anthropic ?? 'missing';
    const sdkKey = entry.tracePackage.replace('@opentelemetry/', '');
    row.otel = `${sdkKey} ${versions[sdkKey]}, api ${versions.otelApi}, otlp-http ${versions.otlpHttp}`;
  }
  const summary = result.output.match(/^compat: (\d+) passed, (\d+) failed$/m);
  if (summary) {
    row.passed = Number(summary[1]);
    row.failed = Number(summary[2]);
  }
  row.result = result.code === 0 && summary && row.failed === 0 ? 'PASS' : 'FAIL';
  row.failedScenarios = [...result.output.matchAll(/^FAIL ([^:]+):/gm)].map((match) => match[1]);
  if (!summary) row.notes = `scenario exited ${result.code} without a summary line`;
  return row;
}

function printTable(rows) {
  const date = new Date().toISOString().slice(0, 10);
  console.log(`\ncompat matrix (${date}):\n`);
  console.log('| entry | node | openai | @anthropic-ai/sdk | OTel SDK | scenarios | result |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) {
    const scenarios = row.passed === undefined ? '-' : `${row.passed} passed, ${row.failed} failed`;
    console.log(
      `| ${row.id} | ${row.node} | ${row.openai} | ${row.anthropic} | ${row.otel} | ${scenarios} | ${row.result} |`,
    );
  }
  for (const row of rows) {
    if (row.failedScenarios?.length) console.log(`\n${row.id} failed: ${row.failedScenarios.join('; ')}`);
    if (row.notes) console.log(`\n${row.id}: ${row.notes}`);
    if (row.peerProblems?.length) {
      console.log(
        `\n${row.id}: npm ls reports peer range problems (${row.eresolveWarnings} ERESOLVE warnings):`,
      );
      for (const problem of row.peerProblems) console.log(`  - ${problem}`);
    }
  }
}

async function main() {
  const only = typeof option('only') === 'string' ? option('only').split(',') : undefined;
  const entries = MATRIX.filter((entry) => !only || only.includes(entry.id));
  if (entries.length === 0)
    throw new Error(`--only matched no entry; entries: ${MATRIX.map((e) => e.id).join(', ')}`);
  await buildIfNeeded();
  const workDir = mkdtempSync(join(tmpdir(), 'sightline-compat-'));
  console.log(`compat: work dir ${workDir}`);
  const rows = [];
  try {
    const tarballs = await pack(join(workDir, 'tarballs'));
    const npmCli = npmCliScript();
    for (const entry of entries) {
      rows.push(await runEntry(entry, { workDir, tarballs, npmCli, groups: option('groups') }));
    }
  } finally {
    if (option('keep')) console.log(`compat: kept ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true });
  }
  printTable(rows);
  const failed = rows.filter((row) => row.result !== 'PASS').length;
  console.log(`\ncompat matrix: ${rows.length - failed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(`compat: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});

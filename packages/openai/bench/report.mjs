/**
 * Turns the workers' results into the markdown printed by bench/run.mjs: one table per transport (medians over
 * the rounds), the goal check, the heap-flatness line, and the list of broken measurements.
 */

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fixed = (value, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
/** added / lightest peer's added; n/a when the peer's figure is within noise (<= 0), where a ratio means nothing. */
const ratioTo = (value, light) => (light > 0 ? value / light : Number.NaN);
const signed = (value) => (Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${value.toFixed(0)}` : 'n/a');

/** Median of every figure of one variant over its rounds. */
function summarise(runs) {
  const pick = (get) => median(runs.map(get));
  return {
    version: runs[0].version,
    plainCpu: pick((r) => r.plain.cpuUsPerCall),
    plainP50: pick((r) => r.plain.p50Us),
    plainP99: pick((r) => r.plain.p99Us),
    streamCpu: pick((r) => r.stream.cpuUsPerCall),
    streamP50: pick((r) => r.stream.p50Us),
    streamP99: pick((r) => r.stream.p99Us),
    rss: pick((r) => r.memory.rssMb),
    heap: pick((r) => r.memory.heapMb),
    runs,
  };
}

/** Whether every run emitted one span per call, and what the last spans carried. */
function telemetryNote(name, summary, broken, transport) {
  if (name === 'none' || name === 'none+als') return '-';
  const notes = [];
  for (const run of summary.runs) {
    if (run.telemetry.spans !== run.expectedSpans) {
      broken.push(`${name} over ${transport}: ${run.telemetry.spans} spans for ${run.expectedSpans} calls`);
    }
  }
  const last = summary.runs[summary.runs.length - 1].telemetry;
  notes.push(`${last.spans} spans`, `${last.points} metric points`);
  const stream = last.streamSpan ?? {};
  notes.push(`stream usage ${stream.usage ? 'yes' : 'no'}`, `cost ${stream.cost ? 'yes' : 'no'}`);
  if (name === 'sightline' && !(stream.usage && stream.cost)) {
    broken.push(`sightline over ${transport}: stream span without usage or cost`);
  }
  return notes.join(', ');
}

function transportTable(transport, results, variantNames, peers, broken) {
  const byVariant = new Map();
  for (const name of variantNames) {
    const runs = results.filter((r) => r.transport === transport && r.variant === name);
    if (runs.length > 0) byVariant.set(name, summarise(runs));
  }
  const base = byVariant.get('none');
  const added = (name, field, baseline = base) => byVariant.get(name)[field] - baseline[field];
  const lightest = (field, baseline = base) =>
    Math.min(...peers.filter((p) => byVariant.has(p)).map((p) => added(p, field, baseline)));
  const lightestPlain = lightest('plainCpu');
  const lightestStream = lightest('streamCpu');

  const lines = [
    `#### Transport: ${transport === 'inprocess' ? 'in-process (custom fetch)' : 'HTTP (testkit fake provider, separate process)'}`,
    '',
    '| variant | plain CPU us/call | added vs none | x lightest peer | stream CPU us/call | added vs none | x lightest peer | plain p50 / p99 us | stream p50 / p99 us | RSS MB | heap MB | telemetry |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const [name, s] of byVariant) {
    const label = s.version ? `${name} ${s.version}` : name;
    const ratio = (field, light) => (name === 'none' ? '-' : fixed(ratioTo(added(name, field), light), 2));
    lines.push(
      `| ${label} | ${fixed(s.plainCpu)} | ${name === 'none' ? '-' : signed(added(name, 'plainCpu'))} | ${ratio('plainCpu', lightestPlain)} ` +
        `| ${fixed(s.streamCpu)} | ${name === 'none' ? '-' : signed(added(name, 'streamCpu'))} | ${ratio('streamCpu', lightestStream)} ` +
        `| ${fixed(s.plainP50)} / ${fixed(s.plainP99)} | ${fixed(s.streamP50)} / ${fixed(s.streamP99)} ` +
        `| ${fixed(s.rss, 1)} | ${fixed(s.heap, 1)} | ${telemetryNote(name, s, broken, transport)} |`,
    );
  }
  const goal = [];
  if (byVariant.has('sightline')) {
    for (const [kind, field, light] of [
      ['plain', 'plainCpu', lightestPlain],
      ['stream', 'streamCpu', lightestStream],
    ]) {
      const ratio = ratioTo(added('sightline', field), light);
      const als = byVariant.get('none+als');
      const alsNote = als
        ? `; vs none+als: Sightline ${signed(added('sightline', field, als))}, lightest peer ` +
          `${signed(lightest(field, als))} -> ${fixed(ratioTo(added('sightline', field, als), lightest(field, als)), 2)}x`
        : '';
      goal.push(
        `- ${transport} ${kind}: Sightline adds ${signed(added('sightline', field))} us/call, lightest peer ` +
          `${signed(light)} us/call -> ${fixed(ratio, 2)}x (goal <= 0.5x): ${Number.isNaN(ratio) ? 'INCONCLUSIVE (peer overhead within noise)' : ratio <= 0.5 ? 'MET' : 'NOT MET'}` +
          alsNote,
      );
    }
  }
  return { table: lines.join('\n'), goal };
}

/** Renders the whole report; `broken` lists measurements that cannot be trusted. */
export function renderReport({ results, heap, machine, transports, VARIANTS, PEERS }) {
  const broken = [];
  const sections = [];
  const goals = [];
  for (const transport of transports) {
    const { table, goal } = transportTable(transport, results, VARIANTS, PEERS, broken);
    sections.push(table);
    goals.push(...goal);
  }
  const [first, second] = heap.points;
  if (heap.spans !== heap.expectedSpans) {
    broken.push(`heap run: ${heap.spans} spans for ${heap.expectedSpans} calls`);
  }
  const counts = machine.quick
    ? 'BENCH_QUICK=1 (smoke run: 300 plain + 30 streams per worker after 1,000 + 25 warm-up calls; figures are not meaningful)'
    : '2,000 plain calls and 300 streams of 200 chunks per worker, after a warm-up of 5,000 plain calls and 125 streams (interleaved)';
  const text = [
    `### Overhead benchmark results (${machine.date})`,
    '',
    `Node ${machine.node}, ${machine.cpus} CPUs (${machine.cpuModel}), load average ${fixed(machine.loadBefore, 2)} before / ` +
      `${fixed(machine.loadAfter, 2)} after, ${machine.rounds} round(s) (medians shown), ${fixed(machine.seconds)} s.`,
    `${counts}. CPU = process user+system time (all threads) per call, median of 10 consecutive batches; "added" = variant minus \`none\`; "x lightest peer" = ` +
      'added CPU / the smaller added CPU of the two peers. `none+als`: an AsyncLocalStorage context manager, ' +
      "registered and entered once (so Node's promise hooks are on, as in any app that already traces). " +
      'Instrumented variants: the same context manager, BasicTracerProvider + SimpleSpanProcessor into a counting exporter, MeterProvider + manual reader; ' +
      'content capture off. RSS and heap are after `global.gc()` at the end of the worker.',
    '',
    ...sections.flatMap((s) => [s, '']),
    '#### Goal: Sightline added CPU <= 0.5x the lightest peer',
    '',
    ...goals,
    '',
    '#### Heap after GC, Sightline, in-process (one stream per 10 calls)',
    '',
    `- ${first.calls} calls: ${fixed(first.heapMb, 2)} MB heap, ${fixed(first.rssMb, 1)} MB RSS; ` +
      `${second.calls} calls: ${fixed(second.heapMb, 2)} MB heap, ${fixed(second.rssMb, 1)} MB RSS; ` +
      `heap ratio ${fixed(second.heapMb / first.heapMb, 3)} (${heap.spans} spans)`,
    '',
  ].join('\n');
  return { text, broken };
}

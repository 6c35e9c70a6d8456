// policygen's benchmark: `npm run bench`. Every figure is a median of repeated runs, and every
// target is a ratio against a baseline measured in the same run (never an absolute time).
// Prints a table, writes bench/results.json and the table in docs/benchmarks.md.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpus, totalmem, tmpdir } from 'node:os';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { equalWorkDeclaration, generateDeclaration } from './generate.mjs';

const root = new URL('../', import.meta.url).pathname;
const bin = join(root, 'bin/policygen.cjs');
const quick = process.argv.includes('--quick');
const RUNS = quick ? 5 : 11;
const { compile } = await import(join(root, 'dist/compile.js'));
const { Session } = await import(join(root, 'dist/session.js'));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => Math.round(x * 100) / 100;

/** Wall time (ms) and peak RSS (KB) of a command, via GNU time when present. */
function timed(args, cwd) {
  const start = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { cwd, encoding: 'utf8' });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  const rss = Number(result.stderr.trim().split('\n').pop());
  return { elapsed, rss };
}

/** Alternates a command with `node -e 0` so both see the same machine state; medians of each. */
function againstNode(args, cwd, runs = RUNS) {
  const own = [];
  const node = [];
  for (let i = 0; i < runs; i++) {
    node.push(timed(['-e', '0'], cwd).elapsed);
    own.push(timed(args, cwd).elapsed);
  }
  return { median: ms(median(own)), node: ms(median(node)), ratio: ms(median(own) / median(node)) };
}

/** A compile in one session (`cached`: the same declaration again) or without a session (nothing kept). */
function warm(text, { cached }) {
  const times = [];
  const session = cached ? new Session() : undefined;
  const options = { formats: ['md', 'html'], ...(session ? { session } : {}) };
  for (let i = 0; i < 10; i++) compile({ file: 'b.yaml', text }, options);
  for (let i = 0; i < (quick ? 15 : 41); i++) {
    const start = performance.now();
    const result = compile({ file: 'b.yaml', text }, options);
    times.push(performance.now() - start);
    if (result.outputs.length !== 2) throw new Error('benchmark declaration does not build');
  }
  return ms(median(times));
}

const work = mkdtempSync(join(tmpdir(), 'policygen-bench-'));
const largestExample = 'examples/multinational.yaml';
const large = generateDeclaration({ size: 200, vendors: 100, cookies: 300 });
writeFileSync(join(work, 'large.yaml'), large);

// (a) cold: a whole-process build of the largest example to Markdown and HTML.
const cold = againstNode([bin, 'build', join(root, largestExample), '-o', join(work, 'cold'), '-f', 'md,html'], work);

// (b) warm: in-process compile per policy.
const warmExample = {
  cached: warm(readFileSync(join(root, largestExample), 'utf8'), { cached: true }),
  uncached: warm(readFileSync(join(root, largestExample), 'utf8'), { cached: false }),
};
const warmLarge = { cached: warm(large, { cached: true }), uncached: warm(large, { cached: false }) };

// (c) batch: many generated declarations in one build.
const batchSize = quick ? 200 : 1000;
mkdirSync(join(work, 'batch'));
const batchFiles = [];
for (let i = 0; i < batchSize; i++) {
  const file = join(work, 'batch', `p${i}.yaml`);
  writeFileSync(file, generateDeclaration({ size: 8 + (i % 5), vendors: 4, cookies: 6, seed: i }));
  batchFiles.push(file);
}
const batch = {};
for (const workers of [1, 2]) {
  const runs = [];
  let rss = 0;
  for (let r = 0; r < 3; r++) {
    rmSync(join(work, 'batch-out'), { recursive: true, force: true });
    const result = timed(
      [bin, 'build', ...batchFiles, '-o', join(work, 'batch-out'), '-f', 'md,html', '--workers', String(workers)],
      work,
    );
    runs.push(result.elapsed);
    rss = Math.max(rss, result.rss);
  }
  batch[workers] = {
    wall: ms(median(runs)),
    perSecond: Math.round(batchSize / (median(runs) / 1000)),
    peakRssMB: Math.round(rss / 1024),
  };
}

// What two cores give this workload here, whatever policygen does with threads: two separate
// processes, each building half the batch on one thread, side by side (medians of 3).
const halves = [batchFiles.slice(0, batchSize / 2), batchFiles.slice(batchSize / 2)];
const sideBySide = [];
for (let r = 0; r < 3; r++) {
  rmSync(join(work, 'halves-out'), { recursive: true, force: true });
  const start = process.hrtime.bigint();
  await Promise.all(
    halves.map(
      (files, i) =>
        new Promise((resolve, reject) => {
          const child = spawn(
            process.execPath,
            [bin, 'build', ...files, '-o', join(work, 'halves-out', String(i)), '-f', 'md,html'],
            { cwd: work, stdio: 'ignore' },
          );
          child.on('error', reject);
          child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`half ${i} failed`))));
        }),
    ),
  );
  sideBySide.push(Number(process.hrtime.bigint() - start) / 1e6);
}
batch.processes = { wall: ms(median(sideBySide)), speedup: ms(batch[1].wall / median(sideBySide)) };

// (d) scaling: time and peak RSS as a declaration grows 10×, 100×, 1000×.
const scaling = [];
for (const factor of [1, 10, 100, 1000]) {
  const file = join(work, `scale-${factor}.yaml`);
  writeFileSync(file, generateDeclaration({ size: factor, vendors: factor, cookies: factor }));
  const runs = [];
  let rss = 0;
  for (let r = 0; r < (quick ? 3 : 5); r++) {
    const result = timed([bin, 'build', file, '-o', join(work, 'scale-out'), '-f', 'md,html'], work);
    runs.push(result.elapsed);
    rss = Math.max(rss, result.rss);
  }
  scaling.push({ factor, wall: ms(median(runs)), peakRssMB: Math.round(rss / 1024) });
}
const base = scaling[0].wall;
const linear = scaling.every((s, i) => i < 2 || (s.wall - base) / (scaling[i - 1].wall - base) < 10 * 1.8);

// (e) rebuild with --cache: after no change, and after a one-line change.
const rebuildFile = join(work, 'rebuild.yaml');
writeFileSync(rebuildFile, readFileSync(join(root, largestExample), 'utf8'));
execFileSync(process.execPath, [bin, 'build', rebuildFile, '-o', join(work, 'rebuild-out'), '--cache'], {
  cwd: work,
  stdio: 'ignore',
});
const unchanged = againstNode([bin, 'build', rebuildFile, '-o', join(work, 'rebuild-out'), '--cache'], work);
const oneLine = [];
for (let i = 0; i < RUNS; i++) {
  writeFileSync(
    rebuildFile,
    readFileSync(join(root, largestExample), 'utf8').replace('retention: 13 months', `retention: ${14 + i} months`),
  );
  oneLine.push(timed([bin, 'build', rebuildFile, '-o', join(work, 'rebuild-out'), '--cache'], work).elapsed);
}
const changed = { median: ms(median(oneLine)), ratio: ms(median(oneLine) / unchanged.node) };

// (f) the equal-work declaration of issue 16 (40 categories, 30 vendors, cookies, eea + uk +
// us-ca), every value different from one policy to the next.
const equalFile = join(work, 'equal.yaml');
writeFileSync(equalFile, equalWorkDeclaration({ seed: 0 }));
const equalCold = againstNode([bin, 'build', equalFile, '-o', join(work, 'equal-out'), '-f', 'md,html'], work);
const equalTexts = Array.from({ length: quick ? 60 : 160 }, (_, i) => equalWorkDeclaration({ seed: i + 1 }));
const equalValues = equalTexts.map((text) => parseYaml(text));
const equalWarm = (() => {
  const yaml = [];
  const fromText = [];
  const fromValue = [];
  const warmUp = 20;
  // One session for the run, as a site generator or the CLI keeps one.
  const session = new Session();
  equalTexts.forEach((text, i) => {
    let start = performance.now();
    parseYaml(text);
    const parsed = performance.now() - start;
    start = performance.now();
    compile({ file: 'e.yaml', text }, { formats: ['md', 'html'], session });
    const compiled = performance.now() - start;
    start = performance.now();
    compile({ file: 'e.yaml', value: equalValues[(i + 7) % equalValues.length] }, { formats: ['md', 'html'], session });
    const fromParsed = performance.now() - start;
    if (i < warmUp) return;
    yaml.push(parsed);
    fromText.push(compiled);
    fromValue.push(fromParsed);
  });
  return {
    yamlParse: ms(median(yaml)),
    compile: ms(median(fromText)),
    ratio: ms(median(fromText) / median(yaml)),
    fromValue: ms(median(fromValue)),
  };
})();
// Many policies of that size: one thread, and two workers against two processes side by side.
const counts = quick ? [1, 10, 100] : [1, 10, 100, 1000];
const manyDir = join(work, 'many');
mkdirSync(manyDir);
const manyFiles = Array.from({ length: counts[counts.length - 1] }, (_, i) => {
  const file = join(manyDir, `e${i}.yaml`);
  writeFileSync(file, equalWorkDeclaration({ seed: 1000 + i }));
  return file;
});
const many = counts.map((count) => {
  const runs = [];
  let rss = 0;
  for (let r = 0; r < 3; r++) {
    rmSync(join(work, 'many-out'), { recursive: true, force: true });
    const result = timed(
      [bin, 'build', ...manyFiles.slice(0, count), '-o', join(work, 'many-out'), '-f', 'md,html'],
      work,
    );
    runs.push(result.elapsed);
    rss = Math.max(rss, result.rss);
  }
  return { count, wall: ms(median(runs)), peakRssMB: Math.round(rss / 1024) };
});
// The time each policy adds, beyond a build of one: per tenfold step, how much it grows.
const perPolicy = many.slice(1).map((m) => (m.wall - many[0].wall) / (m.count - 1));
const steps = perPolicy.slice(1).map((p, i) => ms(p / perPolicy[i]));
const largest = many[many.length - 1];
/** Two processes side by side, each building half the files on one thread: wall time (ms). */
async function twoProcesses(files, out) {
  const halves = [files.slice(0, files.length / 2), files.slice(files.length / 2)];
  rmSync(out, { recursive: true, force: true });
  const start = process.hrtime.bigint();
  await Promise.all(
    halves.map(
      (half, i) =>
        new Promise((resolve, reject) => {
          const child = spawn(process.execPath, [bin, 'build', ...half, '-o', join(out, String(i)), '-f', 'md,html'], {
            cwd: work,
            stdio: 'ignore',
          });
          child.on('error', reject);
          child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`half ${i} failed`))));
        }),
    ),
  );
  return Number(process.hrtime.bigint() - start) / 1e6;
}
const workerRuns = [];
const processRuns = [];
for (let r = 0; r < 3; r++) {
  rmSync(join(work, 'many-out'), { recursive: true, force: true });
  workerRuns.push(
    timed(
      [
        bin,
        'build',
        ...manyFiles.slice(0, largest.count),
        '-o',
        join(work, 'many-out'),
        '-f',
        'md,html',
        '--workers',
        '2',
      ],
      work,
    ).elapsed,
  );
  processRuns.push(await twoProcesses(manyFiles.slice(0, largest.count), join(work, 'many-halves')));
}
const manyWorkers = {
  wall: ms(median(workerRuns)),
  processes: ms(median(processRuns)),
  ofCeiling: ms(median(processRuns) / median(workerRuns)),
};

const targets = [
  { target: 'cold build ≤ 2× node -e 0', measured: `${cold.ratio}×`, met: cold.ratio <= 2 },
  {
    target: 'warm, shapes seen ≤ 2 ms per policy (largest example)',
    measured: `${warmExample.cached} ms`,
    met: warmExample.cached <= 2,
  },
  {
    target: 'warm, nothing cached ≤ 20 ms per policy (largest example)',
    measured: `${warmExample.uncached} ms`,
    met: warmExample.uncached <= 20,
  },
  {
    target: `batch of ${batchSize}: 2 workers ≥ 1.8× faster than 1`,
    measured: `${ms(batch[1].wall / batch[2].wall)}× (two processes: ${batch.processes.speedup}×)`,
    met: batch[1].wall / batch[2].wall >= 1.8,
  },
  {
    target: 'batch peak RSS < 300 MB',
    measured: `${Math.max(batch[1].peakRssMB, batch[2].peakRssMB)} MB`,
    met: Math.max(batch[1].peakRssMB, batch[2].peakRssMB) < 300,
  },
  {
    target: 'rebuild with nothing changed ≤ 1.3× node -e 0',
    measured: `${unchanged.ratio}×`,
    met: unchanged.ratio <= 1.3,
  },
  {
    target: 'scaling 10× → 1000× is linear',
    measured: scaling.map((s) => `${s.factor}×: ${s.wall} ms`).join(', '),
    met: linear,
  },
  {
    target: 'equal-work declaration, whole-process build ≤ 2× node -e 0',
    measured: `${equalCold.ratio}×`,
    met: equalCold.ratio <= 2,
  },
  {
    target: 'equal-work, warm with every value changed ≤ 1.2× YAML.parse of the same text',
    measured: `${equalWarm.ratio}×`,
    met: equalWarm.ratio <= 1.2,
  },
  {
    target: 'equal-work, warm from an already-parsed object ≤ 1 ms',
    measured: `${equalWarm.fromValue} ms`,
    met: equalWarm.fromValue <= 1,
  },
  {
    target: `${largest.count} equal-work policies: ≥ 500 policies/s on one thread`,
    measured: `${Math.round(largest.count / (largest.wall / 1000))}/s`,
    met: largest.count / (largest.wall / 1000) >= 500,
  },
  {
    target: `${largest.count} equal-work policies: peak RSS < 300 MB`,
    measured: `${largest.peakRssMB} MB`,
    met: largest.peakRssMB < 300,
  },
  {
    target: 'equal-work policies: each tenfold step costs ≤ 1.2× per policy',
    measured: steps.map((x) => `${x}×`).join(', '),
    met: steps.every((x) => x <= 1.2),
  },
  {
    target: 'two workers ≥ 90 % of two processes side by side',
    measured: `${Math.round(manyWorkers.ofCeiling * 100)} %`,
    met: manyWorkers.ofCeiling >= 0.9,
  },
];

const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const results = {
  date: new Date().toISOString().slice(0, 10),
  machine,
  quick,
  cold,
  warm: { example: warmExample, large: warmLarge },
  batch,
  scaling,
  rebuild: { unchanged, oneLineChange: changed },
  equalWork: { cold: equalCold, warm: equalWarm, many, steps, workers: manyWorkers },
  targets,
};
writeFileSync(join(root, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');

const table = [
  `Measured ${results.date} on ${machine}${quick ? ' (quick run)' : ''}. Medians; ratios against \`node -e 0\` measured in the same run (${cold.node} ms).`,
  '',
  '| measurement | result |',
  '| --- | --- |',
  `| (a) cold build of ${largestExample} to Markdown and HTML | ${cold.median} ms, ${cold.ratio}× node -e 0 |`,
  `| (b) warm compile, largest example: shapes seen / nothing cached | ${warmExample.cached} ms / ${warmExample.uncached} ms |`,
  `| (b) warm compile, generated 200 data / 100 vendors / 300 cookies: seen / uncached | ${warmLarge.cached} ms / ${warmLarge.uncached} ms |`,
  `| (c) batch of ${batchSize}, 1 worker | ${batch[1].wall} ms, ${batch[1].perSecond} policies/s, peak RSS ${batch[1].peakRssMB} MB |`,
  `| (c) batch of ${batchSize}, 2 workers | ${batch[2].wall} ms, ${batch[2].perSecond} policies/s, peak RSS ${batch[2].peakRssMB} MB |`,
  `| (c) for comparison: two processes side by side, half the batch each | ${batch.processes.wall} ms, ${batch.processes.speedup}× one process |`,
  ...scaling.map(
    (s) =>
      `| (d) declaration ${s.factor}× (${s.factor} data, vendors, cookies) | ${s.wall} ms, peak RSS ${s.peakRssMB} MB |`,
  ),
  `| (e) rebuild with --cache, nothing changed | ${unchanged.median} ms, ${unchanged.ratio}× node -e 0 |`,
  `| (e) rebuild with --cache after a one-line change | ${changed.median} ms, ${changed.ratio}× node -e 0 |`,
  `| (f) equal-work declaration: whole-process build to Markdown and HTML | ${equalCold.median} ms, ${equalCold.ratio}× node -e 0 |`,
  `| (f) equal-work, warm, every value changed: compile / YAML.parse alone / from a parsed object | ${equalWarm.compile} ms / ${equalWarm.yamlParse} ms / ${equalWarm.fromValue} ms |`,
  ...many.map(
    (m) =>
      `| (f) ${m.count} different equal-work policies, one thread | ${m.wall} ms, ${Math.round(m.count / (m.wall / 1000))} policies/s, peak RSS ${m.peakRssMB} MB |`,
  ),
  `| (f) ${largest.count} equal-work policies: 2 workers / two processes side by side | ${manyWorkers.wall} ms / ${manyWorkers.processes} ms |`,
  '',
  '| target | measured | met |',
  '| --- | --- | --- |',
  ...targets.map((t) => `| ${t.target} | ${t.measured} | ${t.met ? 'yes' : 'no'} |`),
].join('\n');
console.log(table);

const docs = join(root, 'docs/benchmarks.md');
const current = readFileSync(docs, 'utf8');
const updated = current.replace(
  /<!-- results:start -->[\s\S]*<!-- results:end -->/,
  `<!-- results:start -->\n${table}\n<!-- results:end -->`,
);
writeFileSync(docs, updated);
rmSync(work, { recursive: true, force: true });

import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { basename, dirname, extname, relative, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CompileOptions, Format, Output } from '../compile.js';
import type { BuildJob } from '../config/options.js';
import { docsUrl, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { TemplateSet } from '../render/templates.js';
import type { RuleSetting } from '../rules/rule.js';
import { packageRoot } from '../schema.js';
import { fingerprint, outputsIntact, readManifest, sha256, writeManifest, type Manifest } from './cache.js';
import { confinedPath, describeFsError, lockOutputDir, writeAtomic } from './write.js';

/** The expensive part of policygen, loaded only when a command needs it. */
export const pipeline = () => import('./pipeline.js');

export interface BuildSettings {
  rules: Record<string, RuleSetting>;
  strict: boolean;
  templates?: TemplateSet;
  workers: number;
  /** Write nothing; report outputs that are missing or differ. */
  check?: 'report' | 'list';
  cache?: { manifest: string };
  /** Called as declarations finish compiling (the CLI shows it on a terminal). */
  progress?: (done: number, total: number) => void;
}

export interface BuildResult {
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
  /** A file could not be read or written, or a template failed: exit 2. */
  failed: boolean;
  /** Why the outputs could not be written. */
  message?: string;
  written: number;
  upToDate: number;
  /** With a check: the outputs that are missing or differ. */
  stale: { path: string; reason: 'missing' | 'differs' }[];
}

/** Jobs for declarations named on the command line: `<out-dir>/<name>.<format>`. */
export function jobsFromArguments(files: string[], outDir: string, formats: Format[], cwd: string, options: CompileOptions): BuildJob[] {
  return files.map((file) => {
    const name = basename(file, extname(file) === '.yaml' || extname(file) === '.yml' ? extname(file) : '');
    return { file, path: resolve(cwd, file), outputs: formats.map((format) => ({ format, path: resolve(cwd, outDir, `${name}.${format}`) })), options: { ...options, formats } };
  });
}


/**
 * Compiles every job, and writes all outputs only if every declaration compiled without
 * errors: atomically, inside `root`, under its lock. With `check`, writes nothing and
 * reports which outputs are missing or differ instead.
 */
export async function runBuild(jobs: BuildJob[], root: string, settings: BuildSettings): Promise<BuildResult> {
  const result: BuildResult = { diagnostics: [], sources: new Map(), failed: false, written: 0, upToDate: 0, stale: [] };
  const manifest: Manifest | undefined = settings.cache && !settings.check ? await readManifest(settings.cache.manifest) : undefined;
  const keys = new Map<BuildJob, string>();
  let pending = jobs;
  if (manifest && !settings.templates) {
    pending = [];
    for (const job of jobs) {
      const bytes = await readFile(job.path).catch(() => undefined);
      if (!bytes) {
        pending.push(job);
        continue;
      }
      const key = sha256(`${fingerprint()}\0${JSON.stringify([job.options, job.outputs, settings.rules, settings.strict])}\0${sha256(bytes)}`);
      keys.set(job, key);
      const entry = manifest.entries[job.path];
      if (!(entry?.key === key && (await outputsIntact(entry, '/')))) pending.push(job);
    }
    result.upToDate = jobs.length - pending.length;
    if (pending.length === 0) return result;
  }

  const compiled = await compileJobs(pending, settings, result);
  if (result.failed || hasErrors(result.diagnostics)) return result;

  if (settings.check) {
    for (const [job, outputs] of compiled) {
      for (const output of outputs) {
        const target = job.outputs.find((o) => o.format === output.format)!.path;
        const current = await readFile(target, 'utf8').catch(() => undefined);
        if (current === undefined) result.stale.push({ path: target, reason: 'missing' });
        else if (current !== output.content) result.stale.push({ path: target, reason: 'differs' });
      }
    }
    return result;
  }

  let release: (() => Promise<void>) | undefined;
  try {
    release = await lockOutputDir(root);
    for (const [job, outputs] of compiled) {
      const recorded: Record<string, string> = {};
      for (const output of outputs) {
        const target = job.outputs.find((o) => o.format === output.format)!.path;
        await mkdir(dirname(target), { recursive: true });
        await writeAtomic(await confinedPath(root, relative(root, target)), output.content);
        recorded[target] = sha256(output.content);
        result.written++;
      }
      const key = keys.get(job);
      if (manifest && key) manifest.entries[job.path] = { key, outputs: recorded };
    }
    if (manifest && settings.cache) await writeManifest(settings.cache.manifest, manifest);
  } catch (error) {
    result.failed = true;
    result.message = describeFsError(error);
  } finally {
    await release?.();
  }
  return result;
}

/** Reads and compiles the jobs (on worker threads when asked), collecting diagnostics. */
export async function compileJobs(jobs: BuildJob[], settings: Pick<BuildSettings, 'rules' | 'strict' | 'templates' | 'workers' | 'progress'>, result: Pick<BuildResult, 'diagnostics' | 'sources' | 'failed'>): Promise<Map<BuildJob, Output[]>> {
  const read: { job: BuildJob; bytes: Buffer }[] = [];
  for (const job of jobs) {
    try {
      read.push({ job, bytes: await readFile(job.path) });
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
      result.diagnostics.push({ code: 'cannot-read', severity: 'error', message: `Cannot read the declaration: ${reason}.`, file: job.file, docs: docsUrl('cannot-read') });
      result.failed = true;
    }
  }
  const requests = read.map(({ job, bytes }) => ({
    file: job.file,
    bytes,
    options: { ...job.options, rules: settings.rules, strict: settings.strict, ...(settings.templates ? { templates: settings.templates } : {}) },
  }));
  const compiled = settings.workers > 1 && requests.length > 1 ? await compileOnWorkers(requests, settings.workers, settings.progress) : await compileHere(requests, settings.progress);
  const outputs = new Map<BuildJob, Output[]>();
  read.forEach(({ job, bytes }, i) => {
    // Code frames may show a replacement character; compile() reports invalid UTF-8 itself.
    result.sources.set(job.file, bytes.toString('utf8'));
    result.diagnostics.push(...compiled[i]!.diagnostics);
    if (compiled[i]!.diagnostics.some((d) => d.code === 'template-error')) result.failed = true;
    outputs.set(job, compiled[i]!.outputs);
  });
  return outputs;
}

type Request = { file: string; bytes: Buffer; options: CompileOptions };
type Compiled = { outputs: Output[]; diagnostics: Diagnostic[] };

async function compileHere(requests: Request[], progress?: (done: number, total: number) => void): Promise<Compiled[]> {
  const { compile } = await pipeline();
  return requests.map((request, i) => {
    const compiled = compile({ file: request.file, text: request.bytes }, request.options);
    progress?.(i + 1, requests.length);
    return compiled;
  });
}

/** Compiles on worker threads, each taking the next declaration when it is free; results keep their order. */
async function compileOnWorkers(requests: Request[], count: number, progress?: (done: number, total: number) => void): Promise<Compiled[]> {
  let finished = 0;
  const bundled = new URL('dist/bundle/worker.js', packageRoot);
  const script = existsSync(bundled) ? bundled : new URL('dist/cli/worker.js', packageRoot);
  const results: Compiled[] = new Array(requests.length);
  let next = 0;
  const threads = Array.from({ length: Math.min(count, requests.length) }, () => new Worker(script));
  try {
    await Promise.all(
      threads.map(
        (thread) =>
          new Promise<void>((done, fail) => {
            const send = () => {
              if (next >= requests.length) return done();
              const id = next++;
              thread.postMessage({ id, file: requests[id]!.file, bytes: requests[id]!.bytes, options: requests[id]!.options });
            };
            thread.on('message', (message: { id: number; error?: string } & Compiled) => {
              if (message.error) return fail(new Error(message.error));
              results[message.id] = { outputs: message.outputs, diagnostics: message.diagnostics };
              progress?.(++finished, requests.length);
              send();
            });
            thread.on('error', fail);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(threads.map((thread) => thread.terminate()));
  }
  return results;
}

import { resolve } from 'node:path';
import { findConfig, loadConfig } from './config/config.js';
import { runBuild, type BuildResult } from './build/build.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import type { RuleSetting } from './rules/rule.js';

export interface BuildOptions {
  /** The project config; default: policygen.config.yaml in `cwd` or a parent folder. */
  config?: string;
  /** Where relative paths start; default: process.cwd(). */
  cwd?: string;
  /** Write nothing; report the outputs that are missing or differ. */
  check?: boolean;
  /** Rule severities on top of the config's. */
  rules?: Record<string, RuleSetting>;
  /** Worker threads to compile on (default 1). */
  workers?: number;
}

export interface BuildSummary {
  diagnostics: Diagnostic[];
  /** Files written (0 with `check`). */
  written: number;
  /** With `check`: outputs that are missing or differ. */
  stale: BuildResult['stale'];
  /** A file could not be read or written. */
  failed: boolean;
  message?: string;
}

/**
 * Builds the policies of a project config, as `policygen build` does: every output is
 * rendered first, then all are written atomically, or none if any declaration has an error.
 *
 * @example
 *   const { diagnostics, written } = await build({ cwd: 'site' });
 */
export async function build(options: BuildOptions = {}): Promise<BuildSummary> {
  const cwd = options.cwd ?? process.cwd();
  const path = options.config ? resolve(cwd, options.config) : findConfig(cwd);
  if (!path) throw new Error(`build(): no policygen.config.yaml in ${cwd} or its parents`);
  const { config, diagnostics } = await loadConfig(path, cwd);
  if (!config) return { diagnostics, written: 0, stale: [], failed: true };
  const result = await runBuild(config.jobs, config.root, {
    rules: { ...config.rules, ...options.rules },
    strict: config.strict,
    workers: options.workers ?? 1,
    ...(options.check ? { check: 'report' as const } : {}),
  });
  return {
    diagnostics: result.diagnostics,
    written: result.written,
    stale: result.stale,
    failed: result.failed,
    ...(result.message ? { message: result.message } : {}),
  };
}

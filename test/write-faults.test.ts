import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { minimal } from './helpers.js';

// A disk that fills up while policygen writes its temporary files.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    writeFile: async (path: Parameters<typeof actual.writeFile>[0], ...rest: unknown[]) => {
      if (String(path).endsWith('.policygen.tmp') && process.env['POLICYGEN_TEST_ENOSPC']) {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }
      return (actual.writeFile as (...args: unknown[]) => Promise<void>)(path, ...rest);
    },
  };
});

describe('a full disk', () => {
  it('is reported with exit 2, and earlier outputs and the directory are left as they were', async () => {
    const { main } = await import('../src/cli/main.js');
    const dir = mkdtempSync(join(tmpdir(), 'policygen-enospc-'));
    writeFileSync(join(dir, 'policy.yaml'), minimal);
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'policy.md'), 'previous');
    process.env['POLICYGEN_TEST_ENOSPC'] = '1';
    let stderr = '';
    try {
      const code = await main(['build', 'policy.yaml', '-o', 'out'], {
        stdout: () => {},
        stderr: (t) => (stderr += t),
        cwd: dir,
        env: {},
        isTTY: false,
      });
      expect(code).toBe(2);
    } finally {
      delete process.env['POLICYGEN_TEST_ENOSPC'];
    }
    expect(stderr).toMatch(/cannot write to out: the disk is full/);
    expect(readFileSync(join(dir, 'out', 'policy.md'), 'utf8')).toBe('previous');
    expect(readdirSync(join(dir, 'out'))).toEqual(['policy.md']);
  });
});

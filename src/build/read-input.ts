import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { LIMITS } from '../load/read-yaml.js';

/**
 * A declaration's bytes, read with bounded cost (issue 14): only a regular file is opened (a
 * FIFO with no writer would hang, /dev/zero would never end), and at most one byte more than
 * the size limit is read, so that a 100 MB file is refused as too large without being read
 * whole (readYaml reports too-large from the length). O_NONBLOCK keeps open() from waiting
 * on a FIFO swapped in after the check.
 */
export async function readDeclaration(path: string): Promise<Buffer> {
  const info = await stat(path);
  if (!info.isFile()) throw Object.assign(new Error('it is not a regular file'), { code: 'ENOTFILE' });
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!(await handle.stat()).isFile())
      throw Object.assign(new Error('it is not a regular file'), { code: 'ENOTFILE' });
    const limit = LIMITS.bytes + 1;
    const buffer = Buffer.alloc(Math.min(info.size, limit));
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return filled === buffer.length ? buffer : buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

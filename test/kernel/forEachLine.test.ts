import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKernelFs } from '../../src/kernel/kernelFs.ts';

const kernel = createKernelFs({ procfs: '/proc', sysfs: '/sys', rootfs: '/' });
const forEachLine = kernel.forEachLine.bind(kernel);

async function lines(content: string, chunkSize?: number): Promise<string[]> {
  const path = join(mkdtempSync(join(tmpdir(), 'lte-lines-')), 'f');
  writeFileSync(path, content);
  const out: string[] = [];
  await forEachLine(path, (l) => out.push(l), chunkSize);
  return out;
}

describe('KernelFs.forEachLine', () => {
  it.each([
    ['lines ending in a newline', 'a\nbb\nccc\n', ['a', 'bb', 'ccc']],
    ['no final newline', 'a\nbb', ['a', 'bb']],
    ['empty lines kept', 'a\n\nb\n', ['a', '', 'b']],
    ['an empty file', '', []],
  ])('splits %s', async (_name, content, expected) => {
    expect(await lines(content)).toEqual(expected);
  });
  it('joins lines that straddle chunk boundaries', async () => {
    const content = Array.from({ length: 500 }, (_, i) => `line ${i} ${'x'.repeat(i % 13)}`).join('\n') + '\n';
    expect(await lines(content, 7)).toEqual(content.trimEnd().split('\n'));
  });
  it('rejects when the file does not exist', async () => {
    await expect(forEachLine('/nonexistent/file', () => undefined)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

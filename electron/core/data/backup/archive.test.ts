import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { extractArchive, sha256File, writeArchive } from './archive';

const root = mkdtempSync(path.join(tmpdir(), 'study-desk-archive-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A WAL segment file whose first page header says it starts at `lsn`. */
function walSegment(lsn: bigint, size = 64 * 1024): Buffer {
  const seg = Buffer.alloc(size, 7);
  seg.writeBigUInt64LE(lsn, 8);
  return seg;
}

const tree = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)) + (e.isDirectory() ? '/' : `=${readFileSync(path.join(e.parentPath, e.name)).toString('base64').length}`))
    .sort();

describe('the data-dir archive', () => {
  it('round-trips files and empty directories, and is a plain .tar.gz', async () => {
    const src = path.join(root, 'src');
    mkdirSync(path.join(src, 'base/5'), { recursive: true });
    mkdirSync(path.join(src, 'pg_tblspc'), { recursive: true });
    writeFileSync(path.join(src, 'PG_VERSION'), '18\n');
    writeFileSync(path.join(src, 'base/5/1259'), Buffer.alloc(3 * 8192, 1));
    writeFileSync(path.join(src, 'base/5/empty'), '');
    writeFileSync(path.join(src, `${'n'.repeat(90)}.x`), 'a long name');
    mkdirSync(path.join(src, 'd'.repeat(80), 'e'.repeat(40)), { recursive: true });
    writeFileSync(path.join(src, 'd'.repeat(80), 'e'.repeat(40), 'f'.repeat(50)), 'prefix field');
    writeFileSync(path.join(src, 'big'), Buffer.alloc(9 << 20, 3)); // spans several gzip members
    const file = path.join(root, 'a.tar.gz');
    const written = await writeArchive(src, file);
    expect(written.sha256).toBe(await sha256File(file));
    expect(written.files).toBe(6);
    const out = path.join(root, 'out');
    await extractArchive(file, out);
    expect(tree(out)).toEqual(tree(src));
    expect(readFileSync(path.join(out, 'big')).equals(readFileSync(path.join(src, 'big')))).toBe(true);
    expect(zlib.gunzipSync(readFileSync(file)).subarray(257, 262).toString()).toBe('ustar');
  });

  it('leaves out WAL segments PostgreSQL recycled for later use', async () => {
    const src = path.join(root, 'wal');
    mkdirSync(path.join(src, 'pg_wal/archive_status'), { recursive: true });
    const size = 64 * 1024;
    const name = (seg: number) => `000000010000000000000${seg.toString(16).toUpperCase().padStart(3, '0')}`;
    writeFileSync(path.join(src, 'pg_wal', name(11)), walSegment(11n * BigInt(size), size)); // current
    writeFileSync(path.join(src, 'pg_wal', name(12)), walSegment(1n * BigInt(size), size)); // recycled from segment 1
    writeFileSync(path.join(src, 'pg_wal', name(13)), Buffer.alloc(size)); // preallocated, never written
    const file = path.join(root, 'wal.tar.gz');
    await writeArchive(src, file);
    const out = path.join(root, 'wal-out');
    await extractArchive(file, out);
    expect(readdirSync(path.join(out, 'pg_wal')).sort()).toEqual([name(11), 'archive_status']);
  });

  it('refuses entries that would land outside the target, and truncated archives', async () => {
    const header = (name: string, type = '0', size = 0) => {
      const h = Buffer.alloc(512);
      h.write(name, 0);
      h.write('0000600\0', 100);
      h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
      h.write('        ', 148);
      h.write(type, 156);
      h.write('ustar\u000000', 257);
      let sum = 0;
      for (const x of h) sum += x;
      h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
      return h;
    };
    const evil = async (name: string, type = '0') => {
      const file = path.join(root, `evil-${Math.random()}.tar.gz`);
      writeFileSync(file, zlib.gzipSync(Buffer.concat([header(name, type), Buffer.alloc(1024)])));
      return extractArchive(file, path.join(root, `evil-out-${Math.random()}`));
    };
    await expect(evil('../escape')).rejects.toThrow(/unsafe name/);
    await expect(evil('base/../../escape')).rejects.toThrow(/unsafe name/);
    await expect(evil('link', '2')).rejects.toThrow(/unsupported type/);
    const cut = path.join(root, 'cut.tar.gz');
    writeFileSync(cut, zlib.gzipSync(Buffer.concat([header('file', '0', 4096), Buffer.alloc(1000)])));
    await expect(extractArchive(cut, path.join(root, 'cut-out'))).rejects.toThrow(/truncated/);
  });
});

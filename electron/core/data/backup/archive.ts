/**
 * A data dir as a gzip'd tar archive (ustar), written and read with Node's own zlib.
 *
 * PGlite's `dumpDataDir` builds the whole tar in JavaScript and gzips it at the default level:
 * 3.5-4 s for the heavy dataset. Streaming the files through zlib at level 1 costs well under a
 * second and the archive is only ~10% larger. The result is a plain .tar.gz (`tar xzf` opens it).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const BLOCK = 512;

export interface ArchiveStats {
  files: number;
  /** Bytes of file content before compression. */
  bytes: number;
}

export interface WrittenArchive extends ArchiveStats {
  sizeBytes: number;
  sha256: string;
}

interface Entry {
  name: string;
  absolute: string;
  dir: boolean;
  size: number;
  mtimeMs: number;
}

/** PostgreSQL's WAL page header: xlp_pageaddr (uint64, little-endian on every platform PGlite runs on) at offset 8. */
const WAL_SEGMENT_NAME = /^[0-9A-F]{24}$/;

/**
 * A WAL segment whose first page does not carry its own address is a recycled or preallocated
 * file: PostgreSQL renamed an old segment to a future name and will overwrite it before use.
 * Recovery stops at such a page anyway, so leaving it out loses nothing and saves ~16 MB each.
 */
async function isLiveWalSegment(file: string, name: string, size: number): Promise<boolean> {
  if (size === 0) return false;
  const fh = await fs.open(file, 'r');
  try {
    const header = Buffer.alloc(16);
    await fh.read(header, 0, 16, 0);
    const log = BigInt(`0x${name.slice(8, 16)}`);
    const seg = BigInt(`0x${name.slice(16, 24)}`);
    const segmentsPerLog = 0x1_0000_0000n / BigInt(size);
    const expected = (log * segmentsPerLog + seg) * BigInt(size);
    return header.readBigUInt64LE(8) === expected;
  } finally {
    await fh.close();
  }
}

async function listEntries(root: string): Promise<Entry[]> {
  const entries: Entry[] = [];
  const walk = async (rel: string): Promise<void> => {
    const names = (await fs.readdir(path.join(root, rel), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const d of names) {
      const name = rel ? `${rel}/${d.name}` : d.name;
      const absolute = path.join(root, name);
      if (d.isDirectory()) {
        const st = await fs.stat(absolute);
        entries.push({ name, absolute, dir: true, size: 0, mtimeMs: st.mtimeMs });
        await walk(name);
      } else if (d.isFile()) {
        const st = await fs.stat(absolute);
        if (rel === 'pg_wal' && WAL_SEGMENT_NAME.test(d.name) && !(await isLiveWalSegment(absolute, d.name, st.size))) continue;
        if (name === 'postmaster.pid') continue;
        entries.push({ name, absolute, dir: false, size: st.size, mtimeMs: st.mtimeMs });
      }
    }
  };
  await walk('');
  return entries;
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(entry: Entry): Buffer {
  const block = Buffer.alloc(BLOCK);
  const slash = entry.dir ? '/' : '';
  let prefix = '';
  let base = entry.name + slash;
  if (Buffer.byteLength(base) > 100) {
    // ustar: up to 155 bytes of directories in `prefix`, the rest in `name`.
    const cut = entry.name.lastIndexOf('/', 155);
    prefix = entry.name.slice(0, cut);
    base = entry.name.slice(cut + 1) + slash;
    if (cut < 0 || Buffer.byteLength(base) > 100 || Buffer.byteLength(prefix) > 155) throw new Error(`path too long for a tar header: ${entry.name}`);
  }
  block.write(base, 0, 100, 'utf8');
  block.write(octal(entry.dir ? 0o700 : 0o600, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii');
  block.write(octal(0, 8), 116, 'ascii');
  block.write(octal(entry.size, 12), 124, 'ascii');
  block.write(octal(Math.floor(entry.mtimeMs / 1000), 12), 136, 'ascii');
  block.write('        ', 148, 'ascii');
  block.write(entry.dir ? '5' : '0', 156, 'ascii');
  block.write('ustar\u000000', 257, 'ascii');
  block.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

const READ_AHEAD = 8;

async function* tarStream(entries: Entry[]): AsyncGenerator<Buffer> {
  // Read a few files ahead so the disk and the compressor work at the same time.
  const read = (e: Entry | undefined) => {
    const p = e && !e.dir ? fs.readFile(e.absolute) : Promise.resolve(null);
    p.catch(() => undefined); // awaited in order below
    return p;
  };
  const ahead = entries.slice(0, READ_AHEAD).map(read);
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const content = await ahead.shift()!;
    ahead.push(read(entries[i + READ_AHEAD]));
    if (content && content.length !== entry.size) entry.size = content.length; // never while the database is held, but be exact
    yield header(entry);
    if (content && content.length > 0) {
      yield content;
      const pad = (BLOCK - (content.length % BLOCK)) % BLOCK;
      if (pad) yield Buffer.alloc(pad);
    }
  }
  yield Buffer.alloc(BLOCK * 2);
}

const gzip = promisify(zlib.gzip);
const MEMBER_BYTES = 4 << 20;
const MEMBERS_IN_FLIGHT = 4;

/**
 * Writes `dir` as a .tar.gz to `file` and fsyncs it. The caller keeps the database from writing
 * meanwhile (PGlite's runExclusive), so the files form the image a crash at that instant leaves:
 * PostgreSQL replays its WAL on open as after any kill -9.
 *
 * The tar stream is cut into 4 MB pieces gzip'd side by side on libuv's thread pool and written as
 * consecutive gzip members, which every gunzip reads as one stream (as pigz does).
 */
export async function writeArchive(dir: string, file: string): Promise<WrittenArchive> {
  const entries = await listEntries(dir);
  const written = await writeGzipMembers(tarStream(entries), file);
  const files = entries.filter((e) => !e.dir);
  return { ...written, files: files.length, bytes: files.reduce((n, e) => n + e.size, 0) };
}

/** Compresses a stream of bytes into `file` as consecutive gzip members, hashing what it writes. */
export async function writeGzipMembers(
  source: AsyncIterable<Buffer> | Iterable<Buffer>,
  file: string,
): Promise<{ sizeBytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  const fh = await fs.open(file, 'wx');
  try {
    const inFlight: Array<Promise<Buffer>> = [];
    const flushOne = async () => {
      const member = await inFlight.shift()!;
      hash.update(member);
      sizeBytes += member.length;
      await fh.write(member);
    };
    let parts: Buffer[] = [];
    let partBytes = 0;
    const cut = async () => {
      if (partBytes === 0) return;
      const member = gzip(parts.length === 1 ? parts[0]! : Buffer.concat(parts, partBytes), { level: 1 });
      member.catch(() => undefined); // awaited in order by flushOne; this only keeps a failure from going unhandled meanwhile
      inFlight.push(member);
      parts = [];
      partBytes = 0;
      if (inFlight.length >= MEMBERS_IN_FLIGHT) await flushOne();
    };
    for await (const chunk of source) {
      for (let offset = 0; offset < chunk.length; ) {
        const take = Math.min(chunk.length - offset, MEMBER_BYTES - partBytes);
        parts.push(chunk.subarray(offset, offset + take));
        partBytes += take;
        offset += take;
        if (partBytes === MEMBER_BYTES) await cut();
      }
    }
    await cut();
    while (inFlight.length > 0) await flushOne();
    await fh.sync();
  } finally {
    await fh.close();
  }
  return { sizeBytes, sha256: hash.digest('hex') };
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), async function* (source) {
    for await (const chunk of source) hash.update(chunk as Buffer);
    yield* [];
  });
  return hash.digest('hex');
}

/** Bytes arriving in chunks, taken out in exact lengths without copying more than needed. */
class ByteQueue {
  private chunks: Buffer[] = [];
  length = 0;

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  take(n: number): Buffer {
    const parts: Buffer[] = [];
    let need = n;
    while (need > 0) {
      const head = this.chunks[0]!;
      if (head.length <= need) {
        parts.push(head);
        this.chunks.shift();
        need -= head.length;
      } else {
        parts.push(head.subarray(0, need));
        this.chunks[0] = head.subarray(need);
        need = 0;
      }
    }
    this.length -= n;
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, n);
  }
}

function readString(block: Buffer, offset: number, length: number): string {
  const raw = block.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? length : end).toString('utf8');
}

function readOctal(block: Buffer, offset: number, length: number): number {
  const text = readString(block, offset, length).trim();
  if (!/^[0-7]*$/.test(text)) throw new Error('archive is corrupt: bad number in a tar header');
  return text ? parseInt(text, 8) : 0;
}

function checkHeader(block: Buffer): void {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i]!;
  if (sum !== readOctal(block, 148, 8)) throw new Error('archive is corrupt: tar header checksum mismatch');
}

/** Only plain relative names inside the target: an archive never writes outside the new data dir. */
function safeName(name: string): string {
  const clean = name.replace(/^\/+/, '').replace(/\/+$/, ''); // PGlite's dumpDataDir writes '/base/1/112'; tar strips the slash too
  const parts = clean.split('/');
  if (!clean || /^[A-Za-z]:/.test(clean) || clean.includes('\\') || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new Error(`archive entry with an unsafe name: ${JSON.stringify(name)}`);
  }
  return clean;
}

/**
 * Extracts a .tar.gz written by writeArchive into `dir`, which must not exist. Nothing is fsynced:
 * the caller opens the database there first and then makes the whole tree durable (fsyncTree)
 * before publishing it with a rename.
 */
export async function extractArchive(file: string, dir: string): Promise<ArchiveStats> {
  await fs.mkdir(dir);
  const pending = new Set<Promise<void>>();
  const stats: ArchiveStats = { files: 0, bytes: 0 };
  const writeFile = (target: string, content: Buffer) => fs.writeFile(target, content, { mode: 0o600 });
  const queue = new ByteQueue();
  let current: { target: string; size: number } | null = null;
  let ended = false;
  const input = createReadStream(file, { highWaterMark: 1 << 20 }).pipe(zlib.createGunzip({ chunkSize: 1 << 20 }));
  for await (const chunk of input) {
    queue.push(chunk as Buffer);
    for (;;) {
      if (ended) break;
      if (current) {
        const padded = Math.ceil(current.size / BLOCK) * BLOCK;
        if (queue.length < padded) break;
        const content = queue.take(padded).subarray(0, current.size);
        const p = writeFile(current.target, content).finally(() => pending.delete(p));
        p.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
        pending.add(p);
        if (pending.size >= 16) await Promise.race(pending);
        stats.files++;
        stats.bytes += current.size;
        current = null;
        continue;
      }
      if (queue.length < BLOCK) break;
      const block = queue.take(BLOCK);
      if (block.every((b) => b === 0)) {
        ended = true;
        break;
      }
      checkHeader(block);
      const prefix = readString(block, 345, 155);
      const name = safeName(prefix ? `${prefix}/${readString(block, 0, 100)}` : readString(block, 0, 100));
      const type = String.fromCharCode(block[156]!);
      const target = path.join(dir, ...name.split('/'));
      await fs.mkdir(path.dirname(target), { recursive: true });
      if (type === '5') {
        await fs.mkdir(target, { recursive: true, mode: 0o700 });
      } else if (type === '0' || type === '\0') {
        current = { target, size: readOctal(block, 124, 12) };
        if (current.size === 0) {
          await writeFile(target, Buffer.alloc(0));
          stats.files++;
          current = null;
        }
      } else {
        throw new Error(`archive entry ${name} has unsupported type ${JSON.stringify(type)}`);
      }
    }
  }
  await Promise.all(pending);
  if (!ended || current) throw new Error('archive is truncated');
  return stats;
}

/** fsyncs every file under `dir`, then the directories deepest first, so every name and byte is on disk. */
export async function fsyncTree(dir: string): Promise<void> {
  const files: string[] = [];
  const dirs: string[] = [dir];
  for (const e of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(e.parentPath, e.name);
    if (e.isDirectory()) dirs.push(full);
    else if (e.isFile()) files.push(full);
  }
  const inFlight = new Set<Promise<void>>();
  for (const f of files) {
    const p = fsyncFile(f).finally(() => inFlight.delete(p));
    p.catch(() => undefined);
    inFlight.add(p);
    if (inFlight.size >= 16) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  for (const d of dirs.sort((a, b) => b.length - a.length)) await fsyncDir(d);
}

/** fsync through a fresh descriptor: it flushes the file's data whichever descriptor wrote it. */
export async function fsyncFile(file: string): Promise<void> {
  const fh = await fs.open(file, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Makes a directory's entries (a rename, a new file) durable; a no-op where directories cannot be opened (Windows). */
export async function fsyncDir(dir: string): Promise<void> {
  let fh: fs.FileHandle | undefined;
  try {
    fh = await fs.open(dir, 'r');
    await fh.sync();
  } catch (err) {
    if (!['EISDIR', 'EPERM', 'EACCES', 'EINVAL'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
  } finally {
    await fh?.close();
  }
}

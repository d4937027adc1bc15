import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/** One file in a zip: a `/`-separated path relative to the archive root. */
export interface ZipEntry {
  readonly path: string;
  readonly data: Buffer;
  /** Unix permission bits; 0o644 unless the file must be executable. */
  readonly mode?: number;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const UTF8_NAMES = 0x0800;
const DEFLATE = 8;
const STORE = 0;
// 1980-01-01 00:00, the earliest DOS date: every build of the same inputs is byte-identical, so
// Terraform's source_code_hash and Lambda's CodeSha256 only change when the code does.
const DOS_TIME = 0;
const DOS_DATE = (1 << 5) | 1;
const MADE_BY_UNIX = (3 << 8) | 20;

/** Writes a deterministic zip (entries sorted by path, fixed timestamps). No zip64: Lambda packages stay far below 4 GiB. */
export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of sorted) {
    const name = Buffer.from(entry.path, 'utf8');
    const deflated = deflateRawSync(entry.data, { level: 9 });
    const method = deflated.length < entry.data.length ? DEFLATE : STORE;
    const body = method === DEFLATE ? deflated : entry.data;
    const fields = { crc: crc32(entry.data), compressed: body.length, size: entry.data.length, method, nameLength: name.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(20, 4);
    writeCommonFields(local, 6, fields);
    locals.push(local, name, body);
    centrals.push(centralHeader(fields, entry.mode ?? 0o644, offset), name);
    offset += local.length + name.length + body.length;
  }
  const central = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(sorted.length, 8);
  end.writeUInt16LE(sorted.length, 10);
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, central, end]);
}

interface CommonFields {
  readonly crc: number;
  readonly compressed: number;
  readonly size: number;
  readonly method: number;
  readonly nameLength: number;
}

/** flags, method, time, date, crc, sizes, name length, extra length: the run both headers share. */
function writeCommonFields(buffer: Buffer, at: number, f: CommonFields): void {
  buffer.writeUInt16LE(UTF8_NAMES, at);
  buffer.writeUInt16LE(f.method, at + 2);
  buffer.writeUInt16LE(DOS_TIME, at + 4);
  buffer.writeUInt16LE(DOS_DATE, at + 6);
  buffer.writeUInt32LE(f.crc, at + 8);
  buffer.writeUInt32LE(f.compressed, at + 12);
  buffer.writeUInt32LE(f.size, at + 16);
  buffer.writeUInt16LE(f.nameLength, at + 20);
  buffer.writeUInt16LE(0, at + 22);
}

function centralHeader(fields: CommonFields, mode: number, localOffset: number): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(CENTRAL_HEADER, 0);
  header.writeUInt16LE(MADE_BY_UNIX, 4);
  header.writeUInt16LE(20, 6);
  writeCommonFields(header, 8, fields);
  header.writeUInt32LE(((0o100000 | mode) << 16) >>> 0, 38); // regular file + permissions
  header.writeUInt32LE(localOffset, 42);
  return header;
}

export class ZipFormatError extends Error {
  readonly code = 'ZIP_FORMAT';
  constructor(message: string) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

/** Reads every file of a zip written by writeZip (or by `zip`, without zip64 or encryption). */
export function readZip(archive: Buffer): ZipEntry[] {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new ZipFormatError('no end-of-central-directory record: not a zip file');
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(at) !== CENTRAL_HEADER) throw new ZipFormatError(`central directory entry ${i} is corrupt`);
    const method = archive.readUInt16LE(at + 10);
    const compressed = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const mode = (archive.readUInt32LE(at + 38) >>> 16) & 0o777;
    const localOffset = archive.readUInt32LE(at + 42);
    const path = archive.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (path.endsWith('/')) continue;
    const dataStart = localOffset + 30 + archive.readUInt16LE(localOffset + 26) + archive.readUInt16LE(localOffset + 28);
    const body = archive.subarray(dataStart, dataStart + compressed);
    if (method !== STORE && method !== DEFLATE) throw new ZipFormatError(`${path}: unsupported compression method ${method}`);
    entries.push({ path, data: method === DEFLATE ? inflateRawSync(body) : Buffer.from(body), mode: mode || 0o644 });
  }
  return entries;
}

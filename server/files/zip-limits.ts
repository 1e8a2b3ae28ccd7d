import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { AppError, msg } from '../../core/errors.ts';

/**
 * The one place a zip (.docx, .xlsx) is bounded before anything inflates it. A 300 KB file can hold
 * 100 MB of repeated XML, and the readers (mammoth, exceljs) inflate and parse all of it in memory:
 * the central directory's entry count and declared sizes are checked first, then the bytes each entry
 * really inflates to are counted against the same limits, since the declared sizes are the sender's word.
 */
export interface ZipLimits {
  /** Entries in the archive (a .docx has ~15, an .xlsx ~10 plus one per sheet). */
  maxEntries: number;
  /** Inflated bytes of all entries together. */
  maxTotalBytes: number;
  /** Tighter caps for some entries (a sheet streamed row by row may be large, its shared strings held in memory may not). */
  entryLimits?: { name: RegExp; maxBytes: number }[];
}

/** The cap of one entry: the tightest that names it, within what the total leaves. */
function entryCap(limits: ZipLimits, name: string, remaining: number): number {
  const caps = (limits.entryLimits ?? [])
    .filter((limit) => limit.name.test(name))
    .map((limit) => limit.maxBytes);
  return Math.min(remaining, ...caps);
}

const entryTooLarge = (name: string, limits: ZipLimits) => {
  const cap = entryCap(limits, name, Number.POSITIVE_INFINITY);
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    msg(
      `Thành phần "${name}" của tệp nén giải ra quá giới hạn ${Math.round(cap / MiB)} MB. Hãy chia nhỏ tệp.`,
      `The part "${name}" of the zipped file unpacks past the limit of ${Math.round(cap / MiB)} MB. Split the file.`,
    ),
    { limit: cap },
  );
};

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated: the only two Office writes. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** Reads `length` bytes at `offset` of the archive (a buffer in memory, or a file on disk). */
type ReadAt = (offset: number, length: number) => Buffer;

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const MiB = 1024 * 1024;

const corrupt = () =>
  new AppError(
    'UNSUPPORTED_FILE',
    msg(
      'Không đọc được tệp nén (.docx/.xlsx): tệp hỏng hoặc không hợp lệ.',
      'The zipped file (.docx/.xlsx) cannot be read: it is damaged or invalid.',
    ),
  );
export const tooLarge = (limits: ZipLimits) =>
  new AppError(
    'PAYLOAD_TOO_LARGE',
    msg(
      `Tệp giải nén ra quá lớn: nội dung vượt giới hạn ${Math.round(limits.maxTotalBytes / MiB)} MB. Hãy chia nhỏ tệp.`,
      `The file unpacks too large: its content exceeds the limit of ${Math.round(limits.maxTotalBytes / MiB)} MB. Split the file.`,
    ),
    { limit: limits.maxTotalBytes },
  );

function listEntries(read: ReadAt, size: number, limits: ZipLimits): ZipEntry[] {
  if (size < 22) throw corrupt();
  // The end record sits in the last 22 bytes plus a comment of at most 64 KiB.
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = read(size - tailLength, tailLength);
  let end = -1;
  for (let at = tail.length - 22; at >= 0; at -= 1)
    if (tail.readUInt32LE(at) === EOCD_SIGNATURE) {
      end = at;
      break;
    }
  if (end < 0) throw corrupt();
  const count = tail.readUInt16LE(end + 10);
  const directorySize = tail.readUInt32LE(end + 12);
  const directoryOffset = tail.readUInt32LE(end + 16);
  // ZIP64 (more than 65,535 entries or 4 GiB): far beyond any document or sheet we read.
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff)
    throw tooLarge(limits);
  if (count > limits.maxEntries)
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      msg(
        `Tệp nén có ${count} thành phần, vượt giới hạn ${limits.maxEntries}.`,
        `The zipped file has ${count} parts, over the limit of ${limits.maxEntries}.`,
      ),
      { limit: limits.maxEntries },
    );
  if (directoryOffset + directorySize > size) throw corrupt();
  const directory = read(directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  let declared = 0;
  for (let at = 0, index = 0; index < count; index += 1) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw corrupt();
    const nameLength = directory.readUInt16LE(at + 28);
    const entry: ZipEntry = {
      method: directory.readUInt16LE(at + 10),
      compressedSize: directory.readUInt32LE(at + 20),
      uncompressedSize: directory.readUInt32LE(at + 24),
      localHeaderOffset: directory.readUInt32LE(at + 42),
      name: directory.toString('utf8', at + 46, at + 46 + nameLength),
    };
    if (entry.uncompressedSize === 0xffffffff || entry.compressedSize === 0xffffffff) throw tooLarge(limits);
    declared += entry.uncompressedSize;
    if (declared > limits.maxTotalBytes) throw tooLarge(limits);
    if (entry.uncompressedSize > entryCap(limits, entry.name, Number.POSITIVE_INFINITY))
      throw entryTooLarge(entry.name, limits);
    if (entry.method !== 0 && entry.method !== 8) throw corrupt();
    entries.push(entry);
    at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
  }
  return entries;
}

/** The names in a zip's central directory, inflating nothing (what a file says it holds); null when it is no zip. */
export function zipEntryNames(data: Buffer, limits: ZipLimits): string[] | null {
  if (data.length < 4 || data.readUInt32LE(0) !== LOCAL_SIGNATURE) return null;
  try {
    return listEntries((offset, length) => data.subarray(offset, offset + length), data.length, limits).map(
      (entry) => entry.name,
    );
  } catch (error) {
    if (error instanceof AppError && error.code === 'PAYLOAD_TOO_LARGE') throw error;
    return null;
  }
}

/** Where an entry's compressed bytes start: after its local header, whose lengths may differ from the directory's. */
function dataOffset(read: ReadAt, entry: ZipEntry): number {
  const header = read(entry.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_SIGNATURE) throw corrupt();
  return entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
}

/**
 * A zip held in memory, checked whole: its directory, then every entry inflated with a cap on the
 * bytes produced. Returns the entries' names. Throws 413 naming the limit, or 400 when the zip is broken.
 */
export function checkZipBuffer(data: Buffer, limits: ZipLimits): string[] {
  if (data.length < 4 || data.readUInt32LE(0) !== LOCAL_SIGNATURE) throw corrupt();
  const read: ReadAt = (offset, length) => data.subarray(offset, offset + length);
  const entries = listEntries(read, data.length, limits);
  let remaining = limits.maxTotalBytes;
  for (const entry of entries) {
    const start = dataOffset(read, entry);
    if (start + entry.compressedSize > data.length) throw corrupt();
    const compressed = data.subarray(start, start + entry.compressedSize);
    let produced = compressed.length;
    if (entry.method === 8) {
      try {
        const cap = entryCap(limits, entry.name, remaining);
        produced = inflateRawSync(compressed, { maxOutputLength: Math.max(1, cap) }).length;
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
          throw remaining <= entryCap(limits, entry.name, remaining)
            ? tooLarge(limits)
            : entryTooLarge(entry.name, limits);
        throw corrupt();
      }
    }
    // A reader trusting the declared size would be fooled by a different real one.
    if (produced !== entry.uncompressedSize) throw corrupt();
    remaining -= produced;
    if (remaining < 0) throw tooLarge(limits);
  }
  return entries.map((entry) => entry.name);
}

/**
 * A zip on disk (a dossier .xlsx of up to 2 GB, read as a stream afterwards): the directory checked,
 * then every entry inflated as a stream, counting the bytes and keeping none, stopped at the limit.
 */
export async function checkZipFile(path: string, limits: ZipLimits): Promise<string[]> {
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  let entries: ZipEntry[];
  const offsets: number[] = [];
  try {
    const read: ReadAt = (offset, length) => {
      const buffer = Buffer.alloc(length);
      const got = readSync(fd, buffer, 0, length, offset);
      return buffer.subarray(0, got);
    };
    const head = read(0, 4);
    if (head.length < 4 || head.readUInt32LE(0) !== LOCAL_SIGNATURE) throw corrupt();
    entries = listEntries(read, size, limits);
    for (const entry of entries) offsets.push(dataOffset(read, entry));
  } finally {
    closeSync(fd);
  }
  let remaining = limits.maxTotalBytes;
  for (const [index, entry] of entries.entries()) {
    const start = offsets[index] ?? 0;
    if (entry.compressedSize === 0) {
      if (entry.uncompressedSize !== 0) throw corrupt();
      continue;
    }
    if (start + entry.compressedSize > size) throw corrupt();
    const source = createReadStream(path, { start, end: start + entry.compressedSize - 1 });
    let produced = 0;
    if (entry.method === 0) produced = entry.compressedSize;
    else {
      const inflate = createInflateRaw();
      source.pipe(inflate);
      const cap = entryCap(limits, entry.name, remaining);
      try {
        for await (const chunk of inflate) {
          produced += (chunk as Buffer).length;
          if (produced > cap) throw cap < remaining ? entryTooLarge(entry.name, limits) : tooLarge(limits);
        }
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw corrupt();
      } finally {
        source.destroy();
        inflate.destroy();
      }
    }
    if (produced !== entry.uncompressedSize) throw corrupt();
    remaining -= produced;
    if (remaining < 0) throw tooLarge(limits);
  }
  return entries.map((entry) => entry.name);
}

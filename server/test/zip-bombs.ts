import { crc32, createDeflateRaw } from 'node:zlib';

/**
 * Small zips that inflate to a lot, built without holding the inflated text: each entry is a chunk
 * repeated `times` times, deflated chunk by chunk into one raw stream (level 9 turns 100 MB of a
 * repeated row into a few hundred KB).
 */
export interface BombEntry {
  name: string;
  head?: string;
  chunk?: string;
  times?: number;
  tail?: string;
}

export async function buildZip(
  entries: BombEntry[],
  options: { lieAboutSizes?: boolean } = {},
): Promise<Buffer> {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const { compressed, size, crc } = await deflateRepeated(entry);
    const name = Buffer.from(entry.name, 'utf8');
    // A liar declares a tiny size: the checker must count what really comes out.
    const declared = options.lieAboutSizes ? Math.min(size, 1000) : size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += 30 + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

async function deflateRepeated({ head = '', chunk = '', times = 0, tail = '' }: BombEntry) {
  const unit = Buffer.from(chunk);
  const perBlock = unit.length === 0 ? 0 : Math.max(1, Math.floor((1024 * 1024) / unit.length));
  const block = Buffer.from(chunk.repeat(perBlock));
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (data: Buffer) => out.push(data));
  const finished = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  let crc = 0;
  let size = 0;
  const write = async (part: Buffer) => {
    crc = crc32(part, crc);
    size += part.length;
    if (!deflate.write(part)) await new Promise((resolve) => deflate.once('drain', resolve));
  };
  await write(Buffer.from(head));
  // The block is written again and again: ~1 MB held, however large the text it inflates to.
  for (let left = times; left > 0 && perBlock > 0; left -= Math.min(left, perBlock))
    await write(left >= perBlock ? block : Buffer.from(chunk.repeat(left)));
  await write(Buffer.from(tail));
  deflate.end();
  await finished;
  return { compressed: Buffer.concat(out), size, crc };
}

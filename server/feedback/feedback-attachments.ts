import type { FastifyRequest } from 'fastify';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import { assertContentMatches, safeFileName } from '../files/file-signatures.ts';

/**
 * What a citizen may attach to a petition: up to three photos (JPEG or PNG) or one PDF, 5 MB each,
 * the type told by the content (the evidence store's signatures: a program named .jpg is refused by
 * name), never executed nor shown inline (the store serves downloads only). A photo's location
 * (EXIF GPS, XMP) is removed unless the citizen asks to keep it.
 */
export const MAX_PHOTOS = 3;
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
const TYPES: Record<string, 'photo' | 'pdf'> = {
  '.jpg': 'photo',
  '.jpeg': 'photo',
  '.png': 'photo',
  '.pdf': 'pdf',
};

export interface Attachment {
  fileName: string;
  data: Buffer;
}

export interface ReceivedForm {
  fields: Record<string, string>;
  files: Attachment[];
}

const TOO_LARGE = msg(
  `Mỗi tệp đính kèm tối đa ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`,
  `Each attachment may be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`,
);

/**
 * The multipart form: its text fields and its files, each read up to the size limit and no further.
 * The fields land in `fields` as they are read, so a caller that shows the form again after a refusal
 * (a file too large) still has what was typed before it.
 */
export async function receiveForm(
  request: FastifyRequest,
  fields: Record<string, string> = {},
): Promise<ReceivedForm> {
  const files: Attachment[] = [];
  const parts = request.parts({
    limits: { fileSize: MAX_ATTACHMENT_BYTES, files: MAX_PHOTOS + 1, fields: 20, fieldSize: 64 * 1024 },
  });
  try {
    for await (const part of parts) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', TOO_LARGE);
        if (data.length > 0 || part.filename) files.push({ fileName: part.filename, data });
      } else fields[part.fieldname] = String(part.value);
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE', TOO_LARGE);
    if (code === 'FST_FILES_LIMIT')
      throw fieldError(
        'files',
        msg(`Tối đa ${MAX_PHOTOS} ảnh hoặc 1 tệp PDF.`, `At most ${MAX_PHOTOS} photos or one PDF file.`),
      );
    throw error;
  }
  return { fields, files: files.filter((file) => file.data.length > 0) };
}

/** Checks the files as a set and each by content; returns them ready to store (locations removed). */
export function checkAttachments(files: readonly Attachment[], keepLocation: boolean): Attachment[] {
  const kinds = files.map((file, index) => {
    const fileName = safeFileName(file.fileName);
    const extension = fileName.toLowerCase().match(/\.[a-z0-9]+$/)?.[0] ?? '';
    const kind = TYPES[extension];
    if (!kind)
      throw new AppError(
        'UNSUPPORTED_FILE',
        msg(
          `Tệp “${fileName}”: chỉ nhận ảnh JPEG, PNG hoặc tệp PDF.`,
          `File “${fileName}”: only JPEG or PNG photos or a PDF are accepted.`,
        ),
        {
          fields: [
            { path: `files.${index}`, message: msg('Loại tệp không được nhận.', 'File type not accepted.') },
          ],
        },
      );
    if (file.data.length > MAX_ATTACHMENT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', TOO_LARGE);
    assertContentMatches(extension, file.data);
    return { fileName, extension, kind };
  });
  const pdfs = kinds.filter((entry) => entry.kind === 'pdf').length;
  if ((pdfs > 0 && files.length > 1) || files.length > MAX_PHOTOS)
    throw fieldError(
      'files',
      msg(`Tối đa ${MAX_PHOTOS} ảnh hoặc 1 tệp PDF.`, `At most ${MAX_PHOTOS} photos or one PDF file.`),
    );
  return files.map((file, index) => {
    const { fileName, extension } = kinds[index] as (typeof kinds)[number];
    if (keepLocation) return { fileName, data: file.data };
    if (extension === '.png') return { fileName, data: stripPngLocation(file.data) };
    if (extension === '.pdf') return { fileName, data: file.data };
    return { fileName, data: stripJpegLocation(file.data) };
  });
}

const XMP_SIGNATURE = Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1');
const EXIF_SIGNATURE = Buffer.from('Exif\0\0', 'latin1');
const GPS_IFD_TAG = 0x8825;

/**
 * A JPEG without where it was taken: the EXIF GPS directory is blanked (its entries and the values
 * they point to zeroed, the pointer renamed to an unused tag) and XMP segments, which may repeat the
 * location, are dropped. Everything else (orientation, the picture) is kept byte for byte. A file
 * whose segments cannot be read is refused rather than stored with its location.
 */
export function stripJpegLocation(data: Buffer): Buffer {
  const kept: Buffer[] = [data.subarray(0, 2)];
  let at = 2;
  while (at + 4 <= data.length) {
    if (data[at] !== 0xff) throw unreadablePhoto();
    const marker = data[at + 1] as number;
    // Start of scan: the rest is picture data.
    if (marker === 0xda) {
      kept.push(data.subarray(at));
      return Buffer.concat(kept);
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      kept.push(data.subarray(at, at + 2));
      at += 2;
      continue;
    }
    const length = data.readUInt16BE(at + 2);
    const end = at + 2 + length;
    if (length < 2 || end > data.length) throw unreadablePhoto();
    const segment = Buffer.from(data.subarray(at, end));
    const body = segment.subarray(4);
    if (marker === 0xe1 && body.subarray(0, XMP_SIGNATURE.length).equals(XMP_SIGNATURE)) {
      at = end;
      continue;
    }
    if (marker === 0xe1 && body.subarray(0, EXIF_SIGNATURE.length).equals(EXIF_SIGNATURE))
      blankGps(body.subarray(EXIF_SIGNATURE.length));
    kept.push(segment);
    at = end;
  }
  kept.push(data.subarray(at));
  return Buffer.concat(kept);
}

const unreadablePhoto = () =>
  new AppError(
    'UNSUPPORTED_FILE',
    msg('Không đọc được ảnh JPEG (tệp hỏng).', 'The JPEG photo cannot be read (damaged file).'),
  );

/** Blanks the GPS directory of a TIFF structure (the EXIF body) in place. */
function blankGps(tiff: Buffer) {
  if (tiff.length < 8) return;
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (offset: number) => (little ? tiff.readUInt16LE(offset) : tiff.readUInt16BE(offset));
  const u32 = (offset: number) => (little ? tiff.readUInt32LE(offset) : tiff.readUInt32BE(offset));
  const ifd0 = u32(4);
  if (ifd0 + 2 > tiff.length) return;
  const count = u16(ifd0);
  for (let index = 0; index < count; index++) {
    const entry = ifd0 + 2 + index * 12;
    if (entry + 12 > tiff.length || u16(entry) !== GPS_IFD_TAG) continue;
    const gps = u32(entry + 8);
    // The pointer becomes an unused private tag: readers find no GPS directory.
    if (little) tiff.writeUInt16LE(0xffff, entry);
    else tiff.writeUInt16BE(0xffff, entry);
    tiff.fill(0, entry + 8, entry + 12);
    if (gps + 2 > tiff.length) return;
    const gpsCount = u16(gps);
    const sizes: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8, 12: 8 };
    for (let g = 0; g < gpsCount; g++) {
      const gpsEntry = gps + 2 + g * 12;
      if (gpsEntry + 12 > tiff.length) break;
      const bytes = (sizes[u16(gpsEntry + 2)] ?? 1) * u32(gpsEntry + 4);
      if (bytes > 4) {
        const valueAt = u32(gpsEntry + 8);
        if (valueAt + bytes <= tiff.length) tiff.fill(0, valueAt, valueAt + bytes);
      }
      tiff.fill(0, gpsEntry, gpsEntry + 12);
    }
  }
}

/** A PNG without its EXIF chunk (eXIf) and XMP text chunks, which may hold where it was taken. */
export function stripPngLocation(data: Buffer): Buffer {
  const kept: Buffer[] = [data.subarray(0, 8)];
  let at = 8;
  while (at + 12 <= data.length) {
    const length = data.readUInt32BE(at);
    const type = data.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (end > data.length) break;
    const isXmp = type === 'iTXt' && data.toString('latin1', at + 8, at + 8 + 17) === 'XML:com.adobe.xmp';
    if (type !== 'eXIf' && !isXmp) kept.push(data.subarray(at, end));
    at = end;
  }
  kept.push(data.subarray(at));
  return Buffer.concat(kept);
}

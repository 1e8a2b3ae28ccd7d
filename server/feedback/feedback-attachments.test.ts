import { describe, expect, it } from 'vitest';
import { checkAttachments, stripJpegLocation, stripPngLocation } from './feedback-attachments.ts';
import { jpegWithLocation, LATITUDE } from './feedback-fixtures.ts';

/** The checks on a citizen's files that need no database: location removal, the set's rules. */
const chunk = (type: string, data: Buffer) => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  // The CRC is not checked by the stripper; four bytes stand for it.
  return Buffer.concat([head, data, Buffer.alloc(4)]);
};
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('a photo without its location', () => {
  it('drops a PNG’s EXIF and XMP chunks and keeps the others in order', () => {
    const header = chunk('IHDR', Buffer.alloc(13, 1));
    const exif = chunk('eXIf', LATITUDE);
    const xmp = chunk('iTXt', Buffer.from('XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta/>', 'latin1'));
    const text = chunk('tEXt', Buffer.from('Comment\0Ảnh đèn đường'));
    const end = chunk('IEND', Buffer.alloc(0));
    const png = Buffer.concat([PNG_SIGNATURE, header, exif, xmp, text, end]);
    expect(stripPngLocation(png).equals(Buffer.concat([PNG_SIGNATURE, header, text, end]))).toBe(true);
  });

  it('refuses a JPEG whose segments cannot be read rather than keep its location', () => {
    const photo = jpegWithLocation();
    const broken = Buffer.concat([photo.subarray(0, 6), Buffer.from([0x00, 0x00]), photo.subarray(8)]);
    broken.writeUInt16BE(0xffff, 4);
    expect(() => stripJpegLocation(broken)).toThrow('Không đọc được ảnh JPEG (tệp hỏng).');
    expect(stripJpegLocation(photo).includes(LATITUDE)).toBe(false);
  });

  it('takes up to three photos or one PDF, by content', () => {
    const photo = { fileName: 'a.jpg', data: jpegWithLocation() };
    expect(checkAttachments([photo, photo, photo], true).length).toBe(3);
    expect(() => checkAttachments([photo, photo, photo, photo], true)).toThrow(
      'Tối đa 3 ảnh hoặc 1 tệp PDF.',
    );
    const pdf = { fileName: 'don.PDF', data: Buffer.from('%PDF-1.7\n%%EOF') };
    expect(checkAttachments([pdf], false)[0]?.data.equals(pdf.data)).toBe(true);
    expect(() => checkAttachments([{ fileName: 'a.png', data: photo.data }], false)).toThrow(
      'Nội dung tệp không phải ảnh PNG như phần mở rộng .png cho biết.',
    );
    expect(() => checkAttachments([{ fileName: 'a.gif', data: Buffer.from('GIF89a') }], false)).toThrow(
      'Tệp “a.gif”: chỉ nhận ảnh JPEG, PNG hoặc tệp PDF.',
    );
  });
});

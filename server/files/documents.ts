import mammoth from 'mammoth';
import { AppError } from '../../core/errors.ts';
import { detectVietnameseEncoding, ENCODING_MESSAGES } from '../../core/text/legacy-encoding.ts';

/** Documents in: plain text (.txt, .md, UTF-8) and Word (.docx), as the text the plan importer reads. */
export const DOCUMENT_EXTENSIONS = ['.txt', '.md', '.docx'] as const;

export async function readDocumentText(filename: string, data: Buffer): Promise<string> {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.docx')) return readDocx(data);
  if (lower.endsWith('.txt') || lower.endsWith('.md')) {
    const encoding = detectVietnameseEncoding(data);
    if (encoding !== 'utf8') throw new AppError('UNSUPPORTED_FILE', ENCODING_MESSAGES[encoding]);
    return new TextDecoder('utf-8').decode(data).replace(/^\uFEFF/, '');
  }
  if (lower.endsWith('.doc'))
    throw new AppError(
      'UNSUPPORTED_FILE',
      'Tệp .doc (Word 97–2003) chưa được hỗ trợ: hãy mở bằng Word hoặc LibreOffice và lưu thành .docx.',
    );
  throw new AppError('UNSUPPORTED_FILE', 'Chỉ nhận tệp .docx, .txt hoặc .md.');
}

async function readDocx(data: Buffer): Promise<string> {
  // A .docx is a zip: anything else is refused before mammoth sees it.
  if (data.length < 4 || data.readUInt32LE(0) !== 0x04034b50)
    throw new AppError('UNSUPPORTED_FILE', 'Tệp không phải văn bản Word .docx hợp lệ.');
  try {
    // Raw text keeps one paragraph per line, numbering typed in the text stays; tables become lines.
    const { value } = await mammoth.extractRawText({ buffer: data });
    return value;
  } catch {
    throw new AppError('UNSUPPORTED_FILE', 'Không đọc được nội dung tệp .docx (tệp hỏng hoặc được bảo vệ).');
  }
}

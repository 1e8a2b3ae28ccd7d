import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError, msg } from '../../core/errors.ts';
import { findSoffice, run } from './system-tools.ts';

/**
 * An old Word .doc turned into .docx by LibreOffice (headless), in a temporary folder with its own
 * profile so two conversions can run at once, under a time limit; the folder is removed afterwards.
 */
export const CONVERT_TIME_LIMIT_MS = 120_000;

const NO_LIBREOFFICE = msg(
  'Tệp .doc (Word 97–2003) cần LibreOffice để đọc, nhưng máy chủ chưa cài. Hãy mở tệp bằng Word hoặc LibreOffice và lưu thành .docx, hoặc nhờ quản trị cài LibreOffice (apt-get install libreoffice-writer).',
  '.doc files (Word 97–2003) need LibreOffice, which the server lacks. Open the file in Word or LibreOffice and save it as .docx, or ask the administrator to install LibreOffice (apt-get install libreoffice-writer).',
);

const unconvertible = (from: string) =>
  msg(
    `Không chuyển được tệp .${from} (tệp hỏng hoặc được bảo vệ).`,
    `The .${from} cannot be converted (damaged or protected).`,
  );

export function docToDocx(data: Buffer, configured?: string): Promise<Buffer> {
  return convertWithLibreOffice(data, { from: 'doc', to: 'docx', soffice: configured });
}

/** A document converted by LibreOffice (also how tests make .doc and PDF files from a .docx); `to` may carry a filter ("pdf:writer_pdf_Export:{…}"). */
export async function convertWithLibreOffice(
  data: Buffer,
  { from, to, soffice: configured }: { from: string; to: string; soffice?: string | undefined },
): Promise<Buffer> {
  const soffice = findSoffice(configured);
  if (!soffice) throw new AppError('UNSUPPORTED_FILE', NO_LIBREOFFICE, { missing: 'libreoffice' });
  const folder = await mkdtemp(join(tmpdir(), 'chiso-doc-'));
  try {
    const input = join(folder, `van-ban.${from}`);
    await writeFile(input, data);
    await run(
      soffice,
      [
        `-env:UserInstallation=${pathToFileURL(join(folder, 'profile')).href}`,
        '--headless',
        '--norestore',
        '--convert-to',
        to,
        '--outdir',
        folder,
        input,
      ],
      { timeout: CONVERT_TIME_LIMIT_MS, env: { ...process.env, HOME: folder } },
    ).catch((error: { killed?: boolean }) => {
      throw new AppError(
        'UNSUPPORTED_FILE',
        error.killed
          ? msg(
              `Chuyển tệp .${from} quá ${CONVERT_TIME_LIMIT_MS / 1000} giây: tệp quá lớn hoặc quá phức tạp.`,
              `Converting the .${from} took over ${CONVERT_TIME_LIMIT_MS / 1000} seconds: it is too large or too complex.`,
            )
          : unconvertible(from),
      );
    });
    // LibreOffice answers 0 even when it could not read the file: no output is the refusal.
    return await readFile(join(folder, `van-ban.${to.split(':')[0]}`)).catch(() => {
      throw new AppError('UNSUPPORTED_FILE', unconvertible(from));
    });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

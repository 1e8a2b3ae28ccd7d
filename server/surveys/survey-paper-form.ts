import { type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { optionsOf, type SurveyDefinition, type SurveyQuestion } from '../../core/surveys/survey.ts';
import { fileNamePart } from '../../core/text/file-names.ts';
import { A4, vietnameseDocument, wrap } from './pdf-text.ts';

/**
 * The questionnaire to print for paper answers: each question with its code (the column the staff's
 * grid and the import read), its answers as boxes to tick with their numbers, a condition said in
 * words ("Chỉ trả lời nếu …"), lines to write on, and the form's number, date and dossier code at the
 * top — so what a citizen ticks is typed back digit by digit.
 */
export const PAPER_FORM_WORDS = {
  number: 'Số phiếu:',
  date: 'Ngày: ……/……/………',
  dossier: 'Mã hồ sơ (trên giấy biên nhận, nếu có):',
  howTo: 'Đánh dấu X vào một ô cho mỗi câu. Câu nào không có ý kiến thì để trống. Không cần ghi họ tên.',
  onlyIf: 'Chỉ trả lời nếu câu',
  answered: 'chọn',
  thanks: 'Xin cảm ơn ông/bà đã dành thời gian trả lời.',
} as const;

const MARGIN = 42;
const INK = rgb(0.1, 0.11, 0.12);
const GREY = rgb(0.45, 0.47, 0.5);
const BOX = 9;

interface Cursor {
  page: PDFPage;
  y: number;
}

export async function surveyPaperForm(
  definition: SurveyDefinition,
  unitName: string | null,
): Promise<{ fileName: string; data: Buffer }> {
  const { pdf, regular, bold } = await vietnameseDocument(
    `${definition.nameVi}${unitName ? ` — ${unitName}` : ''}`,
  );
  const width = A4.width - 2 * MARGIN;
  const at: Cursor = { page: pdf.addPage([A4.width, A4.height]), y: A4.height - MARGIN };
  /** Room for `height` more points on this page, else a new page. */
  const room = (height: number) => {
    if (at.y - height >= MARGIN) return;
    at.page = pdf.addPage([A4.width, A4.height]);
    at.y = A4.height - MARGIN;
  };
  const write = (
    text: string,
    font: PDFFont,
    size: number,
    options: { indent?: number; color?: typeof INK } = {},
  ) => {
    for (const line of wrap(text, font, size, width - (options.indent ?? 0))) {
      room(size * 1.35);
      at.y -= size * 1.35;
      at.page.drawText(line, {
        x: MARGIN + (options.indent ?? 0),
        y: at.y,
        size,
        font,
        color: options.color ?? INK,
      });
    }
  };

  write(definition.nameVi, bold, 14);
  if (unitName) write(unitName, bold, 12);
  at.y -= 6;
  write(`${PAPER_FORM_WORDS.number} ……………    ${PAPER_FORM_WORDS.date}`, regular, 10.5);
  write(`${PAPER_FORM_WORDS.dossier} ……………………………………`, regular, 10.5);
  at.y -= 4;
  write(PAPER_FORM_WORDS.howTo, regular, 10, { color: GREY });

  const elementName = new Map(definition.elements.map((element) => [element.code, element.nameVi]));
  const byCode = new Map(definition.questions.map((question) => [question.code, question]));
  let element: string | null | undefined;
  for (const question of definition.questions) {
    if (question.element !== element) {
      element = question.element;
      at.y -= 8;
      room(60);
      if (element) write(elementName.get(element) ?? element, bold, 12);
    }
    at.y -= 5;
    room(48);
    write(`${question.code}. ${question.textVi}`, regular, 10.5);
    if (question.condition) {
      const on = byCode.get(question.condition.question);
      const words = on
        ? question.condition.in.map(
            (value) => optionsOf(on).find((option) => option.value === value)?.vi ?? String(value),
          )
        : question.condition.in.map(String);
      write(
        `(${PAPER_FORM_WORDS.onlyIf} ${question.condition.question} ${PAPER_FORM_WORDS.answered} “${words.join('” hoặc “')}”)`,
        regular,
        9,
        {
          indent: 12,
          color: GREY,
        },
      );
    }
    if (question.kind === 'text') {
      for (let line = 0; line < 2; line += 1) {
        room(20);
        at.y -= 18;
        at.page.drawLine({
          start: { x: MARGIN + 12, y: at.y },
          end: { x: MARGIN + width, y: at.y },
          thickness: 0.5,
          color: GREY,
        });
      }
      continue;
    }
    options(question);
  }
  at.y -= 16;
  write(PAPER_FORM_WORDS.thanks, bold, 10.5);

  /** The answers as boxes in a row (wrapped when they do not fit): "☐ 1 Rất không hài lòng". */
  function options(question: SurveyQuestion) {
    const size = 9.5;
    let x = MARGIN + 12;
    room(18);
    at.y -= 16;
    for (const option of optionsOf(question)) {
      const label = `${option.value} ${option.vi}`;
      const cell = BOX + 4 + regular.widthOfTextAtSize(label, size) + 14;
      if (x + cell > MARGIN + width) {
        x = MARGIN + 12;
        room(18);
        at.y -= 16;
      }
      at.page.drawRectangle({ x, y: at.y - 1, width: BOX, height: BOX, borderColor: INK, borderWidth: 0.8 });
      at.page.drawText(label, { x: x + BOX + 4, y: at.y, size, font: regular, color: INK });
      x += cell;
    }
  }

  const data = Buffer.from(await pdf.save());
  return {
    fileName: `${fileNamePart(`Phiếu khảo sát giấy${unitName ? ` - ${unitName}` : ''}`)}.pdf`,
    data,
  };
}

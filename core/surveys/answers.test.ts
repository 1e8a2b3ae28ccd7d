import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkAnswers, readAnswer } from './answers.ts';
import { answersFromDossier, type SurveyDefinition } from './survey.ts';
import { surveyDefinitionSchema, validateSurvey } from './survey-schema.ts';

const sipas = surveyDefinitionSchema.parse(
  JSON.parse(readFileSync(new URL('../../reference/surveys/SIPAS-2023-2026.json', import.meta.url), 'utf8')),
) as SurveyDefinition;
const question = (code: string) => {
  const found = sipas.questions.find((q) => q.code === code);
  if (!found) throw new Error(code);
  return found;
};

describe('the shipped SIPAS questionnaire', () => {
  it('is valid, with the five service elements, the policy part and its unconfirmed items marked', () => {
    expect(validateSurvey(sipas)).toEqual([]);
    expect(sipas.elements.filter((e) => e.subIndex === 'service').map((e) => e.code)).toEqual([
      'DV1',
      'DV2',
      'DV3',
      'DV4',
      'DV5',
    ]);
    // The three access contents of the 2024 national report are the only items not marked unconfirmed.
    const confirmed = sipas.questions.filter((q) => q.kind === 'scale5' && !q.unconfirmed).map((q) => q.code);
    expect(confirmed).toEqual(['DV1.1', 'DV1.2', 'DV1.3']);
    expect(sipas.status).toBe('unconfirmed');
  });
});

describe('reading an answer', () => {
  it('takes 1–5 or the words, with or without diacritics', () => {
    expect(readAnswer(question('DV2.1'), '4')).toEqual({ value: 4 });
    expect(readAnswer(question('DV2.1'), 5)).toEqual({ value: 5 });
    expect(readAnswer(question('DV2.1'), 'Rất không hài lòng')).toEqual({ value: 1 });
    expect(readAnswer(question('DV2.1'), 'rat hai long')).toEqual({ value: 5 });
    expect(readAnswer(question('TIEN'), 'Không')).toEqual({ value: 0 });
    expect(readAnswer(question('DV2.1'), '')).toEqual({});
  });

  it('refuses anything else, naming the allowed answers', () => {
    expect(readAnswer(question('DV2.1'), '6').issue?.vi).toBe(
      '"6" không phải câu trả lời hợp lệ; chọn một trong: 1 (Rất không hài lòng), 2 (Không hài lòng), 3 (Bình thường), 4 (Hài lòng), 5 (Rất hài lòng).',
    );
  });
});

describe('checking a respondent', () => {
  it('asks the online question only of those who submitted online', () => {
    expect(checkAnswers(sipas, { KENH: 2, 'DV1.5': 4 })).toEqual({
      answers: { KENH: 2, 'DV1.5': 4 },
      issues: [],
    });
    const direct = checkAnswers(sipas, { KENH: 1, 'DV1.5': 4 });
    expect(direct.issues.map((i) => i.question)).toEqual(['DV1.5']);
  });

  it('needs the required channel question and refuses unknown codes', () => {
    const { issues } = checkAnswers(sipas, { 'DV9.9': 3 });
    expect(issues.map((i) => [i.question, i.reason.vi])).toEqual([
      ['DV9.9', 'Phiếu không có câu hỏi này.'],
      ['KENH', 'Câu hỏi bắt buộc chưa được trả lời.'],
    ]);
  });

  it('knows the channel from the dossier', () => {
    expect(answersFromDossier(sipas, { channel: 'online_full' })).toEqual({ KENH: 2 });
    expect(answersFromDossier(sipas, { channel: 'postal' })).toEqual({ KENH: 3 });
  });
});

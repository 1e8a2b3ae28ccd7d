import { inLocale, type Msg } from '../../../core/errors.ts';
import type { SurveyScreen } from '../../../core/surveys/screens.ts';
import { optionsOf, type SurveyAnswers, type SurveyQuestion } from '../../../core/surveys/survey.ts';
import { say } from '../../feedback/pages/words.ts';
import { type Html, html } from '../../public/html.ts';
import { fieldError, layout, link, type PageContext } from '../../public/layout.ts';
import type { PublicUnit } from '../public-response-service.ts';
import { fill, SW } from './survey-words.ts';

/**
 * The survey's pages as HTML without JavaScript: the start page, one screen per element, the thanks.
 * Every choice is a radio button in a 44 px row with its label; "Không có ý kiến" leaves a question
 * unanswered. The pages carry no asset of their own: the citizens' frame and its inline style only.
 */
export const surveyPath = (unit: PublicUnit, surveyId: number) => `/khao-sat/${unit.code}/${surveyId}`;

const questionText = (question: SurveyQuestion, lang: PageContext['lang']) =>
  lang === 'en' && question.textEn ? question.textEn : question.textVi;

const optionText = (option: { vi: string; en?: string | undefined }, lang: PageContext['lang']) =>
  lang === 'en' && option.en ? option.en : option.vi;

export interface StartState {
  formToken: string;
  dossierCode: string;
  /** The problem with the code (beside its field), and problems of the form as a whole. */
  codeError?: string | undefined;
  general: string[];
  /** A draft this device may continue: its screen's address. */
  continueAt?: string | undefined;
  lost?: boolean;
  /** The desk device's key (its link's `quay`), carried by the start form. */
  kiosk?: string | undefined;
}

export function startPage(
  ctx: PageContext,
  view: { unit: PublicUnit; surveyId: number; surveyName: string },
  state: StartState,
): Html {
  const s = (message: Msg) => say(ctx.lang, message);
  const { unit } = view;
  const problems = state.general.length > 0 || state.codeError;
  const body = html`<h1>${s(SW.title)}: ${unit.name}</h1>
${state.lost ? html`<div class="alert info" role="status"><p>${s(SW.lostDraft)}</p></div>` : null}
${
  state.continueAt
    ? html`<div class="alert info" role="status"><p>${s(SW.inProgress)}</p><p><a href="${state.continueAt}">${s(SW.continue)}</a></p></div>`
    : null
}
${
  problems
    ? html`<div class="alert bad" role="alert"><p><strong>${s(SW.notStarted)}</strong></p>${state.general.map(
        (line) => html`<p>${line}</p>`,
      )}${state.codeError ? html`<p><a href="#dossierCode">${state.codeError}</a></p>` : null}</div>`
    : null
}
${state.kiosk ? html`<div class="alert info" role="status"><p>${s(SW.kioskNote)}</p></div>` : null}
<div class="card">
<p>${fill(s(SW.intro), { unit: unit.name })}</p>
<p><strong>${s(SW.duration)}</strong> ${s(SW.noPersonal)}</p>
<p class="meta">${view.surveyName}</p>
</div>
<form method="post" action="${link(ctx, surveyPath(unit, view.surveyId))}" class="card">
<input type="hidden" name="formToken" value="${state.formToken}">
${state.kiosk ? html`<input type="hidden" name="quay" value="${state.kiosk}">` : null}
<div class="field"><label for="dossierCode">${s(SW.dossierCode)}</label>
<p class="hint" id="dossierCode-hint">${s(SW.dossierHint)}</p>
${fieldError('dossierCode', state.codeError)}<input type="text" id="dossierCode" name="dossierCode" maxlength="60" autocomplete="off" aria-describedby="${state.codeError ? 'dossierCode-error ' : ''}dossierCode-hint"${
    state.codeError ? html` aria-invalid="true" autofocus` : null
  } value="${state.dossierCode}"></div>
<div class="buttons"><button type="submit" name="action" value="start">${s(SW.start)}</button>${
    state.codeError
      ? html`<button type="submit" name="action" value="without-code" class="secondary">${s(SW.startWithoutCode)}</button>`
      : null
  }</div>
</form>`;
  return layout(ctx, { title: `${s(SW.title)} · ${unit.name}`, body });
}

function choiceQuestion(ctx: PageContext, question: SurveyQuestion, answer: unknown, error?: string): Html {
  const s = (message: Msg) => say(ctx.lang, message);
  const id = (value: string) => `q-${question.code}-${value}`;
  const options = optionsOf(question).map((option) => ({
    value: String(option.value),
    text: optionText(option, ctx.lang),
  }));
  if (!question.required) options.push({ value: '', text: s(SW.noOpinion) });
  const current = answer === undefined ? '' : String(answer);
  return html`<fieldset${error ? html` aria-describedby="q-${question.code}-error" aria-invalid="true"` : null}><legend id="q-${question.code}">${questionText(question, ctx.lang)}${
    question.required ? html` <span class="hint">${s(SW.required)}</span>` : null
  }</legend>
${fieldError(`q-${question.code}`, error)}${options.map(
  (option) =>
    html`<label class="check" for="${id(option.value || 'none')}"><input type="radio" id="${id(option.value || 'none')}" name="${question.code}" value="${option.value}"${
      option.value === current ? html` checked` : null
    }${error && option === options[0] ? html` autofocus` : null}><span>${option.text}</span></label>`,
)}
</fieldset>`;
}

function textQuestion(ctx: PageContext, question: SurveyQuestion, answer: unknown, error?: string): Html {
  const id = `q-${question.code}`;
  return html`<div class="field"><label for="${id}">${questionText(question, ctx.lang)}</label>
${fieldError(id, error)}<textarea id="${id}" name="${question.code}" rows="4" maxlength="2000"${
    error ? html` aria-invalid="true" aria-describedby="${id}-error"` : null
  }>${typeof answer === 'string' ? answer : ''}</textarea></div>`;
}

export interface ScreenView {
  unit: PublicUnit;
  surveyId: number;
  screen: SurveyScreen;
  /** 0-based among the screens shown. */
  index: number;
  total: number;
  answers: SurveyAnswers;
  errors: Record<string, string>;
  /** Null on the desk's device: the next person must not find this one's answers. */
  resumeUrl: string | null;
}

export function screenPage(ctx: PageContext, view: ScreenView): Html {
  const s = (message: Msg) => say(ctx.lang, message);
  const { screen, index, total } = view;
  const heading = screen.element
    ? ctx.lang === 'en' && screen.element.nameEn
      ? screen.element.nameEn
      : screen.element.nameVi
    : s(SW.title);
  const isLast = index === total - 1;
  const hasErrors = Object.keys(view.errors).length > 0;
  const body = html`<p class="meta" id="progress">${fill(s(SW.part), { n: index + 1, of: total })} · ${view.unit.name}</p>
<h1>${heading}</h1>
${hasErrors ? html`<div class="alert bad" role="alert"><p><strong>${s(SW.notSaved)}</strong></p></div>` : null}
<form method="post" action="${link(ctx, `${surveyPath(view.unit, view.surveyId)}/phan/${index + 1}`)}" class="card">
${screen.questions.map((question) =>
  question.kind === 'text'
    ? textQuestion(ctx, question, view.answers[question.code], view.errors[question.code])
    : choiceQuestion(ctx, question, view.answers[question.code], view.errors[question.code]),
)}
<div class="buttons"><button type="submit" name="action" value="next">${s(isLast ? SW.send : SW.next)}</button>${
    index > 0
      ? html`<button type="submit" name="action" value="back" class="secondary">${s(SW.back)}</button>`
      : null
  }</div>
</form>
${
  view.resumeUrl
    ? html`<div class="card"><p class="label">${s(SW.resumeTitle)}:</p>
<p class="code"><a href="${view.resumeUrl}">${view.resumeUrl}</a></p>
<p class="hint">${s(SW.resumeHint)}</p></div>`
    : null
}`;
  return layout(ctx, { title: `${heading} · ${s(SW.title)}`, body, isPrivate: true });
}

export function thanksPage(
  ctx: PageContext,
  view: { unit: PublicUnit; surveyId: number; kiosk?: string | undefined },
): Html {
  const s = (message: Msg) => say(ctx.lang, message);
  const body = html`<h1>${s(SW.thanksTitle)}</h1>
<div class="alert good" role="status"><p>${fill(s(SW.thanks), { unit: view.unit.name })}</p></div>
${
  view.kiosk
    ? html`<form method="get" action="${surveyPath(view.unit, view.surveyId)}"><input type="hidden" name="quay" value="${view.kiosk}">${
        ctx.chosen ? html`<input type="hidden" name="lang" value="${ctx.lang}">` : null
      }<div class="buttons"><button type="submit">${s(SW.nextPerson)}</button></div></form>`
    : html`<p><a href="${link(ctx, surveyPath(view.unit, view.surveyId))}">${s(SW.backToStart)}</a></p>`
}`;
  return layout(ctx, { title: s(SW.thanksTitle), body });
}

/** The name of the questionnaire in the reader's language. */
export const surveyName = (
  definition: { nameVi: string; nameEn?: string | undefined },
  lang: PageContext['lang'],
) => inLocale({ vi: definition.nameVi, en: definition.nameEn ?? definition.nameVi }, lang);

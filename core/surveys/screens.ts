/**
 * The public page's screens: one per element, in the questionnaire's order. Consecutive questions of
 * one element make a screen; a question of no element (a closing comment) joins the screen before
 * it. A question is left out when its condition is not met by the answers so far or when the dossier
 * answered it (`fromDossier`), and a screen left with no question is skipped, so "Phần 2/7" counts
 * only the screens the citizen sees.
 */
import {
  isAsked,
  isScored,
  type SurveyAnswers,
  type SurveyDefinition,
  type SurveyElement,
  type SurveyQuestion,
} from './survey.ts';

export interface SurveyScreen {
  /** The element it asks about (null: questions of no element, when the first ones are). */
  element: SurveyElement | null;
  questions: SurveyQuestion[];
}

/** Every screen of the questionnaire, nothing skipped. */
export function allScreens(definition: SurveyDefinition): SurveyScreen[] {
  const screens: SurveyScreen[] = [];
  let current: { code: string | null; screen: SurveyScreen } | null = null;
  for (const question of definition.questions) {
    const joinsCurrent = current !== null && (question.element === null || question.element === current.code);
    if (current && joinsCurrent) {
      current.screen.questions.push(question);
      continue;
    }
    const element = definition.elements.find((candidate) => candidate.code === question.element) ?? null;
    current = { code: question.element, screen: { element, questions: [question] } };
    screens.push(current.screen);
  }
  return screens;
}

/**
 * The screens the citizen sees given the answers so far: `fixed` are the codes the dossier answered.
 * A question is asked when its condition holds on the answers of earlier screens.
 */
export function visibleScreens(
  definition: SurveyDefinition,
  answers: SurveyAnswers,
  fixed: readonly string[] = [],
): SurveyScreen[] {
  return allScreens(definition)
    .map((screen) => ({
      element: screen.element,
      questions: screen.questions.filter(
        (question) => !fixed.includes(question.code) && isAsked(question, answers),
      ),
    }))
    .filter((screen) => screen.questions.length > 0);
}

/** The answers without those to questions no longer asked (a routing answer changed on going back). */
export function withoutUnasked(definition: SurveyDefinition, answers: SurveyAnswers): SurveyAnswers {
  const kept: SurveyAnswers = {};
  for (const question of definition.questions) {
    const value = answers[question.code];
    if (value !== undefined && isAsked(question, kept)) kept[question.code] = value;
  }
  return kept;
}

/** How many of the answers count toward the index (the "too fast" flag allows ~2 s for each). */
export function scoredAnswerCount(definition: SurveyDefinition, answers: SurveyAnswers): number {
  return definition.questions.filter((question) => isScored(question) && answers[question.code] !== undefined)
    .length;
}

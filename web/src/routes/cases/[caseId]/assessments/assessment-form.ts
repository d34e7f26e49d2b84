import {
  AssessmentInput,
  DAILY_LIFE_DOMAINS,
  DAILY_LIFE_DOMAIN_LABELS,
  todayInJapan,
  type AssessmentContent,
  type DailyLife,
} from '@kikan/shared';
import { checkInput, type FormCheck } from '#lib/forms.ts';

/** The アセスメント form as the inputs hold it: the content's fields and the 実施日. */
export interface AssessmentFormValues {
  conductedOn: string;
  lifeHistory: string;
  medical: string;
  personWishes: string;
  family: string;
  dailyLife: DailyLife;
  strengths: string;
  summary: string;
}

const emptyDailyLife = (): DailyLife => ({
  health: '',
  dailyActivities: '',
  housework: '',
  socialParticipation: '',
  communication: '',
  money: '',
  housing: '',
});

export const emptyAssessmentForm = (): AssessmentFormValues => ({
  conductedOn: todayInJapan(),
  lifeHistory: '',
  medical: '',
  personWishes: '',
  family: '',
  dailyLife: emptyDailyLife(),
  strengths: '',
  summary: '',
});

/** A stored assessment in the editor (a copy of the domains: the inputs change it in place). */
export const assessmentFormOf = (content: AssessmentContent, conductedOn: string): AssessmentFormValues => ({
  conductedOn,
  lifeHistory: content.lifeHistory,
  medical: content.medical,
  personWishes: content.personWishes,
  family: content.family,
  dailyLife: { ...content.dailyLife },
  strengths: content.strengths,
  summary: content.summary,
});

/** The content alone, as stored: what the print shows of a draft being edited. */
export const toAssessmentContent = ({ conductedOn: _day, ...content }: AssessmentFormValues) => ({
  ...content,
  dailyLife: { ...content.dailyLife },
});

const TEXT_FIELDS = ['lifeHistory', 'medical', 'personWishes', 'family', 'strengths', 'summary'] as const;

/**
 * Whether two contents say the same, field by field: a stored item's map comes back from DynamoDB
 * in any key order, so comparing serialisations would see changes where there are none.
 */
export const sameAssessmentContent = (a: AssessmentContent, b: AssessmentContent): boolean =>
  TEXT_FIELDS.every((field) => a[field] === b[field]) &&
  DAILY_LIFE_DOMAINS.every((domain) => a.dailyLife[domain] === b.dailyLife[domain]);

export const checkAssessmentForm = (values: AssessmentFormValues): FormCheck<AssessmentInput> =>
  checkInput(AssessmentInput, { ...toAssessmentContent(values), conductedOn: values.conductedOn });

export const ASSESSMENT_FIELD_LABELS: Record<string, string> = {
  conductedOn: '実施日',
  lifeHistory: '生活歴',
  medical: '医療（病歴・服薬・通院）',
  personWishes: '本人の希望（どのような生活をしたいか）',
  family: '家族の状況・家族の希望',
  dailyLife: '日常生活の状況',
  strengths: '本人の強み（ストレングス）',
  summary: '支援の必要性・課題のまとめ',
};

/** `dailyLife.money` → 「日常生活の状況：金銭管理」, for the error summary. */
export const assessmentInputLabel = (name: string): string => {
  const [head, part] = name.split('.');
  const domain = DAILY_LIFE_DOMAINS.find((candidate) => candidate === part);
  if (head === 'dailyLife' && domain) return `日常生活の状況：${DAILY_LIFE_DOMAIN_LABELS[domain]}`;
  return ASSESSMENT_FIELD_LABELS[name] ?? name;
};

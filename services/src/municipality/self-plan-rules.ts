import { ageOn, todayInJapan, type FieldError, type SelfPlanInput } from '@kikan/shared';

/** What a self-plan must satisfy before it counts, on create and on correction alike. */
export const selfPlanProblems = (input: SelfPlanInput, now: Date): FieldError[] => {
  const today = todayInJapan(now);
  const errors: FieldError[] = [];
  if (input.person.birthDate > today) {
    errors.push({ field: 'body.person.birthDate', message: '生年月日に未来の日付は指定できません' });
  }
  if (input.filedOn > today) {
    errors.push({ field: 'body.filedOn', message: '提出日に未来の日付は指定できません' });
  }
  if (input.filedOn < input.person.birthDate) {
    errors.push({ field: 'body.filedOn', message: '提出日は生年月日より後の日付にしてください' });
  }
  if (input.decision && input.decision.validTo < input.decision.validFrom) {
    errors.push({
      field: 'body.decision.validTo',
      message: '支給期間の終わりは始まりより後の日付にしてください',
    });
  }
  // 障害児相談支援 is for children: at 18 the plan is 計画相談支援 (as for an office's case).
  if (input.serviceKind === 'child_plan_consultation' && ageOn(input.person.birthDate, input.filedOn) >= 18) {
    errors.push({ field: 'body.serviceKind', message: '18歳以上の方は計画相談支援になります' });
  }
  return errors;
};

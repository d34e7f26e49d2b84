import { describe, expect, it } from 'vitest';
import { checkSettingsForm, settingsFormOf, toSettingsBody } from './settings-form.ts';

const view = {
  specialistUserId: 'user-suzuki',
  monitoringPeriodMonths: 6,
  serviceUseStatus: 'using',
  planAuthor: 'specialist',
} as const;

describe('case settings form', () => {
  it('sends only what changed', () => {
    const values = settingsFormOf(view);
    values.monitoringPeriodMonths = '3';
    values.serviceUseStatus = 'paused';

    expect(toSettingsBody(values, view)).toEqual({ monitoringPeriodMonths: 3, serviceUseStatus: 'paused' });
  });

  it('sends a new specialist by id', () => {
    const values = settingsFormOf(view);
    values.specialistUserId = 'user-tanaka';

    expect(toSettingsBody(values, view)).toEqual({ specialistUserId: 'user-tanaka' });
  });

  it('says so when nothing was changed', () => {
    const check = checkSettingsForm(settingsFormOf(view), view);

    expect(check.ok === false && check.general).toEqual(['変更する項目を1つ以上指定してください']);
  });

  it('asks for the reason when switching to a self-plan', () => {
    const values = settingsFormOf(view);
    values.planAuthor = 'self_plan';

    const check = checkSettingsForm(values, view);

    expect(check.ok === false && check.errors.selfPlanReason).toBe('セルフプランの理由を選んでください');
  });

  it('drops the old reason when switching back to a specialist-written plan', () => {
    const selfPlan = { ...view, planAuthor: 'self_plan', selfPlanReason: 'family_wish' } as const;
    const values = settingsFormOf(selfPlan);
    values.planAuthor = 'specialist';

    expect(toSettingsBody(values, selfPlan)).toEqual({ planAuthor: 'specialist' });
  });

  it('sends a changed reason of a case that stays a self-plan', () => {
    const selfPlan = { ...view, planAuthor: 'self_plan', selfPlanReason: 'family_wish' } as const;
    const values = settingsFormOf(selfPlan);
    values.selfPlanReason = 'no_office_available';

    expect(toSettingsBody(values, selfPlan)).toEqual({ selfPlanReason: 'no_office_available' });
  });
});

import { describe, expect, it } from 'vitest';
import { ValidationError } from '../kernel/errors.ts';
import { checkConsentAfterCreation, historyDayError } from './history-days.ts';

const BOUNDS = { openedOn: '2026-04-01', today: '2026-11-22', lastPhaseChangeOn: '2026-06-10' };

describe('the day a record says it happened', () => {
  it('may not be in the future (400 naming 変更日)', () => {
    expect(historyDayError('body.changedOn', '変更日', '2026-11-23', BOUNDS)).toEqual({
      field: 'body.changedOn',
      message: '変更日に未来の日付は指定できません',
    });
  });

  it('may not be before the case opened (400 naming 計画作成日)', () => {
    expect(
      historyDayError('body.createdOn', '計画作成日', '2026-03-31', {
        ...BOUNDS,
        lastPhaseChangeOn: undefined,
      }),
    ).toEqual({
      field: 'body.createdOn',
      message: '計画作成日はケースの開始日以降にしてください',
    });
  });

  it('may not be before the previous phase change, whose day it names', () => {
    expect(historyDayError('body.changedOn', '変更日', '2026-06-09', BOUNDS)).toEqual({
      field: 'body.changedOn',
      message: '変更日は前回のフェーズ変更日（2026-06-10）以降にしてください',
    });
  });

  it('accepts the bounds themselves: the day of the previous change and today', () => {
    expect(historyDayError('body.changedOn', '変更日', '2026-06-10', BOUNDS)).toBeNull();
    expect(historyDayError('body.changedOn', '変更日', '2026-11-22', BOUNDS)).toBeNull();
  });
});

describe('a plan is consented to after it was written', () => {
  it('refuses a consent date before the 計画作成日 (400 on body.consentOn, naming the day)', () => {
    let thrown: unknown;
    try {
      checkConsentAfterCreation('2026-05-01', '2026-05-02');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).fields).toEqual([
      { field: 'body.consentOn', message: '同意日は計画作成日（2026-05-02）以降にしてください' },
    ]);
  });

  it('accepts consent on the day the plan was written, and plans that kept no 計画作成日', () => {
    expect(() => checkConsentAfterCreation('2026-05-02', '2026-05-02')).not.toThrow();
    expect(() => checkConsentAfterCreation('2026-05-02', undefined)).not.toThrow();
  });
});

import type { CaseRetention } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { ApiError } from '#lib/api.ts';
import {
  CASE_NOT_FOUND,
  caseIdErrorOf,
  checkHold,
  checkRetentionYears,
  holdLiftedMessage,
  holdPlacedMessage,
  retentionBasis,
} from './retention-view.ts';
import { caseStanding, reasonLabel } from '#lib/legal-hold.ts';

describe('retention period form', () => {
  it('states the period from the day the support ended', () => {
    expect(retentionBasis(7)).toBe('完結の日から7年');
  });

  it('accepts whole years from 5 to 30, full-width digits too', () => {
    expect(checkRetentionYears('7')).toEqual({ ok: true, input: { years: 7 } });
    expect(checkRetentionYears(' ３０ ')).toEqual({ ok: true, input: { years: 30 } });
    expect(checkRetentionYears('5')).toEqual({ ok: true, input: { years: 5 } });
  });

  it('says what is wrong in Japanese: empty, not a number, out of range', () => {
    expect(checkRetentionYears('')).toEqual({ ok: false, errors: { years: '保存年数を入力してください' } });
    expect(checkRetentionYears('7.5')).toEqual({
      ok: false,
      errors: { years: '保存年数は数字で入力してください' },
    });
    expect(checkRetentionYears('4')).toEqual({
      ok: false,
      errors: { years: '保存年数は5年以上にしてください' },
    });
    expect(checkRetentionYears('31')).toEqual({
      ok: false,
      errors: { years: '保存年数は30年以下にしてください' },
    });
  });
});

describe('hold form', () => {
  it('trims the case id (also full-width spaces) and requires a reason code', () => {
    expect(checkHold({ caseId: '\u3000demo-kibougaoka-case-070 ', reason: 'inspection' })).toEqual({
      ok: true,
      input: { caseId: 'demo-kibougaoka-case-070', reason: 'inspection' },
    });
    const empty = checkHold({ caseId: '  ', reason: '' });
    expect(empty.ok).toBe(false);
    if (empty.ok) return;
    expect(empty.errors).toEqual({ caseId: '入力してください', reason: '選択してください' });
  });

  it('refuses a case id the API could not take', () => {
    const check = checkHold({ caseId: 'T#kibougaoka#CASE', reason: 'other' });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.errors.caseId).toBe('IDの形式が正しくありません');
  });

  it('names the reasons in Japanese, and shows an unknown code as it is', () => {
    expect(reasonLabel('disclosure_request')).toBe('開示請求への対応');
    expect(reasonLabel('new_reason')).toBe('new_reason');
  });

  it('puts a 404 on the case id input and leaves other errors alone', () => {
    const mapped = caseIdErrorOf(new ApiError(404, 'not_found', '指定されたデータが見つかりません'));
    expect(mapped).toBeInstanceOf(ApiError);
    expect((mapped as ApiError).fields).toEqual([{ field: 'body.caseId', message: CASE_NOT_FOUND }]);
    const conflict = new ApiError(409, 'conflict', 'このケースは保存期間が満了し、削除の処理中です');
    expect(caseIdErrorOf(conflict)).toBe(conflict);
  });
});

describe('where a case stands', () => {
  const closed: CaseRetention = {
    caseId: 'demo-kibougaoka-case-070',
    officeId: 'aozora',
    phase: 'closed',
    closedOn: '2025-04-10',
    deletableFrom: '2032-04-11',
    hold: null,
  };

  it('gives the closing day and the first day it may be deleted, in the Japanese era', () => {
    expect(caseStanding(closed)).toBe(
      '令和7年4月10日に終結し、保存期間の満了後は令和14年4月11日から削除の対象になります。',
    );
    expect(holdPlacedMessage(closed)).toBe(
      'ケース demo-kibougaoka-case-070 の削除を保留にしました。令和7年4月10日に終結し、保存期間の満了後は令和14年4月11日から削除の対象になります。',
    );
  });

  it('says an open case is not due for deletion', () => {
    expect(
      caseStanding({ ...closed, phase: 'monitoring', closedOn: undefined, deletableFrom: undefined }),
    ).toBe('支援の段階は「モニタリング」で、終結していないため削除の対象ではありません。');
  });

  it('warns when a lifted case is already past its period', () => {
    expect(holdLiftedMessage(closed, '2032-04-11')).toBe(
      'ケース demo-kibougaoka-case-070 の削除の保留を解除しました。保存期間を過ぎているため、次回の処理（毎日午前3時）で削除されます。',
    );
    expect(holdLiftedMessage(closed, '2032-04-10')).toContain('令和14年4月11日から削除の対象');
  });
});

import type { StaffMember } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { nameOf, specialistOptions, staffLabel } from './staff.ts';

const member = (
  userId: string,
  displayName: string,
  role: StaffMember['role'],
  officeId = 'aozora',
  senior = false,
): StaffMember => ({
  userId,
  displayName,
  role,
  officeId,
  senior,
  confirmsFigures: false,
});

const staff = [
  member('user-tanaka', '田中 陽子', 'office_manager', 'aozora', true),
  member('user-suzuki', '鈴木 健一', 'specialist'),
  member('user-sato', '佐藤 美咲', 'specialist', 'himawari', true),
  member('user-admin', '管理 太郎', 'tenant_admin'),
];

describe('specialist picker', () => {
  it("offers the case office's case holders, specialists first", () => {
    expect(specialistOptions(staff, 'aozora')).toEqual([
      { userId: 'user-suzuki', label: '鈴木 健一（相談支援専門員）' },
      { userId: 'user-tanaka', label: '田中 陽子（事業所管理者・主任）' },
    ]);
  });

  it('never offers staff of another office or a system administrator', () => {
    const ids = specialistOptions(staff, 'aozora').map((option) => option.userId);

    expect(ids).not.toContain('user-sato');
    expect(ids).not.toContain('user-admin');
  });

  it('labels a senior specialist 主任', () => {
    expect(staffLabel(member('user-sato', '佐藤 美咲', 'specialist', 'himawari', true))).toBe(
      '佐藤 美咲（相談支援専門員・主任）',
    );
  });

  it('names a user from the list, or shows the id when unknown', () => {
    expect(nameOf(staff, 'user-suzuki')).toBe('鈴木 健一');
    expect(nameOf(staff, 'user-gone')).toBe('user-gone');
  });
});

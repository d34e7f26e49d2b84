import { describe, expect, it } from 'vitest';
import { latestFinalAssessment } from './assessments.ts';

describe('the assessment a plan starts from', () => {
  it('is the newest finalised one, whatever drafts came after it', () => {
    const found = latestFinalAssessment([
      { assessmentVersion: 1, status: 'final' },
      { assessmentVersion: 3, status: 'draft' },
      { assessmentVersion: 2, status: 'final' },
    ] as const);
    expect(found?.assessmentVersion).toBe(2);
  });

  it('is none while every assessment is a draft', () => {
    expect(latestFinalAssessment([{ assessmentVersion: 1, status: 'draft' }] as const)).toBeNull();
    expect(latestFinalAssessment([])).toBeNull();
  });
});

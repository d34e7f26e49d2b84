import { Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { createKikanApp } from '../src/kikan-app.ts';
import { synthesizeKikan } from './kikan-synth.ts';

const { app } = synthesizeKikan();

const acknowledgments = app.node.findAll().flatMap((construct) =>
  construct.node.metadata
    .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
    .map(([id, reason]) => ({ path: construct.node.path, id: id.replace(/^Annotation::/i, ''), reason })),
);

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged error or warning', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    const findings = report.violations.map(
      (violation) =>
        `${violation.severity} ${violation.ruleName} at ${violation.violatingResources[0]?.constructPath}`,
    );

    expect(findings).toEqual([]);
  });

  it('acknowledges findings only with a rule id and a stated reason', () => {
    expect(acknowledgments.length).toBeGreaterThan(0);
    for (const acknowledgment of acknowledgments) {
      expect(acknowledgment.id).toMatch(/^AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      expect(acknowledgment.reason.length, `${acknowledgment.path} ${acknowledgment.id}`).toBeGreaterThan(30);
    }
  });

  it('fails synthesis of the app on a new finding', () => {
    const { stack } = createKikanApp({
      context: { 'aws:cdk:bundling-stacks': [], 'kikan:authDomainPrefix': 'nag' },
    });
    new Bucket(stack, 'UnencryptedInTransit');

    expect(() => Template.fromStack(stack)).toThrow(/AwsSolutions-S10/);
  });
});

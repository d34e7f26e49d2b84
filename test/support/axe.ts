import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** SECURITY.md row 19: WCAG 2.0/2.1/2.2 A and AA, as axe-core tags them. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

export const scan = async (page: Page): Promise<Violation[]> => {
  // Evaluated through the DevTools protocol, so the page's CSP (no inline scripts) stays as it is;
  // once per document (the states a scenario reaches by clicks keep the document).
  if (await page.evaluate('typeof axe === "undefined"')) await page.evaluate(axeSource);
  // A string, not a function: it runs in the page, whose globals (window.axe, document) the
  // test project's types (Node, no DOM) do not know.
  const violations = (await page.evaluate(
    `axe.run(document, ${JSON.stringify({ runOnly: { type: 'tag', values: AXE_TAGS }, resultTypes: ['violations'] })}).then((result) =>
      result.violations.map(({ id, impact, help, nodes }) => ({
        id,
        impact,
        help,
        nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })),
      })))`,
  )) as Violation[];
  return violations;
};

export const describeViolations = (violations: Violation[]) =>
  violations
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}\n` +
        violation.nodes
          .slice(0, 5)
          .map(
            (node) =>
              `    ${node.target.join(' ')}\n      ${(node.failureSummary ?? '').replace(/\n/g, '\n      ')}`,
          )
          .join('\n'),
    )
    .join('\n');

import { config } from '../config.ts';
import { ServiceUnavailableError } from '../kernel/errors.ts';
import { logger } from '../logger.ts';
import type { ImportProcessEvent } from './import-event.ts';

/**
 * How a run's processor is started: the deployment's own below, or in a test one that fails as an
 * invoke refused by Lambda (throttled, the function unavailable) would.
 */
export type ImportProcessingStarter = (event: ImportProcessEvent) => Promise<void>;

/**
 * Starts the processor without waiting for it (ADR 0034): in AWS an asynchronous Lambda invoke
 * (Lambda queues it, retries twice on failure, and the function has 15 minutes, not the API's 29
 * seconds); locally the same handler, in this process, after the request has been answered.
 */
export const startImportProcessing: ImportProcessingStarter = async (event) => {
  const imports = config().imports;
  if (!imports) throw new ServiceUnavailableError();
  if (imports.mode === 'aws') {
    const { LambdaClient, InvokeCommand } = await import('@aws-sdk/client-lambda');
    await new LambdaClient({}).send(
      new InvokeCommand({
        FunctionName: imports.processorFunction,
        InvocationType: 'Event',
        Payload: new TextEncoder().encode(JSON.stringify(event)),
      }),
    );
    return;
  }
  const { handler } = await import('./import-processor.ts');
  setImmediate(() => {
    handler(event).catch((error: unknown) =>
      logger.error('import processing failed', {
        jobId: event.jobId,
        error: error instanceof Error ? error.name : 'error',
      }),
    );
  });
};

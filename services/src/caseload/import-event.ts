import { EntityId, OfficeId, TenantId } from '@kikan/shared';
import * as z from 'zod';

/** What the processor is told: which job; everything else it reads from the job itself. */
export const ImportProcessEvent = z.strictObject({ tenantId: TenantId, officeId: OfficeId, jobId: EntityId });
export type ImportProcessEvent = z.infer<typeof ImportProcessEvent>;

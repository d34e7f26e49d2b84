import { auditItem } from '../data/audit.ts';
import { appendAudit } from '../data/audit-store.ts';
import { NotFoundError } from '../kernel/errors.ts';
import type { Operation } from '../http/route.ts';
import { readablePersonFile, toPersonView } from './person-access.ts';
import type { getPersonRoute } from '@kikan/shared/contracts/caseload';

/** Every read of the full record (要配慮個人情報) is audited, and so is every refusal of one. */
export const getPerson: Operation<typeof getPersonRoute> = async ({ ctx, params, requestId, now }) => {
  const { file, visible } = await readablePersonFile(ctx, params.personId);
  if (!file) throw new NotFoundError();
  await appendAudit(
    auditItem(ctx, requestId, now, {
      action: visible ? 'read' : 'denied',
      recordType: 'person',
      recordId: file.person.personId,
      ...(visible ? { recordOfficeId: ctx.officeId } : {}),
    }),
  );
  if (!visible) throw new NotFoundError();
  return toPersonView(file, ctx);
};

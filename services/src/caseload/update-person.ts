import { Person, todayInJapan, type FieldError } from '@kikan/shared';
import { getDirectoryEntries } from '../data/directory-store.ts';
import {
  holdsRecipientNumber,
  officesOf,
  updatePerson as storePerson,
  type PersonFile,
} from '../data/person-store.ts';
import { getCasesByIds } from '../data/record-store.ts';
import { ValidationError } from '../kernel/errors.ts';
import type { GuardedOperation } from '../http/route.ts';
import { explainHeldNumber } from './one-person.ts';
import { writablePersonFile, toPersonView } from './person-access.ts';
import type { updatePersonRoute } from '@kikan/shared/contracts/caseload';

/**
 * Cases keep copies of the name, kana and birth date (the caseload lists them without reading
 * every person): the copies on the person's open cases change in the same transaction as the
 * person, or nothing does. A closed case keeps the person as they were when it ended: the office
 * that closed it no longer follows the person (person-access.ts), and its past months stay counted
 * where they were. A changed 受給者証番号 or municipality moves the number's holder item in the
 * same transaction: the new one claimed (a number held by another person is a 409 naming the
 * field), the old one freed (ADR 0025).
 */
export const updatePerson: GuardedOperation<typeof updatePersonRoute, PersonFile> = {
  authorize: ({ ctx, params }) => writablePersonFile(ctx, params.personId),
  versionOf: (file) => file.person.version,
  run: async ({ ctx, body, requestId, now }, file) => {
    const errors: FieldError[] = [];
    if (body.birthDate && body.birthDate > todayInJapan(now)) {
      errors.push({ field: 'body.birthDate', message: '生年月日に未来の日付は指定できません' });
    }
    if (body.municipalityCode) {
      const { tenant } = await getDirectoryEntries(ctx.tenantId, ctx.officeId, ctx.userId);
      if (!tenant?.members.some((member) => member.code === body.municipalityCode)) {
        errors.push({ field: 'body.municipalityCode', message: 'このテナントの市町村を選んでください' });
      }
    }
    if (errors.length) throw new ValidationError(errors);

    const at = now.toISOString();
    const changed = { ...file.person, ...body, version: file.person.version + 1, updatedAt: at };
    // A contact field sent as null is cleared: the stored person has no such key.
    const person = Person.parse(
      Object.fromEntries(Object.entries(changed).filter(([, value]) => value !== null)),
    );
    const copiesChanged = ['name', 'kana', 'birthDate', 'municipalityCode'].some((field) => field in body);
    const caseIds = copiesChanged ? file.cases.map((link) => link.caseId) : [];
    const cases = [...(await getCasesByIds(ctx.tenantId, caseIds, true)).values()].filter(
      (record) => record.phase !== 'closed',
    );
    const holderMoves =
      file.person.recipientNumber !== person.recipientNumber ||
      file.person.municipalityCode !== person.municipalityCode;
    await storePerson({
      write: { ctx, requestId, now },
      person,
      expectedVersion: file.person.version,
      cases: cases.map((record) => ({
        record: {
          ...record,
          personName: person.name,
          personKana: person.kana,
          birthDate: person.birthDate,
          municipalityCode: person.municipalityCode,
          version: record.version + 1,
          updatedAt: at,
          updatedBy: ctx.userId,
        },
        previous: record,
      })),
      previousRecipientNumber: file.person.recipientNumber,
      previousMunicipalityCode: file.person.municipalityCode,
      holdsPreviousNumber: holderMoves && (await holdsRecipientNumber(ctx.tenantId, file.person)),
      officeIds: officesOf(file.cases),
    }).catch(explainHeldNumber(ctx.tenantId, ctx.officeId, person.recipientNumber, 'body.recipientNumber'));
    return toPersonView({ ...file, person }, ctx);
  },
};

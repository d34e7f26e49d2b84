import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { todayInJapan, type Office, type Tenant, type User } from '@kikan/shared';
import { caseCodeItem, caseItem, personItem } from '../services/src/data/case-store.ts';
import { cycleRecordItem } from '../services/src/data/cycle-store.ts';
import { officeItem, tenantItem, userItem } from '../services/src/data/directory-store.ts';
import { ledgerEventItems, seniorSpecialistItem } from '../services/src/data/ledger-store.ts';
import { officeFigureItems } from '../services/src/data/office-stats-store.ts';
import { personIndexItems } from '../services/src/data/person-store.ts';
import { statisticsItems } from '../services/src/data/statistics-store.ts';
import {
  SCALE_OFFICES,
  SCALE_TENANT,
  SCALE_USERS,
  scaleCases,
  scaleLedgerEvents,
  scaleSeniorSpecialists,
  seededRandom,
  type ScaleCase,
} from '../services/local/scale-data.ts';
import { writeItems } from '../services/local/seed.ts';
import { localClient } from '../services/local/table.ts';

/**
 * The bench's data set, 50 tenants: the demo tenants (seeded by the stack), the large tenant of
 * ADR 0015 (20,000 cases, about 200,000 monitoring records, its ledger and roster) and small
 * tenants made by the same generator scaled down, so the large one shares its table with others
 * as in production. One small tenant, the "twin", has the large tenant's fifty offices and staff
 * but 500 cases: the dashboard's request count is compared between the two, same offices, 40×
 * the cases. The counter items are computed from the cases with the functions seed-scale.ts uses.
 */

/** Tenants in the table, the demo tenants included: the 50. */
export const TENANT_COUNT = 50;
export const TWIN_TENANT_ID = 'bench-twin';
const TWIN_CASES = 500;
/** Five times the large tenant (issue 14 point 15): same offices, staff and ledger, 100,000 cases. */
export const FIVE_TIMES_TENANT_ID = 'bench-scale-100k';
export const FIVE_TIMES_CASES = 100_000;

export interface SeededScale {
  /** The large tenant and its users (SCALE_USERS) and cases as written. */
  largeTenantId: string;
  largeCases: ScaleCase[];
  twinTenantId: string;
  twinUsers: User[];
  tenants: number;
  cases: number;
  records: number;
  items: number;
  /** For Measurement.scale. */
  label: string;
}

const caseItems = (
  tenantId: string,
  cases: readonly ScaleCase[],
  withRecords = true,
): Record<string, unknown>[] =>
  cases.flatMap(({ person, record, monitorings }) => [
    personItem(tenantId, person),
    caseItem(record),
    caseCodeItem(record),
    ...personIndexItems(tenantId, person, { caseId: record.caseId, officeId: record.officeId }),
    ...(withRecords ? monitorings : []).map(({ conductedOn }, index) =>
      cycleRecordItem(tenantId, record.officeId, {
        kind: 'MONITORING',
        record: {
          recordId: `${record.caseId}-mon-${index + 1}`,
          caseId: record.caseId,
          conductedOn,
          kind: 'regular',
          method: 'home_visit',
          progress: [],
          personSatisfaction: '',
          planChangeNeeded: false,
          notes: '',
          createdAt: record.createdAt,
          createdBy: record.specialistUserId,
        },
      }),
    ),
  ]);

const counterItems = (cases: readonly ScaleCase[]): Record<string, unknown>[] => {
  const records = cases.map(({ record }) => record);
  return [...officeFigureItems(records), ...statisticsItems(records)];
};

const largeTenantItems = (today: string, cases: readonly ScaleCase[]): Record<string, unknown>[] => {
  const tenantId = SCALE_TENANT.tenantId;
  return [
    ...SCALE_OFFICES.map((office) => officeItem(tenantId, office)),
    ...SCALE_USERS.map(userItem),
    ...caseItems(tenantId, cases),
    ...scaleLedgerEvents(today).flatMap((event) => {
      const { event: item, copies } = ledgerEventItems(tenantId, event);
      return [item, ...copies];
    }),
    ...scaleSeniorSpecialists(today).map((entry) => seniorSpecialistItem(tenantId, entry)),
    ...counterItems(cases),
  ];
};

/** Keys are scoped by tenant, so another tenant can reuse the generator's ids as they are. */
const asTenant = (tenantId: string, cases: readonly ScaleCase[]): ScaleCase[] =>
  cases.map((scaleCase) => ({ ...scaleCase, record: { ...scaleCase.record, tenantId } }));

const twinTenant = (today: string) => {
  const tenant: Tenant = { ...SCALE_TENANT, tenantId: TWIN_TENANT_ID, name: 'ベンチ双子圏域' };
  const users = SCALE_USERS.map((user) => ({ ...user, tenantId: TWIN_TENANT_ID }));
  const cases = asTenant(TWIN_TENANT_ID, scaleCases(today, TWIN_CASES, 7_001));
  const items = [
    ...SCALE_OFFICES.map((office) => officeItem(TWIN_TENANT_ID, office)),
    ...users.map(userItem),
    ...caseItems(TWIN_TENANT_ID, cases),
    ...counterItems(cases),
  ];
  return { tenant, users, cases, items };
};

/**
 * A municipality with one plan-consultation office, three workers and 20–50 cases: the
 * generator's plan-consultation cases, moved into that office.
 */
const smallTenant = (today: string, number: number) => {
  const tenantId = `bench-small-${String(number).padStart(2, '0')}`;
  const random = seededRandom(9_000 + number);
  const caseCount = 20 + Math.floor(random() * 31);
  const office: Office = {
    officeId: `${tenantId}-office`,
    name: `ベンチ相談支援事業所${String(number).padStart(2, '0')}`,
    type: 'plan_consultation',
    operator: `ベンチ福祉会${String(number).padStart(2, '0')}`,
    officeNumber: `38${String(number).padStart(8, '0')}`,
    municipalityCode: SCALE_TENANT.members[0]?.code ?? '990101',
  };
  const users: User[] = [1, 2, 3].map((slot) => ({
    tenantId,
    userId: `${tenantId}-worker-${slot}`,
    email: `worker${slot}@${tenantId}.example`,
    displayName: `職員${slot}`,
    role: slot === 1 ? 'office_manager' : 'specialist',
    officeId: office.officeId,
    senior: false,
  }));
  const generated = scaleCases(today, caseCount * 2 + 20, 8_000 + number)
    .filter(({ record }) => record.serviceKind === 'plan_consultation')
    .slice(0, caseCount);
  const cases: ScaleCase[] = generated.map((scaleCase, index) => ({
    ...scaleCase,
    record: {
      ...scaleCase.record,
      tenantId,
      officeId: office.officeId,
      specialistUserId: users[index % users.length]?.userId ?? scaleCase.record.specialistUserId,
    },
  }));
  const tenant: Tenant = { ...SCALE_TENANT, tenantId, name: `ベンチ市${String(number).padStart(2, '0')}` };
  return {
    tenant,
    cases,
    items: [
      officeItem(tenantId, office),
      ...users.map(userItem),
      ...caseItems(tenantId, cases),
      ...counterItems(cases),
    ],
  };
};

/** Items per progress line: small enough to see it move, large enough to keep every worker busy. */
const CHUNK = 40_000;

export const seedScale = async (
  endpoint: string,
  tableName: string,
  log: (message: string) => void,
  demoTenants: number,
): Promise<SeededScale> => {
  const today = todayInJapan();
  const largeCases = scaleCases(today);
  const twin = twinTenant(today);
  // The large tenant and the twin besides the demo tenants; the rest are small.
  const smallCount = Math.max(0, TENANT_COUNT - demoTenants - 2);
  const small = Array.from({ length: smallCount }, (_, index) => smallTenant(today, index + 1));
  const items = [
    ...largeTenantItems(today, largeCases),
    ...twin.items,
    ...small.flatMap((tenant) => tenant.items),
  ];
  const allCases = [largeCases, twin.cases, ...small.map((tenant) => tenant.cases)];
  const cases = allCases.reduce((sum, list) => sum + list.length, 0);
  const records = allCases.reduce(
    (sum, list) => sum + list.reduce((inner, { monitorings }) => inner + monitorings.length, 0),
    0,
  );
  log(`generated ${items.length} items: ${cases} cases, ${records} monitoring records`);

  const documents = DynamoDBDocumentClient.from(localClient(endpoint), {
    marshallOptions: { removeUndefinedValues: true },
  });
  try {
    for (let start = 0; start < items.length; start += CHUNK) {
      await writeItems(documents, tableName, items.slice(start, start + CHUNK));
      log(`written ${Math.min(start + CHUNK, items.length)} / ${items.length}`);
    }
    // A tenant's profile last, as seed-scale.ts does: a tenant that has it is complete.
    await writeItems(
      documents,
      tableName,
      [SCALE_TENANT, twin.tenant, ...small.map((tenant) => tenant.tenant)].map(tenantItem),
    );
  } finally {
    documents.destroy();
  }
  const tenants = demoTenants + 2 + small.length;
  return {
    largeTenantId: SCALE_TENANT.tenantId,
    largeCases,
    twinTenantId: TWIN_TENANT_ID,
    twinUsers: twin.users,
    tenants,
    cases,
    records,
    items: items.length,
    label: `tenants=${tenants} large=${largeCases.length} cases / ${largeCases.reduce((sum, { monitorings }) => sum + monitorings.length, 0)} records`,
  };
};

export interface SeededFiveTimes {
  tenantId: string;
  users: User[];
  cases: number;
  records: number;
  items: number;
  label: string;
}

/** Cases per write round: their items (about 7 a case) are built, written and dropped in turn. */
const FIVE_TIMES_CHUNK = 5_000;

/**
 * The 100,000-case tenant beside the large one: the large tenant's fifty offices, staff, ledger
 * and senior specialists, five times its cases made by the same generator (another seed) with
 * their people, case codes and person indexes, and the counter items computed from them (the
 * monitorings included: they are in each case's activity). The monitoring record items themselves
 * (about a million) are left out: none of the routes this tenant is measured on (statistics
 * figures, XLSX export, dashboard) reads them, and writing them would take longer than the rest of
 * the bench on a 2-CPU machine. Written a chunk of cases at a time with the batch writes the rest
 * of the seed uses, so the items never all sit in memory.
 */
export const seedFiveTimes = async (
  endpoint: string,
  tableName: string,
  log: (message: string) => void,
): Promise<SeededFiveTimes> => {
  const today = todayInJapan();
  const tenantId = FIVE_TIMES_TENANT_ID;
  const tenant: Tenant = { ...SCALE_TENANT, tenantId, name: 'ベンチ五倍圏域' };
  const users = SCALE_USERS.map((user) => ({ ...user, tenantId }));
  const cases = asTenant(tenantId, scaleCases(today, FIVE_TIMES_CASES, 50_251));
  const records = cases.reduce((sum, { monitorings }) => sum + monitorings.length, 0);
  log(`generated ${cases.length} cases, ${records} monitoring records for ${tenantId}`);
  const documents = DynamoDBDocumentClient.from(localClient(endpoint), {
    marshallOptions: { removeUndefinedValues: true },
  });
  let items = 0;
  try {
    const write = async (batch: Record<string, unknown>[]) => {
      await writeItems(documents, tableName, batch);
      items += batch.length;
    };
    await write([
      ...SCALE_OFFICES.map((office) => officeItem(tenantId, office)),
      ...users.map(userItem),
      ...scaleLedgerEvents(today).flatMap((event) => {
        const { event: item, copies } = ledgerEventItems(tenantId, event);
        return [item, ...copies];
      }),
      ...scaleSeniorSpecialists(today).map((entry) => seniorSpecialistItem(tenantId, entry)),
      ...counterItems(cases),
    ]);
    for (let start = 0; start < cases.length; start += FIVE_TIMES_CHUNK) {
      await write(caseItems(tenantId, cases.slice(start, start + FIVE_TIMES_CHUNK), false));
      if ((start / FIVE_TIMES_CHUNK) % 4 === 3 || start + FIVE_TIMES_CHUNK >= cases.length) {
        log(
          `${tenantId}: ${Math.min(start + FIVE_TIMES_CHUNK, cases.length)} / ${cases.length} cases, ${items} items`,
        );
      }
    }
    await write([tenantItem(tenant)]);
  } finally {
    documents.destroy();
  }
  return {
    tenantId,
    users,
    cases: cases.length,
    records,
    items,
    label: `${tenantId} ${cases.length} cases (${records} monitorings counted, their record items not written)`,
  };
};

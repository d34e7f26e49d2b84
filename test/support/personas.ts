import { newCaseBody, type TestApi } from './test-api.ts';

/** Who calls, and which case ids stand where relative to them, for the authorisation matrix. */
export type Target = 'ownOffice' | 'otherOffice' | 'otherTenant';

export interface Persona {
  email: string;
  role: string;
  /** Case ids by where they stand relative to this persona. */
  cases: Record<Target, string>;
}

export const HIMAWARI_CASE = 'demo-kibougaoka-case-001';
export const AOZORA_CASE = 'demo-kibougaoka-case-030';
const CORE_CASE = 'demo-kibougaoka-case-067';
export const HOKUSHIN_CASE = 'demo-hokushin-case-001';
const MIDORI_CASE = 'demo-kibougaoka-case-060';

export const PERSONAS: Persona[] = [
  {
    email: 'sato@kibou.example',
    role: 'specialist',
    cases: { ownOffice: HIMAWARI_CASE, otherOffice: AOZORA_CASE, otherTenant: HOKUSHIN_CASE },
  },
  {
    email: 'suzuki@kibou.example',
    role: 'specialist',
    cases: { ownOffice: AOZORA_CASE, otherOffice: HIMAWARI_CASE, otherTenant: HOKUSHIN_CASE },
  },
  {
    email: 'tanaka@kibou.example',
    role: 'office_manager',
    cases: { ownOffice: AOZORA_CASE, otherOffice: MIDORI_CASE, otherTenant: HOKUSHIN_CASE },
  },
  {
    email: 'takahashi@kibou.example',
    role: 'core_supervisor',
    cases: { ownOffice: CORE_CASE, otherOffice: HIMAWARI_CASE, otherTenant: HOKUSHIN_CASE },
  },
  {
    email: 'ito@kibou.example',
    role: 'municipal_officer',
    cases: { ownOffice: HIMAWARI_CASE, otherOffice: AOZORA_CASE, otherTenant: HOKUSHIN_CASE },
  },
  {
    email: 'kato@kibou.example',
    role: 'municipal_caseworker',
    cases: { ownOffice: HIMAWARI_CASE, otherOffice: AOZORA_CASE, otherTenant: HOKUSHIN_CASE },
  },
  {
    email: 'admin@kibou.example',
    role: 'tenant_admin',
    cases: { ownOffice: HIMAWARI_CASE, otherOffice: AOZORA_CASE, otherTenant: HOKUSHIN_CASE },
  },
  {
    email: 'yamamoto@hokushin.example',
    role: 'specialist',
    cases: { ownOffice: HOKUSHIN_CASE, otherOffice: 'demo-hokushin-case-013', otherTenant: HIMAWARI_CASE },
  },
  {
    email: 'nakamura@hokushin.example',
    role: 'core_supervisor',
    cases: { ownOffice: 'demo-hokushin-case-013', otherOffice: HOKUSHIN_CASE, otherTenant: AOZORA_CASE },
  },
];

export const CASE_WORKERS = new Set(['specialist', 'office_manager', 'core_supervisor']);

export interface Expectation {
  method: string;
  path: (persona: Persona, target: Target) => string;
  body?: (persona: Persona) => unknown;
  /**
   * Extra request headers, worked out just before the call: e.g. If-Match read from the case's
   * current ETag (by its own office, so the version is right whoever calls).
   */
  headers?: (api: TestApi, persona: Persona, target: Target) => Promise<Record<string, string>>;
  status: (persona: Persona, target: Target) => number;
}

export const everyone = () => 200;
export const caseBodyFor = (persona: Persona) =>
  newCaseBody({
    person: {
      ...newCaseBody().person,
      municipalityCode: persona.email.endsWith('hokushin.example') ? '990011' : '990001',
    },
  });
export const caseWorkersOnly = (ok: number) => (persona: Persona) =>
  CASE_WORKERS.has(persona.role) ? ok : 403;

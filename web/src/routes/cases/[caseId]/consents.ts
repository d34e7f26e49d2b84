import { CONSENT_PURPOSES, type ConsentView } from '@kikan/shared';

export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export interface ConsentRow {
  purpose: ConsentPurpose;
  consent: ConsentView | undefined;
  /** In force now: granted and not revoked. */
  granted: boolean;
}

/** One row per purpose in a fixed order, including purposes never asked (未取得). */
export const consentRows = (consents: readonly ConsentView[]): ConsentRow[] =>
  CONSENT_PURPOSES.map((purpose) => {
    const consent = consents.find((item) => item.purpose === purpose);
    return { purpose, consent, granted: consent?.status === 'granted' };
  });

/** Fails closed: a purpose never asked, or revoked, is not in force. */
export const consentInForce = (consents: readonly ConsentView[], purpose: ConsentPurpose): boolean =>
  consents.some((consent) => consent.purpose === purpose && consent.status === 'granted');

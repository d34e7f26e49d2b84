import { ApiError, userMessageOf } from '#lib/api.ts';
import { getSession } from '#lib/session.svelte.ts';
import { untrack } from 'svelte';
import { getCaseState } from './case-state.svelte.ts';
import { loadSheetContext, type SheetContext } from './plans/plan-api.ts';

/**
 * One record of the case read for its printable sheet (アセスメント票, 週間計画表, モニタリング報告書,
 * 会議録): the record by the id in the address, and what the sheet's header needs besides (the
 * person's numbers, the staff's names). A missing or malformed id is the 404 page; anything else a
 * message. Made while a page starts (it reads the session and the case from the context).
 */
export class SheetRecord<T> {
  record = $state.raw<T | null>(null);
  context = $state.raw<SheetContext | null>(null);
  notFound = $state(false);
  loadError = $state<string | null>(null);

  constructor(
    /** The record's id from the address, or null when it cannot name one. */
    id: () => string | null,
    load: (caseId: string, id: string) => Promise<T>,
  ) {
    const session = getSession();
    const caseState = getCaseState();
    $effect(() => {
      const current = id();
      untrack(async () => {
        this.notFound = false;
        this.loadError = null;
        this.record = null;
        if (current === null) {
          this.notFound = true;
          return;
        }
        try {
          this.record = await load(caseState.caseId, current);
        } catch (caught) {
          if (caught instanceof ApiError && (caught.status === 404 || caught.status === 400)) {
            this.notFound = true;
          } else this.loadError = userMessageOf(caught);
        }
      });
    });
    $effect(() => {
      const view = caseState.view;
      if (!view) return;
      untrack(() => {
        loadSheetContext(session.api, view).then((loaded) => (this.context = loaded));
      });
    });
  }
}

/** A version number from the address (`/plans/2`), or null when it is not one. */
export const versionParam = (value: string | undefined): string | null => {
  const version = Number(value);
  return Number.isInteger(version) && version >= 1 ? String(version) : null;
};

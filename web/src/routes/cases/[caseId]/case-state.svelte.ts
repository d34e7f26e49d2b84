import { CaseId, CaseView, PersonView } from '@kikan/shared';
import { getCaseRoute, getPersonRoute } from '@kikan/shared/contracts/caseload';
import { createContext } from 'svelte';
import { ApiError, userMessageOf, type ApiClient } from '#lib/api.ts';
import { PERSON_OF_CLOSED_CASE_NOTE } from './case-actions.ts';

/**
 * The case every page under /cases/[caseId] works on, loaded once by the layout and handed down
 * through context. A write that changes the case (a monitoring moves the due date, a phase change)
 * puts the returned case here, so the page shown next never holds a stale copy.
 */
export class CaseState {
  view = $state.raw<CaseView | null>(null);
  notFound = $state(false);
  error = $state<string | null>(null);
  /** What the last write did, announced on the case page once (「モニタリングを記録しました」). */
  flash = $state<string | null>(null);
  /** Bumped after every write so the case page reloads its timeline. */
  revision = $state(0);
  /** The full person record (read on demand: every read is audited), with consents. */
  person = $state.raw<PersonView | null>(null);
  personError = $state<string | null>(null);

  readonly #api: ApiClient;
  #caseId = '';
  #request = 0;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  get caseId(): string {
    return this.#caseId;
  }

  /** Starts over for another case: nothing of the previous one stays on screen. */
  async open(caseId: string): Promise<void> {
    this.#caseId = caseId;
    this.view = null;
    this.error = null;
    this.flash = null;
    this.person = null;
    this.personError = null;
    this.notFound = !CaseId.safeParse(caseId).success;
    if (this.notFound) return;
    await this.reload();
  }

  /** Fetches the case again (after a 412, or to be sure of the current version). */
  async reload(): Promise<void> {
    const request = ++this.#request;
    const caseId = this.#caseId;
    try {
      const loaded = await this.#api.call(getCaseRoute, { params: { caseId } });
      if (request !== this.#request || caseId !== this.#caseId) return;
      this.view = loaded;
      this.error = null;
    } catch (caught) {
      if (request !== this.#request || caseId !== this.#caseId) return;
      if (caught instanceof ApiError && caught.status === 404) this.notFound = true;
      else this.error = userMessageOf(caught);
    }
  }

  /**
   * Reads the person of the case (only a case seen in full has one to read). A closed case no
   * longer leads to the person: the API would refuse it (and audit the refusal), so it is not asked.
   */
  async loadPerson(): Promise<PersonView | null> {
    const view = this.view;
    if (view?.visibility !== 'full') return null;
    if (view.phase === 'closed') {
      this.person = null;
      this.personError = PERSON_OF_CLOSED_CASE_NOTE;
      return null;
    }
    try {
      const loaded = await this.#api.call(getPersonRoute, { params: { personId: view.personId } });
      if (this.view?.visibility === 'full' && this.view.personId === loaded.personId) {
        this.person = loaded;
        this.personError = null;
      }
      return loaded;
    } catch (caught) {
      this.personError = userMessageOf(caught);
      return null;
    }
  }

  /** Pages that show the flash clear it when they are left, so it is announced once. */
  clearFlash(): void {
    this.flash = null;
  }

  /**
   * A write succeeded: keep the case it returned, or read the case again (a plan, meeting or
   * consent can change the case's version too), and tell the case page what happened.
   */
  async updated(message: string, view?: CaseView): Promise<void> {
    if (view) this.view = view;
    else await this.reload();
    this.flash = message;
    this.revision += 1;
  }
}

export const [getCaseState, setCaseState] = createContext<CaseState>();

import { Me, PortalConfig, type OfficeMembership } from '@kikan/shared';
import { getMeRoute } from '@kikan/shared/contracts/admin';
import { createContext } from 'svelte';
import { ApiClient } from './api.ts';
import { logoutUrl } from './cognito.ts';
import { IDLE_LOGOUT_MESSAGE, IDLE_TIMEOUT_MS, IdleTimer } from './idle-timer.ts';

export const CONFIG_ERROR_MESSAGE =
  'ポータルの設定を読み込めませんでした。しばらくしてからページを再読み込みしてください。';

/**
 * Who is signed in, for one browser tab. The access token lives only in this object: never in
 * localStorage, sessionStorage, IndexedDB or cookies (SECURITY.md row 18), so a reload signs out.
 * One instance is created by the root layout and handed down through context, never a module global.
 */
export class Session {
  config = $state.raw<PortalConfig | null>(null);
  configError = $state<string | null>(null);
  me = $state.raw<Me | null>(null);
  /** Why the user is on the login page (idle timeout, expired token); shown there once. */
  notice = $state<string | null>(null);
  /** The user pressed ログアウト: the login page should not offer to return to the last page. */
  loggedOut = $state(false);

  /**
   * A part-timer signed in but not yet chosen which office to act for (ADR 0033): the login page
   * asks, and the portal opens once they chose.
   */
  officeChoice = $state.raw<readonly (OfficeMembership & { officeName: string })[] | null>(null);

  #token = $state<string | null>(null);
  /** The office the requests act for (the office header); null: the user's first. */
  #office = $state<string | null>(null);
  readonly #idle: IdleTimer;
  readonly api: ApiClient;

  constructor() {
    this.#idle = new IdleTimer(IDLE_TIMEOUT_MS, () => this.end(IDLE_LOGOUT_MESSAGE));
    this.api = new ApiClient({
      token: () => this.#token,
      office: () => this.#office,
      onUnauthorized: (message) => this.end(message),
    });
  }

  get signedIn(): boolean {
    return this.#token !== null && this.me !== null && this.officeChoice === null;
  }

  async loadConfig(fetchImpl: typeof fetch = fetch): Promise<void> {
    try {
      const response = await fetchImpl('/config.json', { cache: 'no-store' });
      const parsed = PortalConfig.safeParse(response.ok ? await response.json() : null);
      if (parsed.success) this.config = parsed.data;
      else this.configError = CONFIG_ERROR_MESSAGE;
    } catch {
      this.configError = CONFIG_ERROR_MESSAGE;
    }
  }

  /** Keeps the token, then asks the API who it belongs to; a token the API refuses is dropped. */
  async signIn(accessToken: string): Promise<void> {
    this.#token = accessToken;
    this.#office = null;
    try {
      this.me = await this.api.call(getMeRoute);
    } catch (error) {
      this.#token = null;
      throw error;
    }
    const memberships = this.me.memberships ?? [];
    this.officeChoice = memberships.length > 1 ? memberships : null;
    this.notice = null;
    this.loggedOut = false;
    this.#idle.start();
  }

  /**
   * Acts for another of the user's offices from now on: every request names it, and `me` is the
   * user as that office's member (role, office name). The server accepts only a membership of the
   * token; a refusal keeps the office as it was.
   */
  async actFor(officeId: string): Promise<void> {
    const previous = this.#office;
    this.#office = officeId;
    try {
      this.me = await this.api.call(getMeRoute);
    } catch (error) {
      this.#office = previous;
      throw error;
    }
    this.officeChoice = null;
  }

  recordActivity(): void {
    this.#idle.recordActivity();
  }

  /** Forgets the token and the user; the layout then leaves the protected pages for the login page. */
  end(notice: string | null = null): void {
    this.#idle.stop();
    this.#token = null;
    this.#office = null;
    this.me = null;
    this.officeChoice = null;
    this.notice = notice;
  }

  /**
   * The ログアウト button. With Cognito the hosted-login session must end too, or the next click on
   * ログイン would sign the same person in again without a password; the browser leaves the portal.
   */
  logout(origin: string): string | null {
    this.end();
    this.loggedOut = true;
    return this.config?.mode === 'cognito' ? logoutUrl(this.config, origin) : null;
  }
}

export const [getSession, setSession] = createContext<Session>();

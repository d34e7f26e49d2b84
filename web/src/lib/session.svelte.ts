import { Me, PortalConfig, type OfficeMembership } from '@kikan/shared';
import { getMeRoute } from '@kikan/shared/contracts/admin';
import {
  endSessionRoute,
  refreshSessionRoute,
  sessionActivityRoute,
  startSessionRoute,
  type SessionStart,
  type SessionTokens,
} from '@kikan/shared/contracts/platform';
import { createContext } from 'svelte';
import { ApiClient, ApiError } from './api.ts';
import { logoutUrl } from './cognito.ts';
import { IDLE_LOGOUT_MESSAGE, IDLE_TIMEOUT_MS, IDLE_WARNING_MS, IdleTimer } from './idle-timer.ts';
import { SessionChannel } from './session-channel.ts';

export const CONFIG_ERROR_MESSAGE =
  'ポータルの設定を読み込めませんでした。しばらくしてからページを再読み込みしてください。';

/** The access token is renewed this long before it expires, so requests rarely meet a 401. */
const RENEW_BEFORE_MS = 60 * 1000;
/** Activity reaches the server at most this often: it moves the session cookie's idle deadline. */
const ACTIVITY_REPORT_MS = 60 * 1000;

/**
 * Who is signed in, for one browser tab. The access token lives only in this object: never in
 * localStorage, sessionStorage, IndexedDB or readable cookies (SECURITY.md row 18). What outlives
 * a reload is the session cookie (ADR 0037): HttpOnly, so no script reads it, and the refresh token
 * in it is sealed; POST /api/session/refresh turns it into a new access token for a reload, a second
 * tab, or a token that expired while a form was open. One instance is created by the root layout
 * and handed down through context, never a module global.
 */
export class Session {
  config = $state.raw<PortalConfig | null>(null);
  configError = $state<string | null>(null);
  /** False until the start-up attempt to resume the session in the cookie has answered. */
  resumed = $state(false);
  me = $state.raw<Me | null>(null);
  /** Why the user is on the login page (idle timeout, expired session); shown there once. */
  notice = $state<string | null>(null);
  /** The user pressed ログアウト: the login page should not offer to return to the last page. */
  loggedOut = $state(false);
  /** Milliseconds left when the idle warning came; null while there is none (ADR 0037). */
  idleWarning = $state<number | null>(null);

  /**
   * A part-timer signed in but not yet chosen which office to act for (ADR 0033): the login page
   * asks, and the portal opens once they chose.
   */
  officeChoice = $state.raw<readonly (OfficeMembership & { officeName: string })[] | null>(null);

  #token = $state<string | null>(null);
  /** The office the requests act for (the office header); null: the user's first. */
  #office = $state<string | null>(null);
  readonly #idle: IdleTimer;
  readonly #channel: SessionChannel;
  readonly api: ApiClient;
  #renewTimer: ReturnType<typeof setTimeout> | undefined;
  #renewing: Promise<boolean> | null = null;
  #lastReported = 0;

  constructor() {
    this.#idle = new IdleTimer(
      IDLE_TIMEOUT_MS,
      () => void this.#endEverywhere(IDLE_LOGOUT_MESSAGE),
      Date.now,
      {
        warnBeforeMs: IDLE_WARNING_MS,
        onWarn: (remainingMs) => (this.idleWarning = remainingMs),
        onActive: () => (this.idleWarning = null),
      },
    );
    this.api = new ApiClient({
      token: () => this.#token,
      office: () => this.#office,
      onUnauthorized: (message) => this.end(message),
      renew: () => this.renew(),
    });
    this.#channel = new SessionChannel({
      // The same person at the same desk: activity in one tab keeps every tab open.
      activity: (at) => this.#idle.recordActivity(at),
      // Signed out or idle in one tab: every tab closes its pages.
      ended: (notice) => this.end(notice),
      // Signed in in another tab: this one resumes from the cookie instead of asking again.
      signedIn: () => {
        if (!this.signedIn) void this.resume();
      },
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

  /**
   * At start-up (a reload, a new tab): the session in the cookie, if it is still live, signs this
   * tab in without asking. No cookie, or one past its idle deadline: the login page, no message.
   */
  async resume(): Promise<void> {
    try {
      const tokens = await this.api.call(refreshSessionRoute);
      await this.#open(tokens);
      // A reload is the user's doing: it counts as activity.
      this.#reportActivity({ force: true });
    } catch {
      // Nothing to resume: the login page asks.
    } finally {
      this.resumed = true;
    }
  }

  /** Signs in with the code of the hosted login (or its local stand-in): the session route exchanges it. */
  async signInWithCode(grant: SessionStart): Promise<void> {
    const tokens = await this.api.call(startSessionRoute, { body: grant });
    await this.#open(tokens);
    this.#channel.announceSignIn();
  }

  /** Keeps the token, then asks the API who it belongs to; a token the API refuses is dropped. */
  async #open(tokens: SessionTokens): Promise<void> {
    this.#token = tokens.accessToken;
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
    this.#scheduleRenewal(tokens.expiresIn);
  }

  /**
   * A new access token from the session cookie, without a word to the user: before the token
   * expires, and when a request met a 401. Concurrent callers share one request. False when the
   * session is over (the caller's 401 then ends it here too).
   */
  renew(): Promise<boolean> {
    if (this.#token === null) return Promise.resolve(false);
    this.#renewing ??= this.api
      .call(refreshSessionRoute)
      .then((tokens) => {
        if (this.#token === null) return false; // signed out meanwhile
        this.#token = tokens.accessToken;
        this.#scheduleRenewal(tokens.expiresIn);
        return true;
      })
      .catch(() => false)
      .finally(() => {
        this.#renewing = null;
      });
    return this.#renewing;
  }

  #scheduleRenewal(expiresInSeconds: number): void {
    clearTimeout(this.#renewTimer);
    const delay = Math.max(expiresInSeconds * 1000 - RENEW_BEFORE_MS, 10_000);
    this.#renewTimer = setTimeout(() => {
      void this.renew().then((renewed) => {
        if (!renewed && this.#token !== null) this.end(SESSION_OVER_MESSAGE);
      });
    }, delay);
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

  /** A key press, a click, a scroll: the idle countdown starts again, here and in the other tabs. */
  recordActivity(): void {
    if (!this.#idle.running) return;
    this.#idle.recordActivity();
    this.#channel.announceActivity(this.#idle.lastActivity);
    this.#reportActivity({ force: false });
  }

  /** The idle deadline of the session cookie moves with activity, at most once a minute. */
  #reportActivity({ force }: { force: boolean }): void {
    const at = Date.now();
    if (!force && at - this.#lastReported < ACTIVITY_REPORT_MS) return;
    this.#lastReported = at;
    this.api.call(sessionActivityRoute).catch((error: unknown) => {
      // The server says the session is over (ended elsewhere, or past its end): so is this tab.
      if (error instanceof ApiError && error.status === 401) this.end(SESSION_OVER_MESSAGE);
    });
  }

  /** Forgets the token and the user; the layout then leaves the protected pages for the login page. */
  end(notice: string | null = null): void {
    this.#idle.stop();
    clearTimeout(this.#renewTimer);
    this.#token = null;
    this.#office = null;
    this.me = null;
    this.officeChoice = null;
    this.idleWarning = null;
    this.notice = notice;
  }

  /**
   * Ends the session for good: this tab and every other tab close their pages, and the server
   * revokes the refresh token and clears the cookie, so a reload does not sign in again.
   */
  async #endEverywhere(notice: string | null): Promise<void> {
    this.end(notice);
    this.#channel.announceEnd(notice);
    await this.api.call(endSessionRoute).catch(() => undefined);
  }

  /**
   * The ログアウト button. With Cognito the hosted-login session must end too, or the next click on
   * ログイン would sign the same person in again without a password; the browser leaves the portal.
   */
  async logout(origin: string): Promise<string | null> {
    await this.#endEverywhere(null);
    this.loggedOut = true;
    return this.config?.mode === 'cognito' ? logoutUrl(this.config, origin) : null;
  }
}

export const SESSION_OVER_MESSAGE = 'ログインの有効期間が終わりました。もう一度ログインしてください。';

export const [getSession, setSession] = createContext<Session>();

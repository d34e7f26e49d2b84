import { IDLE_TIMEOUT_SECONDS, IDLE_WARNING_SECONDS } from '@kikan/shared/session';

/** SECURITY.md row 18: a portal left open on a shared desk must not keep showing personal records. */
export const IDLE_TIMEOUT_MS = IDLE_TIMEOUT_SECONDS * 1000;
/** The warning comes this long before (ADR 0037). */
export const IDLE_WARNING_MS = IDLE_WARNING_SECONDS * 1000;

export const IDLE_LOGOUT_MESSAGE =
  '15分間操作がなかったため、安全のためログアウトしました。もう一度ログインしてください。';

export interface IdleWarning {
  /** How long before the timeout the warning comes. */
  warnBeforeMs: number;
  /** The timeout is `remainingMs` away. */
  onWarn: (remainingMs: number) => void;
  /** Activity after a warning: the warning is over. */
  onActive: () => void;
}

/**
 * Calls `onIdle` once when no activity was recorded for `timeoutMs`, and `warning.onWarn` once
 * `warnBeforeMs` before that. Recording activity only stores a timestamp (it runs on every key
 * press and pointer event); the single pending timeout re-arms itself for the remaining time when
 * it fires early.
 */
export class IdleTimer {
  readonly #timeoutMs: number;
  readonly #onIdle: () => void;
  readonly #now: () => number;
  readonly #warning: IdleWarning | undefined;
  #lastActivity = 0;
  #warned = false;
  #handle: ReturnType<typeof setTimeout> | undefined;

  constructor(timeoutMs: number, onIdle: () => void, now: () => number = Date.now, warning?: IdleWarning) {
    this.#timeoutMs = timeoutMs;
    this.#onIdle = onIdle;
    this.#now = now;
    this.#warning = warning;
  }

  get running(): boolean {
    return this.#handle !== undefined;
  }

  get lastActivity(): number {
    return this.#lastActivity;
  }

  start(): void {
    this.stop();
    this.#lastActivity = this.#now();
    this.#warned = false;
    this.#schedule(this.#nextCheckIn(0));
  }

  /**
   * Activity now, or at `at` in another tab of the same portal (a shared desk has one user, so
   * activity in any tab keeps every tab open). An older time than the last known is ignored.
   */
  recordActivity(at: number = this.#now()): void {
    if (!this.running || at <= this.#lastActivity) return;
    this.#lastActivity = at;
    if (this.#warned) {
      this.#warned = false;
      this.#warning?.onActive();
      this.#schedule(this.#nextCheckIn(this.#now() - at));
    }
  }

  stop(): void {
    if (this.#handle !== undefined) clearTimeout(this.#handle);
    this.#handle = undefined;
    this.#warned = false;
  }

  /** From idle for `idleFor`, the time to the next moment something may happen. */
  #nextCheckIn(idleFor: number): number {
    const warnAt =
      this.#warning && !this.#warned ? this.#timeoutMs - this.#warning.warnBeforeMs : this.#timeoutMs;
    return Math.max(0, warnAt - idleFor);
  }

  #schedule(delayMs: number): void {
    if (this.#handle !== undefined) clearTimeout(this.#handle);
    this.#handle = setTimeout(() => this.#check(), delayMs);
  }

  #check(): void {
    const idleFor = this.#now() - this.#lastActivity;
    if (idleFor >= this.#timeoutMs) {
      this.#handle = undefined;
      this.#warned = false;
      this.#onIdle();
      return;
    }
    if (this.#warning && !this.#warned && idleFor >= this.#timeoutMs - this.#warning.warnBeforeMs) {
      this.#warned = true;
      this.#warning.onWarn(this.#timeoutMs - idleFor);
    }
    this.#schedule(this.#nextCheckIn(idleFor));
  }
}

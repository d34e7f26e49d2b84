/** SECURITY.md row 18: a portal left open on a shared desk must not keep showing personal records. */
export const IDLE_TIMEOUT_MS = 15 * 60 * 1000;

export const IDLE_LOGOUT_MESSAGE =
  '15分間操作がなかったため、安全のためログアウトしました。もう一度ログインしてください。';

/**
 * Calls `onIdle` once when no activity was recorded for `timeoutMs`. Recording activity only stores
 * a timestamp (it runs on every key press and pointer event); the single pending timeout re-arms
 * itself for the remaining time when it fires early.
 */
export class IdleTimer {
  readonly #timeoutMs: number;
  readonly #onIdle: () => void;
  readonly #now: () => number;
  #lastActivity = 0;
  #handle: ReturnType<typeof setTimeout> | undefined;

  constructor(timeoutMs: number, onIdle: () => void, now: () => number = Date.now) {
    this.#timeoutMs = timeoutMs;
    this.#onIdle = onIdle;
    this.#now = now;
  }

  get running(): boolean {
    return this.#handle !== undefined;
  }

  start(): void {
    this.stop();
    this.#lastActivity = this.#now();
    this.#schedule(this.#timeoutMs);
  }

  recordActivity(): void {
    if (this.running) this.#lastActivity = this.#now();
  }

  stop(): void {
    if (this.#handle !== undefined) clearTimeout(this.#handle);
    this.#handle = undefined;
  }

  #schedule(delayMs: number): void {
    this.#handle = setTimeout(() => this.#check(), delayMs);
  }

  #check(): void {
    const idleFor = this.#now() - this.#lastActivity;
    if (idleFor >= this.#timeoutMs) {
      this.#handle = undefined;
      this.#onIdle();
    } else {
      this.#schedule(this.#timeoutMs - idleFor);
    }
  }
}

/**
 * What the portal's tabs tell each other about the session (ADR 0037), over a BroadcastChannel:
 * messages between tabs of this origin, held by no storage. Activity (a timestamp only), an end
 * (with the notice the login page shows) and a sign-in. Never a token, never a name.
 */
export type SessionMessage =
  { type: 'activity'; at: number } | { type: 'ended'; notice: string | null } | { type: 'signed-in' };

export interface SessionListeners {
  activity: (at: number) => void;
  ended: (notice: string | null) => void;
  signedIn: () => void;
}

export const SESSION_CHANNEL = 'kikan-session';
/** Activity is told to the other tabs at most this often: their countdowns need no finer grain. */
const ACTIVITY_ANNOUNCE_MS = 5_000;

const isMessage = (data: unknown): data is SessionMessage => {
  if (typeof data !== 'object' || data === null) return false;
  const { type } = data as { type?: unknown };
  if (type === 'activity') return typeof (data as { at?: unknown }).at === 'number';
  if (type === 'ended') {
    const { notice } = data as { notice?: unknown };
    return notice === null || typeof notice === 'string';
  }
  return type === 'signed-in';
};

export class SessionChannel {
  readonly #channel: BroadcastChannel | null;
  #lastAnnounced = 0;

  constructor(
    listeners: SessionListeners,
    create: (name: string) => BroadcastChannel | null = defaultChannel,
  ) {
    this.#channel = create(SESSION_CHANNEL);
    this.#channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
      const message = event.data;
      if (!isMessage(message)) return;
      if (message.type === 'activity') listeners.activity(message.at);
      else if (message.type === 'ended') listeners.ended(message.notice);
      else listeners.signedIn();
    });
  }

  announceActivity(at: number): void {
    if (at - this.#lastAnnounced < ACTIVITY_ANNOUNCE_MS) return;
    this.#lastAnnounced = at;
    this.#post({ type: 'activity', at });
  }

  announceEnd(notice: string | null): void {
    this.#post({ type: 'ended', notice });
  }

  announceSignIn(): void {
    this.#post({ type: 'signed-in' });
  }

  #post(message: SessionMessage): void {
    this.#channel?.postMessage(message);
  }
}

/** Browsers have BroadcastChannel; server-side rendering and old test environments may not. */
const defaultChannel = (name: string): BroadcastChannel | null =>
  typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : null;

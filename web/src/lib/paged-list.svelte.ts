import { tick } from 'svelte';
import { userMessageOf } from './api.ts';
import { CursorPager } from './cursor-pager.ts';

/**
 * A list the API hands out a page at a time (`nextCursor`), with 前へ/次へ. It owns what every such
 * page repeats: the cursor stack, the loading flag, the page number, the message of a failed load,
 * and the race guard: only the answer to the latest request is shown, so a slow first page cannot
 * overwrite the filter chosen after it. Paging moves the focus to the results heading.
 */
export class PagedList<P extends { nextCursor: string | null }> {
  /** The page shown (null before the first answer, and after a restart). */
  result = $state.raw<P | null>(null);
  loading = $state(false);
  /** What the latest load threw; undefined while it has not failed. */
  failure = $state.raw<unknown>(undefined);
  pageNumber = $state(1);
  /** The results heading: it takes the focus when the user pages. */
  heading = $state<HTMLElement | undefined>();
  readonly #pager = new CursorPager();
  readonly #fetchPage: (cursor: string | undefined) => Promise<P>;
  readonly #onFailure: ((caught: unknown) => void | Promise<void>) | undefined;
  #latestRequest = 0;

  /**
   * `fetchPage`: the API call for the page at a cursor, with the filters it reads when called.
   * `onFailure`: for a page that does more with a failed load than show its message.
   */
  constructor(
    fetchPage: (cursor: string | undefined) => Promise<P>,
    options: { onFailure?: (caught: unknown) => void | Promise<void> } = {},
  ) {
    this.#fetchPage = fetchPage;
    this.#onFailure = options.onFailure;
  }

  /** The message for the failed load, in Japanese; null while there is none. */
  get error(): string | null {
    return this.failure === undefined ? null : userMessageOf(this.failure);
  }

  get hasPrevious(): boolean {
    return this.pageNumber > 1;
  }

  /** Loads the page at the current cursor again (after a write that changed it). */
  async load(moveFocus = false): Promise<void> {
    const request = ++this.#latestRequest;
    this.loading = true;
    this.failure = undefined;
    try {
      const loaded = await this.#fetchPage(this.#pager.current);
      if (request !== this.#latestRequest) return;
      this.result = loaded;
      this.pageNumber = this.#pager.pageNumber;
      if (moveFocus) {
        await tick();
        this.heading?.focus();
      }
    } catch (caught) {
      if (request !== this.#latestRequest) return;
      this.failure = caught;
      await this.#onFailure?.(caught);
    } finally {
      if (request === this.#latestRequest) this.loading = false;
    }
  }

  /** New filters: back to the first page, and nothing shown until it is in. */
  restart(moveFocus = false): Promise<void> {
    this.#pager.reset();
    this.result = null;
    return this.load(moveFocus);
  }

  /** Nothing to load (filters that cannot be sent): drops any answer still on its way. */
  stop(): void {
    this.#latestRequest++;
    this.#pager.reset();
    this.result = null;
    this.loading = false;
    this.failure = undefined;
  }

  next = (): void => {
    if (!this.result?.nextCursor) return;
    this.#pager.next(this.result.nextCursor);
    void this.load(true);
  };

  previous = (): void => {
    this.#pager.previous();
    void this.load(true);
  };
}

/**
 * Forward-only cursors (DynamoDB's LastEvaluatedKey) with a way back: the cursors of the pages
 * already seen are kept on a stack. They stay in memory, not in the URL: a cursor can encode a sort
 * key, and the address bar and history are no place for anything derived from a person's record.
 */
export class CursorPager {
  #previous: (string | undefined)[] = [];
  #current: string | undefined = undefined;

  /** The cursor of the page being shown (undefined: the first page). */
  get current(): string | undefined {
    return this.#current;
  }

  /** 1-based page number. */
  get pageNumber(): number {
    return this.#previous.length + 1;
  }

  get hasPrevious(): boolean {
    return this.#previous.length > 0;
  }

  next(nextCursor: string): void {
    this.#previous.push(this.#current);
    this.#current = nextCursor;
  }

  previous(): void {
    if (this.#previous.length === 0) return;
    this.#current = this.#previous.pop();
  }

  reset(): void {
    this.#previous = [];
    this.#current = undefined;
  }
}

/** An Idempotency-Key as the function core hands it to a create, and the data layer stores it. */
export interface Idempotency {
  key: string;
  /**
   * Hash of the method, route, path parameters and body: the same key on another record, another
   * route or with another body is refused (422), never answered with the stored response.
   */
  fingerprint: string;
}

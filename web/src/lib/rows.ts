/** Rows of a repeated group (needs, assignments, follow-ups) as immutable lists: each change is a new array. */

/**
 * Moves the row at `from` by `offset` places (−1 up, +1 down); a move past either end leaves the
 * order unchanged. Returns a new array: the caller assigns it, and the priorities follow the order.
 */
export const moveRow = <T>(rows: readonly T[], from: number, offset: number): T[] => {
  const to = from + offset;
  if (from < 0 || from >= rows.length || to < 0 || to >= rows.length) return [...rows];
  const moved = [...rows];
  const [row] = moved.splice(from, 1);
  if (row !== undefined) moved.splice(to, 0, row);
  return moved;
};

export const removeRow = <T>(rows: readonly T[], index: number): T[] => rows.filter((_, at) => at !== index);

/** 役割分担: who does what by when; the service meeting also asks for the organisation. */
export interface AssignmentRowValues {
  key: string;
  who: string;
  organisation?: string;
  what: string;
  dueOn: string;
}

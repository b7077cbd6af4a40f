/**
 * Where an entry sits in a session's log, ordered as Redis stream ids are (`major-minor`): the
 * event with sequence number s at (s + 1, 0), so that its position alone says whether it was
 * stored already; the ending of a session's subscriptions at (major, minor > 0), after the entry
 * before it. A position is what a subscriber and a relay remember to deliver each entry once.
 */

export interface Position {
  readonly major: number;
  readonly minor: number;
}

/** Before every entry. */
export const ORIGIN: Position = Object.freeze({ major: 0, minor: 0 });

export const eventPosition = (sequenceNumber: number): Position => ({ major: sequenceNumber + 1, minor: 0 });

const comparePositions = (a: Position, b: Position): number => a.major - b.major || a.minor - b.minor;

export const isAfter = (a: Position, b: Position): boolean => comparePositions(a, b) > 0;

export const laterOf = (a: Position, b: Position): Position => (isAfter(a, b) ? a : b);

/** The Redis stream id. */
export const positionId = (position: Position): string => `${position.major}-${position.minor}`;

export function parsePositionId(id: string): Position {
  const dash = id.indexOf('-');
  return { major: Number(id.slice(0, dash)), minor: Number(id.slice(dash + 1)) };
}

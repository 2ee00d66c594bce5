/** A packed snapshot that passed its schema but does not hold together (an index out of range). */
export class PackError extends Error {
  override readonly name = 'PackError';
  constructor(readonly code: 'BAD_RANGE_INDEX' | 'BAD_NODE_INDEX' | 'BAD_EDGE_INDEX' | 'BAD_EDGE_COLUMNS', message: string) {
    super(message);
  }
}

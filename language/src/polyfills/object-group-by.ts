// Chevrotain 13 (Langium's parser library) calls Object.groupBy, which Node 20 does not have (Node 21+,
// and VS Code's Electron, do). Installing the standard behaviour keeps the CLI and tests working on the
// Node 20 this project supports. Imported for its side effect by the services factory and by the
// `langium:generate` script.
type GroupBy = <T, K extends PropertyKey>(items: Iterable<T>, key: (item: T, index: number) => K) => Partial<Record<K, T[]>>;

const target = Object as unknown as { groupBy?: GroupBy };
if (typeof target.groupBy !== 'function') {
  target.groupBy = <T, K extends PropertyKey>(items: Iterable<T>, key: (item: T, index: number) => K): Partial<Record<K, T[]>> => {
    const groups = Object.create(null) as Partial<Record<K, T[]>>;
    let index = 0;
    for (const item of items) {
      const group = key(item, index++);
      (groups[group] ??= []).push(item);
    }
    return groups;
  };
}

export {};

import type { BenchResult } from './report';

export async function raroSide(result: BenchResult, _progress: (m: string) => void): Promise<void> {
  await Promise.resolve();
  result.notes.push('RARO kernel side: TEMPORARY, kernel API not published yet');
}

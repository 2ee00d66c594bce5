// `node --conditions=import --import tsx bench/lsp-profile/incremental-stress.ts [firstSeed] [seeds] [steps]`:
// a longer run of the incremental re-parse property than the unit test affords: random edit sequences of
// the examples, each incremental result compared with a full parse of the same text (AST, CST,
// positions, errors). Prints every mismatch (replayable by seed and step) and the counts.
import { isDeepStrictEqual } from 'node:util';
import { EmptyFileSystem, type ParseResult } from 'langium';
import { reparseIncrementally } from '../../language/src/parser/incremental-parse';
import { createRaroServices } from '../../language/src/raro-module';
import { seededRandom } from '../../test/support/seededRandom';
import { applyEdit, editBases, randomEdit, snapshot } from '../../test/unit/language/incremental-edits';

function main(): void {
  const [firstSeed, seeds, steps] = [Number(process.argv[2] ?? 5000), Number(process.argv[3] ?? 200), Number(process.argv[4] ?? 25)];
  const parser = createRaroServices(EmptyFileSystem).Raro.parser.LangiumParser;
  let incremental = 0;
  let mismatches = 0;
  for (const base of editBases()) {
    for (let seed = firstSeed; seed < firstSeed + seeds; seed++) {
      const random = seededRandom(seed);
      let text = base.text;
      let current: ParseResult = parser.parse(text);
      for (let step = 0; step < steps; step++) {
        const edit = randomEdit(random, text);
        const edited = applyEdit(text, edit);
        const reparsed = reparseIncrementally(parser, current, edited);
        const full = parser.parse(edited);
        if (reparsed) {
          incremental++;
          if (!isDeepStrictEqual(snapshot(reparsed), snapshot(full))) {
            mismatches++;
            console.log(`mismatch: ${base.name}, seed ${seed}, step ${step}: ${JSON.stringify(edit)}`);
          }
        }
        current = reparsed ?? full;
        text = edited;
      }
    }
  }
  console.log(`${incremental} incremental re-parses, ${mismatches} mismatches`);
  if (mismatches > 0) process.exitCode = 1;
}

main();

// `node --conditions=import --import tsx bench/lsp-profile/parse-split.ts [agents] [reps]`: CPU time of
// lexing alone vs the whole Langium parse (lex + parse + CST/AST) of a generated blueprint.
import { EmptyFileSystem } from 'langium';
import { createRaroServices } from '../../language/src/raro-module';
import { generateBlueprint } from '../lsp/generateBlueprint';

const cpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

function main(): void {
  const agents = Number(process.argv[2] ?? 1000);
  const reps = Number(process.argv[3] ?? 9);
  const { Raro } = createRaroServices(EmptyFileSystem);
  const text = generateBlueprint(agents);
  const lex: number[] = [];
  const parse: number[] = [];
  for (let rep = -2; rep < reps; rep++) {
    let start = cpuMs();
    const tokens = Raro.parser.Lexer.tokenize(text);
    if (rep >= 0) lex.push(cpuMs() - start);
    start = cpuMs();
    const result = Raro.parser.LangiumParser.parse(text);
    if (rep >= 0) parse.push(cpuMs() - start);
    if (rep === 0) console.log(`${tokens.tokens.length} tokens, ${result.lexerErrors.length + result.parserErrors.length} errors`);
  }
  console.log(`${agents} agents: lex ${median(lex).toFixed(1)} ms, full parse ${median(parse).toFixed(1)} ms cpu`);
}

main();

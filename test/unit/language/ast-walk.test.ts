import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { AstUtils, DefaultScopeComputation, type AstNode, type LangiumDocument, type LocalSymbols, type ValidateSingleNodeOptions } from 'langium';
import { allAstNodes, childNodes, referencesOf } from '../../../language/src/references/ast-walk';
import { RaroScopeComputation } from '../../../language/src/references/raro-scope-computation';
import { RaroDocumentValidator } from '../../../language/src/validation/raro-document-validator';
import { generateBlueprint } from '../../../bench/lsp/generateBlueprint';
import { codes, load, services } from './helpers';

const EXAMPLES = path.resolve(__dirname, '../../../examples');

/** Blueprints with every construct: the examples, a generated one, loops, and a file with syntax errors. */
function corpus(): string[] {
  const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.raro')).map((f) => readFileSync(path.join(EXAMPLES, f), 'utf8'));
  assert.ok(examples.length >= 3, 'the examples are missing');
  return [
    ...examples,
    generateBlueprint(120),
    'agent a { output { x: string } }\nagent b { prompt "{{a.x}}" }\ngraph g { node n = a\n loop l max 3 until b.x == "y" { b }\n approve ok "go?"\n n -> l -> ok\n map m = b over a.x as it }',
    'agent broken { prompt "{{x" output { : } }\ngraph g { a -> -> b\n route x.y { "a" -> }',
  ];
}

async function documents(): Promise<LangiumDocument[]> {
  const loaded: LangiumDocument[] = [];
  for (const text of corpus()) loaded.push(...(await load(text)));
  return loaded;
}

const describeNode = (node: AstNode): string => `${node.$type}@${node.$cstNode?.offset ?? '?'}`;

describe('fast AST walks', () => {
  it('visit the nodes streamAst visits, in the same order', async () => {
    for (const document of await documents()) {
      const root = document.parseResult.value;
      assert.deepEqual(allAstNodes(root).map(describeNode), AstUtils.streamAst(root).map(describeNode).toArray());
      assert.deepEqual(allAstNodes(root, false).map(describeNode), AstUtils.streamAllContents(root).map(describeNode).toArray());
      assert.deepEqual(childNodes(root).map(describeNode), AstUtils.streamContents(root).map(describeNode).toArray());
    }
  });

  it('find the references streamReferences finds, with the same container, property and index', async () => {
    let total = 0;
    for (const document of await documents()) {
      for (const node of allAstNodes(document.parseResult.value)) {
        const fast = referencesOf(node).map((r) => [r.reference.$refText, r.container, r.property, r.index]);
        const generic = AstUtils.streamReferences(node).map((r) => [r.reference.$refText, r.container, r.property, r.index]).toArray();
        assert.deepEqual(fast, generic);
        total += fast.length;
      }
    }
    assert.ok(total > 100, `only ${total} references in the corpus`);
  });

  it('collect the local symbols of every referable node that the default collects', async () => {
    const core = services().Raro;
    const fast = core.references.ScopeComputation;
    assert.ok(fast instanceof RaroScopeComputation);
    const generic = new DefaultScopeComputation(core);
    for (const document of await documents()) {
      const expected: LocalSymbols = await generic.collectLocalSymbols(document);
      const actual: LocalSymbols = await fast.collectLocalSymbols(document);
      const containers = allAstNodes(document.parseResult.value);
      const entries = (symbols: LocalSymbols, keep: (type: string) => boolean): string[] =>
        containers.flatMap((container) => symbols.getStream(container).filter((d) => keep(d.type)).map((d) => `${describeNode(container)} ${d.type} ${d.name} ${d.path}`).toArray());
      assert.deepEqual(entries(actual, () => true), entries(expected, (type) => fast.isReferenceTarget(type)));
      assert.ok(entries(actual, () => true).length > 0);
    }
  });

  it('validation skips the children of a node whose options say so, and only those', async () => {
    const [document] = await load('agent a { output { x: strng } }\ngraph g(p: strng) { a }');
    assert.deepEqual(codes(await new RaroDocumentValidator(services().Raro).validateDocument(document)).filter((c) => c === 'RARO205'), ['RARO205', 'RARO205']);
    class AgentsOpaque extends RaroDocumentValidator {
      protected override validateSingleNodeOptions(node: AstNode): ValidateSingleNodeOptions {
        return { validateNode: true, validateChildren: node.$type !== 'Agent' };
      }
    }
    const diagnostics = await new AgentsOpaque(services().Raro).validateDocument(document);
    assert.deepEqual(codes(diagnostics).filter((c) => c === 'RARO205'), ['RARO205']);
    assert.equal(diagnostics.find((d) => d.code === 'RARO205')?.range.start.line, 1);
  });
});

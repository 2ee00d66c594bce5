// `node bench/lsp-profile/summarize-profile.mjs <file.cpuprofile> [top]`: self and inclusive time per
// function of a V8 CPU profile (what `node --cpu-prof` writes), for reading profiles without DevTools.
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
const top = Number(topArg ?? 40);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const sampleCount = new Map();
// `--from=ms --to=ms`: only the samples in that window (ms since the profile started), e.g. one edit.
const windowArg = (name) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? NaN);
const [from, to] = [windowArg('from'), windowArg('to')];
let elapsedUs = 0;
profile.samples.forEach((id, i) => {
  elapsedUs += profile.timeDeltas[i] ?? 0;
  if (elapsedUs / 1000 < from || elapsedUs / 1000 > to) return;
  sampleCount.set(id, (sampleCount.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const keyOf = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
const self = new Map();
const total = new Map();
for (const [id, us] of sampleCount) {
  const node = byId.get(id);
  self.set(keyOf(node), (self.get(keyOf(node)) ?? 0) + us);
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const key = keyOf(byId.get(cur));
    if (seen.has(key)) continue;
    seen.add(key);
    total.set(key, (total.get(key) ?? 0) + us);
  }
}
const print = (title, map) => {
  console.log(`\n${title}`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${(us / 1000).toFixed(0).padStart(7)} ms  ${key}`);
};
print('self time', self);
print('inclusive time', total);

// `--callers=<functionName>`: who calls it (inclusive time of the calling stack frames, 4 levels up).
const callersArg = process.argv.find((a) => a.startsWith('--callers='))?.slice('--callers='.length);
if (callersArg) {
  const stacks = new Map();
  for (const [id, us] of sampleCount) {
    const chain = [];
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) chain.push(keyOf(byId.get(cur)));
    const at = chain.findIndex((k) => k.startsWith(`${callersArg} `));
    if (at < 0) continue;
    const key = chain.slice(at, at + 6).join(' <- ');
    stacks.set(key, (stacks.get(key) ?? 0) + us);
  }
  print(`callers of ${callersArg}`, stacks);
}

// `--under=<functionName>`: self time of the functions that run below it.
const underArg = process.argv.find((a) => a.startsWith('--under='))?.slice('--under='.length);
if (underArg) {
  const below = new Map();
  for (const [id, us] of sampleCount) {
    let inside = false;
    for (let cur = parent.get(id); cur !== undefined; cur = parent.get(cur)) if (keyOf(byId.get(cur)).startsWith(`${underArg} `)) inside = true;
    if (!inside) continue;
    const key = keyOf(byId.get(id));
    below.set(key, (below.get(key) ?? 0) + us);
  }
  print(`self time under ${underArg}`, below);
}

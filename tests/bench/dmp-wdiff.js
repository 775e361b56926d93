// dmp-wdiff.js — diff-match-patch's word diff with its semantic clean-up,
// written in wdiff style, for the stray-match comparison of make bench.
// usage: node dmp-wdiff.js A B   (needs the npm package diff-match-patch)
'use strict';
const fs = require('fs');
const DMP = require('diff-match-patch');
const dmp = new DMP();
const a = fs.readFileSync(process.argv[2], 'utf8');
const b = fs.readFileSync(process.argv[3], 'utf8');

// Words and the spaces between them become one character each, the way
// diff_linesToChars_ does for lines, so the diff works word by word.
const table = [''], index = new Map();
function encode(text) {
  let out = '';
  for (const tok of text.match(/\s+|[\p{L}\p{N}_'’.-]+|[^\s\p{L}\p{N}]/gu) || []) {
    if (!index.has(tok)) { index.set(tok, table.length); table.push(tok); }
    out += String.fromCharCode(index.get(tok));
  }
  return out;
}
const diffs = dmp.diff_main(encode(a), encode(b), false);
dmp.diff_cleanupSemantic(diffs);
let out = '';
for (const [op, chars] of diffs) {
  const text = Array.from(chars, c => table[c.charCodeAt(0)]).join('');
  out += op === 0 ? text : op < 0 ? '[-' + text + '-]' : '{+' + text + '+}';
}
process.stdout.write(out);

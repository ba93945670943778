#!/bin/bash
# extract.sh: the whole pipeline used for release-landscape.md.
#   0. fetch.sh (separately): npm pack openclaw@V for every version in stable.txt -> unpacked/V/package (no deps)
#   1. extract.py per release (3 in parallel)      -> facts/V.json, facts/V/fn-*.txt
#   2. grep supplements (protocol negotiation, scope-upgrade silent flag, unconfigured guard)
#   3. summarize.py (TSV + boundaries), gen_table.py (markdown table)
set -e
cd "${RELEASE_FACTS_DIR:?set RELEASE_FACTS_DIR to the folder holding stable.txt and unpacked/}"
python3 - <<'PY'
import re
vs=[l.strip() for l in open('stable.txt') if l.strip()]
key=lambda v: tuple(int(x or 0) for x in re.match(r'(\d+)\.(\d+)\.(\d+)(?:-(\d+))?$',v).groups())
open('ordered.txt','w').write('\n'.join(sorted(vs,key=key))+'\n')
PY
mkdir -p facts
while read V; do [ -f unpacked/$V/.ok ] && echo $V; done < ordered.txt | xargs -P 3 -I{} python3 extract.py unpacked/{}
G='--include=*.js --include=*.mjs'
for v in $(cat ordered.txt); do D=unpacked/$v/package/dist
  echo "$v $(grep -rhoE $G 'supportsCurrentProtocol = maxProtocol >= [0-9]|maxProtocol < [0-9] \|\| minProtocol > [0-9]|maxProtocol < PROTOCOL_VERSION \|\| minProtocol > PROTOCOL_VERSION|supportsPreviousNodeProtocol = [^;]{0,60}' $D 2>/dev/null | sort -u | tr '\n' ';')"
done > facts/protocol-check.txt
for v in $(cat ordered.txt); do
  echo "$v $(grep -rlE $G 'silent: reason === "scope-upgrade" \? false' unpacked/$v/package/dist 2>/dev/null | wc -l)"
done > facts/scope-upgrade-never-silent.txt
for v in $(cat ordered.txt); do
  echo "$v|$(grep -rhoE $G 'if \(\!?\(?(opts|params)\.allowUnconfigured[^{]{0,120}' unpacked/$v/package/dist 2>/dev/null | sed 's/\s\+/ /g' | sort -u | tr '\n' ';')"
done > facts/unconfigured.txt
python3 summarize.py > facts/table.tsv
python3 gen_table.py > facts/table.md

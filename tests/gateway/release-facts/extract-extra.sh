#!/bin/bash
# extract-extra.sh: fast grep-based supplements to extract.py (fields added after the main run).
# writes facts/<V>.extra.json
cd "${RELEASE_FACTS_DIR:?set RELEASE_FACTS_DIR}"
one() {
  V=$1; D=unpacked/$V/package/dist
  g() { grep -rhoE --include=*.js --include=*.mjs --exclude-dir=control-ui --exclude-dir=node_modules "$1" $D 2>/dev/null | sed 's/\s\+/ /g' | sort -u | head -${2:-6}; }
  python3 - "$V" <<PY
import json,sys
v=sys.argv[1]
out={
 'protocol_check': """$(g 'maxProtocol < [A-Za-z0-9_]+ \|\| minProtocol > [A-Za-z0-9_]+|minProtocol > [A-Za-z0-9_]+ \|\| maxProtocol < [A-Za-z0-9_]+|(maxProtocol|minProtocol)[^;\n]{0,20}(PROTOCOL_VERSION|MIN_[A-Z_]*PROTOCOL_VERSION)[^;\n]{0,60}' 8)""".strip().splitlines(),
 'client_protocol_default': """$(g 'minProtocol: [A-Za-z0-9_.?]+ ?[0-9A-Z_]*,' 4)""".strip().splitlines(),
 'hello_version': """$(g 'server: \{\s*version: [^\n]+' 4)""".strip().splitlines(),
}
json.dump(out, open(f'facts/{v}.extra.json','w'), indent=1)
PY
}
export -f one
grep -v '^$' stable.txt | xargs -P 2 -I{} bash -c 'one {}'

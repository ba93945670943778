#!/bin/bash
# fetch.sh: download (npm pack, no deps) + unpack every stable release listed in stable.txt, 4 in parallel.
cd "${RELEASE_FACTS_DIR:?set RELEASE_FACTS_DIR}"
one() {
  V=$1
  [ -f unpacked/$V/.ok ] && return
  rm -rf unpacked/$V; mkdir -p unpacked/$V packs/$V
  f=$(npm pack openclaw@$V --pack-destination packs/$V --silent 2>>fetch.err | tail -1)
  tar xzf packs/$V/$f -C unpacked/$V && rm -rf packs/$V && touch unpacked/$V/.ok
  echo "$V done $(du -sh unpacked/$V | cut -f1)"
}
export -f one
xargs -P 4 -I{} bash -c 'one {}' < stable.txt

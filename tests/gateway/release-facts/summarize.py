#!/usr/bin/env python3
"""Summarize facts/<V>.json (from extract.py) into one row per release + a list of boundaries.

usage: summarize.py            -> TSV table on stdout, facts/boundaries.txt
"""
import json, os, re

R = os.environ['RELEASE_FACTS_DIR']
versions = [l.strip() for l in open(f'{R}/ordered.txt') if l.strip()]
pc = dict((l.split(' ',1)+[''])[:2] for l in open(f'{R}/facts/protocol-check.txt').read().splitlines())
times = json.load(open(f'{R}/time.json'))


def load(v):
    p = f'{R}/facts/{v}.json'
    return json.load(open(p)) if os.path.exists(p) else None


def version_behaviour(d):
    ex = ' '.join(d.get('hello_server_version_expr') or [])
    fns = d.get('version_funcs') or {}
    rsv = fns.get('resolveRuntimeServiceVersion', '')
    if 'npm_package_version ?? "dev"' in ex:
        return 'env|dev'           # OPENCLAW_VERSION ?? npm_package_version ?? "dev"
    if '"dev"' in ex or ex.endswith('process.env'):
        if 'runtimeVersion' in rsv or 'VERSION' in rsv.replace('OPENCLAW_VERSION', '').replace('SERVICE_VERSION', ''):
            return 'real(VERSION)|dev?'
        return 'env|dev'           # OPENCLAW_VERSION / OPENCLAW_SERVICE_VERSION / npm_package_version, else "dev"
    if 'resolveRuntimeServiceVersion' in ex:
        if 'runtimeVersion' in rsv:
            fb = ' '.join(d.get('version_fallback') or [])
            m = re.search(r'=\s*"([^"]*)"', fb)
            return 'real(VERSION; env OPENCLAW_VERSION wins' + ('; fallback ' + m.group(1) if m else '') + ')'
        return 'env|?'
    return '?:' + ex[:60]


def proto(d):
    chk = pc.get(d['version'], '')
    if 'supportsCurrentProtocol = maxProtocol >= 4' in chk:
        return '4 (operators need 4' + ('; node 3 still accepted' if 'PreviousNode' in chk else '') + ')'
    if 'maxProtocol < 3 || minProtocol > 3' in chk:
        return '3'
    c = dict(x.split('=') for x in d.get('protocol_consts') or [] if x.split('=')[1] != '97')
    s = c.get('PROTOCOL_VERSION', '?')
    if 'MIN_CLIENT_PROTOCOL_VERSION' in c:
        s += f" (min client {c['MIN_CLIENT_PROTOCOL_VERSION']}, node {c.get('MIN_NODE_PROTOCOL_VERSION','?')}, probe {c.get('MIN_PROBE_PROTOCOL_VERSION','?')})"
    return s


def sig(d):
    v = list(d.get('sig_payload_versions') or [])
    return '+'.join(v) + (' skew ' + re.sub(r'.*=\s*', '', d['sig_skew'][0]) if d.get('sig_skew') else '')


def scopes_short(d):
    return ','.join(s.replace('operator.', '') for s in d.get('operator_scope_literals') or [] if s != 'operator.match.move')


def methods(d):
    ev = {'device.pair.requested', 'device.pair.resolved', 'device.pair.changed', 'device.token.rotated', 'device.token.revoked'}
    return ','.join(m.replace('device.', '') for m in d.get('device_methods') or [] if m not in ev)


def schemas(d):
    s = d.get('device_param_schemas') or {}
    return ';'.join(f"{k.replace('ParamsSchema','').replace('Device','')}({v})" for k, v in sorted(s.items()))


def state_schema(d):
    vals = d.get('state_schema_version') or []
    nums = sorted({int(x.split(':')[1]) for x in vals if x.split(':')[1].isdigit() and not x.startswith('primary:3')} )
    pub = [x for x in vals if x.startswith(('publish:', 'newer-check:', 'const:'))]
    if pub:
        return ','.join(sorted({x.split(':')[1] for x in pub}))
    prim = [x.split(':')[1] for x in vals if x.startswith('primary:')]
    return ','.join(sorted(set(prim))) if prim else '-'


def store_where(d):
    srl = d.get('store_region_literals') or {}
    pairing = set()
    for k, v in srl.items():
        if 'device-pairing' in k:
            pairing.update(v)
    ident = set(); auth = set()
    for k, v in srl.items():
        if 'device-identity' in k:
            ident.update(v)
        if 'device-auth' in k:
            auth.update(v)
    return pairing, ident, auth


rows = []
prev = None
bound = []
cols = ['version', 'date', 'builtAt', 'server.version', 'protocol', 'sig', 'scopes', 'cli_default', 'fn:operatorScopeSatisfied',
        'fn:roleScopesAllow', 'fn:scopesAllow', 'connect pairedScopes', 'fn:rotate', 'fn:approve', 'methods', 'schemas',
        'ddl device_pairing_paired', 'ddl device_pairing_pending', 'ddl device_identities', 'ddl device_auth_tokens',
        'state schema', 'pairing-region literals', 'identity-region literals', 'auth-region literals',
        'allow-unconfigured', 'run inherits parent opts', 'start msgs']
print('\t'.join(cols))
for v in versions:
    d = load(v)
    if not d:
        continue
    fh = d.get('fn_hashes') or {}
    p, i, a = store_where(d)
    r = {
        'version': v, 'date': times.get(v, '')[:10], 'builtAt': ((d.get('build_info') or {}).get('builtAt') or '')[:10],
        'server.version': version_behaviour(d), 'protocol': proto(d), 'sig': sig(d), 'scopes': scopes_short(d),
        'cli_default': ' '.join(d.get('cli_default_scopes') or [])[:120],
        'fn:operatorScopeSatisfied': fh.get('operatorScopeSatisfied', '-'), 'fn:roleScopesAllow': fh.get('roleScopesAllow', '-'),
        'fn:scopesAllow': fh.get('scopesAllow', '-'),
        'connect pairedScopes': ' | '.join(d.get('connect_paired_scopes_expr') or []),
        'fn:rotate': fh.get('rotateDeviceToken', '-'), 'fn:approve': fh.get('approveDevicePairing', '-'),
        'methods': methods(d), 'schemas': schemas(d),
        'ddl device_pairing_paired': (d.get('ddl_hash') or {}).get('device_pairing_paired', '-'),
        'ddl device_pairing_pending': (d.get('ddl_hash') or {}).get('device_pairing_pending', '-'),
        'ddl device_identities': (d.get('ddl_hash') or {}).get('device_identities', '-'),
        'ddl device_auth_tokens': (d.get('ddl_hash') or {}).get('device_auth_tokens', '-'),
        'state schema': state_schema(d),
        'pairing-region literals': ','.join(sorted(p)), 'identity-region literals': ','.join(sorted(i)),
        'auth-region literals': ','.join(sorted(a)),
        'allow-unconfigured': 'yes' if d.get('allow_unconfigured_opt') else 'no',
        'run inherits parent opts': 'yes' if d.get('run_inherits_parent_opts') else 'no',
        'start msgs': ' / '.join(d.get('start_blocked_msgs') or [])[:200],
    }
    print('\t'.join(str(r[c]) for c in cols))
    if prev:
        for c in cols[2:]:
            if r[c] != prev[c]:
                bound.append(f'{v}\t{c}\t{prev[c]}  ->  {r[c]}')
    prev = r
open(f'{R}/facts/boundaries.txt', 'w').write('\n'.join(bound) + '\n')

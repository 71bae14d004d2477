# Generates crates/marsad-extract/tests/corpus.json from a compact notation.
# Each case: text | events ; events separated by " ;; ", each "TYPE/mode/status key=value ...".
# keys: t=trigger substring, a=actor text substring, l=location text substring, q=quantity value,
#       s=attribution chain (texts separated by >), d=duration days, r=recipient substring, m=mediator substring,
#       na=a text no actor may contain, nr=a text no recipient may contain, nl=a text no location may contain,
#       ns=a text no attribution source may contain, nt=a text the event's time may not contain
# "-" for no mode / any; a case with "NONE" expects no events.
import json, sys
SRC = open(sys.argv[1], encoding='utf-8').read()
cases = []
for line in SRC.splitlines():
    line = line.strip()
    if not line or line.startswith('#'):
        continue
    pub = None
    if line.startswith('@'):
        pub, line = line[1:].split(' ', 1)
    gap = None
    if '!!' in line:
        line, gap = [x.strip() for x in line.split('!!')]
    text, evs = [x.strip() for x in line.split('||')]
    events = []
    if evs != 'NONE':
        for ev in evs.split(';;'):
            parts = ev.split()
            typ, mode, status = (parts[0].split('/') + ['-', '-'])[:3]
            e = {'type': typ}
            if mode != '-': e['mode'] = None if mode == 'null' else mode
            if status != '-': e['status'] = status
            for kv in parts[1:]:
                k, v = kv.split('=', 1)
                v = v.replace('_', ' ')
                key = {'t': 'trigger', 'a': 'actor', 'l': 'location', 'q': 'quantity', 's': 'attribution',
                       'd': 'duration', 'r': 'recipient', 'm': 'mediator',
                       'na': 'no_actor', 'nr': 'no_recipient', 'nl': 'no_location', 'ns': 'no_source',
                       'nt': 'no_time'}[k]
                if key in ('quantity', 'duration'): v = float(v)
                if key == 'attribution': v = v.split('>')
                e[key] = v
            events.append(e)
    c = {'text': text, 'events': events}
    if pub: c['published'] = pub
    if gap: c['known_gap'] = gap
    cases.append(c)
json.dump({'_comment': 'Arabic sentences written for marsad by its developers (not from any corpus), with the events the guideline expects. Run by tests/corpus.rs.', 'cases': cases}, open(sys.argv[2], 'w', encoding='utf-8'), ensure_ascii=False, indent=1)
print(len(cases), 'cases', sum(len(c['events']) for c in cases), 'events')

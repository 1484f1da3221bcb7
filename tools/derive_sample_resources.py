#!/usr/bin/env python3
"""Derives the small, committed resource files under jobs/src/main/resources/sample/ from the real
publications in shared/real-data/ (see that folder's PROVENANCE.md). Run once, by hand:

    python3 tools/derive_sample_resources.py /work/shared/real-data jobs/src/main/resources/sample

Python 3 standard library only (an .xlsx file is a zip of XML). The generator never reads the raw
publications: it reads only what this script wrote. All inputs are Open Government Licence v3.0.
"""
import csv
import datetime
import gzip
import io
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
REL = '{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id'


def xlsx_rows(path, sheet_name):
    """Yields each row of one sheet as a list of cell texts (None for an empty cell)."""
    z = zipfile.ZipFile(path)
    shared = []
    if 'xl/sharedStrings.xml' in z.namelist():
        root = ET.fromstring(z.read('xl/sharedStrings.xml'))
        for si in root.findall('m:si', NS):
            shared.append(''.join(t.text or '' for t in si.iter('{%s}t' % NS['m'])))
    wb = ET.fromstring(z.read('xl/workbook.xml'))
    rels = {r.get('Id'): r.get('Target') for r in ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))}
    target = None
    for s in wb.find('m:sheets', NS):
        if s.get('name') == sheet_name:
            target = rels[s.get(REL)].lstrip('/')
    if target is None:
        raise SystemExit('%s: no sheet %r' % (path, sheet_name))
    if not target.startswith('xl/'):
        target = 'xl/' + target
    for _, el in ET.iterparse(z.open(target)):
        if el.tag != '{%s}row' % NS['m']:
            continue
        cells = {}
        for c in el.findall('m:c', NS):
            col = 0
            for ch in re.match('[A-Z]+', c.get('r')).group():
                col = col * 26 + ord(ch) - 64
            v = c.find('m:v', NS)
            if c.get('t') == 's':
                cells[col - 1] = shared[int(v.text)]
            elif c.get('t') == 'inlineStr':
                cells[col - 1] = ''.join(x.text or '' for x in c.iter('{%s}t' % NS['m']))
            else:
                cells[col - 1] = v.text if v is not None else None
        el.clear()
        yield [cells.get(i) for i in range(max(cells) + 1)] if cells else []


SMALL = {'AND', 'OF', 'ON', 'UPON', 'FOR', 'THE', 'IN', 'AT'}


def title_case(name):
    """MANCHESTER UNIVERSITY NHS FOUNDATION TRUST -> Manchester University NHS Foundation Trust."""
    out = []
    for i, word in enumerate(name.split()):
        if word == 'NHS':
            out.append(word)
        elif i > 0 and word in SMALL:
            out.append(word.lower())
        else:
            out.append('-'.join(p[:1] + p[1:].lower() for p in word.split('-')))
    return ' '.join(out)


SPECIALIST = {  # by name in the brief, plus single-specialty trusts the name rules would call acute
    'RP4', 'RP6', 'RPY', 'RBV', 'RT3', 'RBQ', 'RRJ', 'REN', 'RGM', 'RQ3', 'RBS', 'RCU', 'RAN', 'RET', 'RNK',
    'RL1', 'REP', 'RPC'}
MENTAL_HEALTH = {  # mental health trusts whose names carry none of the keywords
    'RP1', 'RHA', 'RNU', 'RWX', 'RDY', 'RXM', 'RW1', 'RPG', 'RWK', 'RAT', 'RV3', 'RV5', 'RX3', 'RX4', 'RV9',
    'RXE', 'RTQ', 'RTV', 'TAF', 'RT1', 'RMY', 'RLY'}
COMMUNITY = {  # community trusts whose names would otherwise read as mental health or acute
    'R1A', 'R1J', 'R1E', 'R1C', 'RY3'}
ACUTE = {'RMP'}  # Tameside and Glossop Integrated Care: an acute trust despite "care"


def sector(code, name):
    n = name.upper()
    if code in SPECIALIST:
        return 'SPECIALIST'
    if code in MENTAL_HEALTH:
        return 'MENTAL_HEALTH'
    if code in COMMUNITY:
        return 'COMMUNITY'
    if code in ACUTE:
        return 'ACUTE'
    if 'AMBULANCE' in n:
        return 'AMBULANCE'
    if 'COMMUNITY' in n:
        return 'COMMUNITY'
    if 'MENTAL HEALTH' in n or 'PARTNERSHIP' in n or re.search(r'\bCARE\b', n):
        return 'MENTAL_HEALTH'
    return 'ACUTE'


def iso(yyyymmdd):
    return '%s-%s-%s' % (yyyymmdd[:4], yyyymmdd[4:6], yyyymmdd[6:]) if yyyymmdd else ''


def write(path, header, rows):
    with open(path, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        w.writerows(rows)
    print('wrote %s (%d rows)' % (path, len(rows)))


def trusts(real, out):
    rows = []
    with gzip.open(os.path.join(real, 'etrust_2018-09.csv.gz'), 'rt', encoding='latin-1') as f:
        for r in csv.reader(f):
            if len(r[0]) != 3:
                continue  # 5-character codes are sites
            name = title_case(r[1])
            org_type = 'FOUNDATION_TRUST' if 'FOUNDATION TRUST' in r[1].upper() else 'NHS_TRUST'
            rows.append([r[0], name, org_type, sector(r[0], r[1]), r[2], iso(r[10]), iso(r[11]), r[1]])
    rows.sort()
    write(os.path.join(out, 'trusts-2018-09.csv'),
          ['org_code', 'org_name', 'org_type', 'sector', 'region_code', 'open_date', 'close_date', 'etr_name'],
          rows)


def deflators(real, out):
    rows = []
    for r in xlsx_rows(os.path.join(real, 'gdp-deflators-budget-march-2020.xlsx'), '11032020 deflator update'):
        if len(r) > 2 and r[1] and re.fullmatch(r'\d{4}-\d{2}', r[1].strip()):
            try:
                value = float(r[2])
            except (TypeError, ValueError):
                continue  # forecast years are shown as '-'
            rows.append([r[1].strip(), repr(value)])
    write(os.path.join(out, 'gdp-deflators-2020-03.csv'), ['fin_year', 'index'], rows)


UK = {'British', 'English', 'Scottish', 'Welsh', 'Northern Irish'}
EU = {'Austrian', 'Belgian', 'Bulgarian', 'Croatian', 'Cypriot', 'Czech', 'Danish', 'Dutch', 'Estonian',
      'Finnish', 'French', 'German', 'Greek', 'Hungarian', 'Irish', 'Italian', 'Latvian', 'Lithuanian',
      'Luxembourg', 'Maltese', 'Polish', 'Portuguese', 'Romanian', 'Slovak', 'Slovenian', 'Spanish', 'Swedish'}


def workforce(real, out):
    sums = {}
    names = {}
    path = os.path.join(real, 'hchs-staff-by-staff-group-nationality-and-organisation-2017-09-and-2018-06.xlsx')
    for r in xlsx_rows(path, 'Data'):
        if not r or r[0] != '2018-JUN':
            continue
        code = r[1]
        if len(code) != 3 or code[0] not in 'RT':
            continue  # CCGs and other bodies
        nat = r[4]
        group = 0 if nat in UK else 1 if nat in EU else 3 if nat == 'Unknown' else 2
        acc = sums.setdefault((code, r[3]), [0.0, 0.0, 0.0, 0.0])
        acc[group] += float(r[5])
        names[code] = r[2]
    rows = []
    for (code, staff_group), acc in sorted(sums.items()):
        parts = [round(x, 2) for x in acc]
        rows.append([code, staff_group, '%.2f' % sum(parts)] + ['%.2f' % p for p in parts])
    write(os.path.join(out, 'workforce-fte-2018-06.csv'),
          ['org_code', 'staff_group', 'fte', 'fte_uk', 'fte_eu', 'fte_rest_of_world', 'fte_unknown'], rows)
    for code in sorted(c for c in names if c.startswith('T')):
        print('  care trust in the workforce file, not in the etr file: %s %s' % (code, names[code]))


DSPT_STATUS = {
    'Standards Met': 'STANDARDS_MET',
    'Standards Exceeded': 'STANDARDS_EXCEEDED',
    'Standards not fully met (plan agreed)': 'PLAN_AGREED',
    'Standards Not Met': 'STANDARDS_NOT_MET',
    'Entry Level': 'ENTRY_LEVEL',
    None: 'NOT_PUBLISHED',
}


def dspt(real, out):
    rows = []
    header = None
    for r in xlsx_rows(os.path.join(real, 'dspt_2018-19_snapshot_2019-06-17.xlsx'),
                       'DSPT Organisation Profile Progr'):
        if header is None:
            header = r
            continue
        r = r + [None] * (6 - len(r))
        code = r[1] or ''
        if len(code) != 3 or code[0] not in 'RT':
            continue  # only trust-level codes
        status = DSPT_STATUS[r[2]]
        when = ''
        if r[3]:
            when = (datetime.date(1899, 12, 30) + datetime.timedelta(days=int(float(r[3])))).isoformat()
        rows.append([code, status, when, r[4] or ''])
    rows.sort()
    write(os.path.join(out, 'dspt-2018-19.csv'), ['org_code', 'status', 'status_date', 'primary_sector'], rows)


def main():
    real, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    trusts(real, out)
    deflators(real, out)
    workforce(real, out)
    dspt(real, out)


if __name__ == '__main__':
    main()

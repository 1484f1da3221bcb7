#!/usr/bin/env python3
"""Independent check of the numbers the importer tests assert on the real publications.

Python standard library only (zipfile + xml.etree over the sheet XML, csv + gzip for ODS), sharing no
code or logic with the Java importers. Run from the repository root:

    python3 jobs/src/test/resources/importer/independent_check.py ../shared/real-data

Numbers are taken as Python's shortest repr of the stored double (e.g. 0.74666999999999994 -> 0.74667),
which is what Excel shows, and summed exactly with Decimal.
"""
import collections
import csv
import datetime
import gzip
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from decimal import Decimal

NS = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'


def sheet_rows(path, sheet_xml):
    z = zipfile.ZipFile(path)
    strings = []
    if 'xl/sharedStrings.xml' in z.namelist():
        for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall(NS + 'si'):
            strings.append(''.join(t.text or '' for t in si.iter(NS + 't')))
    for _, el in ET.iterparse(z.open(sheet_xml)):
        if el.tag == NS + 'row':
            cells = {}
            for c in el.findall(NS + 'c'):
                col = re.match(r'[A-Z]+', c.get('r')).group(0)
                v = c.find(NS + 'v')
                if c.get('t') == 's':
                    cells[col] = strings[int(v.text)]
                else:
                    cells[col] = v.text if v is not None else ''
            yield int(el.get('r')), cells
            el.clear()


def is_trust(code):
    return len(code) == 3 and code[0] in 'RT'


def main(real):
    # Workforce: sheet 'Data' is xl/worksheets/sheet2.xml; A month, B org code, D staff group, F FTE
    wf = real + '/hchs-staff-by-staff-group-nationality-and-organisation-2017-09-and-2018-06.xlsx'
    total = collections.defaultdict(Decimal)
    trusts = collections.defaultdict(set)
    keys = collections.defaultdict(set)
    for r, c in sheet_rows(wf, 'xl/worksheets/sheet2.xml'):
        if r == 1 or not is_trust(c['B']):
            continue
        total[c['A']] += Decimal(repr(float(c['F'])))
        trusts[c['A']].add(c['B'])
        keys[c['A']].add((c['B'], c['D']))
    for month in sorted(total):
        print('workforce', month, 'trust FTE', total[month], 'trusts', len(trusts[month]),
              'rows after summing nationality', len(keys[month]))

    # DSPT: B ODSCode, C PublicationStatus, D DateOfPublication (serial, 1900 system)
    dspt = real + '/dspt_2018-19_snapshot_2019-06-17.xlsx'
    statuses = collections.Counter()
    for r, c in sheet_rows(dspt, 'xl/worksheets/sheet1.xml'):
        code = c.get('B', '').strip()
        if r == 1 or not is_trust(code):
            continue
        statuses[c.get('C', '')] += 1
        if code == 'R0A':
            print('dspt R0A', c['C'], datetime.date(1899, 12, 30) + datetime.timedelta(days=int(c['D'])))
    print('dspt trusts', sum(statuses.values()), dict(statuses))

    # Deflators: B financial year, C index (2018-19 = 100)
    defl = real + '/gdp-deflators-budget-march-2020.xlsx'
    for r, c in sheet_rows(defl, 'xl/worksheets/sheet1.xml'):
        if c.get('B', '') in ('2013-14', '2018-19'):
            print('deflator', c['B'], repr(float(c['C'])))

    # ODS etr: field 1 code
    with gzip.open(real + '/etrust_2018-09.csv.gz', 'rt') as f:
        codes = [row[0] for row in csv.reader(f)]
    print('etr trust-level codes', sum(1 for x in codes if len(x) == 3), 'sites', sum(1 for x in codes if len(x) == 5))


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '../shared/real-data')

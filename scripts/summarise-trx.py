"""Adds up the counters of every .trx file under a folder and prints 'tests: N passed, N failed, N skipped'."""
import pathlib
import sys
import xml.etree.ElementTree as ElementTree

NAMESPACE = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
passed = failed = skipped = 0
for trx in pathlib.Path(sys.argv[1]).rglob("*.trx"):
    counters = ElementTree.parse(trx).getroot().find(f"{NAMESPACE}ResultSummary/{NAMESPACE}Counters")
    if counters is None:
        continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += int(counters.get("notExecuted", 0))
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")

"""Adds up the counters of every .trx file under a folder, names each failed test with the start of its message,
and ends with one line 'tests: N passed, N failed, N skipped'."""
import pathlib
import sys
import xml.etree.ElementTree as ElementTree

NAMESPACE = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
passed = failed = skipped = 0
failures = []
for trx in sorted(pathlib.Path(sys.argv[1]).rglob("*.trx")):
    root = ElementTree.parse(trx).getroot()
    counters = root.find(f"{NAMESPACE}ResultSummary/{NAMESPACE}Counters")
    if counters is None:
        continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    # The VSTest logger counts a skipped test in total but neither in executed nor in notExecuted.
    skipped += int(counters.get("total", 0)) - int(counters.get("executed", 0))
    for result in root.iter(f"{NAMESPACE}UnitTestResult"):
        if result.get("outcome") not in ("Failed", "Error", "Timeout", "Aborted"):
            continue
        message = result.findtext(f"{NAMESPACE}Output/{NAMESPACE}ErrorInfo/{NAMESPACE}Message") or ""
        first_lines = "\n      ".join(message.strip().splitlines()[:6])
        failures.append(f"  FAILED {result.get('testName')} ({result.get('duration')})\n      {first_lines}")
if failures:
    print("failed tests:")
    print("\n".join(failures))
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")

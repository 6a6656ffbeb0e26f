# oracle_cli.py: what the oracle scripts share (forward_oracle,
# torch_oracle, aot_oracle): the command line (DRIVER and SRCROOT
# positionals with their environment defaults, -k, --keep and -v), finding
# the driver, and the PASS/FAIL lines with their counts.

import argparse
import os
import shutil
import sys


def make_parser(doc, filter_help="only cases whose name contains this",
                verbose_help=None):
    """A parser with the shared arguments; scripts add their own."""
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=doc)
    parser.add_argument("driver", nargs="?",
                        default=os.environ.get("ADJOINT", "adjoint"))
    parser.add_argument("srcroot", nargs="?",
                        default=os.environ.get(
                            "ADJOINT_SRC_ROOT",
                            os.path.dirname(os.path.dirname(here))))
    parser.add_argument("-k", dest="filter", default="", help=filter_help)
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary directories")
    parser.add_argument("-v", dest="verbose", action="store_true",
                        help=verbose_help)
    return parser


def find_driver(name):
    """The driver's path; None after printing why and a failed summary."""
    driver = shutil.which(name) or name
    if not os.path.isfile(driver):
        print(f"error: driver '{name}' not found", file=sys.stderr)
        print("0 passed, 1 failed")
        return None
    return driver


class Tally:
    """PASS/FAIL lines, and the counts of the `N passed, M failed` summary."""

    def __init__(self, verbose):
        self.verbose = verbose
        self.passed = 0
        self.failed = 0

    def report(self, name, problems, details=()):
        """PASS or FAIL `name` with its problems; `details` under -v or on a
        failure. `problems` None prints `name` as a note."""
        if problems is None:
            print(name)
            return
        if problems:
            self.failed += 1
            print(f"FAIL {name}")
            for p in problems:
                print(f"  {p}")
        else:
            self.passed += 1
            print(f"PASS {name}")
        if self.verbose or problems:
            for d in details:
                print(f"    {d}")
        sys.stdout.flush()

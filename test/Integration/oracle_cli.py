# oracle_cli.py: the command line the oracle scripts share (forward_oracle,
# torch_oracle, aot_oracle): DRIVER and SRCROOT positionals with their
# environment defaults, -k, --keep and -v, and finding the driver.

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

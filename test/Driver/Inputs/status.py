# Usage: status.py N COMMAND [ARG...]
# Runs COMMAND with its standard streams passed through and exits with 0
# exactly when COMMAND exits with status N (lit's `not` accepts any failure).
import subprocess
import sys

want = int(sys.argv[1])
got = subprocess.call(sys.argv[2:])
if got != want:
    sys.stderr.write("status.py: expected exit status %d, got %d\n" % (want, got))
    sys.exit(1)

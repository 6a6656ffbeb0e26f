# Small .npy helper for the driver tests.
#
#   npy.py save DIR [--f64] NAME=VALUE...
#       Writes DIR/NAME.npy for each NAME (f32 unless --f64). VALUE is a
#       Python literal: `3` is a scalar (shape ()), `[1,2]` a vector,
#       `[[1,2],[3,4]]` a matrix.
#   npy.py show FILE...
#       Prints `NAME: DTYPE SHAPE VALUES` per file, NAME being the file name
#       without `.npy` and VALUES the nested list of the values as Python
#       floats (exact: every f32 value is a double); -0.0 shows as 0.0.
#   npy.py same FILE FILE
#       Exits 0 when both files hold the same dtype, shape and values
#       (bit for bit but for the sign of zeros); else prints why, exits 1.
#   npy.py close FILE FILE TOLERANCE
#       Exits 0 when both files hold the same dtype and shape and every
#       element pair has |x - y| / max(1, |x| + |y|) <= TOLERANCE; else
#       prints the largest error, exits 1.
import ast
import os
import sys

import numpy as np


def save(args):
    directory, dtype = args[0], np.float32
    os.makedirs(directory, exist_ok=True)
    for arg in args[1:]:
        if arg == "--f64":
            dtype = np.float64
            continue
        name, value = arg.split("=", 1)
        np.save(os.path.join(directory, name + ".npy"),
                np.array(ast.literal_eval(value), dtype=dtype))


def show(args):
    for path in args:
        array = np.load(path)
        array = np.where(array == 0, np.zeros_like(array), array)
        name = os.path.basename(path)[:-len(".npy")]
        print("%s: %s %s %s" % (name, array.dtype, array.shape,
                                array.tolist()))


def same(args):
    a, b = np.load(args[0]), np.load(args[1])
    if a.dtype != b.dtype or a.shape != b.shape or not np.array_equal(a, b):
        print("differ: %s %s %s vs %s %s %s" % (args[0], a.dtype, a.shape,
                                               args[1], b.dtype, b.shape))
        print(a.tolist())
        print(b.tolist())
        sys.exit(1)


def close(args):
    a, b, tolerance = np.load(args[0]), np.load(args[1]), float(args[2])
    if a.dtype != b.dtype or a.shape != b.shape:
        print("differ: %s %s %s vs %s %s %s" % (args[0], a.dtype, a.shape,
                                               args[1], b.dtype, b.shape))
        sys.exit(1)
    x, y = a.astype(np.float64), b.astype(np.float64)
    error = np.max(np.abs(x - y) / np.maximum(1, np.abs(x) + np.abs(y)),
                   initial=0)
    if not error <= tolerance:
        print("differ: %s vs %s: error %g > %g" % (args[0], args[1], error,
                                                    tolerance))
        sys.exit(1)


{"save": save, "show": show, "same": same, "close": close}[sys.argv[1]](sys.argv[2:])

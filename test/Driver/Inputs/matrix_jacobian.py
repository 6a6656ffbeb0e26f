# Usage: matrix_jacobian.py DATA JACOBIANS
# Checks the Jacobians `adjoint jacobian` wrote for Inputs/matrix.adj
# (c = a b, t = c^T, r = slice(concat(a, b, axis=1), 1..3 on axis 1),
# mx = max(c, axis=0, keepdims)) against their closed forms, built from
# DATA/a.npy and DATA/b.npy, exactly (the products of a with the unit
# tangents or cotangents are exact). Prints `NAME: SHAPE ok` per block;
# exits 1 on a difference.
import os
import sys

import numpy as np

data, out = sys.argv[1], sys.argv[2]
a, b = np.load(os.path.join(data, "a.npy")), np.load(os.path.join(data, "b.npy"))
c = a @ b
eye = np.eye(2, dtype=np.float32)
# dc[i, j] / db[k, l] = a[i, k] delta(j, l)
dc = np.einsum("ik,jl->ijkl", a, eye)
# t[i, j] = c[j, i]
dt = dc.transpose(1, 0, 2, 3)
# r[:, 0] = a[:, 1] (no b), r[i, 1] = b[i, 0]
dr = np.zeros((2, 2, 2, 2), np.float32)
for i in range(2):
    dr[i, 1, i, 0] = 1
# mx[0, j] = c[m_j, j], m_j the first row where column j of c is largest
dmx = np.zeros((1, 2, 2, 2), np.float32)
for j in range(2):
    dmx[0, j] = dc[np.argmax(c[:, j]), j]
failed = False
for name, want in [("c", dc), ("t", dt), ("r", dr), ("mx", dmx)]:
    got = np.load(os.path.join(out, name + ".b.jacobian.npy"))
    if got.dtype != np.float32 or got.shape != want.shape or not np.array_equal(got, want):
        print("%s: got %s %s %s, want %s %s" % (name, got.dtype, got.shape,
                                               got.tolist(), want.shape, want.tolist()))
        failed = True
    else:
        print("%s: %s ok" % (name, got.shape))
sys.exit(1 if failed else 0)

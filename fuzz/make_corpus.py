#!/usr/bin/env python3
"""Writes the seed corpus of one fuzz target into a directory.

    make_corpus.py TARGET OUTDIR      (TARGET: graph, compile or npy)

graph: every model file (*.adj) of examples/, bench/ and test/, good and
bad (test/Graph holds one per parser error); compile: those of examples/
and test/ (the benchmarks' models take a minute each to compile there). npy: arrays of
both element types and ranks 0 to 3 in every format version, and broken
variants (truncated, bad magic, big-endian, Fortran order, extra bytes,
overlong header), each behind the prefix NpyFuzzer.cpp reads.
"""
import os
import shutil
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def model_files(tops):
    for top in tops:
        for directory, _, names in os.walk(os.path.join(ROOT, top)):
            for name in sorted(names):
                if name.endswith(".adj"):
                    yield os.path.join(directory, name)


def npy_bytes(descr, shape, data, version=1, fortran=False, header=None):
    """A .npy file; `header` replaces the dictionary text when given."""
    if header is None:
        dims = "".join("%d, " % d for d in shape) if len(shape) == 1 else \
            ", ".join(str(d) for d in shape)
        header = "{'descr': '%s', 'fortran_order': %s, 'shape': (%s), }" % (
            descr, fortran, dims)
    length_size = 2 if version == 1 else 4
    preamble = 8 + length_size
    total = (preamble + len(header) + 1 + 63) // 64 * 64
    text = header + " " * (total - preamble - len(header) - 1) + "\n"
    length = struct.pack("<H" if version == 1 else "<I", len(text))
    return b"\x93NUMPY" + bytes([version, 0]) + length + text.encode() + data


def prefix(f64, shape):
    """NpyFuzzer's prefix: element type and rank, then one byte per dim."""
    return bytes([(1 if f64 else 0) | len(shape) << 1] + list(shape))


def npy_seeds():
    for f64 in (False, True):
        descr, size = ("<f8", 8) if f64 else ("<f4", 4)
        for shape in ((), (3,), (2, 3), (2, 1, 4)):
            count = 1
            for d in shape:
                count *= d
            data = b"\x01" * count * size
            good = npy_bytes(descr, shape, data)
            name = "%s-%s" % (descr[1:], "x".join(map(str, shape)) or "scalar")
            yield name, prefix(f64, shape) + good
            for version in (2, 3):
                yield "%s-v%d" % (name, version), prefix(f64, shape) + \
                    npy_bytes(descr, shape, data, version)
            yield name + "-truncated", prefix(f64, shape) + good[:-1]
            yield name + "-extra", prefix(f64, shape) + good + b"\0"
            yield name + "-fortran", prefix(f64, shape) + \
                npy_bytes(descr, shape, data, fortran=True)
            yield name + "-big-endian", prefix(f64, shape) + \
                npy_bytes(">" + descr[1:], shape, data)
    yield "bad-magic", prefix(False, ()) + b"\x93NUMPZ\x01\x00" + b"\0" * 8
    yield "short", prefix(False, ()) + b"\x93NUM"
    yield "header-not-dict", prefix(False, ()) + \
        npy_bytes("", (), b"\0" * 4, header="[1, 2]")
    yield "header-long", prefix(True, (1,)) + \
        npy_bytes("", (), b"\0" * 8, version=2, header="{" + " " * 70000 + "}")


def main():
    target, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    if target in ("graph", "compile"):
        tops = ["examples", "test"] + (["bench"] if target == "graph" else [])
        for path in model_files(tops):
            name = os.path.relpath(path, ROOT).replace(os.sep, "_")
            shutil.copyfile(path, os.path.join(out, name))
    elif target == "npy":
        for name, data in npy_seeds():
            with open(os.path.join(out, name + ".bin"), "wb") as f:
                f.write(data)
    else:
        sys.exit("make_corpus.py: unknown target '%s'" % target)


if __name__ == "__main__":
    main()

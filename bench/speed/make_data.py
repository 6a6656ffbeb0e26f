#!/usr/bin/env python3
"""make_data.py: writes the data of the speed benchmark, DIR/MODEL/NAME.npy
for every input and param declared in bench/speed/MODEL.adj, so that
adjoint (`--data DIR/MODEL`), torch_models.py and the hand-written C++ all
run on the same numbers. Values are uniform in [-1, 1) from a seeded NumPy
generator; matrix params are scaled by 1/sqrt(rows) so that the layers do
not saturate; the MLP's labels `y` are one-hot.
Usage: python3 bench/speed/make_data.py DIR"""

import pathlib
import re
import sys

import numpy as np

from make_models import HERE, MODELS

DECLARATION = re.compile(
    r"^(input|param) (\w+) : (f32|f64)(?:\[([0-9, ]+)\])?", re.MULTILINE)


def leaves(model: str):
    """(kind, name, dtype, shape) of each leaf declared in MODEL.adj."""
    text = (HERE / f"{model}.adj").read_text()
    for kind, name, dtype, dims in DECLARATION.findall(text):
        shape = tuple(int(d) for d in dims.split(",")) if dims else ()
        yield kind, name, np.dtype("<f4" if dtype == "f32" else "<f8"), shape


def one_hot(rng, rows: int, classes: int) -> np.ndarray:
    labels = np.zeros((rows, classes))
    labels[np.arange(rows), rng.integers(0, classes, rows)] = 1
    return labels


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    rng = np.random.default_rng(0)
    for model in MODELS:
        directory = pathlib.Path(sys.argv[1]) / model
        directory.mkdir(parents=True, exist_ok=True)
        for kind, name, dtype, shape in leaves(model):
            if (model, name) == ("mlp", "y"):
                values = one_hot(rng, *shape)
            else:
                values = rng.uniform(-1, 1, shape)
                if kind == "param" and len(shape) == 2:
                    values /= np.sqrt(shape[0])
            np.save(directory / f"{name}.npy", values.astype(dtype))


if __name__ == "__main__":
    main()

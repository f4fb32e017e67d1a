"""The 8x8 handwritten digits: real data, shipped inside the package.

``digits.csv.gz`` (57 kB) holds 1,797 images of handwritten digits, one per
line: 64 pixel counts (an 8x8 image row by row, each an integer 0 ... 16, the
number of ink pixels in a 4x4 block of a 32x32 bitmap), then the digit 0 ... 9.

Origin and licence: "Optical Recognition of Handwritten Digits" by
E. Alpaydin and C. Kaynak (1998), UCI Machine Learning Repository,
https://doi.org/10.24432/C50P49, licensed under Creative Commons Attribution
4.0 (CC BY 4.0, https://creativecommons.org/licenses/by/4.0/). The file is
the repository's test part (written by 13 people), as scikit-learn ships it
(``sklearn/datasets/data/digits.csv.gz``), copied unchanged.
"""

import gzip
import hashlib
import zlib
from pathlib import Path

import numpy as np

DATA_FILE = Path(__file__).with_name("digits.csv.gz")
N_SAMPLES, N_PIXELS, MAX_PIXEL = 1797, 64, 16
CLASS_COUNTS = (178, 182, 177, 183, 181, 182, 181, 179, 174, 180)
# SHA-256 of the 1797 x 65 values as unsigned bytes, row by row: the shipped content
CHECKSUM = "68aea062d35a127749050fa0e52dca09d6569ac08092c925610e0954e172dde2"


class DigitsFileError(OSError):
    """The digits file is missing or damaged; the message names it and says what to do."""


def _fail(path, problem):
    raise DigitsFileError(
        f"the digits data file {path} {problem}. It ships with the course package: "
        f"reinstall it (`make install`, or `pip install --force-reinstall .` in the "
        f"course folder) to get it back.")


def _read_rows(path):
    """The file's lines as lists of strings, one field per pixel and the label."""
    try:
        with gzip.open(path, "rb") as f:
            raw = f.read()
    except FileNotFoundError:
        _fail(path, "is missing")
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        _fail(path, f"is damaged (not a complete gzip file: {type(error).__name__})")
    except OSError as error:
        _fail(path, f"cannot be read ({type(error).__name__}: {error.strerror or error})")
    try:
        text = raw.decode("ascii")
    except UnicodeDecodeError:
        _fail(path, "is damaged (it holds bytes that are not text)")
    return [line.split(",") for line in text.splitlines() if line.strip()]


def _parse(path, rows):
    """rows -> (N_SAMPLES, N_PIXELS + 1) uint8 array, every value checked."""
    if len(rows) != N_SAMPLES:
        _fail(path, f"is damaged: it holds {len(rows)} images, expected {N_SAMPLES}")
    for k, row in enumerate(rows):
        if len(row) != N_PIXELS + 1:
            _fail(path, f"is damaged: line {k + 1} has {len(row)} columns, expected "
                        f"{N_PIXELS + 1} ({N_PIXELS} pixels and the label)")
        if not all(field.strip().isdigit() for field in row):
            _fail(path, f"is damaged: line {k + 1} holds a value that is not a whole "
                        f"number >= 0")
    values = np.array([[int(field) for field in row] for row in rows])
    pixels, labels = values[:, :N_PIXELS], values[:, N_PIXELS]
    if pixels.max() > MAX_PIXEL:
        k = int(np.argmax(pixels.max(axis=1) > MAX_PIXEL))
        _fail(path, f"is damaged: line {k + 1} has a pixel above {MAX_PIXEL}")
    if labels.max() > 9:
        k = int(np.argmax(labels > 9))
        _fail(path, f"is damaged: line {k + 1} has the label {labels[k]}, expected 0 ... 9")
    if tuple(np.bincount(labels, minlength=10)) != CLASS_COUNTS:
        _fail(path, "is damaged: its number of images per digit differs from the shipped file")
    values = values.astype(np.uint8)
    if hashlib.sha256(values.tobytes()).hexdigest() != CHECKSUM:
        _fail(path, "is damaged: its values differ from the shipped file (checksum)")
    return values


def load_digits():
    """The 1,797 digits: x (1797, 64) float64 in [0, 1], labels (1797,) int64 in 0 ... 9.

    Row k of x is image k, its 8 rows of 8 pixels one after the other
    (``x[k].reshape(8, 8)`` is the picture), each pixel count divided by 16.
    Read from the file shipped in the package: no network. A missing or
    damaged file raises ``DigitsFileError`` (an ``OSError``) naming it.
    """
    values = _parse(DATA_FILE, _read_rows(DATA_FILE))
    x = values[:, :N_PIXELS].astype(np.float64) / MAX_PIXEL
    labels = values[:, N_PIXELS].astype(np.int64)
    return x, labels

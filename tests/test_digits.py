"""nnfs.data.load_digits: the shipped 8x8 digits, and a clear error for a damaged file."""

import gzip

import numpy as np
import pytest

from nnfs import digits
from nnfs.data import DigitsFileError, load_digits


def test_shape_dtype_and_range():
    x, labels = load_digits()
    assert x.shape == (1797, 64) and x.dtype == np.float64
    assert labels.shape == (1797,) and labels.dtype == np.int64
    assert x.min() == 0.0 and x.max() == 1.0
    # pixel counts 0 ... 16 divided by 16: every value is a multiple of 1/16
    np.testing.assert_array_equal(x * 16, np.round(x * 16))
    assert set(np.unique(labels)) == set(range(10))


def test_class_counts_are_those_of_the_uci_test_part():
    _, labels = load_digits()
    assert np.bincount(labels).tolist() == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]


def test_the_first_image_is_a_zero_with_its_ink_in_a_ring():
    x, labels = load_digits()
    assert labels[0] == 0 and labels[:10].tolist() == list(range(10))
    image = x[0].reshape(8, 8)
    assert image[3:5, 3:5].max() < 0.2 < image[3:5, [1, 6]].min()   # hollow middle, ink aside


def test_every_call_returns_new_arrays():
    x, labels = load_digits()
    x[:] = -1.0
    labels[:] = -1
    x2, labels2 = load_digits()
    assert x2.min() == 0.0 and labels2.min() == 0


def lines():
    with gzip.open(digits.DATA_FILE, "rt") as f:
        return f.read().splitlines()


def gz(text_lines):
    """A file builder: these lines, gzipped."""
    def build(path):
        with gzip.open(path, "wt") as f:
            f.write("\n".join(text_lines) + "\n")
    return build


def changed(k, edit):
    """A file builder: the shipped lines with line k changed by ``edit``."""
    good = lines()
    good[k] = edit(good[k])
    return gz(good)


def raw_bytes(data):
    return lambda path: path.write_bytes(data)


def binary(path):
    with gzip.open(path, "wb") as f:
        f.write(b"\xff\xfe" * 100)


# case -> (a builder that writes the damaged file, or None: no file; words of the message)
CASES = {
    "missing": (None, "is missing"),
    "truncated": (lambda p: p.write_bytes(digits.DATA_FILE.read_bytes()[:20000]),
                  "not a complete gzip file"),
    "not gzip": (lambda p: p.write_text("\n".join(lines())), "not a complete gzip file"),
    "binary": (binary, "not text"),
    "a row less": (lambda p: gz(lines()[:-1])(p), "1796 images, expected 1797"),
    "a column less": (lambda p: gz([r.split(",", 1)[1] for r in lines()])(p),
                      "line 1 has 64 columns, expected 65"),
    "not a number": (lambda p: changed(4, lambda r: r.replace(",", ",x", 1))(p),
                     "line 5 holds a value that is not a whole number"),
    "negative": (lambda p: changed(3, lambda r: "-" + r)(p),
                 "line 4 holds a value that is not a whole number"),
    "pixel 17": (lambda p: changed(6, lambda r: "17" + r[r.index(","):])(p),
                 "line 7 has a pixel above 16"),
    "label 12": (lambda p: changed(7, lambda r: r.rsplit(",", 1)[0] + ",12")(p),
                 "line 8 has the label 12"),
    "a label changed": (lambda p: changed(0, lambda r: r.rsplit(",", 1)[0] + ",1")(p),
                        "images per digit"),
    "one pixel changed": (lambda p: changed(2, lambda r: ("1" if r[0] == "0" else "0") + r[1:])(p),
                          "checksum"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_damaged_or_missing_file_names_itself_and_says_what_to_do(case, tmp_path,
                                                                    monkeypatch):
    build, words = CASES[case]
    path = tmp_path / "digits.csv.gz"
    if build is not None:
        build(path)
    monkeypatch.setattr(digits, "DATA_FILE", path)
    with pytest.raises(DigitsFileError) as info:
        load_digits()
    message = str(info.value)
    assert str(path) in message and words in message, message
    assert "reinstall" in message and "make install" in message
    assert isinstance(info.value, OSError)


def test_a_rewritten_but_identical_file_loads(tmp_path, monkeypatch):
    # another gzip header (time stamp, level) and no final newline: the same content
    path = tmp_path / "same.csv.gz"
    with gzip.open(path, "wt", compresslevel=1) as f:
        f.write("\n".join(lines()))
    monkeypatch.setattr(digits, "DATA_FILE", path)
    x, labels = load_digits()
    monkeypatch.undo()
    x0, labels0 = load_digits()
    np.testing.assert_array_equal(x, x0)
    np.testing.assert_array_equal(labels, labels0)


def test_the_file_is_declared_as_package_data():
    # an installed (non-editable) package holds only the data files pyproject.toml declares
    tomllib = pytest.importorskip("tomllib")        # Python 3.11+
    pyproject = digits.DATA_FILE.parent.parent / "pyproject.toml"
    declared = tomllib.loads(pyproject.read_text())["tool"]["setuptools"]["package-data"]
    assert digits.DATA_FILE.name in declared["nnfs"]
    assert digits.DATA_FILE.parent.name == "nnfs" and digits.DATA_FILE.is_file()

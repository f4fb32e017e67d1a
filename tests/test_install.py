"""The nnfs imported is this repository's, installed as the distribution nnfs-layers-course."""

import importlib.metadata
from pathlib import Path

import nnfs

REPO = Path(__file__).resolve().parents[1]


def test_nnfs_is_imported_from_this_repository():
    # "nnfs" on PyPI is another project; the tests must exercise ours
    package_dir = Path(nnfs.__file__).resolve().parent
    assert package_dir == REPO / "nnfs"
    assert hasattr(nnfs, "NeuronLayer") and hasattr(nnfs, "gradcheck")


def test_distribution_is_installed():
    dist = importlib.metadata.distribution("nnfs-layers-course")
    assert dist.metadata["Name"] == "nnfs-layers-course"
    assert dist.version == nnfs.__version__


def test_distribution_provides_the_nnfs_package():
    top = importlib.metadata.packages_distributions().get("nnfs", [])
    assert "nnfs-layers-course" in top


def test_public_names():
    for name in nnfs.__all__:
        assert hasattr(nnfs, name), name

"""Stored arrays: mapped from `.npy` files as `np.load` reads them, bad files named."""

from __future__ import annotations

import mmap
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from qa.search.arrays import map_array


def mapped(array: np.ndarray) -> bool:
    """Tell whether an array's memory is a file mapping rather than a copy."""
    base: Any = array
    while isinstance(base, np.ndarray):
        base = base.base
    return isinstance(base, memoryview) and isinstance(base.obj, mmap.mmap)


ARRAYS = {
    "int32": np.arange(-5, 40, dtype=np.int32),
    "int64": np.array([0, 2**40, -1], dtype=np.int64),
    "uint8": np.arange(200, dtype=np.uint8),
    "uint16": np.array([1, 65535], dtype=np.uint16),
    "float64": np.array([0.5, -1e300, np.inf]),
    "bytes": np.array([b"treaty", b"", b"a" * 16], dtype="S16"),
    "big_endian": np.arange(6, dtype=">i4"),
    "bool": np.array([True, False]),
    "matrix": np.arange(12, dtype=np.uint8).reshape(3, 4),
    "fortran": np.asfortranarray(np.arange(12, dtype=np.int32).reshape(3, 4)),
    "scalar": np.array(7, dtype=np.int64),
    "empty": np.empty(0, dtype=np.int32),
    "empty_rows": np.empty((0, 46), dtype=np.uint8),
    "empty_columns": np.empty((29, 0), dtype=np.float64),
}


@pytest.mark.parametrize("name", ARRAYS)
def test_an_array_maps_as_np_load_reads_it(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.npy"
    np.save(path, ARRAYS[name])
    array, expected = map_array(path), np.load(path)
    assert array.dtype == expected.dtype and array.shape == expected.shape
    assert np.array_equal(array, expected)
    assert not array.flags.writeable
    assert mapped(array)


def test_a_long_header_of_format_version_2_is_read(tmp_path: Path) -> None:
    path = tmp_path / "wide.npy"
    plain = np.arange(5, dtype=np.int32)
    with path.open("wb") as handle:
        np.lib.format.write_array(handle, plain, version=(2, 0))
    assert map_array(path).tolist() == plain.tolist()


def damaged(tmp_path: Path, change: str) -> Path:
    """Write a saved array, then damage it as `change` says."""
    path = tmp_path / "ids.npy"
    np.save(path, np.arange(100, dtype=np.int32))
    raw = path.read_bytes()
    end = 10 + int.from_bytes(raw[8:10], "little")
    header = raw[10:end]
    broken = {
        "empty": b"",
        "magic": b"\x93NUMPZ" + raw[6:],
        "version": raw[:6] + b"\x09\x00" + raw[8:],
        "cut_in_header": raw[:40],
        "cut_in_data": raw[:-4],
        "extra_data": raw + b"\0\0\0\0",
        "shape": raw[:10] + header.replace(b"(100,)", b"(1x0,)") + raw[end:],
        "negative": raw[:10] + header.replace(b"(100,)", b"(-10,)") + raw[end:],
        "descr": raw[:10] + header.replace(b"'<i4'", b"'<q9'") + raw[end:],
        "object": raw[:10] + header.replace(b"'<i4'", b"'|O'").replace(b"\n", b" \n") + raw[end:],
        "order": raw[:10] + header.replace(b"False", b"Maybe") + raw[end:],
        "not_a_dict": raw[:10] + b"[" + header[1:] + raw[end:],
    }[change]
    path.write_bytes(broken)
    return path


@pytest.mark.parametrize(
    "change",
    [
        "empty",
        "magic",
        "version",
        "cut_in_header",
        "cut_in_data",
        "extra_data",
        "shape",
        "negative",
        "descr",
        "object",
        "order",
        "not_a_dict",
    ],
)
def test_a_damaged_array_file_is_named_in_one_line(tmp_path: Path, change: str) -> None:
    path = damaged(tmp_path, change)
    with pytest.raises(ValueError) as raised:
        map_array(path)
    message = str(raised.value)
    assert message.startswith(f"{path}: ") and "\n" not in message

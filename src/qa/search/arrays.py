"""Map stored `.npy` arrays read-only, reading their headers without `np.load`.

`np.load` parses each header with `ast.literal_eval`, which costs `qa ask` about half a
millisecond per array, and a stored index has seventeen. `np.save` writes the header
dict in one fixed form (`{'descr': '<i4', 'fortran_order': False, 'shape': (46,), }`,
padded with spaces; numpy's documented .npy format), so it is read here with string
operations. Anything else, a truncated file or extra bytes, raises a one-line
ValueError naming the file; the arrays map the same pages `np.load(mmap_mode="r")`
would, touched only when read.
"""

from __future__ import annotations

import mmap
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

MAGIC = b"\x93NUMPY"
# Magic, two version bytes, then the header length: 2 bytes in version 1, 4 after.
PREAMBLE = {1: (10, 2), 2: (12, 4), 3: (12, 4)}
DESCR = "{'descr': '"
ORDER = "', 'fortran_order': "
SHAPE = ", 'shape': ("
END = "), }"


def map_array(path: Path) -> NDArray[Any]:
    """Map a `.npy` file read-only as a plain array; a ValueError names a bad file."""
    with path.open("rb") as handle:
        start = handle.read(12)
        if len(start) < 10 or start[:6] != MAGIC or start[6] not in PREAMBLE:
            raise ValueError(f"{path}: not a .npy array")
        at, width = PREAMBLE[start[6]]
        if len(start) < at:
            raise ValueError(f"{path}: not a .npy array")
        end = at + int.from_bytes(start[at - width : at], "little")
        handle.seek(0)
        head = handle.read(end)
        if len(head) < end:
            raise ValueError(f"{path}: truncated .npy header")
        dtype, shape, fortran = _header(path, head[at:end].decode("latin-1"))
        count = 1
        for n in shape:
            count *= n
        size = handle.seek(0, 2)
        if size != end + count * dtype.itemsize:
            raise ValueError(
                f"{path}: holds {size - end} bytes of data, its header needs "
                f"{count * dtype.itemsize}"
            )
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    flat = np.frombuffer(mapped, dtype, count, end)
    return flat.reshape(shape, order="F" if fortran else "C")


def _header(path: Path, text: str) -> tuple[np.dtype[Any], tuple[int, ...], bool]:
    """Return the dtype, shape and order a header written by `np.save` records."""
    text = text.rstrip(" \n")
    descr, _, rest = text.removeprefix(DESCR).partition(ORDER)
    order, _, dims = rest.partition(SHAPE)
    if not (text.startswith(DESCR) and dims.endswith(END) and order in ("True", "False")):
        raise ValueError(f"{path}: not a .npy header written by numpy: {text[:80]!r}")
    try:
        dtype = np.dtype(descr)
        shape = tuple(int(d) for d in dims.removesuffix(END).split(",") if d.strip())
    except (TypeError, ValueError):
        raise ValueError(f"{path}: unreadable .npy header: {text[:80]!r}") from None
    if dtype.hasobject or any(n < 0 for n in shape):
        raise ValueError(f"{path}: unreadable .npy header: {text[:80]!r}")
    return dtype, shape, order == "True"

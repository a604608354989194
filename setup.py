"""Build qa's one compiled module; everything else about the package is in pyproject.toml.

The module is optional: where no C compiler is found the install goes on without it,
and searches take the NumPy path (src/qa/search/walk.py), with the same results.
No fused multiply-add, so the compiled scores stay rank-bm25's to the bit.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "qa.search._walk",
            ["src/qa/search/_walk.c", "src/qa/search/_sums.c"],
            depends=["src/qa/search/_walk.h"],
            optional=True,
            extra_compile_args=["-O3", "-ffp-contract=off"],
        )
    ]
)

"""Load a layer file into the store; the same as `gim-broadband load` (see its --help).

python scripts/load_layer.py households PHH-QC.csv --speeds NBD_PHH_Speeds_QC.csv
"""

from __future__ import annotations

import sys

from app.cli import app


def main() -> None:
    """Run `gim-broadband load` with this script's arguments."""
    app(["load", *sys.argv[1:]], prog_name="load_layer.py")


if __name__ == "__main__":
    main()

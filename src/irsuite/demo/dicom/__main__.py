"""`python -m irsuite.demo.dicom --parent PID`: the demo's DICOM server, beside `serve`.

The real server (`irsuite dicom-listen`: worklist, MPPS, dose storage, verification) on
IRSUITE_DICOM_HOST and IRSUITE_DICOM_PORT, ending with its parent (the web server), so that
`irsuite demo-modality` can play a case against it while the newcomer watches the pages.
"""

from __future__ import annotations

import argparse
import os
import sys


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--parent", type=int, default=None)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "irsuite.settings")
    import django

    django.setup()
    from django.conf import settings

    from irsuite.interop.dicom.listener import start
    from irsuite.processes import die_with_parent

    if args.parent:
        die_with_parent(args.parent)
    try:
        start(settings.DICOM_HOST, settings.DICOM_PORT, "IRSUITE", block=True)
    except OSError as exc:
        print(
            f"DICOM demo not started: {exc} (set IRSUITE_DICOM_PORT to a free port)",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

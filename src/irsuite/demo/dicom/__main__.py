"""`python -m irsuite.demo.dicom --parent PID`: the demo's DICOM server, beside `serve`.

The real server (`irsuite dicom-listen`: worklist, MPPS, dose storage, verification) on
IRSUITE_DICOM_HOST and IRSUITE_DICOM_PORT, ending with its parent (the web server), so that
`irsuite demo-modality` can play a case against it while the newcomer watches the pages.
"""

from __future__ import annotations

import argparse
import sys

from irsuite.demo.beside import child


def main() -> int:
    child(argparse.ArgumentParser(description=__doc__))
    from django.conf import settings

    from irsuite.interop.dicom.listener import start

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

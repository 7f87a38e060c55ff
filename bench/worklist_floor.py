"""The floor of a worklist query: pynetdicom's C-FIND SCP with no database, answering every
query with one fixed item. `python -m bench.worklist_floor PORT` serves until stopped.

It sends each PDU at once and logs nothing, as irsuite's server does, so what it costs is the
association, the C-FIND exchange and the release in pynetdicom on both sides.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

from pydicom.dataset import Dataset
from pynetdicom import AE, _config, evt
from pynetdicom.sop_class import ModalityWorklistInformationFind

from bench.common import no_delay

ANSWER = Dataset()
ANSWER.SpecificCharacterSet = "ISO_IR 100"
ANSWER.PatientName, ANSWER.PatientID = "Synthetic150^Pat", "BP00000150"


def _find(event: Any) -> Iterator[tuple[int, Dataset | None]]:
    yield 0xFF00, ANSWER


def main(port: int) -> None:
    _config.LOG_HANDLER_LEVEL = "none"
    ae = AE(ae_title="IRSUITE")
    ae.add_supported_context(ModalityWorklistInformationFind)
    handlers = [(evt.EVT_C_FIND, _find), (evt.EVT_CONN_OPEN, no_delay)]
    ae.start_server(("127.0.0.1", port), block=True, evt_handlers=handlers)


if __name__ == "__main__":
    main(int(sys.argv[1]))

"""The floor of a worklist query: pynetdicom's C-FIND SCP with no database, answering every
query with fixed items (one, or ANSWERS of them, each with the attributes irsuite's answer to
the benchmark's query holds). `python -m bench.worklist_floor PORT [ANSWERS]` serves until
stopped.

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


def _answer(n: int) -> Dataset:
    answer = Dataset()
    answer.SpecificCharacterSet = "ISO_IR 100"
    answer.PatientName, answer.PatientID = f"Synthetic{n}^Pat", f"BP{n:08d}"
    answer.AccessionNumber, answer.StudyInstanceUID = f"B{n:010d}", f"2.25.{10**20 + n}"
    answer.RequestedProcedureDescription = "Percutaneous nephrostomy"
    answer.PatientBirthDate, answer.PatientSex = "19600101", "F"
    item = Dataset()
    item.ScheduledStationAETitle = "BENCH_R1"
    item.ScheduledProcedureStepStartDate, item.ScheduledProcedureStepStartTime = "20261207", "0700"
    item.Modality, item.ScheduledProcedureStepID = "XA", f"S{n:010d}"
    answer.ScheduledProcedureStepSequence = [item]
    return answer


def main(port: int, answers: int) -> None:
    _config.LOG_HANDLER_LEVEL = "none"
    _config.LOG_RESPONSE_IDENTIFIERS = False  # else each answer is pretty-printed for a log
    _config.LOG_REQUEST_IDENTIFIERS = False
    items = [_answer(n) for n in range(answers)]

    def find(event: Any) -> Iterator[tuple[int, Dataset | None]]:
        for item in items:
            yield 0xFF00, item

    ae = AE(ae_title="IRSUITE")
    ae.add_supported_context(ModalityWorklistInformationFind)
    handlers = [(evt.EVT_C_FIND, find), (evt.EVT_CONN_OPEN, no_delay)]
    ae.start_server(("127.0.0.1", port), block=True, evt_handlers=handlers)


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1)

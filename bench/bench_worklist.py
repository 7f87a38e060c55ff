"""Modality Worklist benchmark: one room's query for today, one association per query.

irsuite's DICOM server (`irsuite dicom-listen` in its own process) answers from the indexed
table of scheduled steps, over 10,000 and 100,000 steps (5 rooms, 60 days), on SQLite and on
PostgreSQL. The baseline, measured in the same run, is dcmtk's `wlmscpfs` serving the same
items as worklist files (written as DICOM files, one per step), at 1,000 and 10,000 items.
The modality is `bench/modality.py` (a blocking socket, as a console's DICOM stack waits on
its socket) for every server; the one-patient query is timed with pynetdicom's requestor too,
whose own polling adds about 15 ms per association. MPPS N-CREATE to committed is timed too.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, generate_uid
from pynetdicom import AE, evt
from pynetdicom.sop_class import (
    ModalityPerformedProcedureStep,
    ModalityWorklistInformationFind,
)

from bench import modality
from bench.common import (
    ROOT,
    VAR,
    _free_port,
    create_pg_database,
    in_django,
    no_delay,
    percentiles,
    postgres_url,
)

ROOMS, DAYS = 5, 60
TARGET_P95_MS, TARGET_SPEEDUP, TARGET_MPPS_P95_MS = 20.0, 30.0, 20.0
TODAY = dt.date(2026, 12, 7)  # the middle of the 60 days
WLMSCPFS = shutil.which("wlmscpfs")


CLIENT_HANDLERS = [(evt.EVT_CONN_OPEN, no_delay)]


def _room_title(room: int) -> str:
    return f"BENCH_R{room + 1}"


def _item(n: int) -> dict[str, Any]:
    """Step n: its room, day (60 days around TODAY) and time, and synthetic attributes."""
    room, slot = n % ROOMS, n // ROOMS
    day = TODAY + dt.timedelta(days=(slot % DAYS) - DAYS // 2)
    minutes = 7 * 60 + (slot // DAYS) % (12 * 60)
    return {
        "room": room,
        "day": day,
        "time": dt.time(minutes // 60, minutes % 60),
        "accession": f"B{n:010d}",
        "name": f"Synthetic{n}^Pat",
        "pid": f"BP{n:08d}",
    }


def populate(steps: int) -> dict[str, Any]:
    """Fill a fresh database with `steps` scheduled requests and their worklist items."""
    from django.core.management import call_command

    from bench.bulk import Inserter, analyze, reset_sequences
    from irsuite.cases.catalogue.services import load_catalogue
    from irsuite.cases.models import CatalogueEntry, Request
    from irsuite.interop.dicom.models import ScheduledStep
    from irsuite.patients.models import Patient
    from irsuite.people.models import Room, Site, SuiteType

    call_command("migrate", interactive=False, verbosity=0)
    if ScheduledStep.objects.count() >= steps:
        return {"steps": ScheduledStep.objects.count()}
    started = time.monotonic()
    load_catalogue()
    site = Site.objects.create(code="bench", name="Bench")
    rooms = [
        Room.objects.create(
            site=site, code=f"r{i}", name=f"Room {i}", suite_type=SuiteType.ANGIO_BIPLANE,
            ae_title=_room_title(i),
        )
        for i in range(ROOMS)
    ]  # fmt: skip
    entry = CatalogueEntry.objects.get(code="PCN")
    patient = Patient.objects.create(
        given_name="Pat", family_name="Synthetic", birth_date=dt.date(1960, 1, 1), synthetic=True
    )
    requests = Inserter(
        Request,
        ["id", "patient_id", "site_id", "catalogue_entry_id", "indication", "icd10_codes",
         "priority", "status", "accession_number", "requested_at", "room_id"],
    )  # fmt: skip
    columns = [
        "id", "request_id", "study_instance_uid", "sps_id", "accession_number",
        "requested_procedure_id", "description", "code_value", "code_scheme", "code_meaning",
        "station_ae_title", "station_name", "modality", "start_date", "start_time",
        "patient_name", "patient_id", "issuer_of_patient_id", "birth_date", "sex", "status",
        "on_worklist", "room_id",
    ]  # fmt: skip
    items = Inserter(ScheduledStep, columns)
    now = dt.datetime.now(dt.UTC)
    for first in range(0, steps, 5000):
        batch = [(n, _item(n)) for n in range(first, min(steps, first + 5000))]
        requests.insert([
            (n + 1, patient.pk, site.pk, entry.pk, "bench", "[]", "routine", "scheduled",
             i["accession"], now, rooms[i["room"]].pk)
            for n, i in batch
        ])  # fmt: skip
        items.insert([
            (n + 1, n + 1, f"2.25.{10**20 + n}", f"S{n:010d}", i["accession"], i["accession"],
             entry.name[:64], "PCN", "99IRSUITE", entry.name[:64], _room_title(i["room"]),
             f"R{i['room']}", "XA", i["day"], i["time"].isoformat(), i["name"], i["pid"], "bench",
             dt.date(1960, 1, 1), "F", "SCHEDULED", True, rooms[i["room"]].pk)
            for n, i in batch
        ])  # fmt: skip
    reset_sequences([Request, ScheduledStep])
    analyze()
    return {"steps": steps, "built_s": round(time.monotonic() - started, 1)}


# A patient booked in room 1 today (step 150: room 150 % 5 = 0, day 30 of 60).
PATIENT_ID = _item(150)["pid"]


def _query(patient_id: str = "") -> Dataset:
    """The room's query for today; with `patient_id`, the console's search for one patient."""
    query = Dataset()
    for keyword in ("PatientName", "PatientID", "AccessionNumber", "StudyInstanceUID",
                    "RequestedProcedureDescription", "PatientBirthDate", "PatientSex"):  # fmt: skip
        setattr(query, keyword, "")
    query.PatientID = patient_id
    item = Dataset()
    item.ScheduledStationAETitle = _room_title(0)
    item.ScheduledProcedureStepStartDate = TODAY.strftime("%Y%m%d")
    item.ScheduledProcedureStepStartTime = ""
    item.Modality = ""
    item.ScheduledProcedureStepID = ""
    query.ScheduledProcedureStepSequence = Sequence([item])
    return query


def _find_pynetdicom(port: int, called: str, calling: str, query: Dataset) -> int:
    ae = AE(ae_title=calling)
    ae.add_requested_context(ModalityWorklistInformationFind)
    assoc = ae.associate("127.0.0.1", port, ae_title=called, evt_handlers=CLIENT_HANDLERS)
    if not assoc.is_established:
        raise RuntimeError("association refused")
    found = 0
    for status, _ in assoc.send_c_find(query, ModalityWorklistInformationFind):
        if status and status.Status in (0xFF00, 0xFF01):
            found += 1
        elif status and status.Status != 0:
            raise RuntimeError(f"query failed: {status.Status:#06x}")
    assoc.release()
    return found


Timed = tuple[dict[str, float], int]
Client = Callable[[int, str, str, Dataset], int]


def _find_blocking(port: int, called: str, calling: str, query: Dataset | bytes) -> int:
    return modality.find("127.0.0.1", port, called, calling, query)


def _time_queries(
    port: int, called: str, calling: str, n: int, query: Dataset, client: Client = _find_blocking
) -> Timed:
    samples, found = [], 0
    # The blocking modality writes its request once, as a console does.
    request: Any = modality.c_find_rq(query) if client is _find_blocking else query
    for i in range(n + 3):
        started = time.perf_counter()
        found = client(port, called, calling, request)
        if i >= 3:  # warm-up
            samples.append((time.perf_counter() - started) * 1000)
    return percentiles(samples), found


def _in_progress(i: int, tag: str) -> Dataset:
    ds = Dataset()
    ds.PerformedProcedureStepStatus = "IN PROGRESS"
    ds.PerformedProcedureStepStartDate = TODAY.strftime("%Y%m%d")
    ds.PerformedProcedureStepStartTime = "080000"
    ds.PerformedProcedureStepID = f"P{i}"
    ds.PatientID = f"UNSCHEDULED{tag}{i}"
    return ds


def _time_mpps(port: int, n: int) -> tuple[dict[str, float], dict[str, float]]:
    """N-CREATE to its reply on one open association: with the blocking-socket modality,
    then with pynetdicom's requestor."""
    steps, samples = modality.PerformedSteps("127.0.0.1", port, "IRSUITE", _room_title(0)), []
    try:
        for i in range(n):
            started = time.perf_counter()
            status = steps.create(generate_uid(), _in_progress(i, "B"))
            samples.append((time.perf_counter() - started) * 1000)
            if status != 0:
                raise RuntimeError(f"N-CREATE failed: {status:#06x}")
    finally:
        steps.close()
    return percentiles(samples), _time_mpps_pynetdicom(port, n)


def _time_mpps_pynetdicom(port: int, n: int) -> dict[str, float]:
    ae = AE(ae_title=_room_title(0))
    ae.add_requested_context(ModalityPerformedProcedureStep)
    assoc = ae.associate("127.0.0.1", port, ae_title="IRSUITE", evt_handlers=CLIENT_HANDLERS)
    samples = []
    for i in range(n):
        ds = _in_progress(i, "P")
        started = time.perf_counter()
        status, _ = assoc.send_n_create(ds, ModalityPerformedProcedureStep, generate_uid())
        samples.append((time.perf_counter() - started) * 1000)
        if status.Status != 0:
            raise RuntimeError(f"N-CREATE failed: {status.Status:#06x}")
    assoc.release()
    return percentiles(samples)


def _wait_for(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the server stopped before it listened")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError("the server did not listen within 300 s")


Three = tuple[Timed, Timed, Timed]


def _three(port: int, called: str, queries: int) -> Three:
    """The room's day, one patient's item, and that item asked by pynetdicom's requestor,
    each over its own associations."""
    calling, one = _room_title(0), _query(PATIENT_ID)
    day = _time_queries(port, called, calling, queries, _query())
    patient = _time_queries(port, called, calling, queries, one)
    return day, patient, _time_queries(port, called, calling, queries, one, _find_pynetdicom)


def _irsuite(
    url: str, queries: int, mpps: int
) -> tuple[Three, tuple[dict[str, float], dict[str, float]]]:
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": url, "IRSUITE_MODE": "dev",
           "IRSUITE_LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT / "src")}  # fmt: skip
    process = subprocess.Popen(
        [sys.executable, "-m", "irsuite", "dicom-listen", "--port", str(port)],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        _wait_for(port, process)
        return _three(port, "IRSUITE", queries), _time_mpps(port, mpps)
    finally:
        process.terminate()
        process.wait(timeout=30)


def _worklist_files(folder: Path, steps: int) -> None:
    """The same items as wlmscpfs worklist files (one DICOM file per step)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "lockfile").touch()
    for n in range(steps):
        i = _item(n)
        ds = Dataset()
        ds.SpecificCharacterSet = "ISO_IR 100"
        ds.AccessionNumber = i["accession"]
        ds.PatientName, ds.PatientID = i["name"], i["pid"]
        ds.PatientBirthDate, ds.PatientSex = "19600101", "F"
        ds.StudyInstanceUID = f"2.25.{10**20 + n}"
        ds.RequestedProcedureDescription = "Percutaneous nephrostomy"
        ds.RequestedProcedureID = i["accession"]
        item = Dataset()
        item.ScheduledStationAETitle = _room_title(i["room"])
        item.ScheduledProcedureStepStartDate = i["day"].strftime("%Y%m%d")
        item.ScheduledProcedureStepStartTime = i["time"].strftime("%H%M%S")
        item.Modality = "XA"
        item.ScheduledProcedureStepID = f"S{n:010d}"
        ds.ScheduledProcedureStepSequence = Sequence([item])
        ds.file_meta = FileMetaDataset()
        ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds.file_meta.MediaStorageSOPClassUID = "1.2.276.0.7230010.3.1.0.1"
        ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
        ds.save_as(folder / f"item{n:06d}.wl", enforce_file_format=True)


def _wlmscpfs(steps: int, queries: int) -> Three:
    base = Path(tempfile.mkdtemp(prefix="irsuite-bench-wl-"))
    try:
        _worklist_files(base / "IRSUITE", steps)
        port = _free_port()
        process = subprocess.Popen(
            [WLMSCPFS or "wlmscpfs", "-dfp", str(base), "-dfr", str(port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            _wait_for(port, process)
            return _three(port, "IRSUITE", queries)
        finally:
            process.terminate()
            process.wait(timeout=30)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _floor(queries: int, answers: int = 1) -> tuple[Timed, ...]:
    """pynetdicom's bare C-FIND SCP (no database, fixed answers): the floor of a query with as
    many answers, measured with the same clients (pynetdicom's requestor for one answer)."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.worklist_floor", str(port), str(answers)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        _wait_for(port, process)
        one = _query(PATIENT_ID)
        timed = _time_queries(port, "IRSUITE", _room_title(0), queries, one)
        if answers > 1:
            return (timed,)
        slow = _time_queries(port, "IRSUITE", _room_title(0), queries, one, _find_pynetdicom)
        return timed, slow
    finally:
        process.terminate()
        process.wait(timeout=30)


def _database(kind: str, steps: int) -> str | None:
    name = f"bench_worklist_{steps}"
    if kind == "sqlite":
        VAR.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{VAR / (name + '.sqlite3')}"
    else:
        base = postgres_url()
        if base is None:
            return None
        url = create_pg_database(base, name)
    in_django(url, "bench.bench_worklist:populate", steps=steps)
    return url


MODALITIES = ("blocking socket", "pynetdicom requestor")
QUERIES = ("room's day", "one patient", "one patient, pynetdicom requestor")


def _rows(
    name: str, steps: int | None, timed: tuple[Timed, ...], what: tuple[str, ...] = QUERIES
) -> list[str]:
    size = f"{steps:,}" if steps else "—"
    return [
        f"| {name} | {size} | {query} | {found} | {t['p50_ms']} | {t['p95_ms']} | {t['n']} |"
        for query, (t, found) in zip(what, timed, strict=True)
    ]


def run(quick: bool = False) -> str:
    sizes = [1_000] if quick else [10_000, 100_000]
    queries, mpps = (20, 20) if quick else (200, 200)
    rows: list[str] = []
    mpps_rows: list[str] = []
    p95: dict[tuple[str, int], float] = {}
    medians: dict[tuple[str, int], float] = {}
    mpps_p95: dict[tuple[str, int], float] = {}
    for kind in ("sqlite", "postgresql"):
        for steps in sizes:
            url = _database(kind, steps)
            if url is None:
                rows.append(f"| irsuite on {kind} | {steps:,} | — | PostgreSQL not installed | | |")
                continue
            three, create = _irsuite(url, queries, mpps)
            p95[(kind, steps)] = three[0][0]["p95_ms"]
            medians[(kind, steps)] = three[0][0]["p50_ms"]
            p95[(kind, -steps)] = three[1][0]["p95_ms"]
            medians[(kind, -steps)] = three[1][0]["p50_ms"]
            rows += _rows(f"irsuite on {kind}", steps, three)
            mpps_rows += [
                f"| {kind} | {steps:,} | {client} | {t['p50_ms']} | {t['p95_ms']} | {t['n']} |"
                for client, t in zip(
                    ("blocking socket", "pynetdicom requestor"), create, strict=True
                )
            ]
            mpps_p95[(kind, steps)] = create[0]["p95_ms"]
    bare = "pynetdicom bare C-FIND SCP (no database, fixed answers)"
    rows += _rows(bare, None, _floor(queries), QUERIES[1:])
    for steps in sizes:
        answers = steps // ROOMS // DAYS
        timed = _floor(queries, answers)
        medians[("floor", steps)] = timed[0][0]["p50_ms"]
        rows += _rows(bare, None, timed, (f"{answers} answers",))
    baseline: dict[int, float] = {}
    if WLMSCPFS is None:
        rows.append("| dcmtk wlmscpfs | — | — | not installed | | |")
    else:
        for steps in [1_000] if quick else [1_000, 10_000]:
            three = _wlmscpfs(steps, 10 if quick else 30)
            baseline[steps] = three[0][0]["p50_ms"]
            baseline[-steps] = three[1][0]["p50_ms"]
            rows += _rows("dcmtk wlmscpfs (files)", steps, three)
    mpps_lines = [
        f"- MPPS N-CREATE at {steps:,} steps on {kind}: p95 {ms} ms (target ≤"
        f" {TARGET_MPPS_P95_MS:.0f} ms: {_met(ms <= TARGET_MPPS_P95_MS)})"
        for (kind, steps), ms in mpps_p95.items()
    ]
    section = _section(rows, mpps_rows, p95, baseline, sizes, medians)
    return "\n".join([section, *mpps_lines]) + _beside_floor(medians, sizes)


def _beside_floor(medians: dict[tuple[str, int], float], sizes: list[int]) -> str:
    """The room's day beside pynetdicom answering as many fixed items."""
    lines = [""]
    for kind in ("sqlite", "postgresql"):
        for steps in sizes:
            if (kind, steps) in medians and ("floor", steps) in medians:
                ours, floor = medians[(kind, steps)], medians[("floor", steps)]
                lines.append(
                    f"- room's day at {steps:,} steps on {kind}: p50 {ours} ms, the bare"
                    f" pynetdicom server with as many answers {floor} ms ({ours / floor:.1f}×)"
                )
    return "\n".join(lines)


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def _verdicts(
    p95: dict[tuple[str, int], float],
    baseline: dict[int, float],
    sizes: list[int],
    medians: dict[tuple[str, int], float],
) -> list[str]:
    """Each target against what was measured (negative sizes: the one-patient query). The
    speed-up is judged on irsuite's p95 against wlmscpfs's median; median to median is given
    beside it."""
    lines = []
    for kind in ("sqlite", "postgresql"):
        for size, what in ((sizes[-1], "room's day"), (-sizes[-1], "one patient")):
            if (kind, size) in p95:
                ours = p95[(kind, size)]
                lines.append(
                    f"- {what} at {abs(size):,} steps on {kind}: p95 {ours} ms "
                    f"(target ≤ {TARGET_P95_MS:.0f} ms: {_met(ours <= TARGET_P95_MS)})"
                )
        for size, what in ((10_000, "room's day"), (-10_000, "one patient")):
            if size in baseline and (kind, size) in p95:
                speedup = baseline[size] / p95[(kind, size)]
                typical = baseline[size] / medians[(kind, size)]
                lines.append(
                    f"- {what} at 10,000 items on {kind}: wlmscpfs median / irsuite p95 = "
                    f"{speedup:.0f}× (median to median {typical:.0f}×; target ≥ "
                    f"{TARGET_SPEEDUP:.0f}×: {_met(speedup >= TARGET_SPEEDUP)})"
                )
    return lines


def _section(
    rows: list[str], mpps_rows: list[str], p95: dict[tuple[str, int], float],
    baseline: dict[int, float], sizes: list[int], medians: dict[tuple[str, int], float],
) -> str:  # fmt: skip
    per_day = sizes[-1] // ROOMS // DAYS
    return "\n".join([
        "## Modality Worklist and MPPS (`bench/bench_worklist.py`)",
        "",
        f"Scheduled steps spread over {ROOMS} rooms and {DAYS} days; one association per query;"
        " irsuite's `dicom-listen` in its own process beside dcmtk's `wlmscpfs` serving the same"
        " items as worklist files. The modality is `bench/modality.py`: it writes the PDUs on a"
        " blocking socket and reads each answer as it arrives, as a console's DICOM stack does."
        " Two queries: the room's day (its AE title and today's date: every item of the room's"
        f" day is an answer, so at {sizes[-1]:,} steps each query has {per_day:,} answers), and"
        " the console's search for one patient (Patient ID with the room and today: one"
        " answer), which is timed with pynetdicom's requestor as well: that requestor polls its"
        " socket and waits for its own threads, which adds about 15 ms to every association"
        " whatever the server. Each answer is a C-FIND response of its own (a command and a"
        " data set), so the day query grows with its answers, not with the table; irsuite"
        " writes each data set straight from its row and sends many responses to a PDU, and"
        " its associations poll briskly while busy (docs/interop/dicom.md). The floor rows are"
        " pynetdicom's own C-FIND SCP with no database answering fixed items like irsuite's"
        " (`bench/worklist_floor.py`), as pynetdicom does it: each response encoded by pydicom"
        " and sent in PDUs of its own, the DUL polling every millisecond. One item: the cost of"
        " an association, one exchange and the release; as many items as a room's day: what"
        " pynetdicom's encoding and sending of that many responses costs.",
        "",
        "| server | scheduled steps | query | answers | p50 ms | p95 ms | queries |",
        "|---|---|---|---|---|---|---|",
        *rows,
        "",
        "MPPS N-CREATE (an unscheduled step) sent to committed, one association, target p95"
        f" ≤ {TARGET_MPPS_P95_MS:.0f} ms:",
        "",
        "| database | scheduled steps | modality | p50 ms | p95 ms | messages |",
        "|---|---|---|---|---|---|",
        *mpps_rows,
        "",
        *_verdicts(p95, baseline, sizes, medians),
    ])  # fmt: skip

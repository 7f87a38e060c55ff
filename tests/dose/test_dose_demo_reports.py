"""The demo's dose reports: one per fluoroscopy or CT-guided case, the same files for a seed
whichever process writes them."""

from __future__ import annotations

import datetime as dt
import multiprocessing

import pytest
from django.utils import timezone

from irsuite.demo.context import DemoContext
from irsuite.demo.dose import area as demo
from irsuite.domain.rdsr import DoseReport
from irsuite.dose.studies.models import DoseStudy, LinkMethod


def _job(seed: str, *, fluoro: bool = True, hot: bool = False) -> demo.Job:
    return demo.Job(
        seed=seed,
        accession="IR0000000007",
        patient_id="SBH0000007",
        when=dt.datetime(2026, 2, 3, 9, 15),
        station="SBH_ANGIO1",
        fluoro=fluoro,
        median_kap=120.0,
        hot=hot,
    )


def test_a_demo_report_is_the_same_file_for_the_same_seed() -> None:
    assert demo.write(_job("1:42")) == demo.write(_job("1:42"))
    assert demo.write(_job("1:42")) != demo.write(_job("1:43"))
    assert demo.write(_job("1:42", fluoro=False)) == demo.write(_job("1:42", fluoro=False))


def test_only_the_chosen_demo_cases_are_over_the_substantial_dose_level() -> None:
    ordinary = [demo.write_and_read([_job(f"3:{i}")])[0][1] for i in range(40)]
    hot = demo.write_and_read([_job("3:hot", hot=True)])[0][1]
    assert all(isinstance(r, DoseReport) for r in [*ordinary, hot])
    assert max(r.kap_gycm2 or 0 for r in ordinary) <= demo.ORDINARY_MAX_KAP * 1.0001  # type: ignore[union-attr]
    assert hot.kap_gycm2 is not None and hot.kap_gycm2 > 500  # type: ignore[union-attr]


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="worker pool needs fork"
)
def test_worker_processes_write_the_same_reports_as_one_process(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    jobs = [_job(f"5:{i}", fluoro=i % 3 != 0, hot=i == 4) for i in range(9)]
    alone = [data for data, _ in demo.write_and_read(jobs)]
    monkeypatch.setattr(demo, "POOL_FROM", 1)
    monkeypatch.setattr(demo, "JOBS_PER_TASK", 2)
    monkeypatch.setattr(demo.os, "cpu_count", lambda: 2)
    pooled = list(demo._written(jobs))
    assert [data for data, _ in pooled] == alone
    assert [r.study.study_instance_uid for _, r in pooled] == [  # type: ignore[union-attr]
        r.study.study_instance_uid  # type: ignore[union-attr]
        for _, r in demo.write_and_read(jobs)
    ]


@pytest.mark.django_db
def test_the_full_demo_gives_every_fluoroscopy_case_so_far_a_dose_report(signed_procedure) -> None:  # type: ignore[no-untyped-def]
    ctx = DemoContext(seed=3, procedures=1, now=timezone.now(), quick=False, show_progress=False)
    demo.build(ctx)
    assert list(DoseStudy.objects.values_list("procedure_id", flat=True)) == [signed_procedure.pk]


@pytest.mark.django_db
def test_the_demo_hook_imports_a_report_for_a_fluoroscopy_case(signed_procedure) -> None:  # type: ignore[no-untyped-def]
    ctx = DemoContext(seed=3, procedures=1, now=timezone.now(), quick=True, show_progress=False)
    demo.build(ctx)
    study = DoseStudy.objects.get()
    assert study.procedure == signed_procedure
    assert study.link_method in (LinkMethod.ACCESSION, LinkMethod.PATIENT_DATE_ROOM)
    assert study.event_count >= 3 and study.kap_gycm2 and study.kap_gycm2 > 0

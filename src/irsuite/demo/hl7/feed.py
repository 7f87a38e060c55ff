"""A day of synthetic ADT and orders from the demo EHR, as the bytes it would send.

Registrations (A04), a few corrections (A08), new orders (ORM^O01 NW), one with a code the
mapping table does not know, and one cancellation (CA). Control ids are made from the date,
so a second start on the same day sends the same messages and gets the stored ACKs back.
Synthetic patients only: names from the demo's made-up lists.
"""

from __future__ import annotations

import datetime as dt
import random

from irsuite.demo.hl7.area import APPLICATION, FACILITY, PROCEDURES
from irsuite.demo.names import FAMILY, GIVEN

PATIENTS = 12
UNMAPPED = "RAD-NEWCODE"
HEADER = "MSH|^~\\&|{app}|{fac}|IRSUITE|IR|{stamp}||{kind}|{cid}|P|2.5.1|||AL|NE||UNICODE UTF-8"
REASONS = [
    "Recurrent DVT despite anticoagulation",
    "Swollen left leg, query iliac vein compression",
    "Failing fistula, rising venous pressures",
    "Claudication, reduced pulses",
    "HCC segment 7, MDT outcome TACE",
    "Symptomatic fibroids",
]


def _message(kind: str, cid: str, at: dt.datetime, segments: list[str]) -> bytes:
    stamp = at.strftime("%Y%m%d%H%M%S")
    header = HEADER.format(app=APPLICATION, fac=FACILITY, stamp=stamp, kind=kind, cid=cid)
    return "\r".join([header, *segments]).encode("utf-8")


def day_of_messages(day: dt.date, seed: int = 1) -> list[bytes]:
    """The messages of one day, in the order the EHR sends them."""
    rng = random.Random(f"{seed}-{day.isoformat()}")  # noqa: S311 - synthetic data
    start = dt.datetime.combine(day, dt.time(7, 30))
    tag = day.strftime("%y%m%d")
    codes = [*PROCEDURES, UNMAPPED]
    out: list[bytes] = []
    for n in range(PATIENTS):
        at = start + dt.timedelta(minutes=35 * n)
        family, given = rng.choice(FAMILY), rng.choice(GIVEN)
        born = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(60 * 365))
        sex = rng.choice("FM")
        mrn = f"H{tag}{n:03d}"
        pid = f"PID|1||{mrn}^^^SBH^MR||{family}^{given}||{born:%Y%m%d}|{sex}"
        out.append(_message("ADT^A04^ADT_A01", f"D{tag}R{n:03d}", at, ["EVN|A04", pid]))
        if n % 4 == 3:  # a correction of the given name, as registration desks do
            fixed = pid.replace(f"^{given}|", f"^{given}-Marie|" if sex == "F" else f"^{given}-J|")
            out.append(_message("ADT^A08^ADT_A01", f"D{tag}U{n:03d}", at, ["EVN|A08", fixed]))
        code = UNMAPPED if n == 5 else codes[n % len(PROCEDURES)]
        placer = f"EHR{tag}{n:03d}"
        priority = "S" if n == 2 else ("A" if n % 3 == 0 else "R")
        orc = f"ORC|NW|{placer}^EHR|||||^^^^^{priority}||{at:%Y%m%d%H%M}|||2001^Referrer^Rita^^^Dr"
        obr = (
            f"OBR|1|{placer}^EHR||{code}^Ordered procedure^LOCAL|||{at:%Y%m%d%H%M}||||||"
            f"{rng.choice(REASONS)}|||2001^Referrer^Rita^^^Dr"
        )
        out.append(_message("ORM^O01^ORM_O01", f"D{tag}O{n:03d}", at, [pid, "PV1|1|O", orc, obr]))
    cancelled = f"EHR{tag}{PATIENTS - 1:03d}"
    last = start + dt.timedelta(hours=9)
    out.append(
        _message(
            "ORM^O01^ORM_O01",
            f"D{tag}C001",
            last,
            [
                f"PID|1||H{tag}{PATIENTS - 1:03d}^^^SBH^MR",
                f"ORC|CA|{cancelled}^EHR||||||||||||||^Patient declined",
                f"OBR|1|{cancelled}^EHR",
            ],
        )
    )
    return out

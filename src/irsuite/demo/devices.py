"""Devices, access and team choices for demo cases (fictional manufacturers)."""

from __future__ import annotations

import random
import string

from irsuite.cases.models import CatalogueEntry, DeviceKind
from irsuite.cases.procedures.models import AccessKind

MAKERS = ["Calder Devices", "Meridian Vascular", "Northwind Medical", "Harbour Interventional"]
DEVICES_BY_SUBFAMILY: dict[str, list[tuple[str, str, bool]]] = {
    "line": [(DeviceKind.CATHETER, "5 F dual-lumen central catheter", True)],
    "dialysis_line": [(DeviceKind.CATHETER, "14.5 F tunnelled dialysis catheter", True)],
    "port": [(DeviceKind.DEVICE, "Implantable chest port, 8 F", True)],
    "ivc_filter": [(DeviceKind.FILTER, "Retrievable IVC filter", True)],
    "biliary": [(DeviceKind.CATHETER, "10 F internal-external biliary drain", True)],
    "urinary": [(DeviceKind.CATHETER, "8 F locking nephrostomy catheter", True)],
    "drainage": [(DeviceKind.CATHETER, "10 F locking pigtail drain", True)],
    "enteral": [(DeviceKind.CATHETER, "14 F balloon gastrostomy tube", True)],
    "biopsy": [(DeviceKind.NEEDLE, "18 G core biopsy needle", False)],
    "ablation": [(DeviceKind.NEEDLE, "Ablation probe", False)],
    "spine": [(DeviceKind.DEVICE, "Bone cement kit", True)],
    "tips": [(DeviceKind.STENT, "10 mm covered TIPS stent-graft", True)],
    "stenting": [
        (DeviceKind.STENT, "Balloon-expandable stent", True),
        (DeviceKind.BALLOON, "Angioplasty balloon 6 mm", False),
    ],
    "peripheral": [(DeviceKind.BALLOON, "Angioplasty balloon 5 mm", False)],
    "angioplasty": [(DeviceKind.BALLOON, "Angioplasty balloon 6 mm", False)],
    "aortic": [(DeviceKind.STENT, "Aortic stent-graft", True)],
    "haemorrhage": [
        (DeviceKind.COIL, "Detachable microcoil", True),
        (DeviceKind.EMBOLIC, "Gelatin sponge slurry", True),
    ],
    "tumour": [(DeviceKind.EMBOLIC, "Drug-eluting microspheres 100-300 µm", True)],
    "gynaecological": [(DeviceKind.EMBOLIC, "Tris-acryl microspheres 500-700 µm", True)],
    "dialysis": [(DeviceKind.BALLOON, "High-pressure balloon 7 mm", False)],
}


def lot(rng: random.Random) -> str:
    return "".join(rng.choices(string.ascii_uppercase + string.digits, k=8))


def devices_for(entry: CatalogueEntry, rng: random.Random) -> list[dict[str, object]]:
    """A plausible device list for one case."""
    chosen = DEVICES_BY_SUBFAMILY.get(entry.subfamily, [])
    if entry.code in {"IVCF-RETRIEVE", "IVCF-RETRIEVE-COMPLEX", "LINE-REMOVAL", "PORT-REMOVAL"}:
        chosen = []
    return [
        {
            "kind": kind,
            "name": name,
            "manufacturer": rng.choice(MAKERS),
            "lot": lot(rng),
            "udi": f"(01)0{rng.randrange(10**12, 10**13)}(17)2805{rng.randrange(10, 28)}",
            "quantity": rng.randint(2, 6) if kind == DeviceKind.COIL else 1,
            "left_in_place": left,
        }
        for kind, name, left in chosen
    ]


def access_for(entry: CatalogueEntry, rng: random.Random) -> dict[str, object]:
    """An access site and sheath size for one case."""
    if entry.family in {"arterial", "embolisation"} and entry.subfamily != "venous_embolisation":
        radial = rng.random() < 0.2 and entry.subfamily not in {"aortic"}
        sheath = 6 if radial else rng.choices([4, 5, 6, 7, 8, 10], [5, 30, 35, 12, 12, 6])[0]
        if entry.subfamily == "aortic":
            sheath = rng.choice([14, 16, 18, 20])
        site = "left radial artery" if radial else "right common femoral artery"
        return {
            "kind": AccessKind.ARTERIAL,
            "site": site,
            "sheath_fr": sheath,
            "closure": "" if radial or sheath < 6 else "collagen plug",
        }
    if (
        entry.family in {"venous", "venous_access", "portal_hypertension"}
        or entry.code == "BX-TJLB"
    ):
        site = "right basilic vein" if entry.code == "PICC" else "right internal jugular vein"
        sheath = 10 if entry.family == "portal_hypertension" else rng.choice([5, 6, 7, 8])
        return {"kind": AccessKind.VENOUS, "site": site, "sheath_fr": sheath, "closure": ""}
    return {
        "kind": AccessKind.NON_VASCULAR,
        "site": f"percutaneous, {entry.subfamily}",
        "sheath_fr": None,
        "closure": "",
    }

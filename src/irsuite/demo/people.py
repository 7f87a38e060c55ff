"""Demo sites, suites, staff and one login per persona."""

from __future__ import annotations

from django.contrib.auth.models import User

from irsuite.demo.context import DemoContext
from irsuite.demo.names import FAMILY, GIVEN
from irsuite.people.models import Room, Site, Staff, SuiteType
from irsuite.people.roles import StaffRole

SITES = [("sbh", "St Brigid's University Hospital"), ("noc", "Northfield Outpatient Centre")]
ROOMS = [
    ("sbh", "angio1", "Angio 1 (biplane)", SuiteType.ANGIO_BIPLANE, "SBH_ANGIO1"),
    ("sbh", "angio2", "Angio 2", SuiteType.ANGIO_SINGLE_PLANE, "SBH_ANGIO2"),
    ("sbh", "ct", "IR CT", SuiteType.CT, "SBH_IRCT"),
    ("noc", "angio3", "Angio 3 (hybrid)", SuiteType.HYBRID_OR, "NOC_HYBRID"),
    ("noc", "fluoro", "Fluoro and US", SuiteType.FLUORO, "NOC_FLUORO"),
]
# How many of each role the demo department has (about 30 people).
STAFF_COUNTS = {
    StaffRole.ATTENDING: 6,
    StaffRole.FELLOW: 2,
    StaffRole.RESIDENT: 3,
    StaffRole.APP: 2,
    StaffRole.NURSE: 4,
    StaffRole.TECHNOLOGIST: 3,
    StaffRole.ANAESTHESIA: 1,
    StaffRole.SCHEDULER: 1,
    StaffRole.CODER: 1,
    StaffRole.QUALITY_LEAD: 1,
    StaffRole.PHYSICIST: 1,
    StaffRole.RESEARCHER: 1,
    StaffRole.ADMIN: 1,
    StaffRole.REFERRER: 3,
}


def persona_password(role: str) -> str:
    return f"demo-{role.replace('_', '-')}"


def build_people(ctx: DemoContext) -> None:
    """Sites, rooms, staff; the first person of each role gets the persona login."""
    sites = {code: Site.objects.create(code=code, name=name) for code, name in SITES}
    ctx.sites = list(sites.values())
    ctx.rooms = [
        Room.objects.create(site=sites[s], code=c, name=n, suite_type=t, ae_title=ae)
        for s, c, n, t, ae in ROOMS
    ]
    names = iter(ctx.rng.sample([(g, f) for g in GIVEN for f in FAMILY], 60))
    for role, count in STAFF_COUNTS.items():
        for index in range(count):
            given, family = next(names)
            staff = Staff.objects.create(
                given_name=given,
                family_name=family,
                role=role,
                site=ctx.sites[index % len(ctx.sites)],
                email=f"{given.lower()}.{family.lower()}@irsuite.invalid",
                fte=1 if index % 4 else 0.8,
                training_year=(index % 5) + 1
                if role in {StaffRole.FELLOW, StaffRole.RESIDENT}
                else None,
            )
            if index == 0:
                _persona(ctx, staff, role)


def _persona(ctx: DemoContext, staff: Staff, role: str) -> None:
    username = role.replace("_", "-")
    user = User(
        username=username,
        first_name=staff.given_name,
        last_name=staff.family_name,
        email=staff.email,
        is_staff=role == StaffRole.ADMIN,
    )
    password = persona_password(role)
    user.set_password(password)
    user.save()
    staff.user = user
    staff.save(update_fields=["user"])
    ctx.users[role] = user
    ctx.passwords[username] = password

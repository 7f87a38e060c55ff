"""API: a trainee's case log."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from irsuite.bounds import DbId, Limit, Offset
from irsuite.outcomes.caselog import queries as caselog_queries
from irsuite.outcomes.caselog.schemas import CaseLogOut, CaseLogProgressOut, CaseLogRowOut
from irsuite.people.access import allow
from irsuite.people.roles import Capability as C

router = Router()


# Operation ids are part of the published API: each route keeps the id it was published with.
@router.get(
    "/caselog/{trainee_id}", response=CaseLogOut, operation_id="irsuite_outcomes_api_caselog"
)
@allow(C.VIEW_CASELOG, C.ATTEST_CASE, C.ADMINISTER)
def caselog(
    request: HttpRequest, trainee_id: DbId, limit: Limit = 100, offset: Offset = 0
) -> CaseLogOut:
    """A trainee's case log: progress against minimums and one row per case."""
    trainee = caselog_queries.trainee_for(request.user, trainee_id)
    log = caselog_queries.case_log(trainee)
    members = caselog_queries.case_members(trainee)
    offset, limit = max(0, offset), max(1, min(limit, 500))
    rows = caselog_queries.case_rows(list(members[offset : offset + limit]))
    count = members.count()
    return CaseLogOut(
        trainee=trainee.pk,
        programme=log.minimums.programme,
        verified_minimums=log.minimums.verified,
        progress=[
            CaseLogProgressOut(
                family=p.family, label=p.label, counted=p.counted, minimum=p.minimum, met=p.met
            )
            for p in log.progress
        ],
        items=[CaseLogRowOut(**r) for r in rows],
        count=count,
    )

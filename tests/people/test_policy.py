"""The one policy: capabilities first, then the object's scope; out of scope looks missing."""

from __future__ import annotations

import pytest

from irsuite.errors import NotAllowed, NotFound
from irsuite.people import policy
from irsuite.people.models import Site
from irsuite.people.roles import Capability as C


@pytest.fixture
def own_sites_only(site, other_site):
    """A scope for sites: a referrer reaches only the site whose code is their user name."""

    def obj_rule(user, capability, obj):
        return capability != C.VIEW_OWN_REQUESTS or obj.code == user.username

    def query_rule(user, capability, queryset):
        if capability == C.VIEW_OWN_REQUESTS:
            return queryset.filter(code=user.username)
        return queryset

    policy.register_scope(Site, obj=obj_rule, query=query_rule)
    yield
    policy._SCOPES.pop(Site._meta.label_lower)


@pytest.mark.django_db
def test_a_role_without_the_capability_is_refused_whatever_the_object(persona, site):
    with pytest.raises(NotAllowed):
        policy.check(persona("coder"), C.SIGN_PROCEDURE, site)


@pytest.mark.django_db
def test_an_object_out_of_scope_is_answered_like_a_missing_one(persona, own_sites_only, site):
    referrer = persona("referrer", name="noc")
    with pytest.raises(NotFound) as out_of_scope:
        policy.get_for(referrer, C.VIEW_OWN_REQUESTS, Site.objects.all(), site.pk)
    with pytest.raises(NotFound) as missing:
        policy.get_for(referrer, C.VIEW_OWN_REQUESTS, Site.objects.all(), 10**9)
    assert out_of_scope.value.message == missing.value.message


@pytest.mark.django_db
def test_the_scope_narrows_lists_and_lets_in_the_own_object(persona, own_sites_only, other_site):
    referrer = persona("referrer", name="noc")
    assert list(policy.scoped(referrer, C.VIEW_OWN_REQUESTS, Site.objects.all())) == [other_site]
    assert policy.may(referrer, C.VIEW_OWN_REQUESTS, other_site)
    assert policy.get_for(referrer, C.VIEW_OWN_REQUESTS, Site.objects.all(), other_site.pk)


@pytest.mark.django_db
def test_a_capability_without_a_scope_rule_reaches_every_row(persona, own_sites_only):
    assert policy.scoped(persona("attending"), C.VIEW_WORKLIST, Site.objects.all()).count() == 2


@pytest.mark.django_db
def test_any_of_several_capabilities_opens_the_union_of_their_scopes(persona, own_sites_only):
    attending = persona("attending")
    both = (C.VIEW_WORKLIST, C.VIEW_OWN_REQUESTS)
    assert policy.scoped(attending, both, Site.objects.all()).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["abc", "-1", "0", str(2**63), "1e3", ""])
def test_malformed_or_out_of_range_ids_are_not_found(persona, site, bad):
    with pytest.raises(NotFound):
        policy.get_for(persona("attending"), C.VIEW_WORKLIST, Site.objects.all(), bad)


@pytest.mark.django_db
def test_an_anonymous_caller_holds_no_capability(site):
    from django.contrib.auth.models import AnonymousUser

    assert not policy.may(AnonymousUser(), C.VIEW_CATALOGUE)
    assert policy.scoped(AnonymousUser(), C.VIEW_CATALOGUE, Site.objects.all()).count() == 0

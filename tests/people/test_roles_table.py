"""The README, the user guide and the role table say the same about who signs."""

from pathlib import Path

from irsuite.people.roles import ROLE_CAPABILITIES, Capability, StaffRole

ROOT = Path(__file__).resolve().parents[2]


def test_only_attendings_and_the_quality_lead_sign():
    signers = {
        role for role, held in ROLE_CAPABILITIES.items() if Capability.SIGN_PROCEDURE in held
    }
    assert signers == {StaffRole.ATTENDING, StaffRole.QUALITY_LEAD}


def test_the_readme_and_the_user_guide_name_the_same_signers():
    readme = " ".join((ROOT / "README.md").read_text().split())
    guide = " ".join((ROOT / "docs" / "user-guide" / "operator.md").read_text().split())
    assert "only attendings and the quality lead sign" in readme
    assert "**Signing** (attendings, and the quality lead" in guide


def test_only_the_quality_lead_reviews_every_operators_credentialing():
    reviewers = {
        role for role, held in ROLE_CAPABILITIES.items() if Capability.REVIEW_CREDENTIALING in held
    }
    assert reviewers == {StaffRole.QUALITY_LEAD}

"""Admin registrations of the cases app: each feature registers its own models."""

from irsuite.cases.catalogue import admin as catalogue_admin  # noqa: F401

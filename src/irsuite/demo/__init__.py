"""The synthetic demo department: sites, suites, staff, patients and a year of cases."""

"""HL7 v2 over MLLP (IHE Scheduled Workflow): irsuite as the Department System Scheduler."""

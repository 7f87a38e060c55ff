"""HL7 v2 over MLLP: IHE Scheduled Workflow, irsuite as Department System Scheduler / Order
Filler."""

"""HL7 tables: peers, the inbox (every message received), the outbox, the mapping tables."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from irsuite.interop.hl7.codes import (
    InboxStatus,
    MappingKind,
    OrderMessage,
    OutboxStatus,
    UnhandledEvents,
)
from irsuite.people.models import Site


class Peer(models.Model):
    """A system that talks HL7 with irsuite, known by its MSH-3 application and MSH-4 facility."""

    name = models.CharField(max_length=64, unique=True)
    application = models.CharField(max_length=180, help_text="MSH-3 (namespace id)")
    facility = models.CharField(max_length=180, help_text="MSH-4 (namespace id)")
    site = models.ForeignKey(
        Site,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text="Where its identifiers without a mapped assigning authority and its orders "
        "belong.",
    )
    outbound_host = models.CharField(max_length=255, blank=True)
    outbound_port = models.PositiveIntegerField(null=True, blank=True)
    order_message = models.CharField(
        max_length=8, choices=OrderMessage.choices, default=OrderMessage.ORM
    )
    unhandled_events = models.CharField(
        max_length=8, choices=UnhandledEvents.choices, default=UnhandledEvents.ACCEPT
    )
    send_report_pdf = models.BooleanField(default=False)
    fallback_procedure = models.CharField(
        max_length=32,
        blank=True,
        help_text="Catalogue code an order with an unmapped procedure code is filed under "
        "(flagged 'code not mapped' for vetting); empty: such orders get AE.",
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "interop"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["application", "facility"], name="hl7_peer_msh34")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.application}/{self.facility})"

    @property
    def sends_outbound(self) -> bool:
        return bool(self.outbound_host and self.outbound_port)


class InboxMessage(models.Model):
    """One message as received (raw bytes), with what was done with it and the ACK sent."""

    peer = models.ForeignKey(Peer, null=True, blank=True, on_delete=models.PROTECT)
    control_id = models.CharField(max_length=199, blank=True, help_text="MSH-10")
    sender = models.CharField(max_length=200, blank=True, help_text="MSH-3/MSH-4 as sent")
    message_type = models.CharField(max_length=32, blank=True, help_text="MSH-9.1^MSH-9.2")
    received_at = models.DateTimeField()
    raw = models.BinaryField()
    codec = models.CharField(max_length=16, blank=True)
    mrn = models.CharField(max_length=64, blank=True, db_index=True, help_text="PID-3.1")
    accession = models.CharField(max_length=64, blank=True, db_index=True)
    status = models.CharField(
        max_length=10, choices=InboxStatus.choices, default=InboxStatus.RECEIVED
    )
    ack_code = models.CharField(max_length=2, blank=True)
    error_code = models.CharField(max_length=4, blank=True, help_text="HL7 table 0357")
    error_location = models.CharField(max_length=32, blank=True)
    reason = models.TextField(blank=True)
    ack = models.TextField(blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    replays = models.PositiveIntegerField(default=0)

    class Meta:
        app_label = "interop"
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["peer", "control_id"],
                condition=~models.Q(control_id=""),
                name="hl7_inbox_once_per_peer",
            )
        ]
        indexes = [
            models.Index(fields=["status", "received_at"], name="hl7_inbox_status_idx"),
            models.Index(fields=["received_at"], name="hl7_inbox_received_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.message_type} {self.control_id} ({self.status})"


class OutboxMessage(models.Model):
    """A message irsuite owes a peer, written in the transaction of the change it reports."""

    peer = models.ForeignKey(Peer, on_delete=models.PROTECT, related_name="outbox")
    control_id = models.CharField(max_length=32, unique=True)
    message_type = models.CharField(max_length=32)
    text = models.TextField(help_text="Segments separated by CR; sent as UTF-8.")
    patient_key = models.BigIntegerField(
        null=True, blank=True, help_text="Messages of one patient go out in order."
    )
    mrn = models.CharField(max_length=64, blank=True, db_index=True)
    accession = models.CharField(max_length=64, blank=True, db_index=True)
    status = models.CharField(
        max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    ack = models.TextField(blank=True)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "interop"
        ordering = ["-id"]
        indexes = [models.Index(fields=["peer", "status", "id"], name="hl7_outbox_queue_idx")]

    def __str__(self) -> str:
        return f"{self.message_type} {self.control_id} ({self.status})"


class CodeMapping(models.Model):
    """One row of a mapping table: a peer's code and what it means in irsuite.

    Each change raises `version` and is audited with before and after.
    """

    kind = models.CharField(max_length=10, choices=MappingKind.choices)
    peer = models.ForeignKey(
        Peer, null=True, blank=True, on_delete=models.CASCADE, help_text="Empty: any peer"
    )
    external_code = models.CharField(max_length=64)
    internal_code = models.CharField(max_length=64)
    description = models.CharField(max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        app_label = "interop"
        ordering = ["kind", "external_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "peer", "external_code"], name="hl7_mapping_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.external_code} → {self.internal_code}"


class ConfigGeneration(models.Model):
    """One row whose number rises with every change to peers, mapping rules or sites.

    The listener keeps peers, sites and mapping rules in memory; it reads this number once per
    message (one tiny query) and forgets what it holds when the number moved, so a change made
    in another process (the web page, `irsuite hl7-peer`) applies to the next message.
    """

    generation = models.PositiveBigIntegerField(default=0)

    class Meta:
        app_label = "interop"

    def __str__(self) -> str:
        return f"HL7 configuration generation {self.generation}"

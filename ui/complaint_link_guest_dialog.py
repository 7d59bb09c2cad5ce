"""Link a complaint logged without a guest to the guest's card (any state, once)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout

from hotelcrm.domain.errors import ValidationError
from hotelcrm.i18n import tr

from .complaint_guest_picker import ComplaintGuestPicker
from .complaint_step_dialog import ComplaintStepDialog


class ComplaintLinkGuestDialog(ComplaintStepDialog):
    title_key = "ui.complaint.link_title"
    ok_key = "ui.complaint.link_save"

    def build(self, form: QFormLayout) -> None:
        self.guest = ComplaintGuestPicker(self.session)
        form.addRow(tr("ui.complaint.field.guest"), self.guest)
        self.fields = {"complaint_guest": self.guest.box, "guest_id": self.guest.box}
        self.guest.setFocus()

    def call(self):
        guest_id = self.guest.guest_id
        if guest_id is None:
            raise ValidationError("complaint_guest", "required")
        d = self.detail
        return lambda: self.service.link_guest(d.id, d.version, guest_id)

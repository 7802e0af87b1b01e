"""How the register follows designations (domain.designation.signals)."""

from domain.designation.signals import designation_changed


def _on_designation_changed(sender, *, designation, event, actor=None, **kwargs):
    from .association_services import association_from_designation
    from .directory import directory_refresh

    if event == "designated_by_tsa":
        association_from_designation(actor=actor, designation=designation)
    else:
        directory_refresh(designation.person)


def connect() -> None:
    designation_changed.connect(_on_designation_changed, dispatch_uid="leaders.designation_changed")

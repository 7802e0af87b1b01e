"""The register of system leaders (DESIGN.md capabilities 4 and 11): association with an alliance,
hub or grouping and its memorandum of understanding, pen portraits, availability, and the public
directory's listing."""

from .association import Association, AssociationOrigin, Memorandum, MemorandumAcceptance, MemorandumParty
from .availability import Commitment, Term, TermAvailability, UnavailablePeriod
from .cadre_upload import CadreUpload
from .directory import DirectoryEntry
from .portrait import PenPortrait

__all__ = [
    "Association",
    "AssociationOrigin",
    "CadreUpload",
    "Commitment",
    "DirectoryEntry",
    "Memorandum",
    "MemorandumAcceptance",
    "MemorandumParty",
    "PenPortrait",
    "Term",
    "TermAvailability",
    "UnavailablePeriod",
]

"""Stable identifiers of exported things: the same event, session and occurrence
always get the same UUID, in every export and every version.

Calendar clients (iCalendar UID) and conference apps (frab ``guid``) use these
to recognise an occurrence again after a change: an occurrence that moves keeps
its identifier, so a subscriber sees it move instead of a new one appearing.
"""

from __future__ import annotations

import re
import urllib.parse
import uuid

#: Namespace of every Huiwu UUID (uuid5 of a fixed name: never change it).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:huiwu")

_SAFE_NAME = re.compile(r"^[\w][\w.-]*$")


def occurrence_uuid(event_id: str, session_id: str, occurrence: int) -> uuid.UUID:
    """The UUID of one occurrence of a session of an event."""
    return uuid.uuid5(NAMESPACE, f"occurrence/{event_id}/{session_id}/{occurrence}")


def thing_uuid(event_id: str, kind: str, thing_id: str) -> uuid.UUID:
    """The UUID of a room, speaker or group (``kind``) of an event."""
    return uuid.uuid5(NAMESPACE, f"{kind}/{event_id}/{thing_id}")


def file_name(thing_id: str) -> str:
    """A file name for an id: kept as is when it is a plain word (letters of any
    script, digits, ``_``, ``.``, ``-``), percent-encoded otherwise (``a/b`` ->
    ``a%2Fb``) so that no id escapes its folder or clashes with another."""
    if _SAFE_NAME.match(thing_id):
        return thing_id
    return urllib.parse.quote(thing_id, safe="")

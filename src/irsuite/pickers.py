"""The searchable picker: a list to choose from with a box that narrows it as one types.

Every field that chooses a patient, a request, a catalogue procedure, a drug or a person uses
:class:`SearchablePicker`. Without script it is a plain ``<select>``; with the site's script
(``web/static/irsuite/irsuite.js``) the search box above it hides the options whose label (and
group) does not hold every word typed. Options are labelled in words a clinician recognises (a
patient's name, a procedure's name, a colleague's name under their role), never by a bare
accession number or a user name.

Only Django is imported, so every layer may use it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, cast

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

SEARCH_HINT = "Type to narrow the list"


class SearchablePicker(forms.Select):
    """A ``<select>`` with a search box that filters its options by their labels."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        attrs = {**(attrs or {}), "data-picker": ""}
        select = super().render(name, value, attrs, renderer)
        target = attrs.get("id") or name
        return format_html(
            '<span class="picker"><input type="search" class="picker-search" '
            'data-picker-for="{}" aria-controls="{}" aria-label="{}" placeholder="{}" '
            'autocomplete="off">{}</span>',
            target,
            target,
            f"Search: {SEARCH_HINT.lower()}",
            SEARCH_HINT,
            select,
        )


class _Person(Protocol):
    display_name: str

    def get_role_display(self) -> str: ...


class PeopleByRole(ModelChoiceIterator):
    """Colleagues grouped under their role (an ``<optgroup>`` each), each option the name
    colleagues know them by: the list reads name and role, and a search finds either."""

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups: dict[str, list[Any]] = {}
        for person in self.queryset:
            groups.setdefault(person.get_role_display(), []).append(self.choice(person))
        yield from groups.items()


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A colleague chosen in the searchable picker: by name, under their role."""

    widget = SearchablePicker
    iterator = PeopleByRole

    def label_from_instance(self, obj: Any) -> str:
        return str(cast(_Person, obj).display_name)


class SuggestingInput(forms.TextInput):
    """A text box that offers the known names as one types (an HTML ``<datalist>``), for fields
    where any written name is still accepted and matched later (a drug as the patient takes it)."""

    def __init__(
        self, suggestions: Callable[[], Iterable[str]], attrs: dict[str, Any] | None = None
    ) -> None:
        super().__init__(attrs)
        self.suggestions = suggestions

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        listed = f"{(attrs or {}).get('id') or name}-suggestions"
        attrs = {**(attrs or {}), "list": listed, "autocomplete": "off"}
        options = format_html_join("", '<option value="{}">', ((s,) for s in self.suggestions()))
        box = super().render(name, value, attrs, renderer)
        return format_html('{}<datalist id="{}">{}</datalist>', box, listed, options)

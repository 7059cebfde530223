from django import forms


class DraftForm(forms.Form):
    """What a save of the submit form carries, read as typed: a draft may
    be unfinished (no title yet), so nothing here is required or checked;
    apps.drafts.services keeps it within its limits. `draft` is the id the
    form got from its first save (an unknown one starts a new draft)."""

    draft = forms.CharField(required=False)
    title = forms.CharField(required=False, strip=False)
    body = forms.CharField(required=False, strip=False)
    link = forms.CharField(required=False, strip=False)
    tags = forms.CharField(required=False, strip=False)
    language = forms.CharField(required=False)

    def draft_id(self) -> int | None:
        value = (self.cleaned_data.get("draft") or "").strip()
        return int(value) if value.isdigit() and len(value) < 19 else None

    def is_empty(self) -> bool:
        """Nothing typed yet (the language alone has its default)."""
        names = ("title", "body", "link", "tags")
        return not any((self.cleaned_data.get(name) or "").strip() for name in names)

    def fields_for_service(self) -> dict[str, str]:
        names = ("title", "body", "link", "tags", "language")
        return {name: self.cleaned_data.get(name) or "" for name in names}


def draft_form(data) -> DraftForm:
    """A DraftForm of `data`, validated (it always is: nothing is required)."""
    form = DraftForm(data)
    form.is_valid()
    return form

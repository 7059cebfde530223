"""HTML views of private messages: the list, a conversation (read and
reply), a first message, "delete for yourself". Work without JavaScript;
every write is a POST through the services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.accounts.models import User
from apps.accounts.types import MemberRequest
from apps.core.http import ServiceCall, refused, render_call, service_call
from apps.core.ratelimit import client_ip
from apps.profiles import selectors as profile_selectors

from . import policies, selectors, services
from .forms import MessageForm, NewMessageForm


@login_required
@require_GET
def conversation_list(request: MemberRequest) -> HttpResponse:
    """/messages/: the member's conversations, newest activity first."""
    page = selectors.conversations_page(request.user, cursor=request.GET.get("cursor"))
    return render(request, "messaging/conversation_list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def conversation(request: MemberRequest, conversation_id: int) -> HttpResponse:
    """/messages/<id>/: the thread (newest page, or older ones by cursor) and
    the reply form. Opening it reads it; a POST replies."""
    participant = selectors.participant_for(request.user, conversation_id)
    form = MessageForm(request.POST if request.method == "POST" else None)
    call = ServiceCall()
    if form.is_bound and form.is_valid():
        with service_call(form) as call:
            services.message_send(
                sender=request.user,
                recipient=participant.other,
                body=form.cleaned_data["body"],
                client_ip=client_ip(request),
            )
        if call.ok:
            return redirect(f"{participant.conversation.get_absolute_url()}#latest")
    had_unread = participant.unread_count
    services.conversation_mark_read(user=request.user, participant=participant)
    page = selectors.messages_page(
        participant, viewer=request.user, cursor=request.GET.get("cursor")
    )
    refusal = policies.message_refusal(request.user, participant.other)
    context = {
        "participant": participant,
        "other": participant.other,
        "conversation": participant.conversation,
        "page": page,
        "form": form,
        "had_unread": had_unread,
        "refusal": refusal,
        # The block buttons of the other member's messages, unless done.
        "other_blocked": refusal is not None and refusal[0] == "you_blocked",
    }
    return render_call(request, "messaging/conversation.html", context, call)


@login_required
@require_http_methods(["GET", "POST"])
def new_message(request: MemberRequest, username: str = "") -> HttpResponse:
    """/messages/new/<username>/ (a profile's "Message" button) or
    /messages/new/ (any member by name). An existing conversation with them
    opens instead; a POST sends the first message."""
    recipient: User | None = None
    if username:
        recipient = profile_selectors.member_by_username(username)
        existing = selectors.conversation_with(request.user, recipient)
        if existing is not None and request.method == "GET":
            return redirect(existing)
    if request.method == "POST":
        form = NewMessageForm(request.POST)
    else:
        form = NewMessageForm(initial={"to": recipient.username if recipient else ""})
    call = ServiceCall()
    if form.is_bound and form.is_valid():
        recipient = selectors.member_named(form.cleaned_data["to"])
        with service_call(form) as call:
            message = services.message_send(
                sender=request.user,
                recipient=recipient,
                body=form.cleaned_data["body"],
                client_ip=client_ip(request),
                field="to",
            )
        if call.ok:
            messages.success(request, _("Your message was sent."))
            return redirect(f"{message.conversation.get_absolute_url()}#latest")
    refusal = None
    if recipient is not None and not form.is_bound:
        refusal = policies.message_refusal(request.user, recipient)
    context = {"form": form, "recipient": recipient, "refusal": refusal}
    return render_call(request, "messaging/new.html", context, call)


@login_required
@require_POST
def conversation_delete(request: MemberRequest, conversation_id: int) -> HttpResponse:
    """Delete a conversation for yourself (the other member keeps it)."""
    participant = selectors.participant_for(request.user, conversation_id)
    with service_call() as call:
        services.conversation_hide(user=request.user, participant=participant)
    if call.error is not None:
        return refused(request, call.error, back_url=participant.conversation.get_absolute_url())
    messages.success(
        request,
        # Translators: %(name)s is the display name of the other member of the private
        # conversation.
        _("The conversation was deleted for you. %(name)s still has it.")
        % {"name": participant.other.profile.name},
    )
    return redirect("messaging:list")

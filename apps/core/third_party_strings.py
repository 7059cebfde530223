"""Strings of Django's own catalogues that Quorum translates itself.

Where a third-party translation is missing or wrong for our pages, the string
is listed here so `make messages` extracts it into our catalogue, whose
translations take precedence over Django's and allauth's (LOCALE_PATHS come
first). `manage.py prefill_third_party` (run by `make messages`) copies the
third party's translation into every locale where ours is still empty, so a
translator only corrects what was wrong:

- Arabic relative times: Django says "منذ 2 ساعة" and "منذ 2 ساعتين" where
  Arabic uses the dual alone ("منذ ساعتين"), and "منذ دقيقة من الآن" for
  "in a minute".
- Brazilian Portuguese month names: Portuguese writes them in lower case
  ("2 de março de 2026"); Django's catalogue capitalises them.
- The admin: django-tasks-db marks its model and field names but ships no
  catalogue (DJANGO_TASKS; its app name and two columns are named in
  config/admin.py); Django 6.1's new "- Select an option -" and the task
  statuses are untranslated in some of our languages.
- allauth's pages, flash messages, form errors and emails (ALLAUTH): its
  Spanish addresses the member as "usted" where Quorum says "tú"; its German
  mixes "Sie" with "du" and writes "Email-Adresse" and "Anmeldename" where
  Quorum writes "E-Mail-Adresse" and "Benutzername"; its Brazilian Portuguese
  leaves "sign in" in English on the passkey signup page. Its French, Arabic,
  Hebrew and Polish agree with ours and are only copied. Strings of screens
  Quorum replaces with its own templates (templates/account/signup.html,
  templates/mfa/, templates/usersessions/) and of features it does not use
  (social accounts, phone numbers, headless) are not listed.
- Django's Hebrew leaves the password-length error of signup and password
  change untranslated (DJANGO_GAPS).
- The translators' screen, /translate/ (ROSETTA): django-rosetta has no
  Hebrew and no Brazilian Portuguese catalogue, and its other catalogues
  predate some of its strings ("Reference language", "Show less",
  "Unmatched variables"). Only its translation screen, the admin's
  "Translations" row and its one flash message are listed: its file list is
  our own template.
- API errors (DRF): Django REST framework ships Hebrew as he_IL, which Django
  (language "he") never loads, and some of its catalogues lack strings. Only
  what an API client can receive is listed: the field errors of the
  serializer fields we use, the serializers' own, and the exceptions
  apps/api/errors.py passes on unchanged. Throttled's "Expected available in
  {wait} seconds." is formatted before DRF translates it, so no catalogue can
  translate it.

Nothing imports this module: it exists to be read by makemessages. The
msgids, contexts and plural forms must match the third party's exactly
(a literal U+00A0 where Django puts a no-break space: xgettext decodes
\\u escapes only in u-prefixed literals, which ruff rewrites).
"""

from django.utils.translation import gettext_noop, ngettext_lazy, npgettext_lazy, pgettext_lazy

HUMANIZE_NATURALTIME = [
    # Translators: Relative time in the past; %(delta)s is a duration, e.g. “2 hours” or “3 days, 4
    # hours”.
    gettext_noop("%(delta)s ago"),
    # Translators: Relative time in the future; %(delta)s is a duration, e.g. “2 hours” or “3 days,
    # 4 hours”.
    gettext_noop("%(delta)s from now"),
    # Translators: Relative time in the past; %(count)s is a number of hours.
    ngettext_lazy("an hour ago", "%(count)s hours ago", "count"),
    # Translators: Relative time in the past; %(count)s is a number of minutes.
    ngettext_lazy("a minute ago", "%(count)s minutes ago", "count"),
    # Translators: Relative time in the past; %(count)s is a number of seconds.
    ngettext_lazy("a second ago", "%(count)s seconds ago", "count"),
    # Translators: Relative time in the future; %(count)s is a number of seconds.
    ngettext_lazy("a second from now", "%(count)s seconds from now", "count"),
    # Translators: Relative time in the future; %(count)s is a number of minutes.
    ngettext_lazy("a minute from now", "%(count)s minutes from now", "count"),
    # Translators: Relative time in the future; %(count)s is a number of hours.
    ngettext_lazy("an hour from now", "%(count)s hours from now", "count"),
    # Translators: Part of a duration in the past, inserted in “%(delta)s ago”; %(num)d is a
    # number.
    npgettext_lazy("naturaltime-past", "%(num)d year", "%(num)d years", "num"),
    # Translators: Part of a duration in the past, inserted in “%(delta)s ago”; %(num)d is a
    # number.
    npgettext_lazy("naturaltime-past", "%(num)d month", "%(num)d months", "num"),
    # Translators: Part of a duration in the past, inserted in “%(delta)s ago”; %(num)d is a
    # number.
    npgettext_lazy("naturaltime-past", "%(num)d week", "%(num)d weeks", "num"),
    # Translators: Part of a duration in the past, inserted in “%(delta)s ago”; %(num)d is a
    # number.
    npgettext_lazy("naturaltime-past", "%(num)d day", "%(num)d days", "num"),
    # Translators: Part of a duration in the past, inserted in “%(delta)s ago”; %(num)d is a
    # number.
    npgettext_lazy("naturaltime-past", "%(num)d hour", "%(num)d hours", "num"),
    # Translators: Part of a duration in the past, inserted in “%(delta)s ago”; %(num)d is a
    # number.
    npgettext_lazy("naturaltime-past", "%(num)d minute", "%(num)d minutes", "num"),
    # Translators: Part of a duration in the future, inserted in “%(delta)s from now”; %(num)d is a
    # number.
    npgettext_lazy("naturaltime-future", "%(num)d year", "%(num)d years", "num"),
    # Translators: Part of a duration in the future, inserted in “%(delta)s from now”; %(num)d is a
    # number.
    npgettext_lazy("naturaltime-future", "%(num)d month", "%(num)d months", "num"),
    # Translators: Part of a duration in the future, inserted in “%(delta)s from now”; %(num)d is a
    # number.
    npgettext_lazy("naturaltime-future", "%(num)d week", "%(num)d weeks", "num"),
    # Translators: Part of a duration in the future, inserted in “%(delta)s from now”; %(num)d is a
    # number.
    npgettext_lazy("naturaltime-future", "%(num)d day", "%(num)d days", "num"),
    # Translators: Part of a duration in the future, inserted in “%(delta)s from now”; %(num)d is a
    # number.
    npgettext_lazy("naturaltime-future", "%(num)d hour", "%(num)d hours", "num"),
    # Translators: Part of a duration in the future, inserted in “%(delta)s from now”; %(num)d is a
    # number.
    npgettext_lazy("naturaltime-future", "%(num)d minute", "%(num)d minutes", "num"),
]

# django.utils.dates: MONTHS (date format "F") and MONTHS_ALT ("E").
MONTH_NAMES = [
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]

# allauth (account/ and mfa/ forms, adapters and messages; templates/account/
# and templates/mfa/ email and message templates), in allauth's catalogue order.
ALLAUTH = [
    gettext_noop("You cannot remove your primary email address."),
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop("Please type your current password."),
    # Translators: allauth; %d is the most email addresses an account may have.
    gettext_noop("You cannot add more than %d email addresses."),
    gettext_noop("Username can not be used. Please use other username."),
    gettext_noop("The username and/or password you specified are not correct."),
    gettext_noop("Use your password"),
    gettext_noop("Forgot your password?"),
    gettext_noop(
        "You cannot add an email address to an account protected by two-factor authentication."
    ),
    gettext_noop("You cannot deactivate two-factor authentication."),
    gettext_noop(
        "You cannot activate two-factor authentication until you have verified your email address."
    ),
    gettext_noop("Passwordless"),
    gettext_noop(
        "Enabling passwordless operation allows you to sign in using just this key, "
        "but imposes additional requirements such as biometrics or PIN protection."
    ),
    gettext_noop("Please reauthenticate to safeguard your account."),
    gettext_noop("Enter Sign-In Code"),
    gettext_noop("The following email addresses are associated with your account:"),
    gettext_noop("Do you really want to remove the selected email address?"),
    gettext_noop(
        # Translators: allauth email; %(email)s is the email address used, %(password_reset_url)s
        # the password-reset link. Keep the line breaks.
        "You are receiving this email because you or someone else tried to signup for "
        "an\naccount using email address:\n\n%(email)s\n\nHowever, an account using "
        "that email address already exists.  In case you have\nforgotten about this, "
        "please use the password forgotten procedure to recover\nyour account:\n\n"
        "%(password_reset_url)s"
    ),
    gettext_noop(
        "You are receiving this mail because the following change was made to your account:"
    ),
    gettext_noop(
        # Translators: allauth email; %(ip)s is an IP address, %(user_agent)s the browser's name
        # and version, %(timestamp)s a date and time. Keep the line breaks.
        "If you do not recognize this change then please take proper security "
        "precautions immediately. The change to your account originates from:\n\n- IP "
        "address: %(ip)s\n- Browser: %(user_agent)s\n- Date: %(timestamp)s"
    ),
    # Translators: allauth email; %(from_email)s is the old email address, %(to_email)s the new
    # one.
    gettext_noop("Your email has been changed from %(from_email)s to %(to_email)s."),
    gettext_noop("Your email has been confirmed."),
    gettext_noop("Please Confirm Your Email Address"),
    # Translators: allauth email; %(deleted_email)s is the email address removed.
    gettext_noop("Email address %(deleted_email)s has been removed from your account."),
    gettext_noop("Your sign-in code is listed below. Please enter it in your open browser window."),
    gettext_noop("This mail can be safely ignored if you did not initiate this action."),
    gettext_noop("Your password has been changed."),
    gettext_noop(
        "Your password reset code is listed below. Please enter it in your open browser window."
    ),
    gettext_noop(
        "You're receiving this email because you or someone else has requested a "
        "password reset for your user account.\nIt can be safely ignored if you did "
        "not request a password reset. Click the link below to reset your password."
    ),
    # Translators: allauth password-reset email; %(username)s is the member's username.
    gettext_noop("In case you forgot, your username is %(username)s."),
    gettext_noop("Your password has been reset."),
    gettext_noop("Your password has been set."),
    gettext_noop(
        # Translators: allauth email; %(email)s is the email address used.
        "You are receiving this email because you, or someone else, tried to access an "
        "account with email %(email)s. However, we do not have any record of such an "
        "account in our database."
    ),
    gettext_noop("If it was you, you can sign up for an account using the link below."),
    gettext_noop(
        # Translators: allauth; %(email)s is an email address, %(user_display)s a username. Keep
        # the link markup.
        'Please confirm that <a href="mailto:%(email)s">%(email)s</a> is an email '
        "address for user %(user_display)s."
    ),
    gettext_noop(
        # Translators: allauth; %(email_url)s is the address of the email settings page. Keep the
        # link markup.
        "This email confirmation link expired or is invalid. Please <a "
        'href="%(email_url)s">issue a new email confirmation request</a>.'
    ),
    gettext_noop(
        # Translators: allauth; %(link)s and %(end_link)s open and close a link to the signup page:
        # keep them around the words that become the link.
        "If you have not created an account yet, then please %(link)ssign up%(end_link)s first."
    ),
    gettext_noop("Are you sure you want to sign out?"),
    # Translators: allauth; %(email)s is an email address.
    gettext_noop("You cannot remove your primary email address (%(email)s)."),
    # Translators: allauth message; %(email)s is an email address.
    gettext_noop("You have confirmed %(email)s."),
    # Translators: allauth message; %(name)s is the member's username.
    gettext_noop("Successfully signed in as %(name)s."),
    gettext_noop("You have signed out."),
    # Translators: allauth message; %(recipient)s is an email address.
    gettext_noop("A sign-in code has been sent to %(recipient)s."),
    gettext_noop("Forgot Password?"),
    gettext_noop(
        "Forgotten your password? Enter your email address below, and we'll send you "
        "an email allowing you to reset it."
    ),
    gettext_noop("Please contact us if you have any trouble resetting your password."),
    gettext_noop(
        "We have sent you an email. If you have not received it please check your spam "
        "folder. Otherwise contact us if you do not receive it in a few minutes."
    ),
    gettext_noop(
        # Translators: allauth; %(passwd_reset_url)s is the address of the password-reset page.
        # Keep the link markup.
        "The password reset link was invalid, possibly because it has already been "
        'used.  Please request a <a href="%(passwd_reset_url)s">new password '
        "reset</a>."
    ),
    gettext_noop("Your password is now changed."),
    gettext_noop("Enter your password:"),
    # Translators: allauth; %(user_display)s is the member's username.
    gettext_noop("You are already logged in as %(user_display)s."),
    gettext_noop(
        "You currently do not have any email address set up. You should really add an "
        "email address so you can receive notifications, reset your password, etc."
    ),
    gettext_noop("Verify Your Email Address"),
    gettext_noop(
        "We have sent an email to you for verification. Follow the link provided to "
        "finalize the signup process. If you do not see the verification email in your "
        "main inbox, check your spam folder. Please contact us if you do not receive "
        "the verification email within a few minutes."
    ),
    gettext_noop(
        "This part of the site requires us to verify that\nyou are who you claim to "
        "be. For this purpose, we require that you\nverify ownership of your email "
        "address. "
    ),
    gettext_noop(
        "We have sent an email to you for\nverification. Please click on the link "
        "inside that email. If you do not see the verification email in your main "
        "inbox, check your spam folder. Otherwise\ncontact us if you do not receive it "
        "within a few minutes."
    ),
    gettext_noop("Request Code"),
    gettext_noop("Your primary email address must be verified."),
    gettext_noop("Use authenticator app or code"),
    gettext_noop("Username or email"),
    gettext_noop("Username (optional)"),
    gettext_noop(
        "You cannot generate recovery codes without having two-factor authentication enabled."
    ),
    gettext_noop(
        # Translators: allauth; %(recipient)s is an email address.
        "We've sent a code to %(recipient)s. The code expires shortly, so please enter it soon."
    ),
    gettext_noop("Enter Email Verification Code"),
    gettext_noop(
        # Translators: allauth email; %(user_display)s is a username, %(site_domain)s the site's
        # domain (e.g. example.org).
        "You're receiving this email because user %(user_display)s has given your "
        "email address to register an account on %(site_domain)s."
    ),
    gettext_noop(
        "Your email verification code is listed below. Please enter it in your open browser window."
    ),
    # Translators: allauth email; %(activate_url)s is the confirmation link (a URL).
    gettext_noop("To confirm this is correct, go to %(activate_url)s"),
    gettext_noop("Email Address"),
    gettext_noop("Change Email"),
    gettext_noop("You will receive a special code for a password-free sign-in."),
    gettext_noop(
        # Translators: allauth; %(email_url)s is the address of the email settings page. Keep the
        # markup.
        '<strong>Note:</strong> you can still <a href="%(email_url)s">change your '
        "email address</a>."
    ),
    gettext_noop("Save them  in a secure location now — they won't be shown again."),
    # Translators: allauth; %(link)s and %(end_link)s open and close a link to the sign-in page:
    # keep them around the words that become the link.
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
]

# The admin: django-tasks-db's models (no catalogue of its own) and Django's
# select placeholder and task statuses (django.tasks).
DJANGO_TASKS = [
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
    gettext_noop("enqueued at"),
    gettext_noop("started at"),
    gettext_noop("finished at"),
    gettext_noop("args kwargs"),
    gettext_noop("priority"),
    gettext_noop("task path"),
    gettext_noop("worker id"),
    gettext_noop("queue name"),
    gettext_noop("backend name"),
    gettext_noop("run after"),
    gettext_noop("return value"),
    gettext_noop("exception class path"),
    gettext_noop("traceback"),
    gettext_noop("- Select an option -"),
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
]

# django-rosetta's translation screen (/translate/): templates/rosetta/form.html,
# admin_index.html (the admin's "Translations" row) and its one message in
# views.py. Its file list is our own template (templates/rosetta/file-list.html),
# whose strings ("Home", "Fuzzy", …) are ours already, as are "All" and "Search".
ROSETTA = [
    gettext_noop("Translations"),
    gettext_noop("Change"),
    gettext_noop("Pick another file"),
    gettext_noop("Download this catalog"),
    # Translators: Rosetta; %(percent_translated)s is a number (a percentage).
    gettext_noop("Progress: %(percent_translated)s%%"),
    gettext_noop("File is read-only: download the file when done editing!"),
    # Translators: Rosetta page heading; %(rosetta_i18n_lang_name)s is a language's name.
    gettext_noop("Translate into %(rosetta_i18n_lang_name)s"),
    gettext_noop("Display:"),
    gettext_noop("Untranslated only"),
    gettext_noop("Translated only"),
    gettext_noop("Fuzzy only"),
    gettext_noop("Go"),
    gettext_noop("Reference language"),
    gettext_noop("Original"),
    gettext_noop("Occurrences(s)"),
    gettext_noop("Unmatched variables"),
    gettext_noop("suggest"),
    gettext_noop("Show less"),
    # Translators: Rosetta; %(more_count)s is a number of further places a string is used.
    ngettext_lazy("%(more_count)s more", "%(more_count)s more", "more_count"),
    gettext_noop("Context hint"),
    gettext_noop("Save and translate next block"),
    gettext_noop("Skip to page:"),
    gettext_noop("Displaying:"),
    ngettext_lazy(
        # Translators: Rosetta; %(hits)s is the number of strings shown, %(message_number)s
        # the number in the catalogue.
        "%(hits)s/%(message_number)s message",
        "%(hits)s/%(message_number)s messages",
        "message_number",
    ),
    gettext_noop(
        "Some items in your last translation block couldn't be saved: this usually happens "
        "when the catalog file changes on disk after you last loaded it."
    ),
]

# Django REST framework: the field errors of the serializer fields our API
# uses (Boolean, Char, Choice, DateTime, Email, Float, Integer, List, Slug),
# the serializers' own, and the exceptions apps/api/errors.py passes through.
DRF = [
    gettext_noop("This field is required."),
    gettext_noop("This field may not be null."),
    gettext_noop("Must be a valid boolean."),
    gettext_noop("Not a valid string."),
    gettext_noop("This field may not be blank."),
    # Translators: DRF; {max_length} is a number. Keep the braces.
    gettext_noop("Ensure this field has no more than {max_length} characters."),
    # Translators: DRF; {min_length} is a number. Keep the braces.
    gettext_noop("Ensure this field has at least {min_length} characters."),
    gettext_noop("Enter a valid email address."),
    gettext_noop('Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.'),
    gettext_noop("A valid integer is required."),
    # Translators: DRF; {max_value} is a number. Keep the braces.
    gettext_noop("Ensure this value is less than or equal to {max_value}."),
    # Translators: DRF; {min_value} is a number. Keep the braces.
    gettext_noop("Ensure this value is greater than or equal to {min_value}."),
    gettext_noop("String value too large."),
    gettext_noop("A valid number is required."),
    gettext_noop("Integer value too large to convert to float"),
    # Translators: DRF; {format} lists the accepted date-time formats. Keep the braces.
    gettext_noop("Datetime has wrong format. Use one of these formats instead: {format}."),
    gettext_noop("Expected a datetime but got a date."),
    # Translators: DRF; {timezone} is a time zone's name. Keep the braces.
    gettext_noop('Invalid datetime for the timezone "{timezone}".'),
    gettext_noop("Datetime value out of range."),
    # Translators: DRF; {input} is the value sent. Keep the braces.
    gettext_noop('"{input}" is not a valid choice.'),
    # Translators: DRF; {input_type} is a data type's name (e.g. str). Keep the braces.
    gettext_noop('Expected a list of items but got type "{input_type}".'),
    gettext_noop("This list may not be empty."),
    # Translators: DRF; {min_length} is a number of items. Keep the braces.
    gettext_noop("Ensure this field has at least {min_length} elements."),
    # Translators: DRF; {max_length} is a number of items. Keep the braces.
    gettext_noop("Ensure this field has no more than {max_length} elements."),
    # Translators: DRF; {datatype} is a data type's name (e.g. list). Keep the braces.
    gettext_noop("Invalid data. Expected a dictionary, but got {datatype}."),
    gettext_noop("Incorrect authentication credentials."),
    gettext_noop("Authentication credentials were not provided."),
    gettext_noop("You do not have permission to perform this action."),
    gettext_noop("Not found."),
    # Translators: DRF; {method} is an HTTP method (e.g. PUT). Keep the braces.
    gettext_noop('Method "{method}" not allowed.'),
    gettext_noop("Could not satisfy the request Accept header."),
    # Translators: DRF; {media_type} is a content type (e.g. text/plain). Keep the braces.
    gettext_noop('Unsupported media type "{media_type}" in request.'),
    gettext_noop("Request was throttled."),
]

# Django strings a member sees that a shipped language of Django leaves
# untranslated: Hebrew's password-length error (signup, password change).
DJANGO_GAPS = [
    ngettext_lazy(
        # Translators: A password-validation error; %d is the minimum number of characters.
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "count",
    ),
]

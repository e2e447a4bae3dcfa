#compdef billetterie

__billetterie_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__billetterie_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __billetterie_complete "${completions[@]:0:-1}"
    fi
}

__billetterie_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_billetterie() {
    emulate -RL zsh -G
    setopt extendedglob nullglob numericglobsort
    unsetopt aliases banghist

    local -xr SAP_SHELL=zsh
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(builtin emulate zsh -c 'printf %s "${ZSH_VERSION}"')"
    local -r SAP_SHELL_VERSION

    local context state state_descr line
    local -A opt_args

    local -r command_name="${words[1]}"
    local -ar command_line=("${words[@]}")
    local -ir current_word_index="$((CURRENT - 1))"

    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'init:Create a new store: schema, ticket-signing keys and the first admin.'
            'user:People and sessions: register, log in, roles, passwords, two-factor login.'
            'event:Events and their ticket tiers: create, find, change, import and export.'
            'ticket:Orders and tickets: reserve, look up, cancel, transfer, QR codes, printable PDFs, import and export.'
            'voucher:Vouchers and promo codes: discounts, hidden tiers, places kept aside.'
            'waitlist:The waiting list: places of a sold-out tier offered first come, first served.'
            'pay:Record payments, list them, print receipts.'
            'refund:Give money back on an order, in full or in part; list refunds.'
            'validate:The door: check ticket codes, one or a scanner'\''s stream, online or from a gate pack.'
            'notify:Write the e-mails that changes call for into the outbox (a Maildir); reminders; templates.'
            'report:Sales, check-ins and the audit log, as tables, JSON or CSV.'
            'backup:Write a consistent copy of the store while others keep selling (admins only).'
            'doctor:Check the store and its files: one line each, OK / WARN / FAIL, and what to do.'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        init|user|event|ticket|voucher|waitlist|pay|refund|validate|notify|report|backup|doctor|help)
            "_billetterie_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_billetterie_init() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--venue-name[The venue'\''s name, shown on tickets and receipts.]:name:'
        '--currency[Default ISO 4217 currency for events.]:code:'
        '--timezone[Default IANA time zone for events (default\: this machine'\''s).]:zone:'
        '--admin-email[The first admin'\''s e-mail address; they log in with it.]:email:'
        '--from[Make the store from this backup file instead (no admin is made).]:backup:'
        '--admin-name[The first admin'\''s name (default\: the part of the e-mail before @).]:name:'
        '--admin-password-stdin[Read the admin'\''s password from standard input (one line) instead of asking.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_user() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'register:Create an account (participants self-register; other roles need an admin).'
            'login:Log in and save the session for the commands that follow.'
            'logout:End the current session (the saved one, or $BILLETTERIE_TOKEN'\''s).'
            'whoami:Show who is logged in, with which role, until when.'
            'list:List accounts (admins only), in e-mail order.'
            'show:Show one account by id or e-mail (one'\''s own, or anyone'\''s for admins).'
            'role:Give an account another role (admins only).'
            'passwd:Change your password (your other sessions are logged out), or set another account'\''s (admins).'
            'mfa:Turn two-factor login (TOTP, RFC 6238) on or off.'
            'history:List an account'\''s orders, newest first (one'\''s own, or anyone'\''s for admins).'
            'unlock:Lift an account'\''s lock at once (admins).'
            'disable:Disable an account (admins): its sessions end and it cannot log in.'
            'enable:Enable a disabled account again (admins).'
            'verify:Prove your e-mail address with the code sent to it; then its orders are yours to see.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        register|login|logout|whoami|list|show|role|passwd|mfa|history|unlock|disable|enable|verify)
            "_billetterie_user_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_billetterie_user_register() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--email[The e-mail address they log in with.]:email:'
        '--name[Their name, as shown on tickets and lists.]:name:'
        '--role[admin, organizer, staff or participant (default participant).]:role:'
        '--password-stdin[Read the password from standard input (one line) instead of asking.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_user_login() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--email[The account'\''s e-mail address.]:email:'
        '--password-stdin[Read the password from standard input (one line) instead of asking.]'
        '--totp[The 6-digit code from the authenticator app, when two-factor login is on (asked on a terminal).]:code:'
        '--recovery-code[One of the recovery codes `user mfa enable` gave, in place of --totp (each works once).]:code:'
        '--print-token[Print the token on stdout instead of saving the session.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_user_logout() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_user_whoami() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_user_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--limit[Show at most this many (default 50).]:limit:'
        '--offset[Skip this many first (for paging).]:offset:'
        '--role[Only this role\: admin, organizer, staff or participant.]:role:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_user_show() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':id-or-email:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_user_role() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':id-or-email:'
        ':role:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_user_passwd() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--password-stdin[Read the current and the new password from standard input, one per line.]'
        '--user[Set this account'\''s password instead of yours (admins).]:id-or-email:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_user_mfa() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'enable:Turn two-factor login on: shows the secret, its QR and 10 recovery codes; a first code confirms it.'
            'disable:Turn two-factor login off (yours with your password and a current code; anyone'\''s as an admin).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        enable|disable)
            "_billetterie_user_mfa_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_billetterie_user_mfa_enable() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--totp[Confirm the enrolment with a code from the app.]:code:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_user_mfa_disable() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--totp[A current code from your authenticator app.]:code:'
        '--user[Someone else'\''s account (admins only).]:id-or-email:'
        '--password-stdin[Read your password from standard input (one line) instead of asking.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_user_history() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':id-or-email:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_user_unlock() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':id-or-email:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_user_disable() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':id-or-email:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_user_enable() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':id-or-email:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_user_verify() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':code:'
        '--resend[Send a new code instead.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_event() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'create:Create an event (a draft unless --publish).'
            'update:Change an event'\''s details (its organizer or an admin).'
            'publish:Publish a draft: everyone can see it and, once tiers are on sale, buy.'
            'cancel:Cancel an event (a draft or a published one), saying why.'
            'show:Show an event with its tiers, times in its own zone.'
            'delete:Delete a draft that never sold anything (others are cancelled instead).'
            'list:Find events: full-text search and filters, soonest first.'
            'tier:Ticket types of an event: admission tiers and add-ons.'
            'checkin-list:Check-in lists: which tickets a door admits, and how often (main, parking, day passes).'
            'import:Create or update an event and its tiers from a JSON or YAML file.'
            'export:Write an event and its tiers as JSON or YAML, the format `event import` reads; or its tiers as CSV.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        create|update|publish|cancel|show|delete|list|tier|checkin-list|import|export)
            "_billetterie_event_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_billetterie_event_create() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--title[The title (create\: required).]:title:'
        '--starts-at[When it starts\: 2026-06-21T20\:30 in the event'\''s zone, or with an offset (create\: required).]:time:'
        '--ends-at[When it ends (default\: 3 hours after the start).]:time:'
        '--venue[The venue'\''s name; a known venue is reused (create\: required).]:name:'
        '--address[The venue'\''s address (replaces the stored one).]:text:'
        '--category[concert, match, conference, theatre... (kept as a slug).]:name:'
        '--capacity[How many admission tickets in all, across tiers.]:capacity:'
        '--timezone[IANA time zone (default\: the store'\''s).]:zone:'
        '--currency[ISO 4217 currency for its prices (default\: the store'\''s).]:code:'
        '--description[A description, searched by `event list --query`.]:text:'
        '--vat-rate[VAT included in the prices, in percent (shown on receipts)\: 5.5, 20.]:percent:'
        '--sales-start[When sales open.]:time:'
        '--sales-end[When sales close.]:time:'
        '--waitlist-offer[How long a waiting-list offer keeps its places (default 24h).]:duration:'
        '--publish[Publish at once instead of keeping a draft.]'
        '--organizer[Whose event it is (admins only; default\: yourself).]:id-or-email:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_event_update() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':event:'
        '--title[The title (create\: required).]:title:'
        '--starts-at[When it starts\: 2026-06-21T20\:30 in the event'\''s zone, or with an offset (create\: required).]:time:'
        '--ends-at[When it ends (default\: 3 hours after the start).]:time:'
        '--venue[The venue'\''s name; a known venue is reused (create\: required).]:name:'
        '--address[The venue'\''s address (replaces the stored one).]:text:'
        '--category[concert, match, conference, theatre... (kept as a slug).]:name:'
        '--capacity[How many admission tickets in all, across tiers.]:capacity:'
        '--timezone[IANA time zone (default\: the store'\''s).]:zone:'
        '--currency[ISO 4217 currency for its prices (default\: the store'\''s).]:code:'
        '--description[A description, searched by `event list --query`.]:text:'
        '--vat-rate[VAT included in the prices, in percent (shown on receipts)\: 5.5, 20.]:percent:'
        '--sales-start[When sales open.]:time:'
        '--sales-end[When sales close.]:time:'
        '--waitlist-offer[How long a waiting-list offer keeps its places (default 24h).]:duration:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_event_publish() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':event:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_event_cancel() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':event:'
        '--reason[Why\: ticket holders will read it.]:text:'
        '--yes[Do not ask in a terminal.]'
        '--dry-run[Show what the cancellation would do; change nothing.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_event_show() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':event:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_event_delete() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':event:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_event_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--limit[Show at most this many (default 50).]:limit:'
        '--offset[Skip this many first (for paging).]:offset:'
        '--query[Words to search for.]:text:'
        '--category[Only this category.]:category:'
        '--venue[Only at this venue.]:venue:'
        '--from[Only events still going on at or after this time.]:time:'
        '--to[Only events starting at or before this time.]:time:'
        '--status[draft, published, cancelled or past.]:status:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_event_tier() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'add:Add a tier to an event.'
            'list:List an event'\''s tiers: sold, held and available now.'
            'update:Change a tier (by id, or by name with --event).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        add|list|update)
            "_billetterie_event_tier_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_billetterie_event_tier_add() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':event:'
        '--name[The tier'\''s name\: VIP, Standard, Parking...]:name:'
        '--price[The price, a decimal in the event'\''s currency\: 25, 12.50.]:amount:'
        '--quota[At most this many of this tier are sold.]:quota:'
        '--max-per-order[At most this many of this tier in one order.]:max-per-order:'
        '--addon[An add-on (parking, meal...)\: sold, but does not admit.]'
        '--no-addon[An add-on (parking, meal...)\: sold, but does not admit.]'
        '--sales-start[When this tier goes on sale.]:time:'
        '--sales-end[When this tier'\''s sales close.]:time:'
        '--hidden[Sold only with a voucher that names it, and not shown to buyers.]'
        '--no-hidden[Sold only with a voucher that names it, and not shown to buyers.]'
        '--requires-admission[An add-on sold only in an order holding an admission ticket of the event.]'
        '--no-requires-admission[An add-on sold only in an order holding an admission ticket of the event.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_event_tier_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':event:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_event_tier_update() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':tier:'
        '--event[The event, when the tier is named by name.]:event:'
        '--name[The tier'\''s name\: VIP, Standard, Parking...]:name:'
        '--price[The price, a decimal in the event'\''s currency\: 25, 12.50.]:amount:'
        '--quota[At most this many of this tier are sold.]:quota:'
        '--max-per-order[At most this many of this tier in one order.]:max-per-order:'
        '--addon[An add-on (parking, meal...)\: sold, but does not admit.]'
        '--no-addon[An add-on (parking, meal...)\: sold, but does not admit.]'
        '--sales-start[When this tier goes on sale.]:time:'
        '--sales-end[When this tier'\''s sales close.]:time:'
        '--hidden[Sold only with a voucher that names it, and not shown to buyers.]'
        '--no-hidden[Sold only with a voucher that names it, and not shown to buyers.]'
        '--requires-admission[An add-on sold only in an order holding an admission ticket of the event.]'
        '--no-requires-admission[An add-on sold only in an order holding an admission ticket of the event.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_event_checkin-list() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'add:Add a check-in list to an event.'
            'list:List an event'\''s check-in lists, main first.'
            'remove:Remove a check-in list that has no scans yet.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        add|list|remove)
            "_billetterie_event_checkin-list_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_billetterie_event_checkin-list_add() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':event:'
        '--name[The list'\''s name, typed at the gate\: letters, digits and hyphens.]:name:'
        '*--tier[A tier the list checks, by name or id (repeat for several).]:tier:'
        '--multiple-entries[Admit a ticket any number of times (a day pass at a festival).]'
        '--no-reentry[Admit a ticket once\: no re-entry after an exit.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_event_checkin-list_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':event:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_event_checkin-list_remove() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':event:'
        ':name:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_event_import() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_event_export() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':event:'
        '--format[json (default), yaml or csv (the tiers).]:format:'
        '(-o --output)'{-o,--output}'[Write to this file instead of stdout.]:file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_ticket() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'reserve:Reserve tickets: an order holding them until paid or the hold runs out.'
            'sell:Sell at the counter: the order made and paid in one go, tickets in hand.'
            'list:List tickets you may see, oldest sale first.'
            'find:Find tickets by name, e-mail, order id or reference: the way in when a QR will not scan.'
            'show:Show a ticket (by id, code or reference) or an order (by id) with its tickets.'
            'cancel:Cancel an unpaid order, or one ticket of it (paid ones are refunded instead).'
            'transfer:Give a ticket to someone else: a new code for them, the old one dead.'
            'qr:Draw a ticket'\''s QR code: PNG, SVG, or text in the terminal.'
            'pdf:Printable tickets, one per page: event, date and time, venue, tier, attendee, QR, code, reference.'
            'import:Import orders from a CSV file (guest lists, other channels), all or nothing.'
            'export:Write every ticket of an event as CSV or JSON (its organizer or an admin).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        reserve|sell|list|find|show|cancel|transfer|qr|pdf|import|export)
            "_billetterie_ticket_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_billetterie_ticket_reserve() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--event[The event\: id, slug, key or title.]:event:'
        '*--item[A tier or add-on and how many\: Standard=2, Parking (repeatable).]:tier\[=n\]:'
        '--tier[One tier, by name or id (or use --item).]:tier:'
        '--quantity[How many of --tier (default 1).]:quantity:'
        '--buyer[The buyer'\''s e-mail (default\: yourself).]:email:'
        '--buyer-name[The buyer'\''s name.]:name:'
        '*--attendee[Who a ticket is for, "Name <email>"; once per ticket, in order.]:attendee:'
        '--hold[How long the tickets are held unpaid\: 90s, 15m, 2h (default 15m).]:duration:'
        '--voucher[A voucher or promo code (any case).]:code:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_ticket_sell() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--event[The event\: id, slug, key or title.]:event:'
        '*--item[A tier or add-on and how many\: Standard=2, Parking (repeatable).]:tier\[=n\]:'
        '--tier[One tier, by name or id (or use --item).]:tier:'
        '--quantity[How many of --tier (default 1).]:quantity:'
        '--method[How it is paid\: cash or card (the terminal).]:method:'
        '--amount[Cash handed over (default\: exactly what is due).]:amount:'
        '--reference[The card terminal'\''s reference for the payment.]:reference:'
        '--buyer[The buyer'\''s e-mail, for the confirmation (optional).]:email:'
        '--buyer-name[The buyer'\''s name (optional).]:name:'
        '--voucher[A voucher or promo code (any case).]:code:'
        '--qr[Show each ticket'\''s QR code in the terminal.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_ticket_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--limit[Show at most this many (default 50).]:limit:'
        '--offset[Skip this many first (for paging).]:offset:'
        '--event[Only this event (id, slug, key or title).]:event:'
        '--order[Only this order.]:order:'
        '--buyer[Only orders of this buyer.]:email:'
        '--status[pending, valid, used or void.]:status:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_ticket_find() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--limit[Show at most this many (default 50).]:limit:'
        '--offset[Skip this many first (for paging).]:offset:'
        ':text:'
        '--event[Only this event (id, slug, key or title).]:event:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_ticket_show() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':id-code-or-order:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_ticket_cancel() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':order-or-ticket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_ticket_transfer() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':ticket:'
        '--to[The new attendee, "Name <email>".]:attendee:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_ticket_qr() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':ticket:'
        '--format[png, svg or text (default\: from -o'\''s extension, else text).]:format:'
        '(-o --output)'{-o,--output}'[Write to this file.]:file:'
        '--scale[PNG pixels per module (2 to 40).]:scale:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_ticket_pdf() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':ticket-or-order:'
        '(-o --output)'{-o,--output}'[The PDF file (mode 0600); - for stdout.]:file:'
        '--paper[For a PDF\: a4 (default) or letter.]:paper:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_ticket_import() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':file:'
        '--event[The event\: id, slug, key or title.]:event:'
        '--tier[The tier for rows without a tier column.]:tier:'
        '--paid-by[comp (default) or cash.]:paid-by:'
        '--dry-run[Check every row and say what would be imported; change nothing.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_ticket_export() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--event[The event\: id, slug, key or title.]:event:'
        '--format[csv (default) or json (--json alone means json).]:format:'
        '(-o --output)'{-o,--output}'[Write to this file (mode 0600) instead of stdout.]:file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_voucher() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'create:Make a voucher, or many at once (--count).'
            'list:List an event'\''s vouchers with their uses.'
            'show:Show a voucher: its terms, uses and the orders that used it.'
            'delete:Delete a voucher no ticket was ever bought with; its kept places are free.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        create|list|show|delete)
            "_billetterie_voucher_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_billetterie_voucher_create() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--event[The event\: id, slug, key or title.]:event:'
        '--code[The code (3 to 40 of A-Z 0-9 - _, any case); default\: one drawn.]:code:'
        '--count[Draw this many codes, each with the same terms.]:count:'
        '*--tier[A tier it is for, by name or id (repeat for several; default\: every tier not hidden).]:tier:'
        '--discount[Off each ticket\: a percentage (10%) or an amount (5.00).]:discount:'
        '--price[Each ticket at this price instead.]:amount:'
        '--max-uses[How many tickets it may be used for (default 1).]:max-uses:'
        '--valid-until[When it stops working.]:time:'
        '--block[Keep this many places for its own sales (at most --max-uses).]:block:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_voucher_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--event[The event\: id, slug, key or title.]:event:'
        '--limit[Show at most this many (default 50).]:limit:'
        '--offset[Skip this many first (for paging).]:offset:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_voucher_show() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':code:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_voucher_delete() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':code:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_waitlist() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'join:Wait for places of a tier (anyone; no login needed).'
            'list:Show an event'\''s waiting list, first come first.'
            'leave:Take an entry off the waiting list (its offer, if any, ends).'
            'run:Offer free places to the waiting list now (notify run does it too).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        join|list|leave|run)
            "_billetterie_waitlist_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_billetterie_waitlist_join() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--event[The event\: id, slug, key or title.]:event:'
        '--tier[The tier\: its name or id.]:tier:'
        '--quantity[How many places (default 1).]:quantity:'
        '--email[Where the offer is sent.]:email:'
        '--name[The name to greet.]:name:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_waitlist_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--event[The event\: id, slug, key or title.]:event:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_waitlist_leave() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_waitlist_run() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--event[Only this event.]:event:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_pay() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'record:Record a payment on an order (the default: `pay ORDER ...`).'
            'list:List payments, succeeded and failed, oldest first.'
            'show:Show one payment.'
            'receipt:Print an order'\''s numbered receipt (text; -o FILE.html a web page, -o FILE.pdf a PDF).'
            'seller:The seller receipts name: the venue'\''s name, postal address and VAT number (admins).'
            'test-processor:Turn the test card processor (`--method test`) off for a real venue'\''s store, or on again (admins).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        record|list|show|receipt|seller|test-processor)
            "_billetterie_pay_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_billetterie_pay_record() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':order:'
        '--method[cash, card or test.]:method:'
        '--amount[How much (default\: what is due), a decimal\: 60, 25.50.]:amount:'
        '--reference[The card terminal'\''s transaction reference.]:text:'
        '--card[One of the test processor'\''s published test card numbers; a real card number goes on standard input (--card-stdin).]:number:'
        '--card-stdin[Read the card number from standard input (one line); asked without echo on a terminal when --card is left out.]'
        '--idempotency-key[Retrying with the same key returns the first result and never charges twice.]:key:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_pay_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--order[Only this order'\''s.]:order:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_pay_show() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':payment:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_pay_receipt() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':order:'
        '(-o --output)'{-o,--output}'[Write to this file\: HTML for .html, PDF for .pdf, else text.]:file:'
        '--paper[For a PDF\: a4 (default) or letter.]:paper:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_pay_seller() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--name[The venue'\''s (or company'\''s) name.]:name:'
        '--address[Its postal address, on one line.]:address:'
        '--vat-number[Its VAT number.]:number:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_pay_test-processor() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':on|off:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_refund() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'issue:Refund an order (the default: `refund ORDER ...`); never more than was paid.'
            'list:List refunds, oldest first; --owed: cash still to hand back, per buyer.'
            'hand-back:Record that a refund'\''s cash was given to its buyer.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        issue|list|hand-back)
            "_billetterie_refund_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_billetterie_refund_issue() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':order:'
        '--amount[How much (default\: the tickets'\'' price, or all that remains).]:amount:'
        '*--ticket[A ticket to void and refund; repeat for several.]:ticket:'
        '--reason[Why, for the buyer and the audit log.]:text:'
        '--idempotency-key[Retrying with the same key never refunds twice.]:key:'
        '--dry-run[Say what would be refunded and voided; change nothing.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_refund_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--order[Only this order'\''s.]:order:'
        '--owed[Only cash not yet handed back, per buyer.]'
        '--event[With --owed\: only this event'\''s (id, slug, key or title).]:event:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_refund_hand-back() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':refund:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_validate() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'check:Validate one code or reference, a stream of them (--stream), or undo an admission (--undo).'
            'pack:Write a gate pack (what an offline gate needs, signed, nothing secret), or a delta for one.'
            'exchange:Write a gate'\''s admissions to a file for another gate (gate to gate, no store, no network).'
            'merge:Bring gate packs'\'' scans into the store and report tickets admitted twice.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        check|pack|exchange|merge)
            "_billetterie_validate_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_billetterie_validate_check() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':code-or-reference:'
        '--event[Only admit tickets of this event (id, slug, key or title).]:event:'
        '--gate[This door'\''s name, recorded with each scan\: A, north, vip...]:gate:'
        '--stream[Read codes from standard input, one per line, answering each at once.]'
        '--undo[Undo this admission (a scan id), so the holder can come back in.]:scan:'
        '--pack[Work from this gate pack instead of the store (no login needed).]:file:'
        '--apply[With --pack\: apply this delta or exchange file to the pack.]:file:'
        '--list[The check-in list this door checks (default main; others need --event).]:name:'
        '--exit[An exit scan\: the ticket leaves (never refused for a valid ticket), and may come in again where the list allows.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_validate_pack() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--event[The event\: id, slug, key or title.]:event:'
        '(-o --output)'{-o,--output}'[The pack or delta file to write (must not exist).]:file:'
        '--unknown[A signed code the pack does not know (sold after it was made)\: accept it with a warning (default), or reject it.]:accept|reject:'
        '--update[Write a delta\: what changed since this pack was made.]:old-pack:'
        '--list[The check-in list the gate checks (default main)\: a pack is made per list.]:name:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_validate_exchange() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--pack[This gate'\''s pack.]:file:'
        '(-o --output)'{-o,--output}'[The exchange file to write (must not exist).]:file:'
        '--all[Every admission the gate knows, not only those since its last exchange.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_validate_merge() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '*:file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_notify() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'run:Write every pending message to the outbox; retry the failed ones.'
            'remind:Remind every holder of valid tickets for events starting soon; never twice.'
            'list:List messages: pending, sent, failed or withdrawn (with why).'
            'show:One message: to whom, about what, its status and its file.'
            'template:The Mustache templates of messages: list, show, set, reset.'
            'settings:Show or set who messages come from, their language, and whether tickets come as a PDF.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        run|remind|list|show|template|settings)
            "_billetterie_notify_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_billetterie_notify_run() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_notify_remind() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--within[Events starting within this long from now\: 90m, 24h, 3d.]:duration:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_notify_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--limit[Show at most this many (default 50).]:limit:'
        '--offset[Skip this many first (for paging).]:offset:'
        '--status[pending, sent, failed or withdrawn.]:status:'
        '--event[Only this event'\''s (id, slug, key or title).]:event:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_notify_show() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_notify_template() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:Every template, in each language, and whether the store changed it.'
            'show:Print a template as messages use it now (the store'\''s, else the built-in one).'
            'set:Use FILE as a template from now on (admins); checked before it is saved.'
            'reset:Go back to the built-in template (admins).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|show|set|reset)
            "_billetterie_notify_template_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_billetterie_notify_template_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_notify_template_show() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--locale[en or fr (default en).]:locale:'
        ':name:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_notify_template_set() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--locale[en or fr (default en).]:locale:'
        ':name:'
        ':file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_notify_template_reset() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--locale[en or fr (default en).]:locale:'
        ':name:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_notify_settings() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--sender[The From of every message\: "Name <address>".]:mailbox:'
        '--locale[en or fr\: the store'\''s language, or with --event that event'\''s.]:locale:'
        '--event[Set or show this event'\''s language (id, slug, key or title).]:event:'
        '--attach-pdf[on\: confirmations carry their tickets as a PDF; off (the default)\: QR images only.]:on|off:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_report() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'sales:Per event and tier: tickets sold, valid, used, void; money per payment method.'
            'checkins:Who is in: admitted of valid tickets, inside now, exits, by gate, and the rush per quarter hour.'
            'audit:The log of every change: who did what and when, newest last.'
            'door-list:The paper list for when the scanners fail: every valid or used ticket, by name.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        sales|checkins|audit|door-list)
            "_billetterie_report_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_billetterie_report_sales() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--format[table (default), csv or json (--json alone means json).]:format:'
        '(-o --output)'{-o,--output}'[Write to this file (mode 0600) instead of stdout; with --json, stdout gets a summary.]:file:'
        '--event[Only this event (id, slug, key or title).]:event:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_report_checkins() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--format[table (default), csv or json (--json alone means json).]:format:'
        '(-o --output)'{-o,--output}'[Write to this file (mode 0600) instead of stdout; with --json, stdout gets a summary.]:file:'
        '--event[The event (id, slug, key or title).]:event:'
        '--list[The check-in list (default main).]:name:'
        '--inside[List who is inside now instead of the totals.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_report_audit() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--format[table (default), csv or json (--json alone means json).]:format:'
        '(-o --output)'{-o,--output}'[Write to this file (mode 0600) instead of stdout; with --json, stdout gets a summary.]:file:'
        '--since[Only changes at or after this time.]:time:'
        '--event[Only what concerns this event (id, slug, key or title).]:event:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_report_door-list() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--event[The event\: id, slug, key or title.]:event:'
        '--format[table (default), csv, json (--json alone means json) or pdf.]:format:'
        '--paper[For a PDF\: a4 (default) or letter.]:paper:'
        '(-o --output)'{-o,--output}'[Write to this file (mode 0600) instead of stdout.]:file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_backup() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_doctor() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file, or a postgresql\://USER@HOST/DB server (password in ~/.pgpass). Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store\: $XDG_DATA_HOME/billetterie/outbox).]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _billetterie ]]; then
    _billetterie "${@}"
else
    compdef _billetterie billetterie
fi

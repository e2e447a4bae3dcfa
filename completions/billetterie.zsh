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
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        init|user|help)
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
        '--db[The store file. Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store.]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--venue-name[The venue'\''s name, shown on tickets and receipts.]:name:'
        '--currency[Default ISO 4217 currency for events.]:code:'
        '--timezone[Default IANA time zone for events (default\: this machine'\''s).]:zone:'
        '--admin-email[The first admin'\''s e-mail address; they log in with it.]:email:'
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
            'passwd:Change your password; your other sessions are logged out.'
            'mfa:Turn two-factor login (TOTP, RFC 6238) on or off.'
            'history:List an account'\''s purchases (one'\''s own, or anyone'\''s for admins).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        register|login|logout|whoami|list|show|role|passwd|mfa|history)
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
        '--db[The store file. Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store.]:dir:'
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
        '--db[The store file. Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store.]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--email[The account'\''s e-mail address.]:email:'
        '--password-stdin[Read the password from standard input (one line) instead of asking.]'
        '--totp[The 6-digit code from the authenticator app, when two-factor login is on.]:code:'
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
        '--db[The store file. Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store.]:dir:'
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
        '--db[The store file. Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store.]:dir:'
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
        '--db[The store file. Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store.]:dir:'
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
        '--db[The store file. Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store.]:dir:'
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
        '--db[The store file. Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store.]:dir:'
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
        '--db[The store file. Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store.]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--password-stdin[Read the current and the new password from standard input, one per line.]'
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
            'enable:Turn two-factor login on at once; shows the secret, its otpauth:// URI and QR.'
            'disable:Turn two-factor login off (yours with a current code; anyone'\''s as an admin).'
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
        '--db[The store file. Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store.]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_user_mfa_disable() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file. Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store.]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        '--totp[A current code from your authenticator app.]:code:'
        '--user[Someone else'\''s account (admins only).]:id-or-email:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_billetterie_user_history() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The store file. Default\: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.]:path:'
        '--outbox[Where messages and files are written. Default\: $BILLETTERIE_OUTBOX, else outbox/ beside the store.]:dir:'
        '--json[Print one JSON document on stdout (errors as JSON on stderr).]'
        ':id-or-email:'
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
